"""A class's runs: the list a teacher reads (`corridors class results`) and the exports
(`corridors class export --format csv|json`)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from game.model.plaintext import plain_text
from game.model.results import ClassSettings, ResultRecord
from game.present.words import number as fmt_number

EXPORT_FORMATS = ("csv", "json")
# The measures the list shows, as (measure id, column heading).
LIST_MEASURES = (
    ("final-east-killed", "killed east"),
    ("final-east-left", "left east"),
    ("final-east-present", "present east"),
)


def one_line(text: str | None) -> str:
    """Text from the store shown in a terminal: plain, on one line."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in plain_text(text or "")).split())


def status(r: ResultRecord) -> str:
    if r.finished:
        return "finished"
    if r.weeks_played == 0:
        return "stopped before week 1"
    return f"stopped after week {r.weeks_played} of {r.weeks}"


def settings_line(s: ClassSettings) -> str:
    return (
        f"Class {s.code}: scenario {s.scenario}, seed {s.seed}, roles {', '.join(s.roles)},"
        f" content {s.content}, length {s.length}, other roles played by the {s.policy} policy;"
        f" made {s.created_at:%Y-%m-%d %H:%M} UTC."
    )


def results_lines(s: ClassSettings, records: list[ResultRecord]) -> list[str]:
    """The class's runs as a table, for a terminal."""
    lines = [settings_line(s)]
    if not records:
        lines.append(
            f"No results yet. Students join with: corridors play --class {s.code} --name NAME"
        )
        return lines
    done = sum(1 for r in records if r.finished)
    lines.append(
        f"{len(records)} game{'s' if len(records) != 1 else ''}, {done} finished."
        " Figures are simulated by the game's model (not the record)."
    )
    lines.append("")
    rows = [["#", "player", "roles", "status", *(h for _, h in LIST_MEASURES), "written (UTC)"]]
    for i, r in enumerate(records, 1):
        rows.append(
            [
                str(i),
                one_line(r.player) or "(no name)",
                ", ".join(r.roles),
                status(r),
                *(_shown(r, mid) for mid, _ in LIST_MEASURES),
                f"{r.written_at:%Y-%m-%d %H:%M}",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {0, 4, 5, 6}
    for row in rows:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _shown(r: ResultRecord, mid: str) -> str:
    v = r.measure(mid)
    return "-" if v is None else fmt_number(round(v))


def _value(r: ResultRecord, mid: str) -> float | str:
    v = r.measure(mid)
    return "" if v is None else round(v, 3)


def _cell(value: Any) -> Any:
    """A spreadsheet cell: text that a spreadsheet would read as a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(s: ClassSettings, records: list[ResultRecord]) -> str:
    """One row per game: who, the settings, how far it went, who decided, every summary
    measure (simulated) in its own column, and a column for each dilemma put to the
    class's players: the option the game ended with, marked "(default)" where nobody
    answered it (so a spreadsheet's filter or pivot table gives the class's split)."""
    measure_ids: list[str] = []
    dilemma_ids: list[str] = []
    for r in records:
        for m in r.summary:
            if m.id not in measure_ids:
                measure_ids.append(m.id)
        for d in r.decisions:
            if d.dilemma and d.by != "computer" and d.dilemma not in dilemma_ids:
                dilemma_ids.append(d.dilemma)
    head = [
        "class", "game", "player", "roles", "scenario", "seed", "content", "length",
        "finished", "weeks_played", "weeks", "written_at",
        "decisions_player", "decisions_computer", "decisions_default", *measure_ids,
        *(f"dilemma:{did}" for did in dilemma_ids),
    ]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(head)
    for r in records:
        by = Counter(d.by for d in r.decisions)
        w.writerow(
            [
                _cell(x)
                for x in (
                    s.code, r.game, r.player or "", " ".join(r.roles), r.scenario, r.seed,
                    r.content, r.length, "yes" if r.finished else "no", r.weeks_played,
                    r.weeks, r.written_at.isoformat(),
                    by["player"], by["computer"], by["default"],
                    *(_value(r, mid) for mid in measure_ids),
                    *(_answer(r, did) for did in dilemma_ids),
                )
            ]
        )
    return out.getvalue()


def _answer(r: ResultRecord, dilemma: str) -> str:
    """The option a game ended with on a dilemma ("" if it was never put)."""
    for d in reversed(r.decisions):
        if d.dilemma == dilemma and d.by != "computer" and d.option:
            return f"{d.option} (default)" if d.by == "default" else d.option
    return ""


def export_json(s: ClassSettings, records: list[ResultRecord]) -> str:
    """The class's settings and every result record, whole."""
    doc = {
        "format": "corridors-class-results",
        "version": 1,
        "class": s.model_dump(mode="json"),
        "results": [r.model_dump(mode="json") for r in records],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def export(s: ClassSettings, records: list[ResultRecord], fmt: str) -> str:
    return export_csv(s, records) if fmt == "csv" else export_json(s, records)

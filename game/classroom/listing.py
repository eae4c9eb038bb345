"""A class's runs as the exports give them (`corridors class export --format csv|json`);
the list a teacher reads (`corridors class results`) is worded in game.present.classlist."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from game.session import ClassSettings, ResultRecord

EXPORT_FORMATS = ("csv", "json")
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

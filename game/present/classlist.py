"""A class's runs in words: the list a teacher reads (`corridors class results`), with
the class's settings, each game's player, roles, status and measures (simulated), and
the one-line form of text from the store."""

from __future__ import annotations

from game.model.plaintext import plain_text
from game.model.results import ClassSettings, ResultRecord
from game.present.words import number as fmt_number
from game.present.words import progress, stopped_after
from game.session import Scenario, lesson_turns

# The measures the list shows, as (measure id, column heading).
LIST_MEASURES = (
    ("final-east-killed", "killed east"),
    ("final-east-left", "left east"),
    ("final-east-present", "present east"),
)


def one_line(text: str | None) -> str:
    """Text from the store shown in a terminal: plain, on one line."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in plain_text(text or "")).split())


def status(r: ResultRecord, sc: Scenario | None = None) -> str:
    """A run's status: finished, or where it stopped (a lesson game in the turns of the
    scenario's lesson calendar, when `sc` is given, else in weeks)."""
    if r.finished:
        return "finished"
    return stopped_after(*progress(lesson_turns(sc, r.length, r.weeks_played, r.weeks), r.weeks_played, r.weeks))


def settings_line(s: ClassSettings) -> str:
    return (
        f"Class {s.code}: scenario {s.scenario}, seed {s.seed}, roles {', '.join(s.roles)},"
        f" content {s.content}, length {s.length}, other roles played by the {s.policy} policy;"
        f" made {s.created_at:%Y-%m-%d %H:%M} UTC."
    )


def results_lines(s: ClassSettings, records: list[ResultRecord], sc: Scenario | None = None) -> list[str]:
    """The class's runs as a table, for a terminal (`sc`, the class's scenario, counts a
    lesson game's turns)."""
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
                status(r, sc),
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

"""The class report for a spreadsheet (`corridors class report CODE --format csv`): a
table of the class's games, then a table of how the class split on each dilemma."""

from __future__ import annotations

import csv
import io

from game.present.classview import ClassView, GameView, _p


def report_csv(v: ClassView) -> str:
    """For a spreadsheet: one row per game (every summary measure, simulated, and the
    answer it ended with to each dilemma, marked where the default applied), the
    record's range and the historical policy's spread; then, after an empty row, how
    the class split on each dilemma (games per answer, and games left to the default)."""
    ids = [m.id for m in v.measures]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["row", "status", "weeks_played", *ids, *(_cell(f"dilemma: {sp.title}") for sp in v.splits)])
    for g in v.games:
        w.writerow(
            [
                _cell(g.label), "finished" if g.finished else "stopped", g.weeks_played,
                *(round(g.values[m], 3) if m in g.values else "" for m in ids),
                *(_cell(_answer(g, sp.dilemma)) for sp in v.splits),
            ]
        )
    by = {m.id: m for m in v.measures}
    w.writerow(["record: low", "", "", *(by[m].band[0] if by[m].band else "" for m in ids)])  # type: ignore[index]
    w.writerow(["record: high", "", "", *(by[m].band[1] if by[m].band else "" for m in ids)])  # type: ignore[index]
    for q, name in ((0.1, "historical: 10th percentile"), (0.5, "historical: median"), (0.9, "historical: 90th percentile")):
        w.writerow([name, "", "", *(round(_p(by[m].historical, q), 3) if by[m].historical else "" for m in ids)])
    if v.splits:
        w.writerow([])
        w.writerow(["How the class split on each dilemma"])
        w.writerow(["dilemma", "role", "answer", "games", "share of the games it was put to"])
        for sp in v.splits:
            total = sum(n for _, n in sp.options) + sp.defaulted
            answers = [*sp.options, *([(SPLIT_DEFAULT, sp.defaulted)] if sp.defaulted else [])]
            for label, n in answers:
                w.writerow([_cell(sp.title), _cell(sp.role), _cell(label), n, round(n / total, 3) if total else ""])
    return out.getvalue()


SPLIT_DEFAULT = "left to the default"


def _answer(g: GameView, dilemma: str) -> str:
    label = g.options.get(dilemma, "")
    return f"{label} ({SPLIT_DEFAULT})" if label and dilemma in g.defaulted else label


def _cell(value: str) -> str:
    """A spreadsheet cell: text that a spreadsheet would read as a formula is quoted."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

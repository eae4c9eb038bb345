"""A lesson turn's report: the reports of the weeks it covers, joined into one.

The engine steps a week at a time; a lesson turn covers several weeks (see
`SessionBase.span`). Its report has the dates and phase of its first week, the ledger
before its first week and after its last, every week's actions, answers and outcomes in
order, and each cause once, its amounts added over the weeks. Nothing here is worded: the
presentation layer words the joined report as it words a week's. And a scenario cut to
the weeks played (`cut_to`), on which a game ended early is debriefed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from game.engine.core import WeekReport
from game.model.record import RecordMeasure
from game.model.scenario import Scenario

# A cause's figures that say how things stood (a share, a level) rather than how many:
# the joined cause keeps the last week's value of these, and adds up the others.
LEVEL_FIGURES = frozenset({"share", "luck", "treated_share", "hospitals", "food_days", "water", "ration"})


def span_report(reports: Sequence[WeekReport]) -> WeekReport:
    """The weeks' reports (in order, at least one) as one report of their span."""
    if not reports:
        raise ValueError("a span has at least one week")
    first, last = reports[0], reports[-1]
    if len(reports) == 1:
        return first
    merged = dataclasses.replace(first, before=first.before, after=last.after)
    for f in dataclasses.fields(WeekReport):
        name = f.name
        value = getattr(first, name)
        if name == "causes":
            merged.causes = join_causes([c for r in reports for c in r.causes])
        elif name == "opened":
            # The events that opened the next turn; the ones that opened a week inside
            # the span are in `news_during`.
            merged.opened = list(last.opened)
        elif isinstance(value, list):
            setattr(merged, name, [x for r in reports for x in getattr(r, name)])
        elif isinstance(value, dict) and name not in ("before", "after"):
            joined: dict[Any, Any] = {}
            for r in reports:
                for k, v in getattr(r, name).items():
                    if isinstance(v, list) and isinstance(joined.get(k), list):
                        joined[k] = [*joined[k], *v]
                    else:
                        joined[k] = v
            setattr(merged, name, joined)
    return merged


def news_during(reports: Sequence[WeekReport]) -> list[str]:
    """The events that opened the weeks inside a span (after its first), in order."""
    return [eid for r in reports[:-1] for eid in r.opened]


def join_causes(causes: Sequence[Any]) -> list[Any]:
    """Each cause once (by measure, kind, what set it off and which mechanism), its
    amount and its counted figures added up over the weeks; largest first."""
    out: dict[tuple[Any, ...], Any] = {}
    for c in causes:
        key = (c.measure, c.kind, c.ref, getattr(c, "what", None), getattr(c, "text", None))
        had = out.get(key)
        if had is None:
            out[key] = dataclasses.replace(c)
            continue
        had.amount += c.amount
        figures = getattr(c, "figures", None)
        if isinstance(figures, dict):
            joined = dict(had.figures)
            for k, v in figures.items():
                joined[k] = v if k in LEVEL_FIGURES else joined.get(k, 0.0) + v
            had.figures = joined
            had.credit = list(dict.fromkeys([*had.credit, *c.credit]))[-3:]
    return sorted(out.values(), key=lambda x: -abs(x.amount))


def cut_to(sc: Scenario, weeks: int) -> Scenario:
    """The scenario's first `weeks` weeks: its calendar, lesson turns and record marks
    cut to them (a game ended early is debriefed on it)."""
    end = sc.start + dt.timedelta(days=7 * weeks - 1)

    def inside(m: RecordMeasure) -> bool:
        last = m.week if m.kind == "at" else m.end
        return last is not None and last <= end

    return sc.model_copy(
        update={
            "weeks": weeks,
            "record": [m for m in sc.record if inside(m)],
            "lesson": [t for t in sc.lesson if t.end <= end],
        }
    )

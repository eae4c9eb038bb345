"""The charts of the ledger week by week against the record, and of a game among the
alternative histories, as `Chart` blocks (drawn as SVG by `game.present.svg`).

One chart per measure and zone, each on its own axis: the east's people (about 290,000)
and the west's (1.2 million) never share one. The x axis is the ledger as each week
began, a point a week, from the start to the week after the last one played. The
record's figures are placed in their weeks: a figure of one week as a range at that
week; a change over weeks (the killed from 19 September to 12 November) as a range above
where the line stood when the weeks began, so the line can be read against it.

Pure functions of plain data (ledger entries as the session keeps them, the session's
record marks), for one game (the debrief) or every game of a class (the class report).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.present.doc import Chart, Mark, Series
from game.present.words import MONTHS, number
from game.session import AltMeasure, Distribution, RecordMark

ZONE_WORDS = {"east": "the east", "west": "the west", "total": "the whole city", "kurdish": "Sheikh Maqsoud"}
METRIC_WORDS = {
    "present": "People in {zone}",
    "killed": "Civilians killed in {zone}, since the start",
    "injured": "Civilians injured in {zone}, since the start",
    "left": "People who left {zone}, since the start",
    "food_days": "Days of food in {zone}",
    "hospitals": "Hospitals working in {zone}",
}


@dataclass(frozen=True, slots=True)
class Panel:
    """What one chart shows: a ledger figure of a zone (or a route's departures, or a
    role's ledger line)."""

    zone: str
    metric: str
    route: str | None = None
    line: str | None = None

    @property
    def id(self) -> str:
        return "week:" + "-".join(p for p in (self.zone, self.metric, self.route or "", self.line or "") if p)


# The charts every debrief has, in order; the record's other figures add their own.
PANELS = (
    Panel("east", "present"),
    Panel("east", "killed"),
    Panel("west", "killed"),
    Panel("east", "injured"),
    Panel("east", "food_days"),
    Panel("east", "hospitals"),
    Panel("east", "left"),
)
# The few a one-page summary shows.
SUMMARY_PANELS = (Panel("east", "killed"), Panel("west", "killed"), Panel("east", "food_days"))


def value_of(entry: Mapping[str, Any], p: Panel) -> float:
    """One ledger entry's figure for a panel (as the engine's record measures read it)."""
    if p.line is not None:
        return float(entry.get("lines", {}).get(p.line, 0.0) or 0.0)
    if p.metric == "left" and p.route:
        return float(entry.get("left_by_route", {}).get(p.route, 0) or 0.0)
    return float(entry.get(p.zone, {}).get(p.metric, 0.0) or 0.0)


def panel_of(m: RecordMark) -> Panel:
    if m.line is not None:
        return Panel(m.zone, "line", line=m.line)
    return Panel(m.zone, m.metric, route=m.route if m.metric == "left" else None)


def panels_for(marks: Sequence[RecordMark], base: Sequence[Panel] = PANELS) -> list[Panel]:
    """The base panels, then one for each figure of the record that none of them shows."""
    out = list(base)
    for m in marks:
        p = panel_of(m)
        if p not in out:
            out.append(p)
    return out


def short_day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1][:3]}"


def point_labels(start: dt.date | None, n: int) -> tuple[str, ...]:
    """The x axis: the day each week began (point 0 is the start)."""
    if start is None:
        return tuple("start" if k == 0 else f"week {k}" for k in range(n))
    return tuple(short_day(start + dt.timedelta(days=7 * k)) for k in range(n))


X_TITLE = "the ledger as each week began (a tick a week; simulated)"


@dataclass(frozen=True, slots=True)
class ChartNames:
    """The scenario's names the charts' titles need."""

    routes: Mapping[str, str]
    lines: Mapping[str, str]

    def title(self, p: Panel) -> str:
        zone = ZONE_WORDS.get(p.zone, p.zone)
        if p.line is not None:
            return self.lines.get(p.line, p.line)
        if p.route:
            return f"People who left {zone} by {self.routes.get(p.route, p.route)}, since the start"
        return METRIC_WORDS.get(p.metric, p.metric + " in {zone}").format(zone=zone)


def _median_line(lines: Sequence[Sequence[float]]) -> tuple[float, ...]:
    n = max((len(v) for v in lines), default=0)
    out = []
    for k in range(n):
        at = [v[k] for v in lines if len(v) > k]
        out.append(float(statistics.median(at)))
    return tuple(out)


def ledger_charts(
    histories: Sequence[Sequence[Mapping[str, Any]]],
    labels: Sequence[str],
    marks: Sequence[RecordMark],
    start: dt.date | None,
    names: ChartNames,
    *,
    panels: Sequence[Panel] | None = None,
    class_median: bool = False,
) -> tuple[Chart, ...]:
    """One chart per panel: each game's line (one game: drawn as "main"; several: faint,
    with the class's median drawn dashed when `class_median`), and the record's figures
    that fall in the weeks played."""
    chosen = list(panels) if panels is not None else panels_for(marks)
    n = max((len(h) for h in histories), default=0)
    single = len(histories) == 1
    out: list[Chart] = []
    for p in chosen:
        lines = [tuple(value_of(e, p) for e in h) for h in histories]
        series = [
            Series(label, v, emphasis="main" if single else "faint")
            for label, v in zip(labels, lines, strict=True)
            if v
        ]
        median = _median_line([v for v in lines if v]) if lines else ()
        if class_median and len(series) > 1:
            series.append(Series("the class's median", median, emphasis="median"))
        chart_marks: list[Mark] = []
        words: list[str] = []
        for m in marks:
            if panel_of(m) != p or m.week >= n:
                continue
            if m.since is not None:
                base = median[m.since] if m.since < len(median) else 0.0
                lo, hi = base + m.band[0], base + m.band[1]
                chart_marks.append(Mark(m.week, lo, hi, f"{m.label}: {m.record}", x0=m.since, base=base))
                words.append(
                    f"The record, {m.label}: {m.record} (a rise of {number(m.band[0])} to"
                    f" {number(m.band[1])} over those weeks)."
                )
            else:
                chart_marks.append(Mark(m.week, m.band[0], m.band[1], f"{m.label}: {m.record}"))
                words.append(f"The record, {m.label}: {m.record} ({number(m.band[0])} to {number(m.band[1])}).")
        if not series:
            continue
        title = names.title(p)
        if single:
            v = series[0].values
            said = f"{title}: {number(v[0], 1)} at the start, {number(v[-1], 1)} at the end (simulated)."
        else:
            said = (
                f"{title}, {len(series) - (1 if class_median else 0)} games: the class's median"
                f" {number(median[-1], 1)} at the end (simulated)."
            )
        out.append(
            Chart(
                title,
                tuple(series),
                kind="lines",
                id=p.id,
                x=point_labels(start, n),
                x_title=X_TITLE,
                marks=tuple(chart_marks),
                caption=" ".join([said, *words]),
                faint_label="each game of the class" if not single else "",
            )
        )
    return tuple(out)


def spread_series(m: AltMeasure, band: tuple[float, float] | None, dist: Distribution | None = None) -> Series:
    """One measure among the historical policy's games (or `dist`), for a "spread" chart."""
    d = dist or m.historical
    return Series(
        m.label,
        (m.value, d.p10, d.median, d.p90),
        counts=d.counts,
        span=d.span if d.counts else None,
        band=band,
    )

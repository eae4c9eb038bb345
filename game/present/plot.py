"""What the full-screen game's charts show (drawn in the terminal by game.ui.screens.charts):
one measure of the ledger week by week, a panel per zone, each on its own axis, so the
east (about 290,000 people) and the west (1.2 million) never share one. Every title,
tick and note is made here; the screen only draws.

The x axis is whole weeks (0 = the start); the y axis starts at 0, with ticks at round
whole numbers in words ("1.2 million"), and a row of zeros gets an axis from 0 to 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.present.words import count, number
from game.session import Alternatives, RecordMark

# metric: (title, the zones it is shown for)
METRICS: dict[str, tuple[str, tuple[str, ...]]] = {
    "killed": ("Civilians killed since the start", ("east", "west")),
    "injured": ("Civilians injured since the start", ("east", "west")),
    "left": ("People who left since the start", ("east", "west")),
    "present": ("People present", ("east", "west")),
    "food_days": ("Days of food in the east", ("east",)),
    "hospitals": ("Hospitals working", ("east", "west")),
}
ZONES = {"east": "East (besieged)", "west": "West (government-held)"}
# Each chart's name on its key (the full-screen charts).
SHORT_NAMES = {
    "killed": "Killed",
    "injured": "Injured",
    "left": "Left",
    "present": "Present",
    "food_days": "Food",
    "hospitals": "Hospitals",
}


def chart_command(metric: str, key: str) -> tuple[str, str]:
    """A chart's entry in the command palette: its name, and what it shows."""
    title = METRICS[metric][0]
    return f"Chart: {title}", f"Show {title.lower()} ({key})"


@dataclass(frozen=True, slots=True)
class Line:
    """Points to draw: `kind` "line" (this game, week by week), "record" (the record's
    range in a week), "spread" (other luck's 10th to 90th percentile at the end)."""

    label: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    kind: str = "line"


@dataclass(frozen=True, slots=True)
class Panel:
    title: str
    lines: tuple[Line, ...]
    x_ticks: tuple[tuple[int, str], ...]  # every whole week, from 0
    x_max: float
    y_ticks: tuple[tuple[float, str], ...]
    y_max: float
    x_title: str = "week (0 = start)"


@dataclass(frozen=True, slots=True)
class Plot:
    title: str
    panels: tuple[Panel, ...]
    note: str


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten, at least 1) for about `ticks` ticks
    from 0 to `top`."""
    raw = max(top / ticks, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def y_axis(values: Sequence[float]) -> tuple[tuple[tuple[float, str], ...], float]:
    """Ticks from 0 to just above the largest value, in words, and the axis's top (1 for
    a row of zeros)."""
    top = max([0.0, *values])
    if top <= 0:
        return ((0.0, "0"), (1.0, "1")), 1.0
    step = nice_step(top, 5)
    high = top * 1.05
    ticks = tuple((k * step, count(k * step)) for k in range(math.floor(high / step) + 1))
    return ticks, high


def zone_panel(
    zone: str,
    metric: str,
    history: Sequence[Mapping[str, Any]],
    weeks: int,
    marks: Sequence[RecordMark],
    alternatives: Alternatives | None,
) -> tuple[Panel, list[str]]:
    xs = tuple(float(k) for k in range(len(history)))
    ys = tuple(float(h[zone][metric] or 0) for h in history)
    lines = [Line(f"{zone} (simulated)", xs, ys)]
    notes: list[str] = []
    for m in marks:
        if m.metric == metric and m.zone == zone:
            lines.append(Line(f"record ({zone})", (m.week, m.week), m.band, "record"))
            notes.append(f"{zone}: x = the record's range in week {m.week}: {m.label} ({m.record}).")
    end = len(history) - 1
    if alternatives is not None:
        for alt in alternatives.measures:
            if alt.zone != zone or alt.metric != metric:
                continue
            for dist, x, kind in ((alt.historical, end + 0.3, "historical"), (alt.same_decisions, end + 0.6, "your decisions")):
                lines.append(Line(f"{kind}, other luck", (x, x), (dist.p10, dist.p90), "spread"))
                notes.append(
                    f"{zone}: + at the end = {kind} with other luck, 10th to 90th percentile"
                    f" {number(dist.p10, 0)} to {number(dist.p90, 0)}, median {number(dist.median, 0)}"
                    f" (simulated); this game {number(alt.value, 0)}."
                )
    y_ticks, y_max = y_axis([y for ln in lines for y in ln.ys])
    x_max = max(weeks, 1) + (1 if alternatives is not None else 0)
    x_ticks = tuple((k, str(k)) for k in range(max(weeks, 1) + 1))
    return Panel(ZONES.get(zone, zone), tuple(lines), x_ticks, float(x_max), y_ticks, y_max), notes


def ledger_plot(
    history: Sequence[Mapping[str, Any]],
    weeks: int,
    marks: Sequence[RecordMark],
    metric: str,
    alternatives: Alternatives | None = None,
) -> Plot:
    """The chart of one ledger measure (`METRICS`): a panel per zone, simulated, with the
    record's figures marked in their weeks and, once played, other luck at the end."""
    title, zones = METRICS[metric]
    panels, notes = [], []
    for zone in zones:
        panel, said = zone_panel(zone, metric, history, weeks, marks, alternatives)
        panels.append(panel)
        notes += said
    key = ["the line: this game (simulated)"]
    kinds = {ln.kind for p in panels for ln in p.lines}
    if "record" in kinds:
        key.append("x: the record's range")
    if "spread" in kinds:
        key.append("+: other luck, 10th to 90th percentile")
    notes.insert(0, "; ".join(key) + ". Each zone has its own scale.")
    if "record" not in kinds:
        notes.append("The record has no figure for this measure in a single week.")
    return Plot(f"{title}, week by week", tuple(panels), "\n".join(notes))

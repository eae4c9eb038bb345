"""The weekly profile against the record, as an SVG chart (`corridors calibrate --profile`).

Two panels, people killed and people injured each week, over the scenario's weeks: the
median of the games (a line) and their 10th to 90th percentile (a shaded band), for the
east, the west and, for the killed, the whole city. Over them, the record: each band of
the record that covers a period (kind "during") as its range spread evenly over its weeks
(a hatched box, labelled), and each dated statement of intensity in the scenario
(`intensity`) as a dotted line at its first day. Every model figure is simulated, and the
chart says so. Meaning is never carried by colour alone: each series has its own dash.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any
from xml.sax.saxutils import escape

from game.model.scenario import Scenario
from game.present.words import number as fmt_number

WIDTH, PANEL_H, TOP, LEFT, RIGHT, GAP = 1000, 250, 140, 70, 20, 70
NOTE_CHARS = 165  # a line of the notes under the chart (10-point type)

# zone -> (label, colour, band colour, dash pattern)
SERIES: dict[str, tuple[str, str, str, str]] = {
    "east": ("east (simulated)", "#8b1a1a", "#e8b4b4", ""),
    "west": ("west (simulated)", "#1f4e8c", "#b4c8e8", "6 3"),
    "total": ("whole city (simulated)", "#555555", "", "2 3"),
}
PANELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("killed", "Civilians killed each week", ("east", "west", "total")),
    ("injured", "Civilians injured each week", ("east", "west")),
)


def _nice(top: float) -> tuple[float, float]:
    """A round axis maximum at or above `top`, and its tick step."""
    top = max(top, 1.0)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step * (int(top / step) + 1), float(step)
    return top, top / 5


def profile_svg(sc: Scenario, profile: list[dict[str, Any]], runs: int, seed: int) -> str:
    """The chart of `profile` (`batch.weekly_profile` of `runs` games from `seed`)."""
    n = len(profile)
    plot_w = WIDTH - LEFT - RIGHT
    step_x = plot_w / n
    notes = [box for metric, _, _ in PANELS for box in _record_boxes(sc, metric, n)]
    note_lines = sum(len(textwrap.wrap(f"[00] ({b[2]}; band 000 to 000 a week over 0 weeks) {b[5]}", NOTE_CHARS)) for b in notes)
    height = TOP + len(PANELS) * (PANEL_H + GAP) + 14 * note_lines + 20
    out: list[str] = []
    add = out.append
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">'
    )
    add(
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#2a7a2a" stroke-width="1.5"/></pattern></defs>'
    )
    add('<rect width="100%" height="100%" fill="white"/>')
    title = f"{sc.title}: the week-by-week profile against the record"
    add(f'<text x="{LEFT}" y="22" font-size="16" font-weight="bold">{escape(title)}</text>')
    add(
        f'<text x="{LEFT}" y="40">Simulated: median (line) and 10th to 90th percentile (shaded) of {fmt_number(runs)} '
        f"games under the historical policy, seeds {seed} to {seed + runs - 1}.</text>"
    )
    add(
        f'<text x="{LEFT}" y="56">Hatched boxes: the record\'s bands for a period, spread evenly over its weeks '
        "(the record gives totals, not weeks; numbered below).</text>"
    )
    add(
        f'<text x="{LEFT}" y="72">Dotted lines: the record\'s dated statements of intensity (the scenario\'s '
        "intensity entries), at their first day: they give the weeks their shape.</text>"
    )

    def x_of_day(day: dt.date) -> float:
        return LEFT + (day - sc.start).days / 7.0 * step_x

    # Legend
    lx = LEFT
    for zone in ("east", "west", "total"):
        label, colour, _, dash = SERIES[zone]
        add(
            f'<line x1="{lx}" y1="94" x2="{lx + 30}" y2="94" stroke="{colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        add(f'<text x="{lx + 36}" y="98">{escape(label)}</text>')
        lx += 210
    add(f'<rect x="{lx}" y="86" width="30" height="14" fill="url(#hatch)" stroke="#2a7a2a"/>')
    add(f'<text x="{lx + 36}" y="98">the record (per week)</text>')

    for p_index, (metric, heading, zones) in enumerate(PANELS):
        y0 = TOP + p_index * (PANEL_H + GAP)
        y1 = y0 + PANEL_H
        boxes = [b for b in notes if b[6] == metric]
        top = max([row[z][metric]["p90"] for row in profile for z in zones] + [box[4] for box in boxes] + [1.0])
        ymax, ystep = _nice(top)

        def y_of(v: float, y1: float = y1, ymax: float = ymax) -> float:
            return y1 - v / ymax * PANEL_H

        add(f'<text x="{LEFT}" y="{y0 - 8}" font-size="14" font-weight="bold">{escape(heading)}</text>')
        tick = 0.0
        while tick <= ymax + 1e-9:
            y = y_of(tick)
            add(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dddddd"/>')
            add(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt_number(round(tick))}</text>')
            tick += ystep
        for a, b, zone, lo, hi, label, _ in boxes:
            xa, xb = LEFT + a * step_x, LEFT + (b + 1) * step_x
            add(
                f'<rect x="{xa:.1f}" y="{y_of(hi):.1f}" width="{xb - xa:.1f}" height="{max(1.0, y_of(lo) - y_of(hi)):.1f}" '
                f'fill="url(#hatch)" fill-opacity="0.6" stroke="#2a7a2a"><title>{escape(label)}</title></rect>'
            )
            add(
                f'<text x="{xa + 3:.1f}" y="{y_of(hi) - 4:.1f}" font-size="11" font-weight="bold" fill="#1d5a1d">'
                f"[{notes.index((a, b, zone, lo, hi, label, metric)) + 1}]</text>"
            )
        for zone in zones:
            _, colour, band, dash = SERIES[zone]
            xs = [LEFT + (k + 0.5) * step_x for k in range(n)]
            if band:
                upper = " ".join(f"{x:.1f},{y_of(row[zone][metric]['p90']):.1f}" for x, row in zip(xs, profile, strict=True))
                lower = " ".join(
                    f"{x:.1f},{y_of(row[zone][metric]['p10']):.1f}"
                    for x, row in reversed(list(zip(xs, profile, strict=True)))
                )
                add(f'<polygon points="{upper} {lower}" fill="{band}" fill-opacity="0.55" stroke="none"/>')
            line = " ".join(f"{x:.1f},{y_of(row[zone][metric]['median']):.1f}" for x, row in zip(xs, profile, strict=True))
            add(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.5"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
        for k, it in enumerate(sc.intensity):
            x = x_of_day(it.start)
            add(f'<line x1="{x:.1f}" y1="{y0:.1f}" x2="{x:.1f}" y2="{y1:.1f}" stroke="#444444" stroke-dasharray="1 3"/>')
            if p_index == 0:
                ly = y0 + 12 + (k % 3) * 12
                add(f'<text x="{x + 3:.1f}" y="{ly:.1f}" font-size="10" fill="#333333">{escape(it.label)}</text>')
        add(f'<line x1="{LEFT}" y1="{y1}" x2="{WIDTH - RIGHT}" y2="{y1}" stroke="#333333"/>')
        add(f'<line x1="{LEFT}" y1="{y0}" x2="{LEFT}" y2="{y1}" stroke="#333333"/>')
        for k, row in enumerate(profile):
            if k % 2 == 0:
                x = LEFT + (k + 0.5) * step_x
                day = dt.date.fromisoformat(row["date"])
                add(f'<text x="{x:.1f}" y="{y1 + 16}" text-anchor="middle" font-size="10">{day.day} {day:%b}</text>')
    y = TOP + len(PANELS) * (PANEL_H + GAP) - 20
    for k, (a, b, zone, lo, hi, label, _) in enumerate(notes):
        per = f"{fmt_number(round(lo))} to {fmt_number(round(hi))} a week over {b - a + 1} week{'s' if b > a else ''}"
        for j, part in enumerate(textwrap.wrap(f"[{k + 1}] ({zone}; band {per}) {label}", NOTE_CHARS)):
            add(f'<text x="{LEFT + (12 if j else 0)}" y="{y}" font-size="10">{escape(part)}</text>')
            y += 14
    add(
        f'<text x="{LEFT}" y="{height - 12}" font-size="10">Drawn by: corridors calibrate --runs {runs} --seed {seed} '
        f"--profile FILE. Weeks start on the date shown.</text>"
    )
    add("</svg>")
    return "\n".join(out) + "\n"


def _record_boxes(sc: Scenario, metric: str, n: int) -> list[tuple[int, int, str, float, float, str, str]]:
    """The record's bands over periods for `metric`: (first week, last week, zone, band's
    low and high end per week, label with the record, metric)."""
    out: list[tuple[int, int, str, float, float, str, str]] = []
    for m in sc.record:
        if m.kind != "during" or m.metric != metric or m.start is None or m.end is None or m.route is not None:
            continue
        a, b = sc.week_of(m.start), min(sc.week_of(m.end), n - 1)
        weeks = b - a + 1
        out.append((a, b, m.zone, m.band[0] / weeks, m.band[1] / weeks, f"{m.label}: {m.record}", metric))
    return out


def profile_markdown(sc: Scenario, profile: list[dict[str, Any]], runs: int, seed: int) -> str:
    """The same profile as a table (for a screen reader, or the docs): each week's
    median and 10th to 90th percentile of the killed and injured in the east and the
    killed in the west, with the record's dated statements that fall in that week."""
    lines = [
        f"Simulated: {fmt_number(runs)} games under the historical policy, seeds {seed} to {seed + runs - 1};"
        " median (10th to 90th percentile) of each week.",
        "",
        "| week | phase | killed in the east | injured in the east | killed in the west | the record that week |",
        "|---|---|---|---|---|---|",
    ]
    phases = {p.id: p.name for p in sc.phases}

    def q(row: dict[str, Any], zone: str, metric: str) -> str:
        v = row[zone][metric]
        return f"{fmt_number(round(v['median']))} ({fmt_number(round(v['p10']))} to {fmt_number(round(v['p90']))})"

    for k, row in enumerate(profile):
        start = sc.week_start(k)
        end = start + dt.timedelta(days=6)
        marks = [it.label for it in sc.intensity if start <= it.start <= end]
        day = dt.date.fromisoformat(row["date"])
        lines.append(
            f"| {day.day} {day:%b} | {phases.get(row['phase'], row['phase'])} | {q(row, 'east', 'killed')} | "
            f"{q(row, 'east', 'injured')} | {q(row, 'west', 'killed')} | {'; '.join(marks)} |"
        )
    return "\n".join(lines) + "\n"

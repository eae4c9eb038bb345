"""Charts as inline SVG, drawn by the game's own code: no script, no font, nothing from
the network, so an HTML page that holds them is one self-contained file that prints.

Two kinds, each a pure function of a `Chart` block (`svg(chart) -> str`):

- "lines": one measure week by week, one line per series (this game; or each game of a
  class, with the class's median), on its own axis, with the record's ranges as marks
  where the record has one. The x axis has whole weeks; a count's y axis starts at 0,
  and a row of zeros gets an axis from 0, never one from -1 to 1.
- "spread": one row per measure, each on its own axis: the alternative histories (a
  histogram where the counts are known, their 10th to 90th percentile and median), this
  game as a diamond (or each game of a class as a dot), and the record's range.

The east (about 290,000 people) and the west (1.2 million) are never on one axis: every
measure has a chart or a row of its own. Meaning is never carried by colour alone: this
game is the thick solid line or the diamond, other games are thin or dots, the record's
ranges are hatched and labelled. Every chart has a title and a description in words
(`<title>`, `<desc>`) for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from game.present.doc import Chart, Mark, Series
from game.present.svgparts import (
    FAINT,
    FILL,
    GRID,
    INK,
    MAIN,
    axis,
    chart_uid,
    coord,
    esc,
    svg_open,
    text_width,
    tick_text,
)

# ---------------------------------------------------------------------------- lines


def lines_svg(chart: Chart, width: float = 640, height: float = 280) -> str:
    """One measure week by week (see the module's note)."""
    uid = chart_uid(chart)
    series = [s for s in chart.series if s.values]
    n = max((len(s.values) for s in series), default=1)
    values = [v for s in series for v in s.values]
    marks = chart.marks
    lo = min([*values, *(m.lo for m in marks)], default=0.0)
    hi = max([*values, *(m.hi for m in marks)], default=0.0)
    whole = all(float(v).is_integer() for v in values) and all(float(m.lo).is_integer() and float(m.hi).is_integer() for m in marks)
    y0, y1, ticks = axis(lo, hi, whole=whole, from_zero=lo >= 0)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    labels = [tick_text(t, step) for t in ticks]
    size = 13.0
    left = 14 + max(text_width(t, size) for t in labels)
    xl = chart.x or tuple(str(i) for i in range(n))
    right = max(16.0, text_width(xl[-1], 12) / 2 + 4) if xl else 16.0
    top, bottom = 34.0, 62.0
    pw, ph = width - left - right, height - top - bottom

    def x(i: float) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - (v - y0) / (y1 - y0))

    out = svg_open(uid, width, height, chart.title, chart.caption or chart.title)
    out.append(f'<text x="{coord(left)}" y="20" font-size="15" font-weight="600" fill="{INK}">{esc(chart.title)}</text>')
    # y axis: grid and labels
    for t, text in zip(ticks, labels, strict=True):
        yy = y(t)
        out.append(f'<line x1="{coord(left)}" y1="{coord(yy)}" x2="{coord(left + pw)}" y2="{coord(yy)}" stroke="{GRID}"/>')
        out.append(f'<text x="{coord(left - 6)}" y="{coord(yy + 4)}" font-size="{size:g}" text-anchor="end" fill="{INK}">{esc(text)}</text>')
    # x axis: a tick for every week, a label every few weeks
    every = max(1, math.ceil(len(xl) * 44 / pw))
    base = top + ph
    out.append(f'<line x1="{coord(left)}" y1="{coord(base)}" x2="{coord(left + pw)}" y2="{coord(base)}" stroke="{INK}"/>')
    for i in range(n):
        xx = x(i)
        out.append(f'<line x1="{coord(xx)}" y1="{coord(base)}" x2="{coord(xx)}" y2="{coord(base + 4)}" stroke="{INK}"/>')
        if i % every == 0 and i < len(xl):
            out.append(f'<text x="{coord(xx)}" y="{coord(base + 18)}" font-size="12" text-anchor="middle" fill="{INK}">{esc(xl[i])}</text>')
    if chart.x_title:
        out.append(f'<text x="{coord(left + pw / 2)}" y="{coord(base + 34)}" font-size="11" text-anchor="middle" fill="{INK}">{esc(chart.x_title)}</text>')
    # the record's marks: a hatched range at a week (and, for a change over weeks, a line
    # from the week it is counted from)
    for m in marks:
        xx = x(m.x)
        top_y, low_y = y(m.hi), y(m.lo)
        if low_y - top_y < 3:
            top_y, low_y = top_y - 1.5, low_y + 1.5
        if m.x0 is not None and m.x0 != m.x:
            out.append(
                f'<line class="since" x1="{coord(x(m.x0))}" y1="{coord(y(m.base))}" x2="{coord(xx)}" y2="{coord(y(m.base))}"'
                f' stroke="{INK}" stroke-width="1.2" stroke-dasharray="2 3"/>'
            )
            out.append(f'<line x1="{coord(x(m.x0))}" y1="{coord(y(m.base) - 5)}" x2="{coord(x(m.x0))}" y2="{coord(y(m.base) + 5)}" stroke="{INK}" stroke-width="1.2"/>')
        out.append(
            f'<rect class="record" x="{coord(xx - 5)}" y="{coord(top_y)}" width="10" height="{coord(low_y - top_y)}"'
            f' fill="url(#{uid}-hatch)" stroke="{INK}"><title>{esc(m.label)}</title></rect>'
        )
    # the lines: faint ones first, the main one last (on top)
    order = sorted(range(len(series)), key=lambda k: {"faint": 0, "": 1, "median": 2, "main": 3}.get(series[k].emphasis, 1))
    for k in order:
        s = series[k]
        pts = " ".join(f"{coord(x(i))},{coord(y(v))}" for i, v in enumerate(s.values))
        style = {
            "main": f'stroke="{MAIN}" stroke-width="3.2"',
            "median": f'stroke="{INK}" stroke-width="2.4" stroke-dasharray="7 4"',
            "faint": f'stroke="{FAINT}" stroke-width="1.3"',
        }.get(s.emphasis, f'stroke="{INK}" stroke-width="2"')
        out.append(f'<polyline class="series" fill="none" {style} stroke-linejoin="round" points="{pts}"><title>{esc(s.label)}</title></polyline>')
        if len(s.values) == 1:
            out.append(f'<circle cx="{coord(x(0))}" cy="{coord(y(s.values[0]))}" r="3.5" fill="{MAIN}"/>')
    if values and not any(values) and not any(m.hi for m in marks):
        out.append(
            f'<text x="{coord(left + pw / 2)}" y="{coord(top + ph / 2)}" font-size="14" text-anchor="middle"'
            f' fill="{INK}">0 in every week</text>'
        )
    # the legend, in words as well as lines
    out += _lines_legend(uid, chart, series, marks, left, height - 10)
    out.append("</svg>")
    return "".join(out)


def _lines_legend(uid: str, chart: Chart, series: Sequence[Series], marks: Sequence[Mark], x0: float, yy: float) -> list[str]:
    out: list[str] = []
    x = x0
    seen: set[str] = set()
    for s in series:
        key = s.emphasis or "plain"
        if key in seen:
            continue
        seen.add(key)
        label = s.label if s.emphasis != "faint" else (chart.faint_label or s.label)
        style = {
            "main": f'stroke="{MAIN}" stroke-width="3.2"',
            "median": f'stroke="{INK}" stroke-width="2.4" stroke-dasharray="7 4"',
            "faint": f'stroke="{FAINT}" stroke-width="1.3"',
        }.get(s.emphasis, f'stroke="{INK}" stroke-width="2"')
        out.append(f'<line x1="{coord(x)}" y1="{coord(yy - 4)}" x2="{coord(x + 22)}" y2="{coord(yy - 4)}" {style}/>')
        out.append(f'<text x="{coord(x + 27)}" y="{coord(yy)}" font-size="12" fill="{INK}">{esc(label)}</text>')
        x += 40 + text_width(label, 12)
    if marks:
        out.append(f'<rect x="{coord(x)}" y="{coord(yy - 11)}" width="10" height="12" fill="url(#{uid}-hatch)" stroke="{INK}"/>')
        out.append(f'<text x="{coord(x + 15)}" y="{coord(yy)}" font-size="12" fill="{INK}">the record&#8217;s range</text>')
    return out


# ---------------------------------------------------------------------------- spread


def spread_svg(chart: Chart, width: float = 640) -> str:
    """Each measure on its own row and axis, this game (or each game of a class) among
    the alternative histories (see the module's note)."""
    uid = chart_uid(chart)
    rows = [s for s in chart.series if s.values or s.games]
    top = 30.0
    height = top + ROW_H * len(rows) + 24
    left, right = 16.0, 16.0
    pw = width - left - right
    out = svg_open(uid, width, height, chart.title, chart.caption or chart.title)
    out.append(f'<text x="{coord(left)}" y="20" font-size="15" font-weight="600" fill="{INK}">{esc(chart.title)}</text>')
    for r, s in enumerate(rows):
        out += _spread_row(uid, s, left, pw, top + r * ROW_H)
    yy = height - 10
    out.append(f'<rect x="{coord(left)}" y="{coord(yy - 11)}" width="22" height="12" fill="{FILL}"/>')
    out.append(f'<text x="{coord(left + 27)}" y="{coord(yy)}" font-size="12" fill="{INK}">{esc(chart.band_label or "alternative histories")}</text>')
    x = left + 40 + text_width(chart.band_label or "alternative histories", 12)
    dots = any(s.games for s in rows)
    if dots:
        out.append(f'<circle cx="{coord(x + 6)}" cy="{coord(yy - 4)}" r="5" fill="{MAIN}" stroke="#fff"/>')
    else:
        out.append(_diamond(x + 6, yy - 4, 6, "legend"))
    label = chart.faint_label or ("each game" if dots else "this game")
    out.append(f'<text x="{coord(x + 16)}" y="{coord(yy)}" font-size="12" fill="{INK}">{esc(label)}</text>')
    x += 30 + text_width(label, 12)
    if any(s.band is not None for s in rows):
        out.append(f'<rect x="{coord(x)}" y="{coord(yy - 11)}" width="10" height="12" fill="url(#{uid}-hatch)" stroke="{INK}"/>')
        out.append(f'<text x="{coord(x + 15)}" y="{coord(yy)}" font-size="12" fill="{INK}">the record&#8217;s range</text>')
    out.append("</svg>")
    return "".join(out)


def _diamond(cx: float, cy: float, r: float, cls: str = "game") -> str:
    pts = f"{coord(cx)},{coord(cy - r)} {coord(cx + r)},{coord(cy)} {coord(cx)},{coord(cy + r)} {coord(cx - r)},{coord(cy)}"
    return f'<polygon class="{cls}" points="{pts}" fill="{MAIN}" stroke="#fff" stroke-width="1.5"/>'


ROW_H = 98.0


def _spread_row(uid: str, s: Series, left: float, pw: float, y_top: float) -> list[str]:
    """One measure: its label; the alternative histories as a histogram standing on a
    baseline, their 10th to 90th percentile as a bar under it with the median across;
    the record's range hatched under that; the axis; this game as a diamond on the
    baseline (or each game of a class as a dot, stacked where dots meet)."""
    out: list[str] = []
    pts = list(s.games) if s.games else list(s.values[:1])
    p10, median, p90 = (s.values[1], s.values[2], s.values[3]) if len(s.values) >= 4 else (None, None, None)
    span = s.span if s.counts else None
    cands = [*pts]
    if span is not None:
        # the histogram's range, less the half a bin that centres whole numbers
        inner = (span[0] + 0.5, span[1] - 0.5) if len(s.counts) == round(span[1] - span[0]) else span
        cands += list(inner)
    if p10 is not None and p90 is not None:
        cands += [p10, p90]
    if s.band is not None:
        cands += list(s.band)
    lo, hi = min(cands, default=0.0), max(cands, default=0.0)
    whole = all(float(v).is_integer() for v in cands)
    a0, a1, ticks = axis(lo, hi, whole=whole, from_zero=False, target=4)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0

    def x(v: float) -> float:
        return left + pw * (v - a0) / (a1 - a0)

    hb = y_top + 52  # the histogram's baseline
    out.append(f'<text x="{coord(left)}" y="{coord(y_top + 18)}" font-size="13" font-weight="600" fill="{INK}">{esc(s.label)}</text>')
    if span is not None:
        biggest = max(s.counts) or 1
        bw = (x(span[1]) - x(span[0])) / len(s.counts) if span[1] > span[0] else 0.0
        for i, c in enumerate(s.counts):
            if not c:
                continue
            h = 24 * c / biggest
            x0, x1 = x(span[0]) + i * bw, x(span[0]) + (i + 1) * bw - 0.6
            x0, x1 = max(left, x0), min(left + pw, x1)
            if len(s.counts) == 1 or x1 - x0 < 3:  # every game the same, or a sliver
                mid = x((span[0] + span[1]) / 2) if len(s.counts) == 1 else (x0 + x1) / 2
                x0, x1 = mid - 3, mid + 3
            out.append(
                f'<rect class="hist" x="{coord(x0)}" y="{coord(hb - h)}"'
                f' width="{coord(x1 - x0)}" height="{coord(h)}" fill="{FILL}"/>'
            )
    out.append(f'<line x1="{coord(left)}" y1="{coord(hb)}" x2="{coord(left + pw)}" y2="{coord(hb)}" stroke="{GRID}"/>')
    if p10 is not None and p90 is not None:
        px0, px1 = x(p10), x(p90)
        out.append(
            f'<rect class="p10-p90" x="{coord(px0)}" y="{coord(hb + 3)}" width="{coord(max(1.5, px1 - px0))}"'
            f' height="7" fill="{FILL}" stroke="{FAINT}"/>'
        )
    if median is not None:
        mx = x(median)
        out.append(f'<line class="median" x1="{coord(mx)}" y1="{coord(hb + 1)}" x2="{coord(mx)}" y2="{coord(hb + 12)}" stroke="{INK}" stroke-width="2.4"/>')
    if s.band is not None:
        bx0, bx1 = x(s.band[0]), x(s.band[1])
        if bx1 - bx0 < 3:
            bx0, bx1 = bx0 - 1.5, bx1 + 1.5
        out.append(
            f'<rect class="record" x="{coord(bx0)}" y="{coord(hb + 14)}" width="{coord(bx1 - bx0)}" height="6"'
            f' fill="url(#{uid}-hatch)" stroke="{INK}"/>'
        )
    ax = hb + 24
    out.append(f'<line x1="{coord(left)}" y1="{coord(ax)}" x2="{coord(left + pw)}" y2="{coord(ax)}" stroke="{INK}"/>')
    for t in ticks:
        xx = x(t)
        anchor = "start" if t == ticks[0] else "end" if t == ticks[-1] else "middle"
        out.append(f'<line x1="{coord(xx)}" y1="{coord(ax)}" x2="{coord(xx)}" y2="{coord(ax + 4)}" stroke="{INK}"/>')
        out.append(f'<text x="{coord(xx)}" y="{coord(ax + 17)}" font-size="12" text-anchor="{anchor}" fill="{INK}">{esc(tick_text(t, step))}</text>')
    if len(pts) == 1 and not s.games:
        out.append(_diamond(x(pts[0]), hb, 7))
    else:
        taken: dict[int, int] = {}
        for v in sorted(pts):
            slot = round(x(v) / 8)
            k = taken.get(slot, 0)
            taken[slot] = k + 1
            out.append(
                f'<circle class="game" cx="{coord(x(v))}" cy="{coord(hb - 4 - 7 * min(k, 3))}" r="4"'
                f' fill="{MAIN}" stroke="#fff" stroke-width="1"/>'
            )
    return out


def svg(chart: Chart) -> str:
    """The chart as an `<svg>` element."""
    if chart.kind == "spread":
        return spread_svg(chart)
    return lines_svg(chart)

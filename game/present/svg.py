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

import html
import math
from collections.abc import Sequence

from game.present.doc import Chart, Map, MapPlace, Mark, Series

# Grey levels and one dark blue: readable printed in black and white.
INK = "#111"
MAIN = "#0b3d91"
FAINT = "#8a8f98"
GRID = "#d9dce1"
FILL = "#c9d3e6"
FONT = "font-family:system-ui,sans-serif"


def _e(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def _f(x: float) -> str:
    """A coordinate, short."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------- scales


def nice_step(span: float, target: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about
    `target` parts."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag * (1 + 1e-9):
            return m * mag
    return 10 * mag


def axis(lo: float, hi: float, *, whole: bool, from_zero: bool, target: int = 4) -> tuple[float, float, list[float]]:
    """The axis for values from `lo` to `hi`: its ends and its ticks. Counts
    (`from_zero`) start at 0; whole numbers get whole steps. A row of zeros gets 0 to 1
    with the one tick 0."""
    if from_zero:
        lo = min(0.0, lo)
    if hi <= lo:
        if lo == 0:
            return 0.0, 1.0, [0.0]
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
        if from_zero:
            lo = max(0.0, lo)
    step = nice_step(hi - lo, target)
    if whole:
        step = max(1.0, math.ceil(step) if step < 1 else step)
        if step != int(step):
            step = float(math.ceil(step))
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step
    if end <= start:
        end = start + step
    n = round((end - start) / step)
    ticks = [start + i * step for i in range(n + 1)]
    return start, end, ticks


def tick_text(v: float, step: float) -> str:
    """An axis label: whole numbers with thousands separators, or as many decimals as
    the step needs; 1,200,000 as "1.2 million"."""
    if abs(v) >= 1_000_000 and step >= 100_000:
        m = v / 1_000_000
        return f"{m:.1f} million".replace(".0 million", " million")
    if step >= 1 or v == 0:
        return f"{round(v):,}"
    digits = max(0, -math.floor(math.log10(step) + 1e-9))
    return f"{v:,.{digits}f}"


def _width(text: str, size: float) -> float:
    """About how wide a label is (system sans-serif)."""
    return 0.56 * size * len(text)


def _defs(uid: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="1.6"/>'
        "</pattern></defs>"
    )


def _open(uid: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {_f(width)} {_f(height)}"'
        f' width="{_f(width)}" height="{_f(height)}" role="img" aria-labelledby="{uid}-t {uid}-d"'
        f' style="{FONT}">',
        f'<title id="{uid}-t">{_e(title)}</title>',
        f'<desc id="{uid}-d">{_e(desc)}</desc>',
        _defs(uid),
        f'<rect width="{_f(width)}" height="{_f(height)}" fill="#fff"/>',
    ]


def _uid(chart: Chart) -> str:
    base = chart.id or chart.title
    return "c" + "".join(ch if ch.isalnum() else "-" for ch in base.lower())[:40]


# ---------------------------------------------------------------------------- lines


def lines_svg(chart: Chart, width: float = 640, height: float = 280) -> str:
    """One measure week by week (see the module's note)."""
    uid = _uid(chart)
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
    left = 14 + max(_width(t, size) for t in labels)
    xl = chart.x or tuple(str(i) for i in range(n))
    right = max(16.0, _width(xl[-1], 12) / 2 + 4) if xl else 16.0
    top, bottom = 34.0, 62.0
    pw, ph = width - left - right, height - top - bottom

    def x(i: float) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - (v - y0) / (y1 - y0))

    out = _open(uid, width, height, chart.title, chart.caption or chart.title)
    out.append(f'<text x="{_f(left)}" y="20" font-size="15" font-weight="600" fill="{INK}">{_e(chart.title)}</text>')
    # y axis: grid and labels
    for t, text in zip(ticks, labels, strict=True):
        yy = y(t)
        out.append(f'<line x1="{_f(left)}" y1="{_f(yy)}" x2="{_f(left + pw)}" y2="{_f(yy)}" stroke="{GRID}"/>')
        out.append(f'<text x="{_f(left - 6)}" y="{_f(yy + 4)}" font-size="{size:g}" text-anchor="end" fill="{INK}">{_e(text)}</text>')
    # x axis: a tick for every week, a label every few weeks
    every = max(1, math.ceil(len(xl) * 44 / pw))
    base = top + ph
    out.append(f'<line x1="{_f(left)}" y1="{_f(base)}" x2="{_f(left + pw)}" y2="{_f(base)}" stroke="{INK}"/>')
    for i in range(n):
        xx = x(i)
        out.append(f'<line x1="{_f(xx)}" y1="{_f(base)}" x2="{_f(xx)}" y2="{_f(base + 4)}" stroke="{INK}"/>')
        if i % every == 0 and i < len(xl):
            out.append(f'<text x="{_f(xx)}" y="{_f(base + 18)}" font-size="12" text-anchor="middle" fill="{INK}">{_e(xl[i])}</text>')
    if chart.x_title:
        out.append(f'<text x="{_f(left + pw / 2)}" y="{_f(base + 34)}" font-size="11" text-anchor="middle" fill="{INK}">{_e(chart.x_title)}</text>')
    # the record's marks: a hatched range at a week (and, for a change over weeks, a line
    # from the week it is counted from)
    for m in marks:
        xx = x(m.x)
        top_y, low_y = y(m.hi), y(m.lo)
        if low_y - top_y < 3:
            top_y, low_y = top_y - 1.5, low_y + 1.5
        if m.x0 is not None and m.x0 != m.x:
            out.append(
                f'<line class="since" x1="{_f(x(m.x0))}" y1="{_f(y(m.base))}" x2="{_f(xx)}" y2="{_f(y(m.base))}"'
                f' stroke="{INK}" stroke-width="1.2" stroke-dasharray="2 3"/>'
            )
            out.append(f'<line x1="{_f(x(m.x0))}" y1="{_f(y(m.base) - 5)}" x2="{_f(x(m.x0))}" y2="{_f(y(m.base) + 5)}" stroke="{INK}" stroke-width="1.2"/>')
        out.append(
            f'<rect class="record" x="{_f(xx - 5)}" y="{_f(top_y)}" width="10" height="{_f(low_y - top_y)}"'
            f' fill="url(#{uid}-hatch)" stroke="{INK}"><title>{_e(m.label)}</title></rect>'
        )
    # the lines: faint ones first, the main one last (on top)
    order = sorted(range(len(series)), key=lambda k: {"faint": 0, "": 1, "median": 2, "main": 3}.get(series[k].emphasis, 1))
    for k in order:
        s = series[k]
        pts = " ".join(f"{_f(x(i))},{_f(y(v))}" for i, v in enumerate(s.values))
        style = {
            "main": f'stroke="{MAIN}" stroke-width="3.2"',
            "median": f'stroke="{INK}" stroke-width="2.4" stroke-dasharray="7 4"',
            "faint": f'stroke="{FAINT}" stroke-width="1.3"',
        }.get(s.emphasis, f'stroke="{INK}" stroke-width="2"')
        out.append(f'<polyline class="series" fill="none" {style} stroke-linejoin="round" points="{pts}"><title>{_e(s.label)}</title></polyline>')
        if len(s.values) == 1:
            out.append(f'<circle cx="{_f(x(0))}" cy="{_f(y(s.values[0]))}" r="3.5" fill="{MAIN}"/>')
    if values and not any(values) and not any(m.hi for m in marks):
        out.append(
            f'<text x="{_f(left + pw / 2)}" y="{_f(top + ph / 2)}" font-size="14" text-anchor="middle"'
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
        out.append(f'<line x1="{_f(x)}" y1="{_f(yy - 4)}" x2="{_f(x + 22)}" y2="{_f(yy - 4)}" {style}/>')
        out.append(f'<text x="{_f(x + 27)}" y="{_f(yy)}" font-size="12" fill="{INK}">{_e(label)}</text>')
        x += 40 + _width(label, 12)
    if marks:
        out.append(f'<rect x="{_f(x)}" y="{_f(yy - 11)}" width="10" height="12" fill="url(#{uid}-hatch)" stroke="{INK}"/>')
        out.append(f'<text x="{_f(x + 15)}" y="{_f(yy)}" font-size="12" fill="{INK}">the record&#8217;s range</text>')
    return out


# ---------------------------------------------------------------------------- spread


def spread_svg(chart: Chart, width: float = 640) -> str:
    """Each measure on its own row and axis, this game (or each game of a class) among
    the alternative histories (see the module's note)."""
    uid = _uid(chart)
    rows = [s for s in chart.series if s.values or s.games]
    top = 30.0
    height = top + ROW_H * len(rows) + 24
    left, right = 16.0, 16.0
    pw = width - left - right
    out = _open(uid, width, height, chart.title, chart.caption or chart.title)
    out.append(f'<text x="{_f(left)}" y="20" font-size="15" font-weight="600" fill="{INK}">{_e(chart.title)}</text>')
    for r, s in enumerate(rows):
        out += _spread_row(uid, s, left, pw, top + r * ROW_H)
    yy = height - 10
    out.append(f'<rect x="{_f(left)}" y="{_f(yy - 11)}" width="22" height="12" fill="{FILL}"/>')
    out.append(f'<text x="{_f(left + 27)}" y="{_f(yy)}" font-size="12" fill="{INK}">{_e(chart.band_label or "alternative histories")}</text>')
    x = left + 40 + _width(chart.band_label or "alternative histories", 12)
    dots = any(s.games for s in rows)
    if dots:
        out.append(f'<circle cx="{_f(x + 6)}" cy="{_f(yy - 4)}" r="5" fill="{MAIN}" stroke="#fff"/>')
    else:
        out.append(_diamond(x + 6, yy - 4, 6, "legend"))
    label = chart.faint_label or ("each game" if dots else "this game")
    out.append(f'<text x="{_f(x + 16)}" y="{_f(yy)}" font-size="12" fill="{INK}">{_e(label)}</text>')
    x += 30 + _width(label, 12)
    if any(s.band is not None for s in rows):
        out.append(f'<rect x="{_f(x)}" y="{_f(yy - 11)}" width="10" height="12" fill="url(#{uid}-hatch)" stroke="{INK}"/>')
        out.append(f'<text x="{_f(x + 15)}" y="{_f(yy)}" font-size="12" fill="{INK}">the record&#8217;s range</text>')
    out.append("</svg>")
    return "".join(out)


def _diamond(cx: float, cy: float, r: float, cls: str = "game") -> str:
    pts = f"{_f(cx)},{_f(cy - r)} {_f(cx + r)},{_f(cy)} {_f(cx)},{_f(cy + r)} {_f(cx - r)},{_f(cy)}"
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
    out.append(f'<text x="{_f(left)}" y="{_f(y_top + 18)}" font-size="13" font-weight="600" fill="{INK}">{_e(s.label)}</text>')
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
                f'<rect class="hist" x="{_f(x0)}" y="{_f(hb - h)}"'
                f' width="{_f(x1 - x0)}" height="{_f(h)}" fill="{FILL}"/>'
            )
    out.append(f'<line x1="{_f(left)}" y1="{_f(hb)}" x2="{_f(left + pw)}" y2="{_f(hb)}" stroke="{GRID}"/>')
    if p10 is not None and p90 is not None:
        px0, px1 = x(p10), x(p90)
        out.append(
            f'<rect class="p10-p90" x="{_f(px0)}" y="{_f(hb + 3)}" width="{_f(max(1.5, px1 - px0))}"'
            f' height="7" fill="{FILL}" stroke="{FAINT}"/>'
        )
    if median is not None:
        mx = x(median)
        out.append(f'<line class="median" x1="{_f(mx)}" y1="{_f(hb + 1)}" x2="{_f(mx)}" y2="{_f(hb + 12)}" stroke="{INK}" stroke-width="2.4"/>')
    if s.band is not None:
        bx0, bx1 = x(s.band[0]), x(s.band[1])
        if bx1 - bx0 < 3:
            bx0, bx1 = bx0 - 1.5, bx1 + 1.5
        out.append(
            f'<rect class="record" x="{_f(bx0)}" y="{_f(hb + 14)}" width="{_f(bx1 - bx0)}" height="6"'
            f' fill="url(#{uid}-hatch)" stroke="{INK}"/>'
        )
    ax = hb + 24
    out.append(f'<line x1="{_f(left)}" y1="{_f(ax)}" x2="{_f(left + pw)}" y2="{_f(ax)}" stroke="{INK}"/>')
    for t in ticks:
        xx = x(t)
        anchor = "start" if t == ticks[0] else "end" if t == ticks[-1] else "middle"
        out.append(f'<line x1="{_f(xx)}" y1="{_f(ax)}" x2="{_f(xx)}" y2="{_f(ax + 4)}" stroke="{INK}"/>')
        out.append(f'<text x="{_f(xx)}" y="{_f(ax + 17)}" font-size="12" text-anchor="{anchor}" fill="{INK}">{_e(tick_text(t, step))}</text>')
    if len(pts) == 1 and not s.games:
        out.append(_diamond(x(pts[0]), hb, 7))
    else:
        taken: dict[int, int] = {}
        for v in sorted(pts):
            slot = round(x(v) / 8)
            k = taken.get(slot, 0)
            taken[slot] = k + 1
            out.append(
                f'<circle class="game" cx="{_f(x(v))}" cy="{_f(hb - 4 - 7 * min(k, 3))}" r="4"'
                f' fill="{MAIN}" stroke="#fff" stroke-width="1"/>'
            )
    return out


def svg(chart: Chart) -> str:
    """The chart as an `<svg>` element."""
    if chart.kind == "spread":
        return spread_svg(chart)
    return lines_svg(chart)


# ---------------------------------------------------------------------------- map


def map_svg(m: Map, width: float = 760) -> str:
    """A schematic of the city: the government-held west on the left, the front in the
    middle, the rebel-held east on the right, Kurdish-held places above the front; each
    place a box with its name and people; the routes out of the east as arrows, each
    labelled. Not to scale, and it says so on the picture."""
    uid = "map-" + ("".join(ch if ch.isalnum() else "-" for ch in (m.id or m.title).lower())[:30])
    west = [p for p in m.places if p.zone == "west" and not p.front]
    front = [p for p in m.places if p.front]
    east = [p for p in m.places if p.zone == "east" and not p.front]
    kurdish = [p for p in m.places if p.zone == "kurdish" and not p.front]
    box_h, gap = 42.0, 8.0
    col_w = (width - 80) / 3
    cols = ((west, 20.0, "The government-held west"), (front, 40 + col_w, "The front"), (east, 60 + 2 * col_w, "The rebel-held east"))
    top = 118.0
    rows = max(len(west), len(front) + (len(kurdish) + 1 if kurdish else 0), len(east))
    height = top + rows * (box_h + gap) + 120
    out = _open(uid, width, height, m.title, m.caption or m.title)
    out.append(f'<text x="20" y="24" font-size="17" font-weight="600" fill="{INK}">{_e(m.title)}</text>')
    out.append(
        f'<text x="20" y="44" font-size="12.5" fill="{INK}">Schematic: not to scale, not the real shape of the city.</text>'
        f'<text x="20" y="60" font-size="12.5" fill="{INK}">It shows who held which places and which way the routes ran.</text>'
    )
    where: dict[str, tuple[float, float]] = {}

    def place_box(p: MapPlace, x: float, y: float, dark: bool) -> None:
        fill = "#e4e7ec" if not dark else "#fff"
        dash = ' stroke-dasharray="5 3"' if p.front else ""
        out.append(f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(col_w)}" height="{_f(box_h)}" rx="6" fill="{fill}" stroke="{INK}"{dash}/>')
        name = p.name if len(p.name) <= 27 else p.name[:25].rstrip() + "…"
        out.append(f'<text x="{_f(x + 8)}" y="{_f(y + 17)}" font-size="12.5" font-weight="600" fill="{INK}">{_e(name)}<title>{_e(p.name)}</title></text>')
        out.append(f'<text x="{_f(x + 8)}" y="{_f(y + 33)}" font-size="11.5" fill="{INK}">{_e(f"{p.population:,} people")}</text>')
        where[p.name] = (x + col_w / 2, y + box_h / 2)

    for _places, x, head in cols:
        out.append(f'<text x="{_f(x)}" y="{_f(top - 40)}" font-size="14" font-weight="600" fill="{INK}">{_e(head)}</text>')
    y0 = top
    if kurdish:
        x = cols[1][1]
        out.append(f'<text x="{_f(x)}" y="{_f(top - 12)}" font-size="12.5" fill="{INK}">Kurdish-held, to the north:</text>')
        for p in kurdish:
            place_box(p, x, y0, False)
            y0 += box_h + gap
        y0 += gap
    for places, x, _ in cols:
        y = y0 if places is front else top
        if places is front and places:
            out.append(f'<text x="{_f(x)}" y="{_f(y - 6)}" font-size="12.5" fill="{INK}">on the front line (dashed):</text>')
            y += 6
        for p in places:
            place_box(p, x, y, places is east)
            y += box_h + gap
    # the routes, as arrows from the east's edge outwards
    out.append(
        f'<defs><marker id="{uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"'
        f' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker></defs>'
    )
    ex = cols[2][1]
    ry = height - 100
    styles = {"supply": "", "corridor": ' stroke-dasharray="8 4"', "exit": ' stroke-dasharray="2 4"', "medevac": ' stroke-dasharray="12 3 2 3"'}
    for k, r in enumerate(m.routes):
        y = ry + k * 22
        x1, x2 = ex + col_w, 20.0
        via = where.get(r.via)
        label = f"{r.name} ({ {'supply': 'supply road', 'corridor': 'corridor', 'exit': 'exit routes', 'medevac': 'medical evacuation'}.get(r.kind, r.kind) })"
        if via is not None:
            out.append(
                f'<polyline class="route" points="{_f(x1 - 10)},{_f(y)} {_f(via[0])},{_f(y)} {_f(via[0])},{_f(via[1] + box_h / 2)}"'
                f' fill="none" stroke="{INK}" stroke-width="2"{styles.get(r.kind, "")} marker-end="url(#{uid}-arrow)"/>'
            )
        else:
            out.append(
                f'<line class="route" x1="{_f(x1 - 10)}" y1="{_f(y)}" x2="{_f(x2 + 250)}" y2="{_f(y)}" stroke="{INK}"'
                f' stroke-width="2"{styles.get(r.kind, "")} marker-end="url(#{uid}-arrow)"/>'
            )
        out.append(f'<text x="{_f(x2)}" y="{_f(y + 4)}" font-size="12" fill="{INK}">{_e(label)}</text>')
    out.append(f'<text x="20" y="{_f(ry - 18)}" font-size="13" font-weight="600" fill="{INK}">Routes out of the east (arrows point out):</text>')
    out.append("</svg>")
    return "".join(out)

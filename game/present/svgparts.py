"""The parts every chart and map of `game.present.svg` and `game.present.svgmap` is
drawn with: the palette (grey levels and one dark blue, readable printed in black and
white), escaping and short coordinates, round axis steps and tick labels, and the
opening of an `<svg>` element with its title, description and hatch pattern.
"""

from __future__ import annotations

import html
import math

from game.present.doc import Chart

# Grey levels and one dark blue: readable printed in black and white.
INK = "#111"
MAIN = "#0b3d91"
FAINT = "#8a8f98"
GRID = "#d9dce1"
FILL = "#c9d3e6"
FONT = "font-family:system-ui,sans-serif"


def esc(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def coord(x: float) -> str:
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


def text_width(text: str, size: float) -> float:
    """About how wide a label is (system sans-serif)."""
    return 0.56 * size * len(text)


def defs(uid: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="1.6"/>'
        "</pattern></defs>"
    )


def svg_open(uid: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {coord(width)} {coord(height)}"'
        f' width="{coord(width)}" height="{coord(height)}" role="img" aria-labelledby="{uid}-t {uid}-d"'
        f' style="{FONT}">',
        f'<title id="{uid}-t">{esc(title)}</title>',
        f'<desc id="{uid}-d">{esc(desc)}</desc>',
        defs(uid),
        f'<rect width="{coord(width)}" height="{coord(height)}" fill="#fff"/>',
    ]


def chart_uid(chart: Chart) -> str:
    base = chart.id or chart.title
    return "c" + "".join(ch if ch.isalnum() else "-" for ch in base.lower())[:40]

"""The city as an inline SVG schematic (`map_svg`): who held which places and which way
the routes out of the east ran, not to scale and saying so on the picture.
"""

from __future__ import annotations

from game.present.doc import Map, MapPlace
from game.present.svgparts import INK, coord, esc, svg_open


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
    out = svg_open(uid, width, height, m.title, m.caption or m.title)
    out.append(f'<text x="20" y="24" font-size="17" font-weight="600" fill="{INK}">{esc(m.title)}</text>')
    out.append(
        f'<text x="20" y="44" font-size="12.5" fill="{INK}">Schematic: not to scale, not the real shape of the city.</text>'
        f'<text x="20" y="60" font-size="12.5" fill="{INK}">It shows who held which places and which way the routes ran.</text>'
    )
    where: dict[str, tuple[float, float]] = {}

    def place_box(p: MapPlace, x: float, y: float, dark: bool) -> None:
        fill = "#e4e7ec" if not dark else "#fff"
        dash = ' stroke-dasharray="5 3"' if p.front else ""
        out.append(f'<rect x="{coord(x)}" y="{coord(y)}" width="{coord(col_w)}" height="{coord(box_h)}" rx="6" fill="{fill}" stroke="{INK}"{dash}/>')
        name = p.name if len(p.name) <= 27 else p.name[:25].rstrip() + "…"
        out.append(f'<text x="{coord(x + 8)}" y="{coord(y + 17)}" font-size="12.5" font-weight="600" fill="{INK}">{esc(name)}<title>{esc(p.name)}</title></text>')
        out.append(f'<text x="{coord(x + 8)}" y="{coord(y + 33)}" font-size="11.5" fill="{INK}">{esc(f"{p.population:,} people")}</text>')
        where[p.name] = (x + col_w / 2, y + box_h / 2)

    for _places, x, head in cols:
        out.append(f'<text x="{coord(x)}" y="{coord(top - 40)}" font-size="14" font-weight="600" fill="{INK}">{esc(head)}</text>')
    y0 = top
    if kurdish:
        x = cols[1][1]
        out.append(f'<text x="{coord(x)}" y="{coord(top - 12)}" font-size="12.5" fill="{INK}">Kurdish-held, to the north:</text>')
        for p in kurdish:
            place_box(p, x, y0, False)
            y0 += box_h + gap
        y0 += gap
    for places, x, _ in cols:
        y = y0 if places is front else top
        if places is front and places:
            out.append(f'<text x="{coord(x)}" y="{coord(y - 6)}" font-size="12.5" fill="{INK}">on the front line (dashed):</text>')
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
                f'<polyline class="route" points="{coord(x1 - 10)},{coord(y)} {coord(via[0])},{coord(y)} {coord(via[0])},{coord(via[1] + box_h / 2)}"'
                f' fill="none" stroke="{INK}" stroke-width="2"{styles.get(r.kind, "")} marker-end="url(#{uid}-arrow)"/>'
            )
        else:
            out.append(
                f'<line class="route" x1="{coord(x1 - 10)}" y1="{coord(y)}" x2="{coord(x2 + 250)}" y2="{coord(y)}" stroke="{INK}"'
                f' stroke-width="2"{styles.get(r.kind, "")} marker-end="url(#{uid}-arrow)"/>'
            )
        out.append(f'<text x="{coord(x2)}" y="{coord(y + 4)}" font-size="12" fill="{INK}">{esc(label)}</text>')
    out.append(f'<text x="20" y="{coord(ry - 18)}" font-size="13" font-weight="600" fill="{INK}">Routes out of the east (arrows point out):</text>')
    out.append("</svg>")
    return "".join(out)

"""The city in words, for the week's map: each district with who holds it, the week's
harm and working hospitals, then the routes open or shut this week. Meaning is carried
by glyphs and words as well as colour: each run of text names its kind (who holds a
district, harm, a route open or shut, a muted note) and the front end colours it."""

from __future__ import annotations

from game.model.plaintext import plain_text as clean
from game.present.words import number
from game.session import DistrictInfo, RouteInfo

HOLDERS: dict[str, tuple[str, str]] = {
    "rebels": ("■", "rebels"),
    "government": ("□", "government"),
    "contested": ("◩", "contested"),
    "kurdish": ("◆", "Kurdish forces"),
}
ZONE_TITLES = {
    "east": "East (besieged)",
    "west": "West (government-held)",
    "kurdish": "Kurdish-held",
}
NUMBERS = 18  # width of the numbers' columns: killed, injured, hospitals

# A row of the map: runs of (text, kind); kind "" is plain, else one of the holders,
# "title", "heading", "harm", "open", "shut" or "dim".
Row = list[tuple[str, str]]


def harm_glyph(killed: int) -> str:
    """A bar that grows with the week's dead (the number is shown beside it)."""
    if killed <= 0:
        return "·"
    if killed < 5:
        return "▂"
    if killed < 20:
        return "▄"
    if killed < 50:
        return "▆"
    return "█"


def route_line(r: RouteInfo) -> tuple[str, str, str]:
    """(glyph, words, kind) for a route this week."""
    if r.open_days <= 0:
        return "╳", f"{r.name} ({r.kind}): shut", "shut"
    days = number(round(r.open_days, 1))
    return "═", f"{r.name} ({r.kind}): open, {days} of 7 days", "open"


def city_rows(districts: list[DistrictInfo], routes: list[RouteInfo], width: int) -> list[Row]:
    """The map's rows at `width` columns (40 at least): the key, each zone's districts,
    the routes, and the note that the figures are simulated."""
    width = max(width, 40)
    name_w = max(10, width - 2 - NUMBERS - 1)
    rows: list[Row] = []
    rows.append([("Held by: ", "dim")])
    for i, (key, (glyph, word)) in enumerate(HOLDERS.items()):
        if i == 2 and width < 60:
            rows.append([("         ", "")])
        rows[-1].append((f"{glyph} {word}  ", key))
    rows.append([("Killed last week (simulated): · none ▂ ▄ ▆ █ most", "dim")])
    for zone, title in ZONE_TITLES.items():
        members = [d for d in districts if d.zone == zone]
        if not members:
            continue
        rows.append([("", "")])
        rows.append([(title, "title")])
        rows.append([(f"  {'district':<{name_w}} {'killed':>6} {'injured':>7} {'✚':>3}", "heading")])
        for d in members:
            glyph, _ = HOLDERS.get(d.holder, ("?", d.holder))
            name = clean(d.name)
            if d.front:
                name += " (front)"
            if len(name) > name_w:
                name = name[: name_w - 1] + "…"
            rows.append(
                [
                    (f"{glyph} ", d.holder if d.holder in HOLDERS else ""),
                    (f"{name:<{name_w}} ", ""),
                    (harm_glyph(d.week_killed), "harm"),
                    (f"{number(d.week_killed):>5} ", "harm" if d.week_killed else ""),
                    (f"{number(d.week_injured):>7} ", ""),
                    (f"{d.hospitals:>3}", ""),
                ]
            )
    if routes:
        rows.append([("", "")])
        rows.append([("Routes this week (╳ shut, ═ open)", "title")])
        for r in routes:
            glyph, words, kind = route_line(r)
            rows.append([(f"{glyph} ", kind), (clean(words), "")])
    rows.append([("✚ hospitals working now. Figures simulated by the model.", "dim")])
    return rows

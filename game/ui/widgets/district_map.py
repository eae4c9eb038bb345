"""The city as a Line-API widget: each district with who holds it, the week's harm and
working hospitals, then the routes open or shut this week. Meaning is carried by glyphs
and words as well as colour."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from game.model.plaintext import plain_text as clean
from game.present.words import number as fmt_number
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
    """(glyph, words, component class) for a route this week."""
    if r.open_days <= 0:
        return "╳", f"{r.name} ({r.kind}): shut", "map--shut"
    days = fmt_number(round(r.open_days, 1))
    return "═", f"{r.name} ({r.kind}): open, {days} of 7 days", "map--open"


class DistrictMap(Widget):
    """The districts by zone, then the routes. Set `districts` and `routes` with `show`."""

    COMPONENT_CLASSES = {
        "map--title",
        "map--heading",
        "map--rebels",
        "map--government",
        "map--contested",
        "map--kurdish",
        "map--harm",
        "map--open",
        "map--shut",
        "map--dim",
    }
    DEFAULT_CSS = """
    DistrictMap { height: auto; width: 1fr; }
    DistrictMap > .map--title { text-style: bold; }
    DistrictMap > .map--heading { text-style: bold underline; }
    DistrictMap > .map--rebels { color: $error; }
    DistrictMap > .map--government { color: $primary; }
    DistrictMap > .map--contested { color: $warning; }
    DistrictMap > .map--kurdish { color: $success; }
    DistrictMap > .map--harm { color: $error; text-style: bold; }
    DistrictMap > .map--open { color: $success; }
    DistrictMap > .map--shut { color: $error; text-style: bold; }
    DistrictMap > .map--dim { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.districts: list[DistrictInfo] = []
        self.routes: list[RouteInfo] = []
        self._rows: list[list[tuple[str, str]]] = []  # (text, component class) runs
        self._styles: dict[str, Style] = {}

    def show(self, districts: list[DistrictInfo], routes: list[RouteInfo]) -> None:
        self.districts = districts
        self.routes = routes
        self._build()
        self.styles.height = len(self._rows)
        self.refresh(layout=True)

    def on_resize(self) -> None:
        self._build()
        self.refresh()

    def _build(self) -> None:
        width = max(self.size.width, 40)
        name_w = max(10, width - 2 - NUMBERS - 1)
        rows: list[list[tuple[str, str]]] = []
        rows.append([("Held by: ", "map--dim")])
        for i, (key, (glyph, word)) in enumerate(HOLDERS.items()):
            if i == 2 and width < 60:
                rows.append([("         ", "")])
            rows[-1].append((f"{glyph} {word}  ", f"map--{key}"))
        rows.append([("Killed last week (simulated): · none ▂ ▄ ▆ █ most", "map--dim")])
        for zone, title in ZONE_TITLES.items():
            members = [d for d in self.districts if d.zone == zone]
            if not members:
                continue
            rows.append([("", "")])
            rows.append([(title, "map--title")])
            rows.append(
                [(f"  {'district':<{name_w}} {'killed':>6} {'injured':>7} {'✚':>3}", "map--heading")]
            )
            for d in members:
                glyph, _ = HOLDERS.get(d.holder, ("?", d.holder))
                name = clean(d.name)
                if d.front:
                    name += " (front)"
                if len(name) > name_w:
                    name = name[: name_w - 1] + "…"
                rows.append(
                    [
                        (f"{glyph} ", f"map--{d.holder}" if d.holder in HOLDERS else ""),
                        (f"{name:<{name_w}} ", ""),
                        (harm_glyph(d.week_killed), "map--harm"),
                        (f"{fmt_number(d.week_killed):>5} ", "map--harm" if d.week_killed else ""),
                        (f"{fmt_number(d.week_injured):>7} ", ""),
                        (f"{d.hospitals:>3}", ""),
                    ]
                )
        if self.routes:
            rows.append([("", "")])
            rows.append([("Routes this week (╳ shut, ═ open)", "map--title")])
            for r in self.routes:
                glyph, words, cls = route_line(r)
                rows.append([(f"{glyph} ", cls), (clean(words), "")])
        rows.append([("✚ hospitals working now. Figures simulated by the model.", "map--dim")])
        self._rows = rows

    def _style(self, cls: str) -> Style:
        if not cls:
            return Style()
        return self.get_component_rich_style(cls)

    def render_line(self, y: int) -> Strip:
        if y >= len(self._rows):
            return Strip.blank(self.size.width, self.rich_style)
        base = self.rich_style
        segments = [Segment(text, base + self._style(cls)) for text, cls in self._rows[y]]
        return Strip(segments).crop_extend(0, self.size.width, base)

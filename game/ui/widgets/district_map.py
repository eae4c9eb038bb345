"""The city as a Line-API widget: the rows `game.present.city` words (each district with
who holds it, the week's harm and working hospitals, then the routes open or shut this
week), coloured by their kind. Meaning is carried by glyphs and words as well as colour."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from game.present.city import city_rows
from game.session import DistrictInfo, RouteInfo


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
        rows = city_rows(self.districts, self.routes, self.size.width)
        self._rows = [[(text, f"map--{kind}" if kind else "") for text, kind in row] for row in rows]

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

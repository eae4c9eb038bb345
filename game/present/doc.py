"""Documents: what the presentation layer makes and every front end renders.

A document is plain data (frozen dataclasses): a title and a sequence of blocks.
Front ends never word anything; they lay these blocks out (the Textual screens with
Rich, the line mode and the text export as lines, Markdown, HTML, and JSON).

Blocks:
- `Heading(text, level)`: a section (level 1) or a sub-section (level 2), e.g. a role.
- `Paragraph(spans)`: running text made of `Span`s, each plain or "strong" or "em";
  `note=True` for a remark in the margin (shown in italics where a front end can).
- `Items(items)`: a list; each item is a tuple of spans.
- `Table(header, rows)`: rows of typed `Cell`s (text, a number, a signed change, a
  percentage), with the words for each cell already made (`Cell.text`) and the value
  kept for machines (`Cell.value`); `numeric` columns are right-aligned.
- `Claims(title, topics)`: each topic's question and what each source said on it, side by side.
- `Chart(title, series, kind)`: a picture of numbers given in words nearby (a spread of
  alternative histories, measures over weeks), for the front ends that draw.

Blocks carry an `id` where a front end or a test needs to find one ("causes",
"role:household", ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Style = Literal["", "strong", "em"]
CellKind = Literal["text", "number", "signed", "percent"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style = ""


Spans = tuple[Span, ...]


def spans(*parts: str | tuple[str, Style]) -> Spans:
    """Spans from strings (plain) and (text, style) pairs; empty strings are left out."""
    out: list[Span] = []
    for p in parts:
        if isinstance(p, str):
            if p:
                out.append(Span(p))
        elif p[0]:
            out.append(Span(p[0], p[1]))
    return tuple(out)


def plain_text(sp: Spans) -> str:
    return "".join(s.text for s in sp)


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1
    id: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: Spans
    note: bool = False
    id: str = ""

    @property
    def text(self) -> str:
        return plain_text(self.spans)


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[Spans, ...]
    ordered: bool = False
    id: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(plain_text(i) for i in self.items)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    kind: CellKind = "text"
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    caption: str = ""
    numeric: tuple[bool, ...] = ()  # per column: right-aligned numbers
    id: str = ""


@dataclass(frozen=True, slots=True)
class ClaimLine:
    source: str  # the source's name
    label: str  # its stance and lean: "government; pro-government"
    date: str  # "3 July 2016", or "July 2016" where the source gives no day
    text: str

    def line(self) -> str:
        return f"{self.source} ({self.label}), {self.date}: {self.text}"


@dataclass(frozen=True, slots=True)
class Topic:
    """One question and what each source said on it. A disputed topic is marked once, on
    its question, never on one of its claims."""

    question: str
    contested: bool
    claims: tuple[ClaimLine, ...]

    @property
    def title(self) -> str:
        return f"Disputed: {self.question}" if self.contested else self.question


@dataclass(frozen=True, slots=True)
class Claims:
    title: str
    topics: tuple[Topic, ...]
    id: str = ""

    def lines(self) -> tuple[str, ...]:
        """Each topic's question, then its claims, as lines of plain text."""
        out: list[str] = []
        for t in self.topics:
            out.append(t.title)
            out += [f"  - {c.line()}" for c in t.claims]
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a "lines" chart, or one row (a measure) of a "spread" chart.

    "spread": `values` is (this game, 10th percentile, median, 90th percentile) of the
    alternative histories; `games` the value of each game of a class (drawn as dots, in
    place of this game's diamond); `counts` a histogram of the alternative histories over
    `span`; `band` the record's range. "lines": `values` week by week; `emphasis` says
    how a line is drawn ("main": this game, thick; "median": dashed; "faint": one of
    many, thin)."""

    label: str
    values: tuple[float, ...]
    emphasis: str = ""
    games: tuple[float, ...] = ()
    counts: tuple[int, ...] = ()
    span: tuple[float, float] | None = None
    band: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """The record's range on a "lines" chart: from `lo` to `hi` at point `x` (an index
    into the series' values). A change over weeks is counted from point `x0`, where the
    line stood at `base` (so the range is `base` plus the record's)."""

    x: int
    lo: float
    hi: float
    label: str
    x0: int | None = None
    base: float = 0.0


@dataclass(frozen=True, slots=True)
class Chart:
    """A picture of numbers that are also in words nearby (text formats leave it out).
    `kind` "spread": each series is one measure among the alternative histories (see
    `Series`); "lines": one measure week by week, each series a line, on one axis of its
    own (`x` the points' labels, `x_title` the axis's words, `marks` the record's
    ranges). `caption` says in words what the chart shows (for screen readers);
    `faint_label` and `band_label` name the faint lines or dots and the alternative
    histories in the legend."""

    title: str
    series: tuple[Series, ...]
    kind: str = "lines"
    id: str = ""
    x: tuple[str, ...] = ()
    x_title: str = ""
    marks: tuple[Mark, ...] = ()
    caption: str = ""
    faint_label: str = ""
    band_label: str = ""
    wide: bool = False  # drawn across the page rather than beside other charts


@dataclass(frozen=True, slots=True)
class MapPlace:
    name: str
    zone: str  # "east", "west", "kurdish"
    holder: str  # who holds it at the start, in words
    population: int
    front: bool = False


@dataclass(frozen=True, slots=True)
class MapRoute:
    name: str
    kind: str  # "supply", "corridor", "exit", "medevac"
    via: str = ""  # the name of the place it runs through, if one is on the map


@dataclass(frozen=True, slots=True)
class Map:
    """A schematic map (drawn by game.present.svgmap; text formats leave it out, the places
    are also given in a table): places grouped by zone, the front between the west and
    the east, and the routes out of the east. Not to scale, and says so."""

    title: str
    places: tuple[MapPlace, ...]
    routes: tuple[MapRoute, ...]
    caption: str = ""
    id: str = ""


Block = Heading | Paragraph | Items | Table | Claims | Chart | Map


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    kind: str = ""  # "week-report", "debrief", "week"
    # Who and when, for a page's header: ("Player", "Sam"), ("Class code", "K7M-4QX")...
    meta: tuple[tuple[str, str], ...] = ()

    def find(self, id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == id), None)

    def sections(self) -> Iterator[tuple[Heading | None, tuple[Block, ...]]]:
        """The blocks grouped under their level-1 headings (the first group may have
        no heading)."""
        head: Heading | None = None
        group: list[Block] = []
        for b in self.blocks:
            if isinstance(b, Heading) and b.level == 1:
                if head is not None or group:
                    yield head, tuple(group)
                head, group = b, []
            else:
                group.append(b)
        if head is not None or group:
            yield head, tuple(group)

"""Documents of the presentation layer (`game.present.doc`) as Textual widgets: the
screens lay out what `game.present` worded, and word nothing themselves."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from game.present.doc import Block, Chart, Claims, Document, Heading, Items, Paragraph, Spans
from game.present.doc import Table as DocTable
from game.present.labels import ABOVE, BELOW, SPREAD_KEY
from game.ui.text import plain
from game.ui.widgets.claims import Topics

STYLES = {"": "", "strong": "bold", "em": "italic"}


def text_of(sp: Spans, style: str = "") -> Text:
    return plain(*((s.text, STYLES[s.style]) for s in sp), style=style)


def items_text(b: Items, indent: str = "  ") -> Text:
    lines = []
    for i, item in enumerate(b.items):
        mark = f"{i + 1}. " if b.ordered else f"{indent}• "
        lines.append(plain(mark).append_text(text_of(item)))
    return Text("\n").join(lines)


def rich_table(b: DocTable) -> Table:
    table = Table(
        title=plain(b.title, style="bold") if b.title else None,
        caption=plain(b.caption, style="italic") if b.caption else None,
        title_justify="left",
        caption_justify="left",
        box=None,
    )
    numbers = is_numeric(b)
    for i, h in enumerate(b.header):
        right = i < len(b.numeric) and b.numeric[i]
        head = plain(h)
        if right:
            head.justify = "right"
        table.add_column(head, justify="right" if right else "left", no_wrap=numbers and len(b.header) <= 4)
    for row in b.rows:
        cells = []
        for i, c in enumerate(row):
            cell = plain(c.text)
            if i < len(b.numeric) and b.numeric[i]:
                cell.justify = "right"
            cells.append(cell)
        table.add_row(*cells)
    return table


def cards(b: DocTable) -> Text:
    """A table with columns of words, as one entry per row: the first cell in bold, then
    each other column's heading and cell (narrow screens cannot give them columns)."""
    out = []
    if b.title:
        out.append(plain((b.title, "bold")))
    for row in b.rows:
        rest = "; ".join(f"{h}: {c.text}" for h, c in zip(b.header[1:], row[1:], strict=True) if c.text)
        out.append(plain((f"{row[0].text}: ", "bold"), rest + "."))
    return Text("\n").join(out)


def is_numeric(b: DocTable) -> bool:
    return len(b.numeric) == len(b.header) and all(b.numeric[1:])


STRIP = 21


def spread_strip(value: float, p10: float, median: float, p90: float) -> Text:
    """A small chart: the spread of other games from their 10th to 90th percentile (═),
    their median (│) and this game (▲), on a common scale; words say if it is outside."""
    lo, hi = min(p10, value), max(p90, value)
    width = hi - lo
    cells = [" "] * STRIP

    def at(x: float) -> int:
        return 0 if width <= 0 else min(STRIP - 1, max(0, round((x - lo) / width * (STRIP - 1))))

    for i in range(at(p10), at(p90) + 1):
        cells[i] = "═"
    cells[at(median)] = "│"
    cells[at(value)] = "▲"
    where = BELOW if value < p10 else ABOVE if value > p90 else ""
    return plain("".join(cells), (where, "bold"))


def chart(b: Chart) -> Table | Text:
    if b.kind != "spread":
        return plain(b.title)
    table = Table(
        title=plain(b.title, style="bold"),
        caption=plain(SPREAD_KEY, style="italic"),
        title_justify="left",
        caption_justify="left",
        box=None,
        show_header=False,
    )
    table.add_column()
    table.add_column()
    for s in b.series:
        table.add_row(plain(s.label), spread_strip(*s.values[:4]))
    return table


def widget_id(block_id: str) -> str | None:
    """The widget id of a block with an id ("doc-causes", "doc-claims-east-population")."""
    return "doc-" + re.sub(r"[^A-Za-z0-9_-]", "-", block_id) if block_id else None


def widgets(blocks: Iterable[Block]) -> Iterator[Widget]:
    """The blocks as widgets: a level-2 heading and the list under it make one widget
    ("You:" and its items), as do consecutive paragraphs of running text."""
    pending: list[Text] = []

    def flush() -> Iterator[Widget]:
        if pending:
            yield Static(Text("\n").join(pending))
            pending.clear()

    for b in blocks:
        if isinstance(b, Heading) and b.level >= 2 and b.id.startswith("role:"):
            pending.append(plain((f"{b.text}:", "bold")))
            continue
        if isinstance(b, Items) and pending:
            pending.append(items_text(b))
            continue
        yield from flush()
        wid = widget_id(b.id)
        if isinstance(b, Heading):
            yield Static(plain(b.text), classes="section-title", id=wid)
        elif isinstance(b, Paragraph):
            yield Static(text_of(b.spans), classes="note" if b.note else "", id=wid)
        elif isinstance(b, Items):
            yield Static(items_text(b), id=wid)
        elif isinstance(b, DocTable):
            yield Static(rich_table(b) if is_numeric(b) else cards(b), classes="section", id=wid)
        elif isinstance(b, Claims):
            yield Static(Group(plain((b.title, "bold")), Topics(b.topics)), classes="claims", id=wid)
        elif isinstance(b, Chart):
            yield Static(chart(b), classes="section", id=wid)
    yield from flush()


def document_widgets(doc: Document) -> Iterator[Widget]:
    return widgets(doc.blocks)

"""Claims on one topic side by side: a column per source where the width allows, one
under another where it does not. Every cell names its source, stance, lean and date. A
disputed topic is marked once, on its question, never on one of its claims."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from game.present.doc import ClaimLine, Topic
from game.ui.text import plain

MIN_COLUMN = 26


def claim_text(cl: ClaimLine) -> Text:
    return plain((cl.source, "bold"), f" ({cl.label}), {cl.date}: {cl.text}")


class Topics:
    """Topics (from `game.present.words.topics`): each question, then its claims side by side."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.topics = list(topics)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for t in self.topics:
            yield SideBySide(t.claims, t.title)


class SideBySide:
    """A Rich renderable of claims: columns if each gets MIN_COLUMN cells, else a list."""

    def __init__(self, claims: Sequence[ClaimLine], title: str = "") -> None:
        self.claims = list(claims)
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        n = max(len(self.claims), 1)
        head = plain((self.title, "bold")) if self.title else None
        if n > 1 and options.max_width // n >= MIN_COLUMN:
            table = Table(box=box.SQUARE, show_header=False, expand=True, title=head, title_justify="left")
            for _ in self.claims:
                table.add_column(ratio=1)
            table.add_row(*(claim_text(cl) for cl in self.claims))
            yield table
        else:
            items = [claim_text(cl) for cl in self.claims]
            yield Group(*([head] if head else []), *(plain("• ").append_text(t) for t in items))

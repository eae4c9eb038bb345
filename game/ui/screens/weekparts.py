"""The week screen's item of the news (worded by `game.present.situation`)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from game.present.labels import CONTESTED
from game.present.situation import NewsEntry
from game.ui.text import plain
from game.ui.widgets.claims import Topics


def news_block(item: NewsEntry) -> RenderableType:
    tags = " ".join(item.tags)
    head = plain((f"▸ {item.title}", "bold"), item.when, (" " + tags if tags else "", "italic"))
    parts: list[RenderableType] = [head, plain(item.text), plain(item.sources, style="italic")]
    if item.contested:
        parts.append(plain((CONTESTED, "bold"), item.contested))
    if item.topics:
        parts.append(Topics(item.topics))
    parts.append(Text(""))
    return Group(*parts)

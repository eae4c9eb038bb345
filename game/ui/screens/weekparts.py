"""The week screen's lines: an action in the list, an item of the news (worded by
`game.present.situation`)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from game.present.labels import CONTESTED, points_short
from game.present.situation import ActionEntry, NewsEntry
from game.ui.text import plain
from game.ui.widgets.claims import Topics


def action_prompt(n: int, a: ActionEntry) -> Text:
    mark = "[x]" if a.planned else "[ ]"
    pts = points_short(a.points)
    cost = f"{a.cost}; {pts}" if a.cost else pts
    line2 = f"\n    {cost}" + (f" · {a.verdict}" if a.verdict else "") + (f" · {a.tag}" if a.tag else "")
    return plain((f"{n:>2} {mark} {a.name}", "bold" if a.planned else ""), line2, style="" if a.open else "dim")


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

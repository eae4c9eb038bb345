"""The week screen's lines: an action in the list, an item of the news."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from game.present.words import certainty, day, sources_text, topics
from game.session import ActionInfo, NewsItem
from game.ui.text import plain
from game.ui.widgets.claims import Topics


def action_prompt(n: int, a: ActionInfo, cost_words: str) -> Text:
    mark = "[x]" if a.planned else "[ ]"
    pts = f"{a.points} pt{'s' if a.points != 1 else ''}"
    cost = f"{cost_words}; {pts}" if cost_words else pts
    verdict = certainty(a.uncertainty)
    line2 = f"\n    {cost}" + (f" · {verdict}" if verdict else "")
    if a.planned:
        tag = ""
    elif not a.available:
        tag = " · not possible this week"
    elif not a.affordable:
        tag = " · cannot afford"
    else:
        tag = ""
    style = "" if a.planned or (a.available and a.affordable) else "dim"
    return plain((f"{n:>2} {mark} {a.name}", "bold" if a.planned else ""), line2 + tag, style=style)


def news_block(item: NewsItem) -> RenderableType:
    tags = []
    if item.is_contested:
        tags.append("[contested]")
    if item.simulated:
        tags.append("[simulated: the model's own event]")
    when = f" ({day(item.date)})" if item.date else ""
    head = plain((f"▸ {item.title}", "bold"), when, (" " + " ".join(tags) if tags else "", "italic"))
    parts: list[RenderableType] = [head, plain(item.text), plain(sources_text(item.sources), style="italic")]
    if item.contested:
        parts.append(plain(("Contested: ", "bold"), item.contested))
    if item.claims:
        parts.append(Topics(topics(item.claims)))
    parts.append(Text(""))
    return Group(*parts)

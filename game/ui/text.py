"""Scenario text for the screen: always plain text (never markup), control characters
replaced, with the line mode's wording helpers for dates and sources."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from game.plain.line import certainty, clean, day, source_names, span
from game.session import SourceInfo

__all__ = ["certainty", "day", "plain", "source_names", "sources_text", "span"]


def plain(*parts: str | tuple[str, str], style: str = "") -> Text:
    """Text from strings (shown as written) or (string, style) pairs; `[b]` in a scenario
    string stays `[b]` on screen."""
    out = Text(style=style)
    for part in parts:
        if isinstance(part, tuple):
            out.append(clean(part[0]), style=part[1])
        else:
            out.append(clean(part))
    return out


def sources_text(sources: Iterable[SourceInfo]) -> str:
    names = source_names(sources)
    return f"Sources: {names}." if names else "Sources: none given."

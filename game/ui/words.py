"""The line mode's wording for dates, certainty and sources, shared by the screens."""

from __future__ import annotations

from collections.abc import Iterable

from game.plain.line import certainty, day, source_names, span
from game.session import SourceInfo

__all__ = ["certainty", "day", "source_names", "sources_text", "span"]


def sources_text(sources: Iterable[SourceInfo]) -> str:
    names = source_names(sources)
    return f"Sources: {names}." if names else "Sources: none given."

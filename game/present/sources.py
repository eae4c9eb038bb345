"""Sources in words: the sources screen (every source of the scenario with its stance,
note, address and claims; every claim by topic, side by side) and the line mode's list
of the sources of this week's phase, news and dilemmas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.present.doc import Spans, Style, Topic, spans
from game.present.words import claim_day, topics
from game.session import ClaimInfo, SourceInfo

SOURCES_HEADING = "Sources: who says what, and from where they stand"
WEEK_SOURCES = "Sources of this week's phase, news and dilemmas, with their stance:"


@dataclass(frozen=True, slots=True)
class SourcesPage:
    """Every claim by topic, then every source: its name (strong), stance, note and
    address, and its own claims a line each."""

    heading: str
    claims_title: str
    topics: tuple[Topic, ...]
    sources_title: str
    entries: tuple[Spans, ...]


def sources_page(claims: Sequence[ClaimInfo], sources: Iterable[SourceInfo]) -> SourcesPage:
    entries = []
    for src in sources:
        parts: list[str | tuple[str, Style]] = [(src.name, "strong"), f" — stance: {src.label}."]
        if src.note:
            parts.append(f" {src.note}")
        if src.url:
            parts.append(f" {src.url}")
        for c in claims:
            if c.source.id == src.id:
                disputed = f" (disputed: {c.question})" if c.contested else ""
                parts.append(f"\n  • {claim_day(c)}: {c.text}{disputed}")
        entries.append(spans(*parts))
    return SourcesPage(
        SOURCES_HEADING,
        "Claims by topic, side by side",
        topics(claims),
        "Every source",
        tuple(entries),
    )


def source_line(src: SourceInfo) -> str:
    """A source in a line: "- SANA. Stance: government. Lean: pro-government. Its note. Its address"."""
    extra = f" {src.note}" if src.note else ""
    url = f" {src.url}" if src.url else ""
    lean = f" Lean: {src.lean}." if src.lean else ""
    return f"- {src.name}. Stance: {src.stance}.{lean}{extra}{url}"


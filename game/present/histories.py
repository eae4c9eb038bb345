"""The alternative histories in plain words: "of 1,000 games with other luck, 280 had
fewer deaths in the east than yours", for the measures a class talks about first."""

from __future__ import annotations

from game.present.words import number
from game.session import Alternatives, Distribution

# The end-of-game measures said in words, with (fewer, more) for their runs.
SAID: dict[str, tuple[str, str, str]] = {
    "final-east-killed": ("fewer deaths in the east", "more", "deaths in the east"),
    "final-west-killed": ("fewer deaths in the west", "more", "deaths in the west"),
    "final-east-left": ("fewer departures from the east", "more", "departures from the east"),
    "final-east-food-days": ("less food left in the east at the end", "more", "food left in the east at the end"),
}


def count_words(dist: Distribution, fewer: str, more: str, who: str, noun: str = "") -> str:
    """ "Of 1,000 games with your decisions and other luck, 280 had fewer deaths in the
    east than yours, 650 more (70 the same)." """
    same = dist.runs - dist.below - dist.above
    if same == dist.runs:
        return f"All {number(dist.runs)} games with {who} ended with the same {noun or 'figure'} as yours."
    tail = f" ({number(same)} the same)" if same else ""
    return (
        f"Of {number(dist.runs)} games with {who}, {number(dist.below)} had {fewer} than yours,"
        f" {number(dist.above)} {more}{tail}."
    )


def plain_lines(alt: Alternatives) -> tuple[str, ...]:
    """A line for each of the measures in `SAID`, against each family of games."""
    out: list[str] = []
    for m in alt.measures:
        if m.id not in SAID:
            continue
        fewer, more, noun = SAID[m.id]
        out.append(count_words(m.same_decisions, fewer, more, "your decisions and other luck", noun))
        out.append(count_words(m.historical, fewer, more, "the historical decisions and other luck", noun))
    return tuple(out)


def offer(runs: int) -> str:
    """The full-screen debrief's offer to play the alternative histories (key h)."""
    return (
        f"Press h to play {runs:,} other games of the same siege with other luck: your own"
        " decisions, and every role played as it was historically. Your game is set among them."
    )


def playing(runs: int) -> str:
    return f"Playing {runs:,} alternative histories… (the game stays usable)"

"""The read-only views of a finished game (the debrief) and of the record's figures
placed in its weeks: plain frozen dataclasses like those of `views`, no behaviour beyond
a few derived fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from game.session import review
from game.session.review import AnswerInfo, QuestionInfo, TurningPoint
from game.session.review.changed import WhatYouChanged
from game.session.views import ClaimInfo, SourceInfo, TopicInfo, disputes, topics_of


def band_position(value: float, band: tuple[float, float]) -> str:
    """ "inside", "below" or "above" a record's band."""
    return "below" if value < band[0] else "above" if value > band[1] else "inside"


@dataclass(frozen=True, slots=True)
class RecordMark:
    """A figure of the record placed in a week of the game (for charts). A measure of
    one week is read from the history entry `week`; a change over weeks (`since` set) is
    the entry `week` less the entry `since`."""

    label: str
    metric: str
    zone: str
    week: int  # the history entry it belongs to (1 = after week 1)
    band: tuple[float, float]
    record: str
    sources: tuple[SourceInfo, ...]
    id: str = ""
    since: int | None = None  # a change over weeks: the entry it is counted from
    route: str | None = None  # metric "left": departures by this route only
    line: str | None = None  # metric "line": a role's ledger line


@dataclass(frozen=True, slots=True)
class RecordResult:
    """One record measure: this game's value beside the record's band."""

    id: str
    label: str
    metric: str
    zone: str
    band: tuple[float, float]
    record: str
    sources: tuple[SourceInfo, ...]
    value: float  # simulated, this game

    @property
    def inside(self) -> bool:
        return self.band[0] <= self.value <= self.band[1]

    @property
    def position(self) -> str:
        return band_position(self.value, self.band)


@dataclass(frozen=True, slots=True)
class EpilogueEntry:
    date: dt.date
    text: str
    sources: tuple[SourceInfo, ...]
    claims: tuple[ClaimInfo, ...] = ()  # what each source said, by topic

    @property
    def contested(self) -> str:
        return disputes(self.claims)

    @property
    def topics(self) -> tuple[TopicInfo, ...]:
        return topics_of(self.claims)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One ledger measure of the finished game. `value` is always simulated; a record
    measure also carries the record's band, its words and its sources."""

    id: str
    label: str
    value: float  # simulated, this game
    record: str  # what the record says ("" for a measure with no record)
    band: tuple[float, float] | None  # the record's range (None: no record)
    sources: tuple[SourceInfo, ...]  # the record's sources (empty: no record)
    claims: tuple[ClaimInfo, ...] = ()  # what each source said, side by side
    simulated: bool = True

    @property
    def topics(self) -> tuple[TopicInfo, ...]:
        return topics_of(self.claims)

    @property
    def position(self) -> str:
        """"inside", "below" or "above" the record's band ("" with no record)."""
        return "" if self.band is None else band_position(self.value, self.band)


@dataclass(frozen=True, slots=True)
class Debrief:
    """The finished game's summary."""

    scenario: str
    title: str
    seed: int
    roles: tuple[str, ...]
    policy: str
    weeks: int
    start: dict[str, Any]  # the ledger at the start
    final: dict[str, Any]  # the ledger after the last week (simulated)
    record: tuple[RecordResult, ...]
    epilogue: tuple[EpilogueEntry, ...]
    choices: dict[str, str]  # dilemma id -> option chosen (or defaulted)
    content: str = "standard"
    role_names: dict[str, str] = field(default_factory=dict)  # every role id -> its name
    choice_labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # dilemma -> (title, option label)
    answers: tuple[AnswerInfo, ...] = ()  # every dilemma put, in order, and whose answer it was
    # The scenario's names for what turning points name by id (for the presentation layer):
    action_names: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> action -> name
    option_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # dilemma -> option -> label
    var_labels: dict[str, str] = field(default_factory=dict)  # variable -> label
    event_titles: dict[str, str] = field(default_factory=dict)  # event -> title
    route_names: dict[str, str] = field(default_factory=dict)  # route -> name
    ledger: tuple[LedgerLine, ...] = ()  # the record measures, then the end-of-game ones
    turning_points: tuple[TurningPoint, ...] = ()
    questions: tuple[QuestionInfo, ...] = ()
    rank_measure: str = review.RANK_MEASURE  # what turning points are ranked by
    code: str = ""  # the class code the seed came from ("" if none)
    length: str = "full"  # "full" (a turn a week) or "lesson" (the lesson calendar)
    # A game ended before its last week (debrief now): `weeks` is the weeks played, and
    # `of_weeks` the weeks of the whole game (0 when the game was played to its end).
    ended_early: bool = False
    of_weeks: int = 0
    # For the charts: the ledger at the start and after each week (simulated), the
    # record's figures placed in its weeks, and the calendar's first day.
    history: tuple[dict[str, Any], ...] = ()
    marks: tuple[RecordMark, ...] = ()
    start_date: dt.date | None = None
    player: str = ""  # the player's or team's name, where one was given
    made: dt.date | None = None  # the day the debrief was made
    # What the people's choices changed: the game against the same luck with the
    # historical policy's decisions for their roles, then with none (exact replays).
    changed: tuple[WhatYouChanged, ...] = ()

"""The read-only views of a game that the session gives front ends and the
presentation: plain frozen dataclasses, no behaviour beyond a few derived fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from game.engine.rules import Problem
from game.session import review
from game.session.review import AnswerInfo, QuestionInfo, TurningPoint
from game.session.review.changed import WhatYouChanged


@dataclass(frozen=True, slots=True)


class SourceInfo:
    id: str
    name: str
    stance: str
    note: str = ""
    url: str | None = None
    lean: str = ""  # which way the source leans, in words
    short: str = ""  # a short name, for lines naming many sources ("" : its name)

    @property
    def label(self) -> str:
        """Its stance and lean, for a parenthesis: "government; pro-government"."""
        return f"{self.stance}; {self.lean}" if self.lean else self.stance


@dataclass(frozen=True, slots=True)


class ClaimInfo:
    """One source's figure or statement on a topic. `contested` is the topic's: every
    claim of a disputed topic carries it alike, so none is singled out."""

    id: str
    topic: str
    date: dt.date
    text: str
    value: float | None
    unit: str
    source: SourceInfo
    contested: bool  # its topic is disputed
    question: str = ""  # its topic's question
    precision: str = "day"  # "month": the source gives only the month


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """One question and the claims on it, side by side; a dispute if `contested`."""

    id: str
    question: str
    contested: bool
    claims: tuple[ClaimInfo, ...]


def topics_of(claims: Iterable[ClaimInfo]) -> tuple[TopicInfo, ...]:
    """Claims grouped by topic, in the order the topics first appear."""
    groups: dict[str, list[ClaimInfo]] = {}
    for cl in claims:
        groups.setdefault(cl.topic, []).append(cl)
    return tuple(
        TopicInfo(tid, group[0].question, group[0].contested, tuple(group))
        for tid, group in groups.items()
    )


def disputes(claims: Iterable[ClaimInfo]) -> str:
    """The questions of the disputed topics among the claims, in words ("" if none)."""
    return " ".join(t.question for t in topics_of(claims) if t.contested)


@dataclass(frozen=True, slots=True)


class NewsItem:
    """An event that opened this week, at the session's content level."""

    id: str
    title: str
    text: str
    date: dt.date | None
    sources: tuple[SourceInfo, ...]
    contested: str  # the questions its disputed topics ask ("" if none)
    claims: tuple[ClaimInfo, ...]  # the claims the event cites and others on their topics
    simulated: bool  # the model's own event (it cites the model, not a record)

    @property
    def is_contested(self) -> bool:
        return bool(self.contested)

    @property
    def topics(self) -> tuple[TopicInfo, ...]:
        return topics_of(self.claims)


@dataclass(frozen=True, slots=True)


class WeekInfo:
    index: int  # 0-based week of the game
    number: int  # 1-based, for people
    weeks: int  # weeks in the game
    start: dt.date
    end: dt.date
    phase: str
    phase_name: str
    phase_summary: str
    phase_sources: tuple[SourceInfo, ...]
    # Other phases with days in this week (a week can span two, or hold a one-day
    # pause): (name, first day in this week, last day in this week), in order.
    also: tuple[tuple[str, dt.date, dt.date], ...] = ()
    # The turn: in a full game, one a week; in a lesson game, a turn of the lesson
    # calendar (its name) covering the weeks from `start` to `last`'s end.
    length: str = "full"
    turn: int = 1  # 1-based
    turns: int = 1
    turn_name: str = ""
    # A lesson turn's summary of its weeks, in the scenario's words, and its sources ("" and
    # none in a full game, or where the scenario gives no summary).
    turn_summary: str = ""
    turn_sources: tuple[SourceInfo, ...] = ()
    last: int = 0  # the 0-based last week the turn covers (`index` in a full game)
    span_end: dt.date | None = None  # the last day of the turn (`end` in a full game)
    # Whether this turn is the first the player sees of its phase (its summary is
    # shown once, not every turn of the phase).
    phase_new: bool = True


@dataclass(frozen=True, slots=True)


class ActionInfo:
    id: str
    name: str
    summary: str
    cost: dict[str, float]  # variable -> amount (worded by game.present.plan.cost_text)
    points: int
    available: bool  # its condition holds this week
    affordable: bool  # the role can pay for it alone, with what it has now
    planned: bool  # in the role's plan for this week
    # the rulebook's problem with adding it to the plan now (None if it can be added, or
    # is planned, or is not possible this week); game.present.plan.action_reason words it
    problem: Problem | None
    uncertainty: str
    sources: tuple[SourceInfo, ...]


@dataclass(frozen=True, slots=True)


class OptionInfo:
    id: str
    label: str
    text: str
    cost: dict[str, float]
    affordable: bool
    uncertainty: str
    is_default: bool
    chosen: bool


@dataclass(frozen=True, slots=True)


class DilemmaInfo:
    id: str
    role: str
    title: str
    text: str
    sources: tuple[SourceInfo, ...]
    contested: str  # the questions its disputed topics ask ("" if none)
    options: tuple[OptionInfo, ...]
    default: str
    chosen: str | None  # the option in the plan, or None (then the default applies)
    claims: tuple[ClaimInfo, ...] = ()  # the claims the card cites and others on their topics
    # In a lesson turn, a dilemma dated later in the turn: the first day of its week (it
    # is answered now and the answer given then); None for this week's.
    comes: dt.date | None = None

    @property
    def topics(self) -> tuple[TopicInfo, ...]:
        return topics_of(self.claims)


@dataclass(frozen=True, slots=True)


class ResourceInfo:
    id: str
    label: str
    value: float
    unit: str
    low: float | None = None  # the variable's bounds, where the scenario gives them
    high: float | None = None
    short: str = ""  # a short label, for a line of every resource ("": the label)


@dataclass(frozen=True, slots=True)


class RoleInfo:
    id: str
    name: str
    summary: str  # who you are
    fictional: bool
    budget: int
    human: bool
    line: str = ""  # the role in one line
    # the role card's lists (empty if the scenario gives no card)
    can: tuple[str, ...] = ()
    cannot: tuple[str, ...] = ()
    watch: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LeavingInfo:
    """A role whose life in the game has ended (a family that has left the city): its
    epilogue, the sentences whose conditions hold, at the game's content level."""

    role: str
    title: str
    says: tuple[str, ...]


@dataclass(frozen=True, slots=True)


class DistrictInfo:
    """One district now (simulated): who holds it, its people, and the last week's harm."""

    id: str
    name: str
    zone: str
    holder: str
    front: bool
    present: int
    killed: int  # since the start
    injured: int  # since the start
    week_killed: int  # in the week last played (0 before the first)
    week_injured: int
    hospitals: int  # working now


@dataclass(frozen=True, slots=True)


class RouteInfo:
    """A route this week: how many days it is open (0 to 7, scaled by how open it is)."""

    id: str
    name: str
    kind: str
    open_days: float
    text: str


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
        if self.value < self.band[0]:
            return "below"
        if self.value > self.band[1]:
            return "above"
        return "inside"


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
        if self.band is None:
            return ""
        if self.value < self.band[0]:
            return "below"
        if self.value > self.band[1]:
            return "above"
        return "inside"


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

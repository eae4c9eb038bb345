"""The read-only views of a game that the session gives front ends and the
presentation: plain frozen dataclasses, no behaviour beyond a few derived fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from game.engine.rules import Problem


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

"""The plain data a class report is made from (game.classroom.report gathers it from the
results store): the class's games, its measures, how it split on each dilemma, what
recurred."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.session import RecordMark


@dataclass(frozen=True, slots=True)
class GameView:
    """One game of the class."""

    label: str  # "Game 3", or the player's name with --names
    finished: bool
    weeks_played: int
    weeks: int
    values: Mapping[str, float]  # summary measure id -> value (simulated)
    history: tuple[Mapping[str, Any], ...]  # the ledger at the start and after each week
    options: Mapping[str, str]  # dilemma id -> the label of the option the game ended with
    defaulted: frozenset[str] = frozenset()  # the dilemmas it left to the default
    # a lesson game's (turns played, turns in all); None: a full game, or turns unknown
    lesson_turns: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class MeasureView:
    """One measure: the record's range (if any) and the historical policy's games."""

    id: str
    label: str
    band: tuple[float, float] | None
    record: str  # the record's words ("" if none)
    historical: tuple[float, ...]  # one value per alternative history (simulated)


@dataclass(frozen=True, slots=True)
class SplitView:
    """How the class answered one dilemma: games per option, and games that left it to
    the default."""

    dilemma: str
    title: str
    role: str  # the role's name
    options: tuple[tuple[str, int], ...]  # (option label, games that chose it)
    defaulted: int  # games where nobody answered (the default applied)


@dataclass(frozen=True, slots=True)
class CountView:
    label: str  # what it was, in the scenario's words
    games: int  # games in which it happened
    times: int = 0  # how often, over all games
    effect: float | None = None  # turning points: the mean effect on the killed (simulated)


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One measure the class's roles touch, over the finished games: each game against
    the same game on the same luck with the historical decisions (exact, simulated)."""

    id: str  # "zone.metric" of the civilian ledger (`kind` "ledger") or a variable ("line")
    kind: str
    deltas: tuple[float, ...]  # per finished game: its value less the historical game's

    @property
    def fewer(self) -> int:
        return sum(1 for d in self.deltas if d < -1e-6)

    @property
    def more(self) -> int:
        return sum(1 for d in self.deltas if d > 1e-6)

    @property
    def same(self) -> int:
        return len(self.deltas) - self.fewer - self.more


@dataclass(frozen=True, slots=True)
class ClassView:
    code: str
    title: str  # the scenario's title
    roles: tuple[str, ...]  # the names of the roles the students play
    others: str  # who plays the other roles ("the historical policy")
    seed: int
    content: str
    length: str
    made: dt.date | None
    games: tuple[GameView, ...]
    measures: tuple[MeasureView, ...]
    runs: int  # alternative histories run (0: none)
    splits: tuple[SplitView, ...]
    actions: tuple[CountView, ...]  # the decisions made most, most first
    turning_points: tuple[CountView, ...]  # the ones that recurred, most first
    questions: tuple[CountView, ...]  # the questions picked, most first
    marks: tuple[RecordMark, ...]
    start_date: dt.date | None
    routes: Mapping[str, str] = field(default_factory=dict)
    lines: Mapping[str, str] = field(default_factory=dict)
    named: bool = False
    changed: tuple[ChangeView, ...] = ()  # what the class's choices changed, ledger first


def _p(values: Sequence[float], q: float) -> float:
    """The `q` quantile (0..1) of `values`; a measure in whole people stays whole."""
    xs = sorted(values)
    if not xs:
        return 0.0
    k = (len(xs) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    x = xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
    return float(round(x)) if all(float(v).is_integer() for v in xs) else x

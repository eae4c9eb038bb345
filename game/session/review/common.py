"""What the debrief's analyses give back: turning points, questions and alternative
histories as plain dataclasses, and the limits that shape them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from game.engine.core import Cause, Outcome
from game.model.state import RoleDecision

Plans = Sequence[Mapping[str, RoleDecision]]  # week -> human role -> its decision
Progress = Callable[[int, int], None]

# Turning points are ranked by their effect on lives: the change in civilians killed in
# every zone (east, west and Sheikh Maqsoud) by the end of the game. No other measure is
# weighed in; injuries, departures and food are reported beside it.
RANK_MEASURE = "civilians killed, every zone, by the end of the game"
MAX_TURNING_POINTS = 5
MIN_TURNING_POINTS = 3
MAX_CHANCE = 2
MIN_QUESTIONS, MAX_QUESTIONS = 3, 5


@dataclass(frozen=True, slots=True)


class TurningPoint:
    """A decision or an event of chance that changed the outcome.

    `effect_killed` is what it changed in civilians killed (every zone, end of game):
    negative means fewer died with it than without it. For a decision it is the mean of
    paired replays (with and without it, each pair on the same luck) over `samples`
    lucks, the game's own first; for chance it is the engine's own estimate for the
    week. All figures are simulated."""

    kind: str  # "decision" (a week's actions), "choice" (a dilemma option) or "chance"
    week: int  # 0-based week
    role: str  # the role that decided ("" for chance)
    ref: str  # the dilemma id (choice), "actions" (decision) or the cause's ref (chance)
    effect_killed: float
    effect_injured: float
    effect_left: float
    effect_food_days: float
    samples: int
    # What it was, as data (game.present words it):
    option: str = ""  # choice: the option chosen (compared with the dilemma's default)
    default: str = ""  # choice: the dilemma's default option
    actions: tuple[tuple[str, tuple[Outcome, ...]], ...] = ()  # decision: each action, its outcomes
    changes: tuple[tuple[str, float], ...] = ()  # decision or choice: variables most changed by the end
    news: tuple[str, ...] = ()  # chance: the events of that week
    cause: Cause | None = None  # chance: the engine's cause


@dataclass(frozen=True, slots=True)
class AnswerInfo:
    """One dilemma put in the game, the option that applied, and whose answer it was:
    "player" (a role people play chose it), "computer" (a role a policy plays chose it)
    or "default" (nobody chose, or the option chosen could not be paid for); "left" when
    nobody chose and the role's life in the game ended that week (a family that left by
    other means): its default applied, and `left` is the role's `leaving` title."""

    dilemma: str
    role: str
    week: int  # 0-based
    option: str
    title: str  # the dilemma's title (scenario text)
    label: str  # the option's label (scenario text)
    by: str
    left: str = ""  # by "left": the role's leaving title (scenario text)


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing in a game that a discussion question is tied to, as data for the
    presentation to word: `kind` "chose" (the option `label` of the dilemma `of`), "used"
    (the action `label`, `count` times), "measure" (a record or ledger measure `label`
    and its `value`), "reading" (a measure a condition on the game's end reads: `label`
    and `value`, a yes or no when `flag`) or "ending" (a condition that reads nothing a
    player would know: how the game ended). Every value is simulated."""

    kind: str
    label: str = ""
    of: str = ""
    count: int = 0
    value: float = 0.0
    flag: bool = False


@dataclass(frozen=True, slots=True)
class QuestionInfo:
    id: str
    text: str  # at the session's content level
    tied: bool  # tied to this game (False: a general question)
    why: tuple[Reason, ...] = ()  # what in this game it is tied to (() if general)


@dataclass(frozen=True, slots=True)


class Distribution:
    """One measure over many simulated games."""

    runs: int
    median: float
    p10: float
    p90: float
    rank: float  # where this game's value stands: percent of runs below it (ties count half)
    # A histogram of the runs, for charts: how many fell in each of equal bins from
    # span[0] to span[1] (a measure in whole numbers gets a bin per number where few).
    counts: tuple[int, ...] = ()
    span: tuple[float, float] = (0.0, 0.0)
    # How many of the runs ended below this game's value, and how many above (the rest
    # equal it): what "280 had fewer deaths than yours" counts.
    below: int = 0
    above: int = 0


@dataclass(frozen=True, slots=True)


class AltMeasure:
    id: str
    label: str
    value: float  # this game (simulated)
    same_decisions: Distribution  # the players' decisions with other luck
    historical: Distribution  # every role played by the historical policy
    # An end-of-game ledger figure's zone and metric, for charts ("" for the record's
    # measures, which are read otherwise).
    zone: str = ""
    metric: str = ""


@dataclass(frozen=True, slots=True)


class Alternatives:
    """This game against alternative histories (every figure simulated)."""

    runs: int  # games in each of the two families
    seeds: tuple[int, int]  # first and last seed used
    measures: tuple[AltMeasure, ...]
    dropped_decisions: int  # logged decisions left out because they were not legal
    dropped_runs: int  # same-decision runs in which at least one was left out


@dataclass(frozen=True, slots=True)
class FamilyMeasure:
    id: str
    label: str
    values: tuple[float, ...]  # one per run, in the order of the seeds (simulated)


@dataclass(frozen=True, slots=True)
class HistoricalFamily:
    """The alternative histories with every role played by the historical policy: the
    same for every game of one seed (a class's), so computed once for all of them."""

    runs: int
    seeds: tuple[int, int]  # first and last seed used
    measures: tuple[FamilyMeasure, ...]

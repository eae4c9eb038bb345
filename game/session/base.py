"""The parts of a session every other part reads: its errors and limits, the
replay of a decision log, and the attributes and properties of one game's state."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from game.engine.compiled import Compiled
from game.engine.core import IllegalDecision, WeekReport, new_game, step
from game.engine.policies import Policy
from game.engine.rules import Problem, describe
from game.model.record import Source
from game.model.scenario import Scenario
from game.model.state import GameState, RoleDecision
from game.model.world import Variable
from game.session.glance import CONTENT_LEVELS as CONTENT_LEVELS
from game.session.glance import MAX_PLAYER_NAME as MAX_PLAYER_NAME
from game.session.saves import LogEntry

if TYPE_CHECKING:
    from game.session.review.changed import YourPart

ContentLevel = Literal["standard", "gentle"]
Length = Literal["lesson", "full"]
DEFAULT_POLICY = "historical"
TURNING_POINT_SAMPLES = 4
MAX_SEED = 2**63 - 1
ALTERNATIVE_RUNS = 1000  # the games of each family of alternative histories, unless told


class SessionError(Exception):
    """A request the session cannot carry out; the message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class DecisionError(SessionError, ValueError):
    """A plan the rules do not allow this week. `problem` is the rulebook's problem with
    it, when it names one (`game.present.plan.refusal` words it for the player); the
    message is the engine's description, in ids. `role` and `policy`: a role a policy
    plays in this game, and that policy, when the plan is refused for that."""

    def __init__(self, message: str, problem: Problem | None = None, *, role: str = "", policy: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        self.role, self.policy = role, policy

    @classmethod
    def of(cls, problem: Problem) -> DecisionError:
        return cls(describe(problem), problem)


def replay_log(c: Compiled, seed: int, log: Sequence[LogEntry]) -> GameState:
    """A new game from `seed`, stepped with every week of `log` (checked). Raises
    SessionError if the log does not fit the game."""
    return replay_with_report(c, seed, log)[0]


def replay_with_report(c: Compiled, seed: int, log: Sequence[LogEntry]) -> tuple[GameState, WeekReport | None]:
    """As `replay_log`, with the report of the log's last week (None for an empty log)."""
    s = new_game(c, seed)
    report: WeekReport | None = None
    for k, entry in enumerate(log):
        if s.week >= c.n_weeks:
            raise SessionError("the decision log is longer than the game")
        if entry.week != s.week:
            raise SessionError(
                f"the decision log has week {entry.week + 1} where week {s.week + 1} was due"
            )
        last = k == len(log) - 1
        try:
            s, r = step(c, s, dict(entry.decisions), check=True, explain=last)
        except IllegalDecision as e:
            raise SessionError(
                f"week {entry.week + 1} of the decision log is not legal: {e}"
            ) from e
        if last:
            report = r
    return s, report


def first_difference(a: GameState, b: GameState) -> str:
    for name in GameState.__dataclass_fields__:
        if getattr(a, name) != getattr(b, name):
            return name
    return "nothing"


class SessionBase:
    """What every part of a session holds (`Session.__init__` sets it all), the state's
    read-only properties, and the checks the other parts share. The session's parts
    build on one another in one line: base, reasons, plans, sources (`citing`), views
    (`reading`), debrief, saving, turns, and `Session` itself (the lifecycle)."""

    scenario: Scenario
    compiled: Compiled
    scenario_ref: str
    roles: tuple[str, ...]
    content: ContentLevel
    length: Length
    _spans: list[tuple[int, int]]
    policy: str
    _policy: Policy
    seed: int
    code: str
    save_dir: Path
    autosave: bool
    game_id: str
    _state: GameState
    _log: list[LogEntry]
    _plans: dict[str, RoleDecision]
    _turn: int
    last_report: WeekReport | None
    autosave_error: str | None
    notice: str | None
    _sources: dict[str, Source]
    _vars: dict[str, Variable]
    _prev_cache: tuple[int, GameState] | None
    _turn_start: tuple[int, GameState] | None
    _parts: dict[tuple[int, int], YourPart]

    @property
    def state(self) -> GameState:
        """The game's state at the current decision point (read it; never change it)."""
        return self._state

    @property
    def log(self) -> tuple[LogEntry, ...]:
        return tuple(self._log)

    @property
    def week(self) -> int:
        return self._state.week

    @property
    def n_weeks(self) -> int:
        return self.compiled.n_weeks

    @property
    def finished(self) -> bool:
        return self._state.week >= self.compiled.n_weeks

    # A turn is one week in a full game; in a lesson game, a turn of the scenario's
    # lesson calendar covers several weeks (its span: the first week, and the week after
    # its last). The engine steps week by week either way, and the log keeps every week.

    @property
    def span(self) -> tuple[int, int]:
        """The weeks the turn at hand covers: its first week (the current one) and the
        week after its last."""
        return self._span_at(self._state.week)

    def _span_at(self, week: int) -> tuple[int, int]:
        """The span of the turn that begins at `week`: to the start of the next turn of
        the calendar (a week inside a turn, after a save played again on a changed
        calendar, say, begins a turn that ends where that turn ends)."""
        for first, stop in self._spans:
            if first <= week < stop:
                return week, stop
        return week, week + 1

    @property
    def turn_number(self) -> int:
        """The turn at hand, 1-based (the last turn's once the game is over)."""
        week = min(self._state.week, self.compiled.n_weeks - 1)
        return next((k + 1 for k, (first, stop) in enumerate(self._spans) if first <= week < stop), len(self._spans))

    @property
    def n_turns(self) -> int:
        """Turns in the game: its weeks in a full game, its lesson turns in a lesson."""
        return len(self._spans)

    @property
    def automated(self) -> tuple[str, ...]:
        """The roles a policy plays."""
        return tuple(r for r in self.compiled.roles if r not in self.roles)

    @property
    def autosave_path(self) -> Path:
        return self.save_dir / f"{self.game_id}.json"

    def _human(self, role: str) -> None:
        c = self.compiled
        if role not in c.role_by_id:
            raise DecisionError(f'unknown role "{role}" (valid: {", ".join(c.roles)})', Problem("role", role))
        if role not in self.roles:
            raise DecisionError(
                f"{role} is played by the {self.policy} policy in this game", role=role, policy=self.policy
            )

    def _text(self, full: str, gentle: str | None) -> str:
        return gentle if self.content == "gentle" and gentle else full

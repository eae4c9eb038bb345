"""One game's lifecycle, for every front end: new, decide, advance, save, load, replay,
finish, and the read-only views a front end shows.

Front ends never change a game themselves: they call `Session.decide` (or its helpers
`toggle` and `choose`) to plan a human role's week and `Session.advance` to play it. The
session fills every other role with a policy, steps the engine, keeps the decision log,
and saves the game after every week.

Nothing here imports a user-interface library; the views are plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from game.engine.batch import measure
from game.engine.compiled import Compiled, compile_scenario
from game.engine.core import IllegalDecision, WeekReport, check_decision, env_for, new_game, step
from game.engine.policies import Policy, get_policy, policy_names
from game.model.scenario import Claim, Question, Scenario
from game.model.state import GameState, RoleDecision, state_from_json, state_to_json
from game.scenario import registry
from game.scenario.yamlsrc import ScenarioErrors
from game.session import review
from game.session.review import Alternatives, QuestionInfo, TurningPoint
from game.session.saves import (
    CURRENT_VERSION,
    FORMAT,
    LogEntry,
    SaveError,
    SaveFile,
    default_save_dir,
    first_problem,
    read_save,
    scenario_hash,
    write_atomic,
)

ContentLevel = Literal["standard", "gentle"]
CONTENT_LEVELS: tuple[str, ...] = ("standard", "gentle")
DEFAULT_POLICY = "historical"
TURNING_POINT_SAMPLES = 4
MAX_SEED = 2**63 - 1


# The gentle content level's wording of the engine's explanations: the same figures,
# plainer words. Each pattern rewrites one phrase that `game.engine.core` writes.
GENTLE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"Strikes and fighting of this phase would be expected to kill about (\S+)",
         r"The attacks of this phase would be expected to cost about \1 lives"),
        (r"pulled (\S+) people alive from struck buildings", r"brought \1 people out alive after attacks"),
        (r"(\S+) injured died for lack of care", r"\1 wounded people could not be saved for lack of care"),
        (r"(\S+) died of hunger and unsafe water", r"\1 people died from lack of food and clean water"),
        (r"(\S+) were killed while trying to leave", r"\1 people lost their lives while trying to leave"),
        (r"the bombardment in the east was (heavier|lighter)", r"the attacks on the east were \1"),
        (r"Air strikes put", "Attacks put"),
        (r"(\S+) rescuers? (?:was|were) killed or badly hurt at struck sites",
         r"rescue teams lost \1 of their members at attacked sites"),
        (r"about (\S+) fewer killed", r"about \1 more lives spared"),
    )
)


class SessionError(Exception):
    """A request the session cannot carry out; the message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class DecisionError(SessionError, ValueError):
    """A plan the rules do not allow this week."""


# ---------------------------------------------------------------------------- views


@dataclass(frozen=True, slots=True)
class SourceInfo:
    id: str
    name: str
    stance: str
    note: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """One source's figure or statement on a topic."""

    id: str
    topic: str
    date: dt.date
    text: str
    value: float | None
    unit: str
    source: SourceInfo
    contested: bool


@dataclass(frozen=True, slots=True)
class NewsItem:
    """An event that opened this week, at the session's content level."""

    id: str
    title: str
    text: str
    date: dt.date | None
    sources: tuple[SourceInfo, ...]
    contested: str  # what is disputed, in words ("" if the event itself names nothing)
    claims: tuple[ClaimInfo, ...]  # the claims the event cites and others on their topics
    simulated: bool  # the model's own event (it cites the model, not a record)

    @property
    def is_contested(self) -> bool:
        return bool(self.contested) or any(c.contested for c in self.claims)


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


@dataclass(frozen=True, slots=True)
class ActionInfo:
    id: str
    name: str
    summary: str
    cost: dict[str, float]
    cost_text: str  # e.g. "Funds 1 USD million" ("" if free)
    points: int
    available: bool  # its condition holds this week
    affordable: bool  # the role can pay for it alone, with what it has now
    planned: bool  # in the role's plan for this week
    reason: str  # why it cannot be added to the plan now ("" if it can, or is planned)
    uncertainty: str
    sources: tuple[SourceInfo, ...]


@dataclass(frozen=True, slots=True)
class OptionInfo:
    id: str
    label: str
    text: str
    cost: dict[str, float]
    cost_text: str
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
    contested: str
    options: tuple[OptionInfo, ...]
    default: str
    chosen: str | None  # the option in the plan, or None (then the default applies)
    claims: tuple[ClaimInfo, ...] = ()  # the claims the card cites and others on their topics


@dataclass(frozen=True, slots=True)
class ResourceInfo:
    id: str
    label: str
    value: float
    unit: str
    text: str  # e.g. "Funds: 5 USD million"


@dataclass(frozen=True, slots=True)
class RoleInfo:
    id: str
    name: str
    summary: str
    fictional: bool
    budget: int
    human: bool


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
    """A figure of the record placed in a week of the game (for charts)."""

    label: str
    metric: str
    zone: str
    week: int  # the history entry it belongs to (1 = after week 1)
    band: tuple[float, float]
    record: str
    sources: tuple[SourceInfo, ...]


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
    ledger: tuple[LedgerLine, ...] = ()  # the record measures, then the end-of-game ones
    turning_points: tuple[TurningPoint, ...] = ()
    questions: tuple[QuestionInfo, ...] = ()
    rank_measure: str = review.RANK_MEASURE  # what turning points are ranked by


# ------------------------------------------------------------------------ numbers


def fmt_number(x: float) -> str:
    """A number for people: whole numbers with thousands separators, others with up to
    two decimals."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------------ replay


def replay_log(c: Compiled, seed: int, log: Sequence[LogEntry]) -> GameState:
    """A new game from `seed`, stepped with every week of `log` (checked). Raises
    SessionError if the log does not fit the game."""
    s = new_game(c, seed)
    for entry in log:
        if s.week >= c.n_weeks:
            raise SessionError("the decision log is longer than the game")
        if entry.week != s.week:
            raise SessionError(
                f"the decision log has week {entry.week + 1} where week {s.week + 1} was due"
            )
        try:
            s, _ = step(c, s, dict(entry.decisions), check=True, explain=False)
        except IllegalDecision as e:
            raise SessionError(
                f"week {entry.week + 1} of the decision log is not legal: {e}"
            ) from e
    return s


def _first_difference(a: GameState, b: GameState) -> str:
    for name in GameState.__dataclass_fields__:
        if getattr(a, name) != getattr(b, name):
            return name
    return "nothing"


# ------------------------------------------------------------------------ session


class Session:
    """One game. Build it with `Session.new(...)` or `Session.load(path)`."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        scenario_ref: str,
        roles: Sequence[str],
        seed: int,
        content: str = "standard",
        policy: str = DEFAULT_POLICY,
        save_dir: str | os.PathLike[str] | None = None,
        autosave: bool = True,
        game_id: str | None = None,
        state: GameState | None = None,
        log: Iterable[LogEntry] = (),
    ) -> None:
        self.scenario = scenario
        self.compiled: Compiled = compile_scenario(scenario)
        c = self.compiled
        self.scenario_ref = scenario_ref
        humans = list(dict.fromkeys(roles))
        if not humans:
            raise SessionError(f"no role chosen (valid: {', '.join(c.roles)})")
        for r in humans:
            if r not in c.role_by_id:
                raise SessionError(f'unknown role "{r}" (valid: {", ".join(c.roles)})')
        self.roles: tuple[str, ...] = tuple(humans)
        if content not in CONTENT_LEVELS:
            raise SessionError(
                f'unknown content level "{content}" (valid: {", ".join(CONTENT_LEVELS)})'
            )
        self.content: ContentLevel = "gentle" if content == "gentle" else "standard"
        try:
            self._policy: Policy = get_policy(c, policy)
        except KeyError:
            raise SessionError(
                f'unknown policy "{policy}" (valid: {", ".join(policy_names(c))})'
            ) from None
        self.policy = policy
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise SessionError(f"the seed must be a whole number from 0 to {MAX_SEED}")
        self.seed = seed
        self.save_dir = Path(save_dir) if save_dir is not None else default_save_dir()
        self.autosave = autosave
        if game_id is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            game_id = f"{scenario.id}-{stamp}-s{seed}-{secrets.token_hex(2)}"
        self.game_id = game_id
        self._state: GameState = state if state is not None else new_game(c, seed)
        self._log: list[LogEntry] = list(log)
        self._plans: dict[str, RoleDecision] = {}
        self.last_report: WeekReport | None = None
        self.autosave_error: str | None = None  # the last autosave's failure, if any
        # Something a front end should tell the player when the game opens (a save
        # played again on a changed scenario), or None.
        self.notice: str | None = None
        self._sources = {s.id: s for s in scenario.sources}
        self._vars = {v.id: v for v in scenario.variables}
        self._counterfactual: Compiled | None = None  # built on first use (turning points)
        self._prev_cache: tuple[int, GameState] | None = None

    # -- making and resuming games --------------------------------------------------
    @classmethod
    def new(
        cls,
        scenario: str | Scenario = registry.DEFAULT_SCENARIO,
        roles: str | Sequence[str] | None = None,
        seed: int | None = None,
        content: str = "standard",
        policy: str = DEFAULT_POLICY,
        *,
        save_dir: str | os.PathLike[str] | None = None,
        autosave: bool = True,
    ) -> Session:
        """A new game of a scenario (registry id, path, or a loaded Scenario). `roles`:
        the role or roles people play (default: the scenario's `default_role`, else its
        first role); the others
        are played by `policy`. `seed`: the game's luck (default: a random one)."""
        if isinstance(scenario, Scenario):
            sc, ref = scenario, scenario.id
        else:
            sc = registry.get(scenario)  # raises ScenarioErrors
            ref = _scenario_ref(scenario, sc)
        if roles is None:
            role_list = [sc.default_role or sc.roles[0].id]
        elif isinstance(roles, str):
            role_list = [roles]
        else:
            role_list = list(roles)
        if seed is None:
            seed = secrets.randbelow(1_000_000)
        return cls(
            sc,
            scenario_ref=ref,
            roles=role_list,
            seed=seed,
            content=content,
            policy=policy,
            save_dir=save_dir,
            autosave=autosave,
        )

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        expect_scenario: str | None = None,
        save_dir: str | os.PathLike[str] | None = None,
        autosave: bool = True,
    ) -> Session:
        """Resume a saved game. Raises SaveError (one line naming the file) if the file
        is not a readable save of a scenario at hand, or its log does not replay to its
        state. `expect_scenario`: a scenario id the save must belong to."""
        p = Path(path)
        sf = read_save(p)
        if expect_scenario is not None and sf.scenario != expect_scenario:
            raise SaveError(p, f'is a save of scenario "{sf.scenario}", not "{expect_scenario}"')
        sc = _scenario_for_save(p, sf.scenario_ref, sf.scenario)
        if sc.id != sf.scenario:
            raise SaveError(
                p, f'is a save of scenario "{sf.scenario}", but "{sf.scenario_ref}" holds "{sc.id}"'
            )
        if scenario_hash(sc) != sf.scenario_hash:
            return cls._played_again(p, sf, sc, save_dir=save_dir, autosave=autosave)
        try:
            state = state_from_json(sf.state)
        except ValidationError as e:
            raise SaveError(p, f"is corrupt: state.{first_problem(e)}") from e
        if state.scenario != sf.scenario or state.seed != sf.seed:
            raise SaveError(
                p, "is corrupt: its state belongs to another game (scenario or seed differ)"
            )
        try:
            session = cls._of_save(sf, sc, save_dir, autosave, game_id=sf.game, state=state, log=sf.log)
        except SessionError as e:
            raise SaveError(p, f"is corrupt: {e}") from e
        try:
            session.replay()
        except SessionError as e:
            raise SaveError(p, str(e)) from e
        return session

    @classmethod
    def _of_save(
        cls,
        sf: SaveFile,
        sc: Scenario,
        save_dir: str | os.PathLike[str] | None,
        autosave: bool,
        **more: Any,
    ) -> Session:
        """A session with the save's settings (scenario reference, roles, seed, content,
        policy); `more`: its game id, state and log, when they are the save's own."""
        return cls(
            sc,
            scenario_ref=sf.scenario_ref,
            roles=sf.roles,
            seed=sf.seed,
            content=sf.content,
            policy=sf.policy,
            save_dir=save_dir,
            autosave=autosave,
            **more,
        )

    @classmethod
    def _played_again(
        cls,
        p: Path,
        sf: SaveFile,
        sc: Scenario,
        *,
        save_dir: str | os.PathLike[str] | None,
        autosave: bool,
    ) -> Session:
        """A save made with other content of its scenario (an earlier version of the
        game, say): its state belongs to that content, so the game is played again on
        the scenario as it is now, with the same seed and the people's logged decisions
        (the part of each that is still possible); the other roles are decided afresh by
        the save's policy. The game gets a new id, so its saves never overwrite the old
        file, which is left as it was. `notice` says so, for the front ends to show."""
        try:
            session = cls._of_save(sf, sc, save_dir, autosave)  # a new game id
        except SessionError as e:
            raise SaveError(
                p, f'was made with other content of scenario "{sf.scenario}" and cannot be played on it again: {e}'
            ) from e
        c, s = session.compiled, session._state
        dropped = 0
        for entry in sf.log:
            if s.week >= c.n_weeks:
                break
            if entry.week != s.week:
                raise SaveError(p, f"is corrupt: the decision log has week {entry.week + 1} where week {s.week + 1} was due")
            decisions, n = review.week_decisions(c, s, entry.decisions, session.roles, session._policy)
            dropped += n
            try:
                s, _ = step(c, s, decisions, check=True, explain=False)
            except IllegalDecision as e:
                raise SaveError(
                    p, f"was made with other content of scenario \"{sc.id}\" and cannot be played on it again: {e}"
                ) from e
            session._log.append(LogEntry(week=entry.week, decisions=decisions))
        session._state = s
        left_out = (
            f"; {dropped} of your decisions are no longer possible and were left out" if dropped else ""
        )
        session.notice = (
            f"{p.name} was saved with other content of scenario \"{sc.id}\" (an earlier version of"
            f" the game): your decisions of {len(session._log)} weeks were played again on the"
            f" current version, with the same seed{left_out}. Figures may differ from the ones"
            f" you saw. The old save is kept as it was; this game saves to"
            f" {session.autosave_path.name}."
        )
        if autosave:
            session._autosave()
        return session

    # -- state ----------------------------------------------------------------------
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

    @property
    def automated(self) -> tuple[str, ...]:
        """The roles a policy plays."""
        return tuple(r for r in self.compiled.roles if r not in self.roles)

    @property
    def autosave_path(self) -> Path:
        return self.save_dir / f"{self.game_id}.json"

    # -- deciding -------------------------------------------------------------------
    def plan(self, role: str) -> RoleDecision:
        """The role's plan for this week so far."""
        self._human(role)
        return self._plans.get(role, RoleDecision())

    def decide(
        self,
        role: str,
        actions: Sequence[str] = (),
        choices: Mapping[str, str] | None = None,
    ) -> RoleDecision:
        """Set a human role's whole plan for this week: its actions, in order, and its
        choice for dilemmas put to it (an unanswered dilemma takes its default option).
        Raises DecisionError (one line) if the plan is not allowed."""
        self._human(role)
        if self.finished:
            raise DecisionError("the game is over: every week has been played")
        d = RoleDecision(actions=tuple(actions), choices=dict(choices or {}))
        problem = self._problem(role, d)
        if problem:
            raise DecisionError(problem)
        try:
            check_decision(self.compiled, self._state, role, d)
        except IllegalDecision as e:
            raise DecisionError(str(e)) from e
        self._plans[role] = d
        return d

    def toggle(self, role: str, action: str) -> bool:
        """Put an action into the role's plan, or take it out. Returns whether it is now
        planned; raises DecisionError if it cannot be added."""
        d = self.plan(role)
        if action in d.actions:
            self.decide(role, [a for a in d.actions if a != action], d.choices)
            return False
        self.decide(role, [*d.actions, action], d.choices)
        return True

    def choose(self, role: str, dilemma: str, option: str | None) -> None:
        """Choose an option of a dilemma put to the role (None: back to the default)."""
        d = self.plan(role)
        choices = dict(d.choices)
        if option is None:
            choices.pop(dilemma, None)
        else:
            choices[dilemma] = option
        self.decide(role, d.actions, choices)

    def clear(self, role: str) -> None:
        """Drop the role's plan for this week."""
        self._human(role)
        self._plans.pop(role, None)

    def points_left(self, role: str) -> int:
        c = self.compiled
        used = sum(c.actions[role][a].points for a in self.plan(role).actions)
        return c.role_by_id[role].budget - used

    def advance(self) -> WeekReport:
        """Play the week: automated roles decide by policy, the engine steps, the week's
        decisions join the log, and the game is autosaved. Returns the week's report."""
        if self.finished:
            raise SessionError("the game is over: every week has been played")
        c, s = self.compiled, self._state
        decisions: dict[str, RoleDecision] = {}
        for role in c.roles:
            if role in self.roles:
                decisions[role] = self._plans.get(role, RoleDecision())
            else:
                decisions[role] = self._policy(c, s, role)
        try:
            new_state, report = step(c, s, decisions, check=True, explain=True)
        except IllegalDecision as e:
            raise DecisionError(str(e)) from e
        self._log.append(LogEntry(week=s.week, decisions=decisions))
        self._state = new_state
        self._plans = {}
        self.last_report = report
        if self.autosave:
            self._autosave()
        return report

    def _autosave(self) -> None:
        try:
            self.save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self.autosave_error = (
                f"{self.save_dir}: cannot create the save folder: {e.strerror or e}"
            )
            return
        try:
            self.save()
            self.autosave_error = None
        except SaveError as e:
            self.autosave_error = str(e)

    # -- saving ---------------------------------------------------------------------
    def save_data(self) -> dict[str, Any]:
        """The save file's content (see game.session.saves)."""
        return {
            "format": FORMAT,
            "version": CURRENT_VERSION,
            "game": self.game_id,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "scenario": self.scenario.id,
            "scenario_ref": self.scenario_ref,
            "scenario_hash": scenario_hash(self.scenario),
            "seed": self.seed,
            "roles": list(self.roles),
            "content": self.content,
            "policy": self.policy,
            "log": [e.model_dump(mode="json") for e in self._log],
            "state": state_to_json(self._state),
        }

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Save atomically to `path` (default: this game's autosave file). Returns the
        path; raises SaveError, leaving any existing file as it was."""
        if path is None:
            target = self.autosave_path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise SaveError(target, f"cannot be saved: {e.strerror or e}") from e
        else:
            target = Path(path)
        return write_atomic(target, self.save_data())

    def replay(self) -> GameState:
        """Rebuild the game from its seed and decision log, and check that it gives
        exactly the current state. Raises SessionError("does not replay: ...") if not."""
        try:
            s = replay_log(self.compiled, self.seed, self._log)
        except SessionError as e:
            raise SessionError(f"does not replay: {e}") from e
        if s != self._state:
            raise SessionError(
                f"does not replay: its decision log gives a different state ({_first_difference(s, self._state)} differs)"
            )
        return s

    # -- the end --------------------------------------------------------------------
    def finish(self, samples: int = TURNING_POINT_SAMPLES) -> Debrief:
        """The finished game against the record, its turning points (their effects
        averaged over `samples` lucks; 0 leaves them out), discussion questions, and what
        happened next. Fast: no batch runs (see `alternatives` for those)."""
        self._require_finished()
        c, s, sc = self.compiled, self._state, self.scenario
        record = tuple(
            RecordResult(
                id=m.id,
                label=m.label,
                metric=m.metric,
                zone=m.zone,
                band=(float(m.band[0]), float(m.band[1])),
                record=m.record,
                sources=self._source_infos(m.sources),
                value=measure(c, s, m),
            )
            for m in sc.record
        )
        epilogue = tuple(
            EpilogueEntry(
                date=e.date,
                text=self._text(e.text, e.text_gentle),
                sources=self._source_infos(e.sources),
            )
            for e in sc.epilogue
        )
        claim_by_id = {cl.id: cl for cl in sc.claims}
        ledger = tuple(
            LedgerLine(
                id=r.id,
                label=r.label,
                value=r.value,
                record=r.record,
                band=r.band,
                sources=r.sources,
                claims=tuple(
                    self._claim_info(claim_by_id[cid]) for cid in m.claims if cid in claim_by_id
                ),
            )
            for r, m in zip(record, sc.record, strict=True)
        ) + tuple(
            LedgerLine(
                id=mid,
                label=review.measure_label(c, mid),
                value=review.measure_value(c, s, mid),
                record="",
                band=None,
                sources=(),
            )
            for mid in review.measure_ids(c)[len(record) :]
        )
        by_dilemma = {d.id: d for d in sc.dilemmas}
        choice_labels = {
            did: (by_dilemma[did].title, next(o.label for o in by_dilemma[did].options if o.id == opt))
            for did, opt in s.choices.items()
            if did in by_dilemma and any(o.id == opt for o in by_dilemma[did].options)
        }
        return Debrief(
            scenario=sc.id,
            title=sc.title,
            seed=self.seed,
            roles=self.roles,
            policy=self.policy,
            weeks=c.n_weeks,
            start=s.history[0],
            final=s.history[-1],
            record=record,
            epilogue=epilogue,
            choices=dict(s.choices),
            content=self.content,
            role_names={r.id: r.name for r in sc.roles},
            choice_labels=choice_labels,
            ledger=ledger,
            turning_points=self.turning_points(samples) if samples > 0 else (),
            questions=self.questions(),
        )

    def _human_plans(self) -> list[dict[str, RoleDecision]]:
        """The people's decisions, week by week, from the log."""
        return [
            {r: e.decisions[r] for r in self.roles if r in e.decisions} for e in self._log
        ]

    def turning_points(self, samples: int = TURNING_POINT_SAMPLES) -> tuple[TurningPoint, ...]:
        """The three to five decisions and chance events that changed the number killed
        most (see `review.turning_points`). A decision's effect is averaged over
        `samples` lucks (the game's own and the next seeds), each a pair of replays with
        and without it."""
        self._require_finished()
        c = self.compiled
        lucks = [self.seed, *review.other_seeds(self.seed, max(0, samples - 1), MAX_SEED)]
        if self._counterfactual is None:
            self._counterfactual = compile_scenario(review.counterfactual_scenario(self.scenario))
        return review.turning_points(
            c,
            self._counterfactual,
            self.seed,
            self._human_plans(),
            self.roles,
            self._policy,
            lucks,
            describe=self._describe_turning_point,
            chance_text=self.gentle_words,
            week_news=self._week_news,
        )

    def questions(self) -> tuple[QuestionInfo, ...]:
        """Three to five discussion questions picked from the scenario's bank for what
        the people in this game did, and how it ended."""
        self._require_finished()
        return review.select_questions(
            self.compiled,
            self._state,
            self._human_plans(),
            self.roles,
            text=lambda q: self._text(q.text, q.text_gentle),
            explain=self._question_reason,
        )

    def alternatives(
        self,
        runs: int = 1000,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> Alternatives:
        """This game against `runs` alternative histories of each of two kinds: the
        people's own decisions with other luck (seeds after this game's; a logged
        decision that is not legal under that luck is left out, and counted), and every
        role played by the historical policy on the same seeds. Slow (2 × runs games):
        `progress(done, total)` is called about a hundred times along the way."""
        self._require_finished()
        if runs < 1:
            raise SessionError("alternatives need at least one run")
        return review.alternatives(
            self.compiled,
            self._state,
            self._human_plans(),
            self.roles,
            self.policy,
            review.other_seeds(self.seed, runs, MAX_SEED),
            progress,
        )

    def _require_finished(self) -> None:
        if not self.finished:
            raise SessionError(
                f"the game is not over: week {self.week + 1} of {self.n_weeks} is next"
            )

    def _week_news(self, week: int) -> list[str]:
        fired = self._state.fired
        titles = {e.id: e.title for e in self.scenario.events}
        c = self.compiled
        return [titles[e] for e in c.weeks[week].events if e in fired and e in titles]

    def _describe_turning_point(
        self, cand: Any, report: WeekReport, diffs: dict[str, float]
    ) -> tuple[str, list[str]]:
        c, sc = self.compiled, self.scenario
        role = c.role_by_id[cand.role]
        why: list[str] = []
        if cand.kind == "choice":
            dl = next(d for d in sc.dilemmas if d.id == cand.ref)
            opt = next(o for o in dl.options if o.id == cand.title)
            default = next(o for o in dl.options if o.id == dl.default)
            title = f'{role.name}: "{opt.label}" in "{dl.title}"'
            why.append(f'Compared with the default, "{default.label}".')
        else:
            names = {a.id: a.name for a in role.actions}
            done = [a for (r, a, _) in report.actions if r == cand.role]
            title = f"{role.name}: " + ", ".join(names.get(a, a) for a in done)
            why.append("Compared with taking no action that week.")
            for r, a, outcome in report.actions:
                if r == cand.role and outcome != "done":
                    why.append(f"{names.get(a, a)}: {outcome}.")
        ranked = sorted(
            diffs.items(),
            key=lambda kv: -abs(kv[1]) / max(1.0, abs(self._vars[kv[0]].initial) if kv[0] in self._vars else 1.0),
        )
        shown = [
            f"{self.label(k)} {'+' if v > 0 else '-'}{fmt_number(round(abs(v), 2))}"
            for k, v in ranked[:3]
            if k in self._vars
        ]
        if shown:
            why.append("By the end of the game, with it rather than without (simulated): " + "; ".join(shown) + ".")
        return title, why

    def _question_reason(self, q: Question) -> str:
        sc = self.scenario
        parts = []
        for cond in q.when:
            if cond.chose is not None:
                dl = next((d for d in sc.dilemmas if d.id == cond.chose.dilemma), None)
                if dl is not None:
                    label = next((o.label for o in dl.options if o.id == cond.chose.option), "")
                    parts.append(f'"{label}" in "{dl.title}"')
            elif cond.used is not None:
                role = self.compiled.role_by_id.get(cond.used.role)
                name = next((a.name for a in role.actions if a.id == cond.used.action), "") if role else ""
                n = sum(1 for e in self._log for a in e.decisions.get(cond.used.role, RoleDecision()).actions if a == cond.used.action)
                parts.append(f'"{name}" {n} time{"s" if n != 1 else ""}')
            elif cond.measure is not None:
                value = review.measure_value(self.compiled, self._state, cond.measure.id)
                parts.append(f"{review.measure_label(self.compiled, cond.measure.id)}: {fmt_number(round(value, 1))} (simulated)")
            elif cond.expr is not None:
                parts.append(f"at the end: {cond.expr}")
        return "; ".join(parts)

    # -- read-only views -----------------------------------------------------------
    def content_note(self) -> str:
        sc = self.scenario
        return self._text(sc.content_note, sc.content_note_gentle)

    def role_info(self, role: str) -> RoleInfo:
        r = self.compiled.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(self.compiled.roles)})')
        return RoleInfo(r.id, r.name, r.summary, r.fictional, r.budget, role in self.roles)

    def week_info(self) -> WeekInfo:
        """This week's dates and phase (the last week's once the game is over)."""
        c = self.compiled
        k = min(self._state.week, c.n_weeks - 1)
        wk = c.weeks[k]
        phase = next(ph for ph in self.scenario.phases if ph.id == wk.phase)
        end = wk.start + dt.timedelta(days=6)
        also = tuple(
            (ph.name, max(ph.start, wk.start), min(ph.end, end))
            for ph in self.scenario.phases
            if ph.id in wk.phases and ph.id != wk.phase
        )
        return WeekInfo(
            index=k,
            number=k + 1,
            weeks=c.n_weeks,
            start=wk.start,
            end=wk.start + dt.timedelta(days=6),
            phase=phase.id,
            phase_name=phase.name,
            phase_summary=self._text(phase.summary, phase.summary_gentle),
            phase_sources=self._source_infos(phase.sources),
            also=also,
        )

    def news(self) -> list[NewsItem]:
        """The events that opened this week, with their sources and claims."""
        by_id = {e.id: e for e in self.scenario.events}
        week_end = self.week_info().end
        items = []
        for eid in self._state.news:
            e = by_id.get(eid)
            if e is None:
                continue
            items.append(
                NewsItem(
                    id=e.id,
                    title=e.title,
                    text=self._text(e.text, e.text_gentle),
                    date=e.date,
                    sources=self._source_infos(e.sources),
                    contested=e.contested,
                    claims=self._claims(e.claims, week_end),
                    simulated="corridors-model" in e.sources,
                )
            )
        return items

    def dilemmas(self, role: str) -> list[DilemmaInfo]:
        """The dilemmas put to a role this week, with the plan's choice."""
        by_id = {d.id: d for d in self.scenario.dilemmas}
        chosen = self._plans.get(role, RoleDecision()).choices
        out = []
        for did in self._state.dilemmas:
            d = by_id.get(did)
            if d is None or d.role != role:
                continue
            opts = tuple(
                OptionInfo(
                    id=o.id,
                    label=o.label,
                    text=o.text,
                    cost=dict(o.cost),
                    cost_text=self.cost_text(o.cost),
                    affordable=self._can_pay(o.cost, self._state.vars),
                    uncertainty=o.uncertainty,
                    is_default=o.id == d.default,
                    chosen=chosen.get(did) == o.id,
                )
                for o in d.options
            )
            out.append(
                DilemmaInfo(
                    id=d.id,
                    role=d.role,
                    title=d.title,
                    text=self._text(d.text, d.text_gentle),
                    sources=self._source_infos(d.sources),
                    contested=d.contested,
                    options=opts,
                    default=d.default,
                    chosen=chosen.get(did),
                    claims=self._claims(d.claims, self.week_info().end),
                )
            )
        return out

    def actions(self, role: str) -> list[ActionInfo]:
        """Every action of a role, in the scenario's order, with whether it is possible
        this week, affordable, planned, and if it cannot be added, why."""
        c, s = self.compiled, self._state
        r = c.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(c.roles)})')
        env = env_for(c, s) if not self.finished else None
        plan = self._plans.get(role, RoleDecision())
        out = []
        for a in r.actions:
            ca = c.actions[role][a.id]
            available = env is not None and (ca.when is None or bool(ca.when(env)))
            planned = a.id in plan.actions
            reason = ""
            if not planned:
                if self.finished:
                    reason = "the game is over"
                elif not available:
                    reason = "not possible this week"
                else:
                    reason = (
                        self._problem(
                            role, RoleDecision(actions=(*plan.actions, a.id), choices=plan.choices)
                        )
                        or ""
                    )
            out.append(
                ActionInfo(
                    id=a.id,
                    name=a.name,
                    summary=a.summary,
                    cost=dict(a.cost),
                    cost_text=self.cost_text(a.cost),
                    points=a.points,
                    available=available,
                    affordable=self._can_pay(a.cost, s.vars),
                    planned=planned,
                    reason=reason,
                    uncertainty=a.uncertainty,
                    sources=self._source_infos(a.sources),
                )
            )
        return out

    def resources(self, role: str) -> list[ResourceInfo]:
        """A role's resources (what it spends and builds up), then its own tallies."""
        r = self.compiled.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(self.compiled.roles)})')
        return [self._resource(v) for v in [*r.resources, *r.ledger] if v in self._vars]

    def ledger(self) -> dict[str, Any]:
        """The civilian ledger now (simulated): zones east, west, kurdish and total."""
        return self._state.history[-1]

    def history(self) -> list[dict[str, Any]]:
        """The ledger at the start and after each week played (simulated)."""
        return list(self._state.history)

    def districts(self) -> list[DistrictInfo]:
        """Every district now (simulated), with the harm of the week last played."""
        c, s = self.compiled, self._state
        prev = self._previous_state()
        out = []
        for i, d in enumerate(self.scenario.districts):
            killed = sum(k[i] for k in s.killed.values())
            injured = s.injured[i]
            if prev is not None:
                wk = killed - sum(k[i] for k in prev.killed.values())
                wi = injured - prev.injured[i]
            else:
                wk = wi = 0
            working = max(0, c.hospitals_base[i] - s.hosp_damaged[i] - s.hosp_lost[i])
            out.append(
                DistrictInfo(
                    d.id, d.name, d.zone, s.holder[i], d.front, s.present[i],
                    killed, injured, wk, wi, working,
                )
            )
        return out

    def _previous_state(self) -> GameState | None:
        """The state before the week last played (replayed from the log; cached)."""
        if not self._log:
            return None
        key = len(self._log)
        if self._prev_cache is None or self._prev_cache[0] != key:
            self._prev_cache = (key, replay_log(self.compiled, self.seed, self._log[:-1]))
        return self._prev_cache[1]

    def routes(self) -> list[RouteInfo]:
        """The routes this week: open days (0 to 7) as the phases and events leave them."""
        c, s = self.compiled, self._state
        wk = c.weeks[min(s.week, c.n_weeks - 1)]
        out = []
        for r in self.scenario.routes:
            factor = s.vars.get(f"route.{r.id}", 1.0)
            days = 0.0 if self.finished else wk.route_days.get(r.id, 0.0) * factor
            out.append(RouteInfo(r.id, r.name, r.kind, round(days, 2), r.text))
        return out

    def record_marks(self) -> list[RecordMark]:
        """The record's figures for a single week of the game (kind "at"), for charts."""
        sc = self.scenario
        out = []
        for m in sc.record:
            if m.kind != "at" or m.week is None or m.route is not None:
                continue
            out.append(
                RecordMark(
                    m.label, m.metric, m.zone, sc.week_of(m.week) + 1,
                    (float(m.band[0]), float(m.band[1])), m.record, self._source_infos(m.sources),
                )
            )
        return out

    def all_sources(self) -> list[SourceInfo]:
        """Every source of the scenario, in its order."""
        return list(self._source_infos(s.id for s in self.scenario.sources))

    def all_claims(self) -> list[ClaimInfo]:
        """Every claim of the scenario, by topic, then date."""
        claims = sorted(self.scenario.claims, key=lambda cl: (cl.topic, cl.date))
        return [
            ClaimInfo(
                id=cl.id, topic=cl.topic, date=cl.date, text=cl.text, value=cl.value,
                unit=cl.unit, source=self._source_infos([cl.source])[0], contested=cl.contested,
            )
            for cl in claims
        ]

    def sources(self) -> list[SourceInfo]:
        """Every source cited by this week's phase, news, claims and the dilemmas put to
        the people playing, in order of first mention."""
        ids: list[str] = [x.id for x in self.week_info().phase_sources]
        for item in self.news():
            ids += [x.id for x in item.sources]
            ids += [cl.source.id for cl in item.claims]
        for role in self.roles:
            for d in self.dilemmas(role):
                ids += [x.id for x in d.sources]
                ids += [cl.source.id for cl in d.claims]
        return list(self._source_infos(list(dict.fromkeys(ids))))

    def source(self, source_id: str) -> SourceInfo | None:
        s = self._sources.get(source_id)
        return None if s is None else SourceInfo(s.id, s.name, s.stance, s.note, s.url)

    def assumptions(self) -> list[tuple[str, str]]:
        """The model's assumptions: (title, text)."""
        return [(a.title, a.text) for a in self.scenario.assumptions]

    def cost_text(self, cost: Mapping[str, float]) -> str:
        return "; ".join(self._amount(k, v) for k, v in cost.items())

    def label(self, var: str) -> str:
        v = self._vars.get(var)
        return v.label if v is not None else var

    # -- helpers --------------------------------------------------------------------
    def _human(self, role: str) -> None:
        c = self.compiled
        if role not in c.role_by_id:
            raise DecisionError(f'unknown role "{role}" (valid: {", ".join(c.roles)})')
        if role not in self.roles:
            raise DecisionError(f"{role} is played by the {self.policy} policy in this game")

    def _text(self, full: str, gentle: str | None) -> str:
        return gentle if self.content == "gentle" and gentle else full

    def gentle_words(self, text: str) -> str:
        """The engine's own wording (a week's causes) at the session's content level:
        at "gentle", the same facts and figures in plainer, less graphic words."""
        if self.content != "gentle":
            return text
        for pattern, repl in GENTLE_WORDS:
            text = pattern.sub(repl, text)
        return text

    def explain(self, report: WeekReport) -> list[str]:
        """Why the week went as it did: the report's causes, largest first, in words at
        the session's content level (all simulated)."""
        return [self.gentle_words(cause.text) for cause in report.causes]

    def _source_infos(self, ids: Iterable[str]) -> tuple[SourceInfo, ...]:
        out = []
        for sid in ids:
            info = self.source(sid)
            out.append(info if info is not None else SourceInfo(sid, sid, "unknown"))
        return tuple(out)

    def _claims(self, claim_ids: Sequence[str], until: dt.date) -> tuple[ClaimInfo, ...]:
        """The event's claims, then the other claims on the same topics made by `until`."""
        by_id = {cl.id: cl for cl in self.scenario.claims}
        own = [by_id[i] for i in claim_ids if i in by_id]
        topics = {cl.topic for cl in own}
        more = sorted(
            (
                cl
                for cl in self.scenario.claims
                if cl.topic in topics and cl.id not in claim_ids and cl.date <= until
            ),
            key=lambda cl: cl.date,
        )
        return tuple(self._claim_info(cl) for cl in [*own, *more])

    def _claim_info(self, cl: Claim) -> ClaimInfo:
        return ClaimInfo(
            id=cl.id,
            topic=cl.topic,
            date=cl.date,
            text=cl.text,
            value=cl.value,
            unit=cl.unit,
            source=self._source_infos([cl.source])[0],
            contested=cl.contested,
        )

    def _resource(self, var: str) -> ResourceInfo:
        v = self._vars[var]
        value = float(self._state.vars.get(var, v.initial))
        unit = f" {v.unit}" if v.unit else ""
        return ResourceInfo(var, v.label, value, v.unit, f"{v.label}: {fmt_number(value)}{unit}")

    def _amount(self, var: str, amount: float) -> str:
        v = self._vars.get(var)
        unit = f" {v.unit}" if v is not None and v.unit else ""
        return f"{self.label(var)} {fmt_number(amount)}{unit}"

    @staticmethod
    def _can_pay(cost: Mapping[str, float], have: Mapping[str, float]) -> bool:
        return all(have.get(k, 0.0) >= v - 1e-9 for k, v in cost.items())

    def _problem(self, role: str, d: RoleDecision) -> str | None:
        """Why a plan is not allowed, in words (None if it is). Stricter than the
        engine's check in one way: a dilemma option's cost and the actions' costs are
        paid from the same purse, as the engine pays them (options first)."""
        c, s = self.compiled, self._state
        acts = c.actions[role]
        env = env_for(c, s)
        have = dict(s.vars)
        by_dilemma = {dl.id: dl for dl in self.scenario.dilemmas}
        for did, opt in d.choices.items():
            dl = by_dilemma.get(did)
            if dl is None or dl.role != role or did not in s.dilemmas:
                return f'no dilemma "{did}" is put to {role} this week'
            option = next((o for o in dl.options if o.id == opt), None)
            if option is None:
                return f'"{dl.title}" has no option "{opt}" (valid: {", ".join(o.id for o in dl.options)})'
            for k, v in option.cost.items():
                if have.get(k, 0.0) < v - 1e-9:
                    return f'"{option.label}" needs {self._amount(k, v)}; you have {fmt_number(have.get(k, 0.0))}'
                have[k] = have.get(k, 0.0) - v
        for did in s.dilemmas:
            dl = by_dilemma.get(did)
            if dl is None or dl.role != role or did in d.choices:
                continue
            default = next(o for o in dl.options if o.id == dl.default)
            for k, v in default.cost.items():
                have[k] = have.get(k, 0.0) - v
        points = 0
        budget = c.role_by_id[role].budget
        seen: set[str] = set()
        for aid in d.actions:
            a = acts.get(aid)
            if a is None:
                return f'{role} has no action "{aid}" (valid: {", ".join(acts)})'
            if aid in seen:
                return f'"{a.name}" can be taken once a week'
            seen.add(aid)
            if a.when is not None and not a.when(env):
                return f'"{a.name}" is not possible this week'
            points += a.points
            if points > budget:
                left = budget - (points - a.points)
                need = f"{a.points} action point{'s' if a.points != 1 else ''}"
                return f'"{a.name}" needs {need}; {left} of {budget} left this week'
            for k, v in a.cost.items():
                if have.get(k, 0.0) < v - 1e-9:
                    return (
                        f'"{a.name}" needs {self._amount(k, v)};'
                        f" {fmt_number(max(0.0, have.get(k, 0.0)))} left after the rest of your plan"
                    )
                have[k] = have.get(k, 0.0) - v
        return None


def _scenario_ref(ref: str, sc: Scenario) -> str:
    """How a save names its scenario: the registry id, or the absolute path."""
    if ref in registry.available():
        return ref
    try:
        return str(Path(ref).resolve())
    except OSError:
        return ref


def _scenario_for_save(path: Path, ref: str, scenario_id: str) -> Scenario:
    """The scenario a save needs: by its stored reference, else by its id."""
    tried: list[str] = []
    for candidate in dict.fromkeys([ref, scenario_id]):
        try:
            return registry.get(candidate)
        except ScenarioErrors as e:
            first = e.errors[0] if e.errors else None
            tried.append(str(first) if first else candidate)
        except OSError as e:
            tried.append(f"{candidate}: {e.strerror or e}")
    raise SaveError(path, f'needs scenario "{scenario_id}", which cannot be loaded ({tried[0]})')

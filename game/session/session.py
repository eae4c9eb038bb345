"""One game's lifecycle, for every front end: new, load (and a save played again on a
changed scenario), and the game as if it ended now; the plan being made, the views, the
debrief, saving and playing the turns come from the parts `Session` builds on (`plans`,
`citing` and `reading`, `debriefing`, `saving`, `turns`).

Front ends never change a game themselves: they call `Session.decide` (or its helpers
`toggle` and `choose`) to plan a human role's week and `Session.advance` to play it. The
session fills every other role with a policy, steps the engine, keeps the decision log,
and saves the game after every week.

Nothing here imports a user-interface library; the views are plain dataclasses.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from game.engine.compiled import Compiled, compile_scenario
from game.engine.core import WeekReport, new_game
from game.engine.policies import Policy, get_policy, policy_names
from game.model.results import LENGTHS
from game.model.scenario import Scenario
from game.model.state import GameState, RoleDecision, state_from_json
from game.scenario import registry
from game.session.base import (
    CONTENT_LEVELS,
    DEFAULT_POLICY,
    MAX_PLAYER_NAME,
    MAX_SEED,
    TURNING_POINT_SAMPLES,
    SessionError,
)
from game.session.codes import code_seed, seed_of
from game.session.resume import play_again, scenario_for_save, scenario_ref_of
from game.session.review.changed import YourPart
from game.session.safefile import SaveError
from game.session.savelock import SaveLock
from game.session.saves import (
    LogEntry,
    SaveFile,
    default_save_dir,
    first_problem,
    read_save,
    scenario_hash,
)
from game.session.saving import new_game_id
from game.session.spans import cut_to
from game.session.turns import SessionTurns

if TYPE_CHECKING:
    from game.session.endviews import Debrief


class Session(SessionTurns):
    """One game. Build it with `Session.new(...)` or `Session.load(path)`."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        scenario_ref: str,
        roles: Sequence[str],
        seed: int,
        code: str = "",
        content: str = "standard",
        length: str = "full",
        policy: str = DEFAULT_POLICY,
        save_dir: str | os.PathLike[str] | None = None,
        autosave: bool = True,
        game_id: str | None = None,
        state: GameState | None = None,
        log: Iterable[LogEntry] = (),
        player_name: str = "",
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
        self.content = "gentle" if content == "gentle" else "standard"
        if length not in LENGTHS:
            raise SessionError(f'unknown length "{length}" (valid: {", ".join(LENGTHS)})')
        if length == "lesson" and not scenario.lesson:
            raise SessionError(
                f'scenario "{scenario.id}" has no lesson calendar: play its full length'
                f" ({scenario.weeks} weeks)"
            )
        self.length = "lesson" if length == "lesson" else "full"
        self.after_turn = []  # called after every turn is played and saved
        self._spans = scenario.turns(self.length)
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
        if code and code_seed(code) != seed:
            raise SessionError(f'the class code "{code}" stands for another seed than {seed}')
        self.code = code  # the class code the seed came from ("" if none)
        # the name the player (or team) gave, kept in the save: Continue finds their game
        self.player_name = " ".join(player_name.split())[:MAX_PLAYER_NAME]
        self.save_dir = Path(save_dir) if save_dir is not None else default_save_dir()
        self.autosave = autosave
        self.game_id = game_id if game_id is not None else new_game_id(scenario.id, seed)
        self._lock: SaveLock | None = None  # this game's hold on its autosave file
        self._state: GameState = state if state is not None else new_game(c, seed)
        self._log: list[LogEntry] = list(log)
        self._plans: dict[str, RoleDecision] = {}
        self._turn = 0  # whose turn it is this week (an index in roles)
        self.last_report: WeekReport | None = None
        self.last_reports = []
        self.autosave_error: str | None = None  # the last autosave's failure, if any
        # Something a front end should tell the player when the game opens (a save
        # played again on a changed scenario), or None.
        self.notice: str | None = None
        self._sources = {s.id: s for s in scenario.sources}
        self._vars = {v.id: v for v in scenario.variables}
        self._prev_cache: tuple[int, GameState] | None = None
        # The state before the last turn played (its first week), and the players'
        # part in each turn once worked out, by (its first week, weeks played).
        self._turn_start: tuple[int, GameState] | None = None
        self._parts: dict[tuple[int, int], YourPart] = {}

    @classmethod
    def new(
        cls,
        scenario: str | Scenario = registry.DEFAULT_SCENARIO,
        roles: str | Sequence[str] | None = None,
        seed: int | str | None = None,
        content: str = "standard",
        policy: str = DEFAULT_POLICY,
        *,
        length: str = "full",
        save_dir: str | os.PathLike[str] | None = None,
        autosave: bool = True,
        player_name: str = "",
    ) -> Session:
        """A new game of a scenario (registry id, path, or a loaded Scenario). `roles`:
        the role or roles people play (default: the scenario's `default_role`, else its
        first role); the others
        are played by `policy`. `seed`: the game's luck (default: a random one), a number
        or a class code (any word, see `codes.parse_seed`). `length`: "full" (a turn a
        week) or "lesson" (the scenario's lesson calendar)."""
        if isinstance(scenario, Scenario):
            sc, ref = scenario, scenario.id
        else:
            sc = registry.get(scenario)  # raises ScenarioErrors
            ref = scenario_ref_of(scenario, sc)
        if roles is None:
            role_list = [sc.default_role or sc.roles[0].id]
        elif isinstance(roles, str):
            role_list = [roles]
        else:
            role_list = list(roles)
        code = ""
        if seed is None or isinstance(seed, str):
            seed, code = seed_of(seed)
        return cls(
            sc,
            scenario_ref=ref,
            roles=role_list,
            seed=seed,
            code=code,
            content=content,
            length=length,
            policy=policy,
            save_dir=save_dir,
            autosave=autosave,
            player_name=player_name,
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
        sc = scenario_for_save(p, sf.scenario_ref, sf.scenario)
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
        try:
            session.restore_week(sf.turn, sf.plans)
        except SessionError as e:
            raise SaveError(p, f"is corrupt: the week in progress: {e}") from e
        if autosave:
            session._hold()
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
            code=sf.code,
            player_name=sf.player,
            content=sf.content,
            length=sf.length,
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
        play_again(p, sf, session)
        if autosave:
            session._autosave()
        return session

    def ended_now(self) -> Session:
        """The game as if it ended now, for its debrief: itself once every week is
        played; else a copy of it on the weeks played (`EndedNow`), whose `finish`
        says it ended early and whose alternative histories play as many weeks. The
        game itself goes on as it was (its save stays unfinished). Raises SessionError
        before the first week is played: there is nothing to debrief."""
        if self.finished:
            return self
        played = self.week
        if played == 0:
            raise SessionError("no week has been played yet, so there is nothing to debrief")
        view = copy.copy(self)
        view.__class__ = EndedNow
        assert isinstance(view, EndedNow)
        view.of_weeks = self.n_weeks
        view.origin = self
        view.scenario = cut_to(self.scenario, played)
        # The weeks played, on the whole game's calendar: the week after the last opens
        # as it did in the game, so its replays are exact.
        view.compiled = compile_scenario(view.scenario, len(self.compiled.weeks))
        view._spans = [(a, min(b, played)) for a, b in self._spans if a < played]
        view._log = list(self._log)
        view._plans = {}
        view._turn = 0
        view.autosave = False
        view._lock = None
        view.after_turn = []
        view._prev_cache = None
        view._parts = {}
        view._state = self._state.copy()
        return view


class EndedNow(Session):
    """A game as if it ended at the turn at hand, for its debrief (`Session.ended_now`):
    the same game on the scenario cut to the weeks played, whose record marks are the
    ones those weeks reach. Read it, never play it: it is not saved."""

    of_weeks: int = 0
    origin: Session  # the game itself, which goes on as it was

    def finish(self, samples: int = TURNING_POINT_SAMPLES) -> Debrief:
        return dataclasses.replace(super().finish(samples), ended_early=True, of_weeks=self.of_weeks)

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Saving saves the game itself (unfinished, to go on with later)."""
        return self.origin.save(path)

    def advance(self) -> WeekReport:
        raise SessionError("the game has ended: its debrief is of the weeks played")

    def _autosave(self) -> None:
        return None

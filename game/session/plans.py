"""The plan being made: a human role's actions and dilemma answers for this week,
checked against the rules as they are set."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.engine.environment import env_for
from game.engine.rules import Problem, problems
from game.model.state import RoleDecision
from game.session.base import DecisionError, SessionError
from game.session.reasons import SessionReasons


class SessionPlans(SessionReasons):
    """The plan being made for each human role this week, and why a plan is not
    allowed."""

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
        if problem is not None:
            raise DecisionError.of(problem)
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

    @property
    def turn(self) -> int:
        """Whose turn it is this week: an index in `roles` (in hot-seat, the players
        plan one after another; the last player's turn ends with the week played)."""
        return self._turn

    @property
    def player(self) -> str:
        """The role whose turn it is this week."""
        return self.roles[self._turn]

    def end_turn(self) -> bool:
        """End the turn of the player whose turn it is. True if the next player's turn
        begins; False after the last player's: the week is ready to be played
        (`advance`), and the turn stays with that player until then."""
        if self.finished:
            raise SessionError("the game is over: every week has been played")
        if self._turn + 1 < len(self.roles):
            self._turn += 1
            return True
        return False

    def restore_week(self, turn: int, plans: Mapping[str, RoleDecision]) -> None:
        """Take up a week in progress (from a save): whose turn it is and each human
        role's plan so far, checked as `decide` checks a plan. Raises SessionError."""
        if not 0 <= turn < len(self.roles):
            raise SessionError(f"it is the turn of player {turn + 1}, of {len(self.roles)}")
        if self.finished and plans:
            raise SessionError("it holds plans, but every week has been played")
        for role, d in plans.items():
            self.decide(role, d.actions, d.choices)
        self._turn = turn

    def points_left(self, role: str) -> int:
        c = self.compiled
        used = sum(c.actions[role][a].points for a in self.plan(role).actions)
        return c.role_by_id[role].budget - used

    def coming(self, role: str) -> list[tuple[str, int]]:
        """The dilemmas coming to `role` later in the turn at hand (a lesson turn covers
        several weeks), with the week each comes in: the ones dated in those weeks whose
        condition holds now. The turn puts them to the player with this week's; each
        answer is given when its week comes (see `Session.advance`)."""
        c, s = self.compiled, self._state
        first, stop = self.span
        if stop - first < 2 or self.finished:
            return []
        env: dict[str, Any] | None = None
        if role in c.gone:
            env = env_for(c, s)
            if c.gone[role](env):
                return []  # its life in the game has ended: it is put no dilemma
        out = []
        for week in range(first + 1, stop):
            for did in c.weeks[week].dilemmas:
                dl = c.dilemmas[did]
                if dl.role != role or did in s.choices:
                    continue
                if dl.when is not None:
                    env = env if env is not None else env_for(c, s)
                    if not dl.when(env):
                        continue
                out.append((did, week))
        return out

    def _problem(self, role: str, d: RoleDecision) -> Problem | None:
        """Why a plan is not allowed (None if it is): the rulebook's first problem with
        it (`game.present.plan` words it). An answer to a dilemma coming later in the
        turn is checked when it comes; here only that it names an option."""
        coming = {did for did, _ in self.coming(role)} if d.choices else set()
        now = {k: v for k, v in d.choices.items() if k not in coming}
        if len(now) < len(d.choices):
            for did, opt in d.choices.items():
                if did in coming and opt not in self.compiled.dilemmas[did].options:
                    return Problem("option", role, dilemma=did, option=opt)
            d = RoleDecision(actions=d.actions, choices=now)
        found = problems(self.compiled, self._state, role, d)
        return found[0] if found else None

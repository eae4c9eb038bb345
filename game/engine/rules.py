"""The rulebook: whether a role's plan for this week is legal and affordable."""

from __future__ import annotations

from typing import Any

from game.engine.compiled import Compiled
from game.engine.environment import env_for
from game.model.gamestate import GameState
from game.model.state import RoleDecision


class IllegalDecision(ValueError):
    """A decision the rules do not allow this week (unknown, unaffordable, over budget)."""


def affordable(s: GameState, cost: dict[str, float]) -> bool:
    return all(s.vars[k] >= v - 1e-9 for k, v in cost.items())


def available_actions(c: Compiled, s: GameState, role: str, env: dict[str, Any] | None = None) -> list[str]:
    """Actions of a role whose condition holds this week (affordability aside)."""
    if env is None:
        env = env_for(c, s)
    return [a.id for a in c.actions[role].values() if a.when is None or a.when(env)]


def check_decision(c: Compiled, s: GameState, role: str, d: RoleDecision) -> None:
    """Raise IllegalDecision unless `d` is a legal decision for `role` this week."""
    if role not in c.actions:
        raise IllegalDecision(f"unknown role {role!r}")
    env = env_for(c, s)
    vars_after = dict(s.vars)
    # Dilemma choices are paid first (as `step` applies them first), then the actions.
    for did, opt in d.choices.items():
        dl = c.dilemmas.get(did)
        if dl is None or dl.role != role or did not in s.dilemmas:
            raise IllegalDecision(f"no dilemma {did!r} is put to {role} this week")
        if opt not in dl.options:
            valid = ", ".join(sorted(dl.options))
            raise IllegalDecision(f"dilemma {did} has no option {opt!r} (options: {valid})")
        for k, v in dl.options[opt][0].items():
            if vars_after[k] < v - 1e-9:
                raise IllegalDecision(f"option {opt} of {did} needs {v:g} {k}, only {vars_after[k]:g} left")
            vars_after[k] -= v
    points = 0
    seen: set[str] = set()
    for aid in d.actions:
        a = c.actions[role].get(aid)
        if a is None:
            raise IllegalDecision(f"{role} has no action {aid!r}")
        if aid in seen:
            raise IllegalDecision(f"{aid} can be taken once a week")
        seen.add(aid)
        if a.when is not None and not a.when(env):
            raise IllegalDecision(f"{a.name} is not possible this week")
        for k, v in a.cost.items():
            if vars_after[k] < v - 1e-9:
                raise IllegalDecision(f"{a.name} needs {v:g} {k}, only {vars_after[k]:g} left")
            vars_after[k] -= v
        points += a.points
    budget = c.role_by_id[role].budget
    if points > budget:
        raise IllegalDecision(f"{role} has {budget} action points a week; this plan uses {points}")


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.rules":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

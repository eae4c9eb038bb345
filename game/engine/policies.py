"""Policies: automatic players for any role.

- `historical`: what was actually done (each role's `historical` plan in the scenario).
- `random`: any legal plan, drawn from the game's seeded generator.
- every strategy a scenario's roles define (e.g. `relief-first`): take the highest
  priority actions that are possible and affordable, up to the week's budget.

Every plan a policy makes is legal by the rulebook (`rules`): each policy says what it
wants, and the rulebook's `fill` keeps what is allowed.

A policy never draws on outside chance: `random` draws from its own key (`luck`) of the
state's seed, so a batch run is as reproducible as a single game.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from game.engine.compiled import Compiled
from game.engine.environment import env_for
from game.engine.luck import Draws, Luck
from game.engine.rules import can_pay, fill, pay
from game.model.gamestate import GameState
from game.model.state import RoleDecision

Policy = Callable[[Compiled, GameState, str], RoleDecision]


# The environment of the week the policies are deciding, shared by them (see `decide_all`).
_shared: tuple[GameState, dict[str, Any]] | None = None


def _env(s: GameState) -> dict[str, Any] | None:
    """The week's environment for expressions, if `decide_all` worked it out for this
    very state (else the rulebook works it out when it first needs it)."""
    shared = _shared
    if shared is not None and shared[0] is s:
        return shared[1]
    return None


# Decisions already made: a RoleDecision is frozen, so one can stand for every week and
# game that decides the same (validating a new one costs more than the rest of deciding).
# Keyed by the actions alone in a week without a dilemma, else by (actions, choices).
_MADE: dict[object, RoleDecision] = {}


def _decision(actions: tuple[str, ...], choices: dict[str, str]) -> RoleDecision:
    key: object = (actions, tuple(choices.items())) if choices else actions
    d = _MADE.get(key)
    if d is None:
        if len(_MADE) >= 4096:
            _MADE.clear()
        d = RoleDecision(actions=actions, choices=choices)
        _MADE[key] = d
    return d


_NO_CHOICES: dict[str, str] = {}


def _fill(
    c: Compiled, s: GameState, role: str, wanted: Sequence[str], choices: dict[str, str] | None = None
) -> tuple[str, ...]:
    """The wanted actions, in order, that the rulebook allows once the dilemma
    `choices` are paid for (`rules.fill`)."""
    return fill(c, s, role, wanted, choices or _NO_CHOICES, _env(s))


def _dilemma_choices(c: Compiled, s: GameState, role: str, table: dict[str, str]) -> dict[str, str]:
    """The options of the role's dilemmas this week from `table` (the default where it
    has none, or where the option cannot be paid for out of what the options before it
    left: two cards in one week must not spend the same resources twice). A default
    costs nothing, so it can always be paid."""
    out: dict[str, str] = {}
    spent: dict[str, float] = {}
    for did in s.dilemmas:
        dl = c.dilemmas[did]
        if dl.role != role:
            continue
        opt = table.get(did, dl.default)
        if not can_pay(s.vars, spent, dl.options[opt][0]):
            opt = dl.default
        pay(spent, dl.options[opt][0])
        out[did] = opt
    return out


def historical(c: Compiled, s: GameState, role: str) -> RoleDecision:
    choices = _dilemma_choices(c, s, role, c.role_by_id[role].historical_choices) if s.dilemmas else {}
    return _decision(_fill(c, s, role, c.historical_plans[role][s.week], choices), choices)


def below(draws: Draws, n: int) -> int:
    """A whole number in [0, n), n > 0, from the policy's draws (`Draws.below`)."""
    return draws.below(n)


def random_policy(c: Compiled, s: GameState, role: str) -> RoleDecision:
    rng = Luck(s.seed, s.week).draws("random policy", c.roles.index(role))
    ids = sorted(c.actions[role])
    for i in range(len(ids) - 1, 0, -1):  # random.shuffle
        j = below(rng, i + 1)
        ids[i], ids[j] = ids[j], ids[i]
    budget = c.budget[role]
    # Sometimes hold back: a plan of 0..budget actions (random.randint(0, budget)).
    take = below(rng, budget + 1)
    choices: dict[str, str] = {}
    spent: dict[str, float] = {}
    for did in s.dilemmas:
        dl = c.dilemmas[did]
        if dl.role != role:
            continue
        opts = sorted(o for o, (cost, _) in dl.options.items() if can_pay(s.vars, spent, cost))
        choices[did] = opts[below(rng, len(opts))] if opts else dl.default  # random.choice
        pay(spent, dl.options[choices[did]][0])
    chosen = _fill(c, s, role, ids, choices)[:take]
    return _decision(chosen, choices)


def strategy(name: str) -> Policy:
    def decide(c: Compiled, s: GameState, role: str) -> RoleDecision:
        choices = _dilemma_choices(c, s, role, {}) if s.dilemmas else {}
        return _decision(_fill(c, s, role, c.priorities[name][role], choices), choices)

    decide.__name__ = name
    return decide


def fixed(wanted: Sequence[str]) -> Policy:
    """The same actions every week, whenever they are possible and affordable, and every
    dilemma's default option: the trivial strategies the balance checks play against."""
    plan = list(wanted)

    def decide(c: Compiled, s: GameState, role: str) -> RoleDecision:
        choices = _dilemma_choices(c, s, role, {})
        return _decision(_fill(c, s, role, plan, choices), choices)

    decide.__name__ = "fixed:" + ",".join(plan)
    return decide


def policy_names(c: Compiled) -> list[str]:
    """Every policy that can play every role of this scenario."""
    names = ["historical", "random"]
    common: set[str] | None = None
    for r in c.sc.roles:
        keys = set(r.strategies)
        common = keys if common is None else common & keys
    return names + sorted(common or ())


def get_policy(c: Compiled, name: str) -> Policy:
    if name == "historical":
        return historical
    if name == "random":
        return random_policy
    if name in policy_names(c):
        return strategy(name)
    raise KeyError(name)


def decide_all(
    c: Compiled, s: GameState, policies: dict[str, Policy], env: dict[str, Any] | None = None
) -> dict[str, RoleDecision]:
    """Every role's decision this week. The policies share one environment for their
    conditions (`env`, if given, must be `env_for(c, s)`); none of them changes it."""
    global _shared
    _shared = (s, env if env is not None else env_for(c, s))
    try:
        return {role: pol(c, s, role) for role, pol in policies.items()}
    finally:
        _shared = None


__all__ = ["Policy", "decide_all", "fixed", "get_policy", "historical", "policy_names", "random_policy", "strategy"]


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.policies":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

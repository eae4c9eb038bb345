"""The rulebook: whether a role's plan for this week is legal and affordable.

This is the one definition of the rules; every path that needs them reads it here.
The engine's `step` raises with it (`check_decision`), the session explains a refused
plan with it (`problems`, worded by the session), a replay keeps the part of a logged
plan that is still legal (`legal_part`), and the policies make their plans with it
(`fill`, `can_pay`, `pay`).

A role's plan for the week is legal when
- the game is not over, and the role is one of the scenario's;
- every dilemma it answers is put to that role this week, and the answer is one of
  the dilemma's options;
- every action is one of the role's, is taken at most once, is possible this week
  (its condition holds) and fits in the week's action points;
- everything it costs can be paid from one purse, the role's variables as they stand:
  the answered options first, in the plan's order, then the actions in their order,
  each out of what the ones before it left. This is the order the engine pays in.

An unanswered dilemma takes its default option, and the default costs nothing: it is
what happens when nobody answers, so nobody can have meant to pay for it. The scenario
loader refuses a default with a cost and compiling a scenario refuses one too
(`Compiled`), so the rulebook never charges an unanswered dilemma and an answer never
has to leave room for a default. (The session used to set money aside for unanswered
dilemmas' defaults as if they could cost something; the engine never did.)

Each problem is data (`Problem`): what is wrong, with which action or dilemma, and the
figures; the engine's exception carries them, and the words for a player are made
outside the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.engine.compiled import Compiled
from game.engine.environment import env_for
from game.model.gamestate import GameState
from game.model.state import RoleDecision

# Rounding allowed when a cost is set against what is left.
EPS = 1e-9

# What a problem can be (`Problem.kind`), in the order a plan is checked.
KINDS = ("over", "role", "dilemma", "option", "action", "repeated", "unavailable", "points", "cost")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why one part of a role's plan is not allowed this week.

    - `over`: the game is over, every week has been played (the whole plan);
    - `role`: the scenario has no role `role` (the whole plan);
    - `dilemma`: no dilemma `dilemma` is put to `role` this week (`option`: the answer);
    - `option`: dilemma `dilemma` has no option `option`;
    - `action`: `role` has no action `action`;
    - `repeated`: `action` comes again (an action is taken at most once a week);
    - `unavailable`: `action` is not possible this week (its condition does not hold);
    - `points`: `action` needs `need` action points, and `have` of the week's `budget`
      are left after the actions before it;
    - `cost`: option `option` of `dilemma`, or else `action`, needs `need` of variable
      `var`, and `have` is left once what comes before it in the plan is paid.

    Every part of a plan with a problem is left out of it (`legal_part`), and the parts
    after it are checked without it."""

    kind: str
    role: str
    action: str = ""
    dilemma: str = ""
    option: str = ""
    var: str = ""
    need: float = 0.0
    have: float = 0.0
    budget: int = 0


def describe(p: Problem) -> str:
    """A problem in the engine's terms (ids, not names), for the exception's message; a
    player is shown the session's wording of it instead."""
    k = p.kind
    if k == "over":
        return "the game is over: every week has been played"
    if k == "role":
        return f"unknown role {p.role!r}"
    if k == "dilemma":
        return f"no dilemma {p.dilemma!r} is put to {p.role} this week"
    if k == "option":
        return f"dilemma {p.dilemma} has no option {p.option!r}"
    if k == "action":
        return f"{p.role} has no action {p.action!r}"
    if k == "repeated":
        return f"{p.action} can be taken once a week"
    if k == "unavailable":
        return f"{p.action} is not possible this week"
    if k == "points":
        return f"{p.action} needs {p.need:g} action points; {p.have:g} of {p.budget} left this week"
    what = f"option {p.option} of {p.dilemma}" if p.dilemma else p.action
    return f"{what} needs {p.need:g} {p.var}, only {p.have:g} left"


class IllegalDecision(ValueError):
    """A plan the rulebook does not allow this week: `problems` says why, the first
    problem first (the message describes it)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(describe(problems[0]) if problems else "not allowed")
        self.problems = problems


# --------------------------------------------------------------------------- the purse
# What a plan has spent so far is kept apart from the state's variables (`spent`), so
# that checking a plan copies nothing and changes nothing.

_NOTHING: dict[str, float] = {}


def short_of(have: Mapping[str, float], spent: Mapping[str, float], cost: Mapping[str, float]) -> str:
    """The first variable `cost` needs more of than is left of `have` after `spent`
    ("" if all of it can be paid)."""
    for k, v in cost.items():
        if have.get(k, 0.0) - spent.get(k, 0.0) < v - EPS:
            return k
    return ""


def can_pay(have: Mapping[str, float], spent: Mapping[str, float], cost: Mapping[str, float]) -> bool:
    """Whether `cost` can be paid out of `have` after `spent`."""
    return short_of(have, spent, cost) == ""


def pay(spent: dict[str, float], cost: Mapping[str, float]) -> None:
    """Add `cost` to `spent`."""
    for k, v in cost.items():
        spent[k] = spent.get(k, 0.0) + v


def affordable(s: GameState, cost: Mapping[str, float]) -> bool:
    """Whether `cost` alone can be paid with what the state holds now."""
    return short_of(s.vars, _NOTHING, cost) == ""


# --------------------------------------------------------------------------- the rules


def dilemmas_for(c: Compiled, s: GameState, role: str) -> list[str]:
    """The dilemmas put to `role` this week, in the order the week puts them."""
    return [did for did in s.dilemmas if c.dilemmas[did].role == role]


def available_actions(c: Compiled, s: GameState, role: str, env: dict[str, Any] | None = None) -> list[str]:
    """Actions of a role whose condition holds this week (affordability aside)."""
    if env is None:
        env = env_for(c, s)
    return [a.id for a in c.actions[role].values() if a.when is None or a.when(env)]


def _walk(
    c: Compiled,
    s: GameState,
    role: str,
    choices: Mapping[str, str],
    actions: Sequence[str],
    env: dict[str, Any] | None,
    out: list[Problem] | None,
) -> tuple[dict[str, str], list[str]]:
    """The rules, once: go through a plan as the engine pays it, keep every part of it
    that is allowed after the parts kept before it, and (into `out`, if given) note a
    problem for every part left out. Returns the answers and the actions kept. `env`:
    the week's `env_for`, if worked out already (else it is worked out when a condition
    is first read)."""
    kept_choices: dict[str, str] = {}
    kept: list[str] = []
    if s.week >= c.n_weeks:
        if out is not None:
            out.append(Problem("over", role))
        return kept_choices, kept
    acts = c.actions.get(role)
    if acts is None:
        if out is not None:
            out.append(Problem("role", role))
        return kept_choices, kept
    have = s.vars
    spent: dict[str, float] = {}
    for did, opt in choices.items():
        dl = c.dilemmas.get(did)
        if dl is None or dl.role != role or did not in s.dilemmas:
            if out is not None:
                out.append(Problem("dilemma", role, dilemma=did, option=opt))
            continue
        option = dl.options.get(opt)
        if option is None:
            if out is not None:
                out.append(Problem("option", role, dilemma=did, option=opt))
            continue
        cost = option[0]
        k = short_of(have, spent, cost)
        if k:
            if out is not None:
                left = have.get(k, 0.0) - spent.get(k, 0.0)
                out.append(Problem("cost", role, dilemma=did, option=opt, var=k, need=cost[k], have=left))
            continue
        pay(spent, cost)
        kept_choices[did] = opt
    budget = c.budget[role]
    points = 0
    seen: set[str] = set()
    for aid in actions:
        a = acts.get(aid)
        if a is None:
            if out is not None:
                out.append(Problem("action", role, action=aid))
            continue
        if aid in seen:
            if out is not None:
                out.append(Problem("repeated", role, action=aid))
            continue
        seen.add(aid)
        over = points + a.points > budget
        if over and out is None:
            continue  # left out whatever else is wrong with it: no need to look further
        if a.when is not None:
            if env is None:
                env = env_for(c, s)
            if not a.when(env):
                if out is not None:
                    out.append(Problem("unavailable", role, action=aid))
                continue
        if over:
            if out is not None:
                out.append(Problem("points", role, action=aid, need=a.points, have=budget - points, budget=budget))
            continue
        k = short_of(have, spent, a.cost)
        if k:
            if out is not None:
                left = have.get(k, 0.0) - spent.get(k, 0.0)
                out.append(Problem("cost", role, action=aid, var=k, need=a.cost[k], have=left))
            continue
        pay(spent, a.cost)
        kept.append(aid)
        points += a.points
    return kept_choices, kept


def problems(c: Compiled, s: GameState, role: str, d: RoleDecision) -> list[Problem]:
    """Every problem of `role`'s plan `d` this week, in the plan's order (none: legal)."""
    out: list[Problem] = []
    _walk(c, s, role, d.choices, d.actions, None, out)
    return out


def is_legal(c: Compiled, s: GameState, role: str, d: RoleDecision) -> bool:
    """Whether `role` may carry out plan `d` this week."""
    return not problems(c, s, role, d)


def check_decision(c: Compiled, s: GameState, role: str, d: RoleDecision) -> None:
    """Raise IllegalDecision (with the problems) unless `d` is legal for `role` this week."""
    found = problems(c, s, role, d)
    if found:
        raise IllegalDecision(found)


def legal_part(c: Compiled, s: GameState, role: str, d: RoleDecision) -> tuple[RoleDecision, int]:
    """`d` if it is legal this week; else the part of it that is (each answer and
    action that is allowed after the ones kept before it, in its order), and how many of
    its answers and actions were left out."""
    choices, actions = _walk(c, s, role, d.choices, d.actions, None, None)
    dropped = len(d.choices) + len(d.actions) - len(choices) - len(actions)
    if dropped == 0:
        return d, 0
    return RoleDecision(actions=tuple(actions), choices=choices), dropped


def fill(
    c: Compiled,
    s: GameState,
    role: str,
    wanted: Sequence[str],
    choices: Mapping[str, str],
    env: dict[str, Any] | None = None,
) -> tuple[str, ...]:
    """The `wanted` actions, in order, that a plan answering `choices` can take: each
    one the rules allow after the ones taken before it (a policy's plan). `env`: the
    week's `env_for`, if worked out already."""
    return tuple(_walk(c, s, role, choices, wanted, env, None)[1])


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.rules":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

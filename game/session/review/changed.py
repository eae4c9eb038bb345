"""What the players' own decisions changed, measured exactly: the same turn (or the
whole game) replayed from the same state with other decisions for the people's roles.

Every draw is keyed by what it is for (`game.engine.luck`), so the replay meets the
same strikes and the same luck, and the difference it shows is what the decisions did,
not chance. Two kinds of other decisions: the historical policy's (what was done in
2016) and none at all (no actions; every dilemma left to its default). The measures are
the ones the people's roles touch: the civilian ledger of the east (and the killed in
the west), each role's own ledger lines (the scenario's `ledger:`), and the east's
stocks and services the role's actions change that are not its own resources."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from game.engine.compiled import Compiled
from game.engine.core import step
from game.engine.policies import Policy
from game.engine.rules import legal_part
from game.model.choices import Effect
from game.model.state import GameState, RoleDecision

# The civilian ledger's figures every role's part is measured on: (zone, metric).
LEDGER_MEASURES = (
    ("east", "killed"),
    ("east", "injured"),
    ("east", "left"),
    ("east", "food_days"),
    ("east", "hospitals"),
    ("west", "killed"),
)
EPSILON = 1e-6
# Variables the ledger already says in other words (the east's food: its days).
SAID_OTHERWISE = ("east.food_stock",)


@dataclass(frozen=True, slots=True)
class Change:
    """One measure in the player's game and in the other one. `id` is "zone.metric" of
    the civilian ledger (`kind` "ledger") or a variable (`kind` "line"). Simulated."""

    id: str
    kind: str
    yours: float
    other: float

    @property
    def delta(self) -> float:
        return self.yours - self.other

    @property
    def moved(self) -> bool:
        return abs(self.delta) > EPSILON


@dataclass(frozen=True, slots=True)
class WhatYouChanged:
    """The players' game against the same game with other decisions for their roles:
    `against` "historical" (the historical policy's) or "nothing" (no decisions).
    `changes`: every measure the roles touch, moved or not, in order. `same`: the
    other decisions were the players' own, so nothing can differ."""

    against: str
    changes: tuple[Change, ...]
    same: bool = False

    @property
    def moved(self) -> tuple[Change, ...]:
        return tuple(ch for ch in self.changes if ch.moved)


@dataclass(frozen=True, slots=True)
class DecisionPart:
    """What one of the players' decisions in a turn did: the turn with it against the
    turn without it (an action left out, or a dilemma left to its default), on the
    same luck. `changes`: the measures it moved."""

    role: str
    kind: str  # "action" or "choice"
    ref: str  # the action's id, or the dilemma's
    option: str  # a choice's option ("" for an action)
    changes: tuple[Change, ...]
    # what else its effects moved: the variables they write that the measures leave out
    # (the role's own resources, attention, standing...), what it cost left out
    own: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class YourPart:
    """The players' part in one turn (weeks `first` to `stop` - 1, 0-based)."""

    first: int
    stop: int
    roles: tuple[str, ...]
    historical: WhatYouChanged
    decisions: tuple[DecisionPart, ...]
    # the historical decisions the players left out (its actions not in their plans, its
    # answers they did not give), each measured in the historical turn against that turn
    # without it, on the same luck: what the historical game had that theirs did not
    missed: tuple[DecisionPart, ...] = ()


def _targets(effects: Iterable[Effect]) -> list[str]:
    out: list[str] = []
    for e in effects:
        for part in (e.set, e.add):
            if part:
                out.extend(part)
        out.extend(_targets(e.then or ()))
        out.extend(_targets(e.else_ or ()))
    return out


def part_measures(c: Compiled, roles: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The measures the roles touch, as (id, kind): the ledger's, then each role's
    ledger lines, then the east's variables its actions and dilemma options change
    (its own resources left out: what it spends is not what it changed)."""
    out: list[tuple[str, str]] = [(f"{z}.{m}", "ledger") for z, m in LEDGER_MEASURES]
    seen: set[str] = set()
    known = {v.id for v in c.sc.variables}

    def add(var: str) -> None:
        if var not in seen and var in known:
            seen.add(var)
            out.append((var, "line"))

    for rid in roles:
        for var in c.role_by_id[rid].ledger:
            if not var.endswith("_week"):  # a date, not an amount (the flag beside it says it)
                add(var)
    for rid in roles:
        role = c.role_by_id[rid]
        written = [v for a in role.actions for v in _targets(a.effects)]
        written += [v for d in c.sc.dilemmas if d.role == rid for o in d.options for v in _targets(o.effects)]
        for var in written:
            if var.startswith("east.") and var not in role.resources and var not in SAID_OTHERWISE:
                add(var)
    return tuple(out)


def own_measures(c: Compiled, role: str, kind: str, ref: str, option: str, measures: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The variables a decision's effects write that `measures` leave out (a choice's:
    its option's), as (id, "line"); the food in the east is said by its days."""
    r = c.role_by_id[role]
    if kind == "action":
        effects = [e for a in r.actions if a.id == ref for e in a.effects]
    else:
        effects = [e for d in c.sc.dilemmas if d.id == ref for o in d.options if o.id == option for e in o.effects]
    known = {v.id for v in c.sc.variables}
    taken = {mid for mid, _ in measures}
    out: list[tuple[str, str]] = []
    for var in _targets(effects):
        if var in known and var not in taken and var not in SAID_OTHERWISE:
            taken.add(var)
            out.append((var, "line"))
    return out


def measure_of(s: GameState, mid: str, kind: str) -> float:
    if kind == "ledger":
        zone, _, metric = mid.partition(".")
        return float(s.history[-1][zone][metric] or 0.0)
    return float(s.vars[mid])


def compare(
    measures: Sequence[tuple[str, str]], yours: GameState, other: GameState, against: str, same: bool = False
) -> WhatYouChanged:
    return WhatYouChanged(
        against=against,
        changes=tuple(Change(mid, kind, measure_of(yours, mid, kind), measure_of(other, mid, kind)) for mid, kind in measures),
        same=same,
    )


def week_decisions(
    c: Compiled,
    s: GameState,
    plans: Mapping[str, RoleDecision],
    humans: Sequence[str],
    policy: Policy,
    first: bool,
) -> dict[str, RoleDecision]:
    """Every role's decisions for one week of a turn, as the session plays it: the
    policy for the roles nobody plays; a person's plan in the turn's first week (checked
    as it was made), its answers to the dilemmas put this week, and in a later week of
    the turn the part of its actions the rules allow then."""
    decisions: dict[str, RoleDecision] = {}
    for role in c.roles:
        if role not in humans:
            decisions[role] = policy(c, s, role)
            continue
        plan = plans.get(role, RoleDecision())
        now = {did: opt for did, opt in plan.choices.items() if did in s.dilemmas}
        d = RoleDecision(actions=plan.actions, choices=now)
        decisions[role] = d if first else legal_part(c, s, role, d)[0]
    return decisions


def play_turn(
    c: Compiled,
    start: GameState,
    stop: int,
    plans: Mapping[str, RoleDecision],
    humans: Sequence[str],
    policy: Policy,
) -> GameState:
    """The turn from `start` to week `stop` with the people's `plans` (as `Session`
    plays a turn), unchecked and unexplained."""
    s, first = start, True
    while s.week < min(stop, c.n_weeks):
        s, _ = step(c, s, week_decisions(c, s, plans, humans, policy, first), check=False, explain=False)
        first = False
    return s


def play_other(
    c: Compiled,
    start: GameState,
    stop: int,
    humans: Sequence[str],
    policy: Policy,
    instead: Policy | None,
    taken: list[Mapping[str, RoleDecision]] | None = None,
) -> GameState:
    """The weeks from `start` to `stop` with the people's roles played by `instead`
    (None: no decisions at all) and the others by `policy`; `taken`, if given, receives
    each week's decisions."""
    s = start
    while s.week < min(stop, c.n_weeks):
        decisions = {
            role: (policy(c, s, role) if role not in humans else instead(c, s, role) if instead else RoleDecision())
            for role in c.roles
        }
        if taken is not None:
            taken.append(decisions)
        s, _ = step(c, s, decisions, check=False, explain=False)
    return s


def _leaving_out(historical: Policy, role: str, kind: str, ref: str) -> Policy:
    """The historical policy without one of its decisions for `role`: an action never
    taken, or a dilemma left to its default."""

    def policy(c: Compiled, s: GameState, rid: str) -> RoleDecision:
        d = historical(c, s, rid)
        if rid != role:
            return d
        if kind == "action":
            return RoleDecision(actions=tuple(a for a in d.actions if a != ref), choices=d.choices)
        return RoleDecision(actions=d.actions, choices={k: v for k, v in d.choices.items() if k != ref})

    return policy


def _missed(
    c: Compiled, plans: Mapping[str, RoleDecision], historical: Policy, replay: Callable[[Policy], GameState],
    hist_end: GameState, taken: Sequence[Mapping[str, RoleDecision]], measures: Sequence[tuple[str, str]],
) -> tuple[DecisionPart, ...]:
    """The historical decisions for the people's roles (`plans`' keys) that their plans
    left out, each measured in the historical turn (`hist_end`, its decisions week by
    week `taken`) against that turn without it (`replay`: the turn with the people's
    roles played by a policy)."""
    parts: list[DecisionPart] = []
    for role in plans:
        plan = plans.get(role, RoleDecision())
        seen: list[tuple[str, str, str]] = []
        for week in taken:
            d = week.get(role, RoleDecision())
            seen += [("action", a, "") for a in d.actions if a not in plan.actions]
            seen += [("choice", k, v) for k, v in d.choices.items() if plan.choices.get(k) != v and v != c.dilemmas[k].default]
        for k, (kind, ref, option) in enumerate(seen):
            if (kind, ref, option) in seen[:k]:
                continue
            without = replay(_leaving_out(historical, role, kind, ref))
            own = own_measures(c, role, kind, ref, option, measures)
            parts.append(
                DecisionPart(
                    role=role, kind=kind, ref=ref, option=option,
                    changes=compare(measures, hist_end, without, "without").moved,
                    own=compare(own, hist_end, without, "without").moved,
                )
            )
    return tuple(parts)


def turn_plans(logged: Sequence[Mapping[str, RoleDecision]], humans: Sequence[str]) -> dict[str, RoleDecision]:
    """The people's plans for a turn from its weeks' logged decisions: the actions of
    its first week (the plan as made), and every answer given in its weeks."""
    plans: dict[str, RoleDecision] = {}
    for role in humans:
        firsts = logged[0].get(role) if logged else None
        choices: dict[str, str] = {}
        for week in logged:
            d = week.get(role)
            if d is not None:
                choices.update(d.choices)
        plans[role] = RoleDecision(actions=firsts.actions if firsts else (), choices=choices)
    return plans


def your_part(
    c: Compiled,
    start: GameState,
    end: GameState,
    plans: Mapping[str, RoleDecision],
    humans: Sequence[str],
    policy: Policy,
    historical: Policy,
) -> YourPart:
    """The people's part in the turn from `start` (the state before it) to `end` (the
    state after it, with `plans`): against the historical policy for their roles, and
    each of their actions and non-default answers against the turn without it."""
    stop = end.week
    measures = part_measures(c, humans)
    taken: list[Mapping[str, RoleDecision]] = []
    other = play_other(c, start, stop, humans, policy, historical, taken)
    hist_plans = {role: historical(c, start, role) for role in humans}
    same = all(_same(plans.get(r, RoleDecision()), hist_plans[r]) for r in humans) and stop - start.week == 1
    def replay(instead: Policy) -> GameState:
        return play_other(c, start, stop, humans, policy, instead)

    full_plans = {r: plans.get(r, RoleDecision()) for r in humans}
    missed = () if same else _missed(c, full_plans, historical, replay, other, taken, measures)
    parts: list[DecisionPart] = []
    for role in humans:
        plan = plans.get(role, RoleDecision())
        for k, aid in enumerate(plan.actions):
            if aid in plan.actions[:k]:
                continue  # an action taken twice is left out once, at its first place
            rest = RoleDecision(actions=plan.actions[:k] + plan.actions[k + 1 :], choices=plan.choices)
            parts.append(_part(c, start, stop, plans, humans, policy, role, rest, end, measures, "action", aid, ""))
        for did, opt in plan.choices.items():
            dl = c.dilemmas.get(did)
            if dl is None or opt == dl.default:
                continue
            rest = RoleDecision(actions=plan.actions, choices={o: v for o, v in plan.choices.items() if o != did})
            parts.append(_part(c, start, stop, plans, humans, policy, role, rest, end, measures, "choice", did, opt))
    return YourPart(
        first=start.week,
        stop=stop,
        roles=tuple(humans),
        historical=compare(measures, end, other, "historical", same=same),
        decisions=tuple(parts),
        missed=missed,
    )


def _same(a: RoleDecision, b: RoleDecision) -> bool:
    return tuple(a.actions) == tuple(b.actions) and dict(a.choices) == dict(b.choices)


def _part(
    c: Compiled,
    start: GameState,
    stop: int,
    plans: Mapping[str, RoleDecision],
    humans: Sequence[str],
    policy: Policy,
    role: str,
    rest: RoleDecision,
    end: GameState,
    measures: Sequence[tuple[str, str]],
    kind: str,
    ref: str,
    option: str,
) -> DecisionPart:
    without = play_turn(c, start, stop, {**plans, role: rest}, humans, policy)
    moved = compare(measures, end, without, "without").moved
    own = compare(own_measures(c, role, kind, ref, option, measures), end, without, "without").moved
    return DecisionPart(role=role, kind=kind, ref=ref, option=option, changes=moved, own=own)


def game_changed(
    c: Compiled,
    seed_state: GameState,
    end: GameState,
    humans: Sequence[str],
    policy: Policy,
    historical: Policy,
) -> tuple[WhatYouChanged, WhatYouChanged]:
    """The whole game (from `seed_state`, the new game) against the same game with the
    historical policy for the people's roles, and with no decisions for them: every
    measure they touch, at the end. The first is `same` when the historical game ends
    in exactly the players' state (every variable, stock and choice alike)."""
    measures = part_measures(c, humans)
    stop = end.week
    hist = play_other(c, seed_state, stop, humans, policy, historical)
    none = play_other(c, seed_state, stop, humans, policy, None)
    return (
        compare(measures, end, hist, "historical", same=hist == end),
        compare(measures, end, none, "nothing", same=none == end),
    )

"""Properties of the engine over random seeds and random legal decisions (hypothesis).

For every seed and every legal sequence of decisions:

- people are conserved: each district's starting population = present + killed + left,
  every week (and so for each zone and in total);
- nothing is negative, and every variable stays inside its declared min and max;
- cumulative counts (killed by cause, injured, treated, left, left by route, events
  fired, dilemmas answered, the weekly history) never fall or change afterwards;
- the same seed and decisions give the same states, reports and history; different
  seeds give different games;
- `step` never changes the state it is given;
- an illegal decision raises `IllegalDecision` and leaves the state as it was;
- every policy's decisions are legal, every week.

A legal plan is built from `available_actions`, in a random order, within the role's
budget of action points, paying for the dilemma option chosen and for every action out
of what the role has (so `check_decision` must accept it).
"""

from __future__ import annotations

import copy
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.compiled import Compiled, compile_scenario
from game.engine.core import (
    IllegalDecision,
    available_actions,
    check_decision,
    new_game,
    step,
)
from game.engine.policies import get_policy, policy_names
from game.model.basics import CAUSES
from game.model.state import GameState, RoleDecision
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = {
    "aleppo-2016": ROOT / "scenarios" / "aleppo-2016",
    "example": ROOT / "docs" / "example",
}
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
EPS = 1e-9

PROPS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def compiled(name: str) -> Compiled:
    return compile_scenario(load_scenario(SCENARIOS[name]))


# ---------------------------------------------------------------------------------
# Building legal plans
# ---------------------------------------------------------------------------------


def spend(left: dict[str, float], cost: dict[str, float]) -> bool:
    """Take `cost` out of `left` if it is all there; say whether it was."""
    if any(left[k] < v - EPS for k, v in cost.items()):
        return False
    for k, v in cost.items():
        left[k] -= v
    return True


def legal_plan(data: st.DataObject, c: Compiled, s: GameState, role: str) -> RoleDecision:
    left = dict(s.vars)
    choices: dict[str, str] = {}
    for did in s.dilemmas:
        dl = c.dilemmas[did]
        if dl.role != role:
            continue
        pick = data.draw(st.sampled_from([None, *sorted(dl.options)]), label=f"choice {did}")
        option = dl.default if pick is None else pick
        if not spend(left, dl.options[option][0]):
            # An option the role cannot pay for: fall back to the default, as the engine does.
            pick, option = None, dl.default
            spend(left, dl.options[option][0])
        if pick is not None:
            choices[did] = option
    budget = c.role_by_id[role].budget
    points = 0
    actions: list[str] = []
    avail = available_actions(c, s, role)
    for aid in data.draw(st.permutations(avail), label=f"order {role}"):
        a = c.actions[role][aid]
        if points + a.points > budget or not data.draw(st.booleans(), label=f"take {aid}"):
            continue
        if spend(left, a.cost):
            actions.append(aid)
            points += a.points
    return RoleDecision(actions=tuple(actions), choices=choices)


def legal_decisions(data: st.DataObject, c: Compiled, s: GameState) -> dict[str, RoleDecision]:
    roles = [r for r in c.roles if data.draw(st.integers(0, 9), label="plays") > 0]
    return {role: legal_plan(data, c, s, role) for role in roles}


# ---------------------------------------------------------------------------------
# Invariants
# ---------------------------------------------------------------------------------


def killed_in(s: GameState, i: int) -> int:
    return sum(s.killed[cause][i] for cause in CAUSES)


def check_state(c: Compiled, s: GameState) -> None:
    sc = c.sc
    assert len(s.history) == s.week + 1
    for i, d in enumerate(sc.districts):
        assert s.present[i] >= 0, (d.id, "present", s.present[i])
        assert s.injured[i] >= 0 and s.treated[i] >= 0 and s.left[i] >= 0
        assert s.treated[i] <= s.injured[i], (d.id, "treated more than injured")
        for cause in CAUSES:
            assert s.killed[cause][i] >= 0, (d.id, cause)
        assert s.present[i] + killed_in(s, i) + s.left[i] == d.population, (
            d.id,
            "people not conserved",
        )
        assert 0 <= s.hosp_damaged[i] and 0 <= s.hosp_lost[i]
        assert s.hosp_damaged[i] + s.hosp_lost[i] <= d.hospitals, (d.id, "hospitals")
    assert set(s.killed) == set(CAUSES)
    assert set(s.left_by_route) == {r.id for r in sc.routes}
    assert all(n >= 0 for n in s.left_by_route.values())
    assert sum(s.left_by_route.values()) == sum(s.left)
    for v in sc.variables:
        x = s.vars[v.id]
        assert math.isfinite(x), (v.id, x)
        assert v.min is None or x >= v.min - EPS, (v.id, x, "below", v.min)
        assert v.max is None or x <= v.max + EPS, (v.id, x, "above", v.max)
    # The ledger: each zone and the total conserve people too.
    start = {z: sum(d.population for d in sc.districts if d.zone == z) for z in ("east", "west")}
    start["total"] = sum(d.population for d in sc.districts)
    for entry in s.history:
        for zone, pop in start.items():
            z = entry[zone]
            assert z["present"] + z["killed"] + z["left"] == pop, (entry["week"], zone)
            assert z["killed"] == sum(z["killed_by_cause"].values())
            assert min(z["present"], z["killed"], z["injured"], z["left"], z["hospitals"]) >= 0
            assert z["food_days"] is None or z["food_days"] >= 0


def check_cumulative(before: GameState, after: GameState) -> None:
    assert after.week == before.week + 1
    assert after.history[: len(before.history)] == before.history
    assert len(after.history) == len(before.history) + 1
    for cause in CAUSES:
        for a, b in zip(before.killed[cause], after.killed[cause], strict=True):
            assert b >= a, cause
    for name in ("injured", "treated", "left"):
        for a, b in zip(getattr(before, name), getattr(after, name), strict=True):
            assert b >= a, name
    for rid, n in before.left_by_route.items():
        assert after.left_by_route[rid] >= n, rid
    assert after.fired[: len(before.fired)] == before.fired
    assert before.choices.items() <= after.choices.items()
    assert after.history[-1]["week"] == before.week
    prev, new = before.history[-1], after.history[-1]
    for zone in ("east", "west", "total"):
        for m in ("killed", "injured", "left", "treated"):
            assert new[zone][m] >= prev[zone][m], (zone, m)
        for cause, n in prev[zone]["killed_by_cause"].items():
            assert new[zone]["killed_by_cause"][cause] >= n, (zone, cause)


def play_checked(
    c: Compiled, seed: int, decide: Any
) -> tuple[GameState, list[dict[str, RoleDecision]], list[Any]]:
    """Play a whole game, checking every invariant every week; return the final state,
    the decisions and the reports."""
    s = new_game(c, seed)
    check_state(c, s)
    log: list[dict[str, RoleDecision]] = []
    reports: list[Any] = []
    while s.week < c.n_weeks:
        decisions = decide(s)
        for role, d in decisions.items():
            check_decision(c, s, role, d)
        snapshot = copy.deepcopy(s)
        nxt, report = step(c, s, decisions)
        assert s == snapshot, "step changed the state it was given"
        assert report.week == s.week
        assert report.before == s.history[-1] and report.after == nxt.history[-1]
        for role, d in decisions.items():
            assert [a for r, a, _ in report.actions if r == role] == list(d.actions)
            made = {dl: o for r, dl, o in report.choices if r == role}
            assert d.choices.items() <= made.items()
        check_state(c, nxt)
        check_cumulative(s, nxt)
        log.append(decisions)
        reports.append(report)
        s = nxt
    assert s.week == c.n_weeks and s.dilemmas == [] and s.news == []
    return s, log, reports


# ---------------------------------------------------------------------------------
# The properties
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@PROPS
@given(seed=SEEDS, data=st.data())
def test_random_legal_play_keeps_every_invariant(name: str, seed: int, data: st.DataObject) -> None:
    c = compiled(name)
    play_checked(c, seed, lambda s: legal_decisions(data, c, s))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=60)
@given(seed=SEEDS)
def test_random_policy_keeps_every_invariant(name: str, seed: int) -> None:
    c = compiled(name)
    pol = get_policy(c, "random")
    play_checked(c, seed, lambda s: {role: pol(c, s, role) for role in c.roles})


@settings(PROPS, max_examples=40)
@given(seed=SEEDS, data=st.data())
def test_same_seed_and_decisions_give_the_same_game(seed: int, data: st.DataObject) -> None:
    c = compiled("aleppo-2016")
    first, log, reports = play_checked(c, seed, lambda s: legal_decisions(data, c, s))
    s = new_game(c, seed)
    for decisions, report in zip(log, reports, strict=True):
        s, again = step(c, s, decisions)
        assert again == report
    assert s == first
    assert s.history == first.history
    assert s.vars == first.vars and s.fired == first.fired and s.choices == first.choices


def test_different_seeds_give_different_games() -> None:
    c = compiled("aleppo-2016")
    pol = get_policy(c, "historical")
    finals = []
    for seed in range(12):
        s = new_game(c, seed)
        while s.week < c.n_weeks:
            s, _ = step(c, s, {role: pol(c, s, role) for role in c.roles})
        finals.append(repr(s.history[-1]))
    assert len(set(finals)) == len(finals)


@settings(PROPS, max_examples=40)
@given(a=SEEDS, b=SEEDS)
def test_two_seeds_give_two_games(a: int, b: int) -> None:
    if a == b:
        return
    c = compiled("aleppo-2016")
    sa, sb = new_game(c, a), new_game(c, b)
    for _ in range(c.n_weeks):
        sa, _ = step(c, sa, {})
        sb, _ = step(c, sb, {})
    assert sa.history != sb.history


# ---------------------------------------------------------------------------------
# Illegal decisions
# ---------------------------------------------------------------------------------


def game_at(c: Compiled, seed: int, week: int) -> GameState:
    pol = get_policy(c, "historical")
    s = new_game(c, seed)
    while s.week < week:
        s, _ = step(c, s, {role: pol(c, s, role) for role in c.roles})
    return s


def illegal_decisions(c: Compiled, s: GameState, role: str) -> dict[str, RoleDecision]:
    """One decision of each illegal kind that this week allows to be built."""
    out: dict[str, RoleDecision] = {}
    acts = c.actions[role]
    budget = c.role_by_id[role].budget
    avail = available_actions(c, s, role)
    out["unknown action"] = RoleDecision(actions=("no-such-action",))
    if avail:
        out["repeated action"] = RoleDecision(actions=(avail[0], avail[0]))
    by_points = sorted(avail, key=lambda a: -acts[a].points)
    plan, points = [], 0
    for aid in by_points:
        plan.append(aid)
        points += acts[aid].points
        if points > budget:
            out["over budget"] = RoleDecision(actions=tuple(plan))
            break
    unavailable = [a for a in acts if a not in avail]
    if unavailable:
        out["not possible this week"] = RoleDecision(actions=(unavailable[0],))
    unaffordable = [a for a in avail if any(s.vars[k] < v - EPS for k, v in acts[a].cost.items())]
    if unaffordable:
        out["unaffordable"] = RoleDecision(actions=(unaffordable[0],))
    mine = [d for d in s.dilemmas if c.dilemmas[d].role == role]
    if mine:
        out["wrong dilemma option"] = RoleDecision(choices={mine[0]: "no-such-option"})
    others = [d for d in c.dilemmas if d not in s.dilemmas]
    if others:
        dl = c.dilemmas[others[0]]
        out["dilemma not put this week"] = RoleDecision(choices={dl.id: dl.default})
    out["unknown dilemma"] = RoleDecision(choices={"no-such-dilemma": "x"})
    return out


def assert_refused(c: Compiled, s: GameState, decisions: dict[str, RoleDecision]) -> None:
    snapshot = copy.deepcopy(s)
    with pytest.raises(IllegalDecision):
        step(c, s, decisions)
    assert s == snapshot, "a refused decision changed the state"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=60)
@given(seed=SEEDS, data=st.data())
def test_illegal_decisions_are_refused_and_change_nothing(
    name: str, seed: int, data: st.DataObject
) -> None:
    c = compiled(name)
    s = game_at(c, seed, data.draw(st.integers(0, c.n_weeks - 1), label="week"))
    for role in c.roles:
        for kind, d in illegal_decisions(c, s, role).items():
            try:
                check_decision(c, s, role, d)
            except IllegalDecision:
                pass
            else:
                pytest.fail(f"check_decision accepted a decision with {kind}: {d}")
            assert_refused(c, s, {role: d})
        # A legal action before an illegal one is not applied either.
        avail = available_actions(c, s, role)
        if avail:
            d = RoleDecision(actions=(avail[0], "no-such-action"))
            assert_refused(c, s, {role: d})
    assert_refused(c, s, {"no-such-role": RoleDecision()})


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=40)
@given(seed=SEEDS, data=st.data())
def test_unaffordable_actions_are_refused(name: str, seed: int, data: st.DataObject) -> None:
    """With a role's resources emptied, every action with a cost is refused."""
    c = compiled(name)
    s = game_at(c, seed, data.draw(st.integers(0, c.n_weeks - 1), label="week"))
    for role in c.roles:
        poor = s.copy()
        for v in c.sc.variables:
            if v.role == role:
                poor.vars[v.id] = v.min if v.min is not None else 0.0
        for aid in available_actions(c, poor, role):
            a = c.actions[role][aid]
            if a.cost and any(poor.vars[k] < x - EPS for k, x in a.cost.items()):
                assert_refused(c, poor, {role: RoleDecision(actions=(aid,))})


def test_the_game_over_state_refuses_another_week() -> None:
    c = compiled("example")
    s = game_at(c, 3, c.n_weeks)
    assert_refused(c, s, {})


def dilemma_week(c: Compiled, seed: int, did: str) -> GameState:
    pol = get_policy(c, "historical")
    s = new_game(c, seed)
    while did not in s.dilemmas:
        assert s.week < c.n_weeks, f"dilemma {did} never put"
        s, _ = step(c, s, {role: pol(c, s, role) for role in c.roles})
    return s


def test_a_dilemma_option_and_actions_cannot_overspend() -> None:
    c = compiled("aleppo-2016")
    s = dilemma_week(c, 1, "last-rations").copy()
    s.vars["coordinator.money"] = 3.0
    # "cash" costs 3; fund_clinics 2 and preposition 1 cost 3 more: 6 in all, with 3.
    d = RoleDecision(actions=("fund_clinics", "preposition"), choices={"last-rations": "cash"})
    with pytest.raises(IllegalDecision):
        check_decision(c, s, "coordinator", d)


# ---------------------------------------------------------------------------------
# Policies
# ---------------------------------------------------------------------------------


def plan_cost(c: Compiled, s: GameState, role: str, d: RoleDecision) -> dict[str, float]:
    """What a decision costs: its dilemma options (the default where none is given) and
    its actions."""
    total: dict[str, float] = {}
    for did in s.dilemmas:
        dl = c.dilemmas[did]
        if dl.role != role:
            continue
        option = d.choices.get(did, dl.default)
        for k, v in dl.options[option][0].items():
            total[k] = total.get(k, 0.0) + v
    for aid in d.actions:
        for k, v in c.actions[role][aid].cost.items():
            total[k] = total.get(k, 0.0) + v
    return total


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_policy_plays_legally_every_week(name: str) -> None:
    c = compiled(name)
    names = policy_names(c)
    assert {"historical", "random"} < set(names) and len(names) >= 3
    for policy in names:
        pol = get_policy(c, policy)
        for seed in range(8 if policy == "random" else 3):
            s = new_game(c, seed)
            while s.week < c.n_weeks:
                decisions = {role: pol(c, s, role) for role in c.roles}
                for role, d in decisions.items():
                    check_decision(c, s, role, d)
                    cost = plan_cost(c, s, role, d)
                    over = {k: (s.vars[k], v) for k, v in cost.items() if s.vars[k] < v - EPS}
                    assert not over, (policy, seed, s.week, role, d, over)
                    points = sum(c.actions[role][a].points for a in d.actions)
                    assert points <= c.role_by_id[role].budget
                s, _ = step(c, s, decisions)
            assert s.week == c.n_weeks

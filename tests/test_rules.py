"""The one rulebook (game/engine/rules.py) against every path that reads it.

- any plan any policy makes (historical, random, every strategy, a fixed one; many
  seeds, every week) is legal by the rulebook;
- for arbitrary plans, the engine's step raises exactly when the rulebook finds a
  problem, with the rulebook's problems, and changes nothing when it does;
- the session refuses exactly the plans the rulebook finds a problem with, and its
  message is the rulebook's first problem, worded;
- the legal part of a plan (what a replay keeps) is legal, is the plan itself when the
  plan is legal, and leaves out one part per problem;
- an unanswered dilemma costs nothing: it changes nothing a plan may do, its default is
  free, and compiling a scenario whose default has a cost is refused.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import rules
from game.engine.compiled import Compiled, compile_scenario
from game.engine.core import step
from game.engine.opening import new_game
from game.engine.policies import Policy, decide_all, fixed, get_policy, policy_names
from game.engine.rules import IllegalDecision, Problem, legal_part, problems
from game.model.state import GameState, RoleDecision
from game.present.plan import problem_text, refusal
from game.scenario.loader import load_scenario
from game.session import DecisionError, Session, review

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = {
    "aleppo-2016": ROOT / "scenarios" / "aleppo-2016",
    "example": ROOT / "docs" / "example",
}
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
PROPS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def compiled(name: str) -> Compiled:
    return compile_scenario(load_scenario(SCENARIOS[name]))


def policies(c: Compiled) -> dict[str, Policy]:
    """Every policy of the scenario, and one fixed plan wanting every action."""
    out = {name: get_policy(c, name) for name in policy_names(c)}
    every = sorted({aid for acts in c.actions.values() for aid in acts})
    out["fixed"] = fixed(every)
    return out


def game_at(c: Compiled, seed: int, week: int, policy: str = "random") -> GameState:
    pol = get_policy(c, policy)
    s = new_game(c, seed)
    while s.week < week:
        s, _ = step(c, s, {role: pol(c, s, role) for role in c.roles}, check=False)
    return s


@st.composite
def situations(draw: st.DrawFn, name: str, poor: bool = True) -> tuple[Compiled, GameState]:
    """A game of scenario `name` at some week, played by a policy; sometimes with a
    role's resources cut, so that costs bind."""
    c = compiled(name)
    s = game_at(c, draw(SEEDS, label="seed"), draw(st.integers(0, c.n_weeks - 1), label="week"),
                draw(st.sampled_from(["random", "historical"]), label="played by"))
    if poor and draw(st.booleans(), label="poorer"):
        s = s.copy()
        share = draw(st.sampled_from([0.0, 0.3, 0.7]), label="share left")
        for v in c.sc.variables:
            if v.role is not None:
                lo = v.min if v.min is not None else 0.0
                s.vars[v.id] = lo + (s.vars[v.id] - lo) * share
    return c, s


def plans(c: Compiled, s: GameState, role: str) -> st.SearchStrategy[RoleDecision]:
    """Arbitrary plans for `role`: its own actions and others', unknown ones, repeats;
    answers to this week's dilemmas and to others, with options and unknown ones."""
    mine = sorted(c.actions.get(role, {}))
    others = sorted({a for acts in c.actions.values() for a in acts} - set(mine))[:4]
    action_ids = st.sampled_from([*mine, *mine, *others, "no-such-action"]) if mine else st.sampled_from(["no-such-action", *others])
    this_week = list(s.dilemmas)
    dilemma_ids = st.sampled_from([*this_week, *this_week, *sorted(c.dilemmas)[:3], "no-such-dilemma"])

    def answer(did: str) -> st.SearchStrategy[str]:
        dl = c.dilemmas.get(did)
        return st.sampled_from([*sorted(dl.options), "no-such-option"]) if dl else st.just("x")

    choices = st.lists(dilemma_ids.flatmap(lambda did: st.tuples(st.just(did), answer(did))), max_size=3).map(dict)
    actions = st.lists(action_ids, max_size=6).map(tuple)
    return st.builds(lambda a, ch: RoleDecision(actions=a, choices=ch), actions, choices)


# ---------------------------------------------------------------------------------
# Policies make legal plans
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=12)
@given(seed=SEEDS)
def test_every_plan_every_policy_makes_is_legal(name: str, seed: int) -> None:
    c = compiled(name)
    for label, pol in policies(c).items():
        s = new_game(c, seed)
        while s.week < c.n_weeks:
            decisions = decide_all(c, s, dict.fromkeys(c.roles, pol))
            for role, d in decisions.items():
                found = problems(c, s, role, d)
                assert not found, f"{label} made an illegal plan for {role} in week {s.week + 1}: {found}"
            s, _ = step(c, s, decisions, check=False, explain=False, inplace=True)


# ---------------------------------------------------------------------------------
# The engine raises exactly when the rulebook finds problems
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=80)
@given(data=st.data())
def test_the_engine_raises_exactly_when_the_rulebook_finds_problems(name: str, data: st.DataObject) -> None:
    c, s = data.draw(situations(name), label="situation")
    roles = data.draw(st.lists(st.sampled_from([*c.roles, "no-such-role"]), unique=True, max_size=3), label="roles")
    decisions = {role: data.draw(plans(c, s, role), label=f"plan {role}") for role in roles}
    found = {role: problems(c, s, role, d) for role, d in decisions.items()}
    first = next((p for p in found.values() if p), None)
    snapshot = copy.deepcopy(s)
    for role, d in decisions.items():
        assert rules.is_legal(c, s, role, d) == (not found[role])
    if first is None:
        step(c, s, decisions)
        return
    with pytest.raises(IllegalDecision) as refused:
        step(c, s, decisions)
    assert refused.value.problems == first
    assert str(refused.value) == rules.describe(first[0])
    assert s == snapshot, "a refused plan changed the state"


def test_a_finished_game_has_one_problem_for_any_plan() -> None:
    c = compiled("example")
    s = game_at(c, 3, c.n_weeks)
    for role in c.roles:
        assert problems(c, s, role, RoleDecision()) == [Problem("over", role)]
    with pytest.raises(IllegalDecision):
        step(c, s, {})


# ---------------------------------------------------------------------------------
# The session's message is the rulebook's
# ---------------------------------------------------------------------------------


@settings(PROPS, max_examples=60)
@given(data=st.data())
def test_the_session_refuses_what_the_rulebook_refuses_in_its_words(data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    c = compiled("aleppo-2016")
    role = data.draw(st.sampled_from(c.roles), label="role")
    session = Session.new(c.sc, roles=role, seed=data.draw(SEEDS, label="seed"), policy="random",
                          save_dir=tmp_path_factory.mktemp("saves"), autosave=False)
    for _ in range(data.draw(st.integers(0, c.n_weeks - 1), label="weeks played")):
        session.advance()
    d = data.draw(plans(c, session.state, role), label="plan")
    found = problems(c, session.state, role, d)
    if not found:
        assert session.decide(role, d.actions, d.choices) == d
        assert session.plan(role) == d
        return
    with pytest.raises(DecisionError) as refused:
        session.decide(role, d.actions, d.choices)
    assert refused.value.problem == found[0]
    assert refusal(session, refused.value) == " ".join(problem_text(session, found[0]).split())
    assert session.plan(role) == RoleDecision(), "a refused plan was kept"


# ---------------------------------------------------------------------------------
# The legal part of a plan (what a replay keeps)
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=80)
@given(data=st.data())
def test_the_legal_part_of_a_plan_is_legal(name: str, data: st.DataObject) -> None:
    c, s = data.draw(situations(name), label="situation")
    role = data.draw(st.sampled_from(c.roles), label="role")
    d = data.draw(plans(c, s, role), label="plan")
    kept, dropped = legal_part(c, s, role, d)
    assert problems(c, s, role, kept) == []
    found = problems(c, s, role, d)
    assert dropped == len(found)
    if not found:
        assert kept is d
    # what is kept is the plan's own, in its order
    it = iter(d.actions)
    assert all(any(a == b for b in it) for a in kept.actions)
    assert all(d.choices.get(k) == v for k, v in kept.choices.items())
    # and a replay keeps exactly that
    assert review.legalise(c, s, role, d) == (kept, dropped)


# ---------------------------------------------------------------------------------
# Unanswered dilemmas
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_default_is_free(name: str) -> None:
    c = compiled(name)
    for dl in c.dilemmas.values():
        assert dl.options[dl.default][0] == {}, f"{dl.id}: default {dl.default} has a cost"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@settings(PROPS, max_examples=40)
@given(data=st.data())
def test_unanswered_dilemmas_change_nothing_a_plan_may_do(name: str, data: st.DataObject) -> None:
    # The rulebook sets nothing aside for a dilemma left unanswered: the same actions are
    # allowed as in the same week with no dilemma put at all.
    c, s = data.draw(situations(name), label="situation")
    role = data.draw(st.sampled_from(c.roles), label="role")
    d = RoleDecision(actions=data.draw(plans(c, s, role), label="plan").actions)
    bare = s.copy()
    bare.dilemmas = []
    assert problems(c, s, role, d) == problems(c, bare, role, d)


def test_a_scenario_whose_default_costs_something_is_not_compiled() -> None:
    sc = load_scenario(SCENARIOS["aleppo-2016"])
    dl = sc.dilemmas[0]
    other = next(o for o in dl.options if o.id != dl.default)
    costly = [o.model_copy(update={"cost": other.cost or {"attention": 1.0}}) if o.id == dl.default else o for o in dl.options]
    bad = sc.model_copy(update={"dilemmas": [dl.model_copy(update={"options": costly}), *sc.dilemmas[1:]]})
    with pytest.raises(ValueError, match="default"):
        compile_scenario(bad)

"""Balance, checked by simulation: no fixed strategy wins on every measure of the ledger,
and the strategy that saves the most lives is not a trivial one (the same action every
week)."""

from __future__ import annotations

import statistics
from collections.abc import Callable

import pytest

from game.engine.batch import play_through, policies_for
from game.engine.compiled import Compiled, compile_scenario
from game.engine.policies import Policy, fixed, policy_names
from game.model.state import GameState
from game.scenario import registry

RUNS = 120
SEED = 4000  # every policy meets the same luck: seeds SEED .. SEED + RUNS - 1

# Each measure of the civilian ledger, as "more is better".
MEASURES: dict[str, Callable[[GameState], float]] = {
    "fewer killed in the east": lambda s: -s.history[-1]["east"]["killed"],
    "fewer injured in the east": lambda s: -s.history[-1]["east"]["injured"],
    "fewer hunger deaths": lambda s: -s.history[-1]["east"]["killed_by_cause"]["hunger"],
    "fewer deaths for lack of care": lambda s: -s.history[-1]["east"]["killed_by_cause"]["lack_of_care"],
    "more days of food, week by week": lambda s: sum(e["east"]["food_days"] for e in s.history),
    "more people out of danger": lambda s: s.history[-1]["east"]["left"],
}


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_scenario(registry.get("aleppo-2016"))


@pytest.fixture(scope="module")
def table(compiled: Compiled) -> dict[str, dict[str, float]]:
    """Mean of each measure for every named policy, and for every trivial one: one role
    takes the same action every week while the others play as they did historically."""
    players: dict[str, dict[str, Policy]] = {n: policies_for(compiled, n) for n in policy_names(compiled)}
    for role in compiled.roles:
        for aid in compiled.actions[role]:
            players[f"always {role}:{aid}"] = {**policies_for(compiled, "historical"), role: fixed([aid])}
    out = {}
    for name, pols in players.items():
        states = [play_through(compiled, SEED + k, pols) for k in range(RUNS)]
        out[name] = {m: statistics.fmean(f(s) for s in states) for m, f in MEASURES.items()}
    return out


def _best(table: dict[str, dict[str, float]], measure: str) -> set[str]:
    top = max(row[measure] for row in table.values())
    return {name for name, row in table.items() if row[measure] == top}


def test_no_strategy_is_best_on_every_measure(table: dict[str, dict[str, float]]) -> None:
    assert len(table) > 10
    for name in table:
        beaten = [m for m in MEASURES if name not in _best(table, m)]
        assert beaten, f"{name} is best on every measure"


def test_the_strategy_that_saves_most_lives_is_not_trivial(table: dict[str, dict[str, float]]) -> None:
    best = _best(table, "fewer killed in the east")
    assert not any(name.startswith("always ") for name in best), best


def test_strategies_differ(table: dict[str, dict[str, float]]) -> None:
    # The measures respond to what is done: the named strategies do not all tie.
    for m in MEASURES:
        assert len({round(row[m], 3) for row in table.values()}) > 3, m


def test_a_fixed_policy_repeats_its_action(compiled: Compiled) -> None:
    from game.engine.core import new_game, step

    pol = fixed(["advocate"])
    s = new_game(compiled, 9)
    while s.week < compiled.n_weeks:
        d = pol(compiled, s, "coordinator")
        assert d.actions == ("advocate",)  # free, so possible every week
        assert set(d.choices.values()) <= {compiled.dilemmas[k].default for k in d.choices}
        s, _ = step(compiled, s, {"coordinator": d})

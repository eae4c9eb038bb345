"""Random playthroughs of aleppo-2016 reach all of its content (in the manner of
ChoiceScript's randomtest).

Many seeded games are played with the `random` policy and with every other policy; the
test records every event fired, action taken, dilemma put, dilemma option chosen and
phase a week was played in, and fails naming whatever was never reached. Run with
`pytest -s tests/test_coverage_random.py` to see the counts.

Something that is never reached is either dead content or a sign that a condition can
never hold; either way the scenario needs a look.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.engine.compiled import Compiled, compile_scenario
from game.engine.core import new_game, step
from game.engine.policies import get_policy, policy_names
from game.model.choices import Effect
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "aleppo-2016"
RANDOM_GAMES = 400
OTHER_GAMES = 25


@dataclass
class Coverage:
    games: int = 0
    events: Counter[str] = field(default_factory=Counter)
    actions: Counter[str] = field(default_factory=Counter)
    dilemmas: Counter[str] = field(default_factory=Counter)
    options: Counter[str] = field(default_factory=Counter)
    phases: Counter[str] = field(default_factory=Counter)  # the phase each week is played in
    touched: Counter[str] = field(default_factory=Counter)  # every phase a week's days fall in
    outcomes: Counter[str] = field(default_factory=Counter)  # "note: yes" / "note: no"


def play(c: Compiled, policy: str, seeds: range, cov: Coverage) -> None:
    pol = get_policy(c, policy)
    for seed in seeds:
        cov.games += 1
        s = new_game(c, seed)
        cov.events.update(s.news)
        cov.dilemmas.update(s.dilemmas)
        while s.week < c.n_weeks:
            wk = c.weeks[s.week]
            s, report = step(c, s, {role: pol(c, s, role) for role in c.roles})
            cov.events.update(report.opened)
            cov.dilemmas.update(s.dilemmas)
            cov.actions.update(f"{role}:{aid}" for role, aid, _ in report.actions)
            cov.options.update(f"{did}={opt}" for _, did, opt in report.choices)
            cov.phases[report.phase] += 1
            cov.touched.update(wk.phases)
            outcomes = [o for _, _, out in report.actions for o in out]
            outcomes += [o for out in report.choice_outcomes.values() for o in out]
            for o in outcomes:  # chance outcomes, each way they came off
                if o.kind == "chance" and o.note:
                    cov.outcomes[f"{o.note}: {'yes' if o.hit else 'no'}"] += 1


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_scenario(load_scenario(SCENARIO))


@pytest.fixture(scope="module")
def coverage(compiled: Compiled) -> Coverage:
    cov = Coverage()
    play(compiled, "random", range(RANDOM_GAMES), cov)
    for name in policy_names(compiled):
        if name != "random":
            play(compiled, name, range(1000, 1000 + OTHER_GAMES), cov)
    print_report(compiled.sc, cov)
    return cov


def expected(sc: Scenario) -> dict[str, list[str]]:
    return {
        "events": [e.id for e in sc.events],
        "actions": [f"{r.id}:{a.id}" for r in sc.roles for a in r.actions],
        "dilemmas": [d.id for d in sc.dilemmas],
        "options": [f"{d.id}={o.id}" for d in sc.dilemmas for o in d.options],
        "phases": [p.id for p in sc.phases],
    }


def print_report(sc: Scenario, cov: Coverage) -> None:
    print(f"\nCoverage of {sc.id} over {cov.games} games")
    for kind, ids in expected(sc).items():
        seen: Counter[str] = getattr(cov, kind)
        reached = sum(1 for i in ids if seen[i])
        print(f"  {kind}: {reached}/{len(ids)} reached")
        for i in ids:
            mark = "" if seen[i] else "   <-- never"
            print(f"    {seen[i]:7d}  {i}{mark}")
    print("  phases touched by some day of a week:")
    for p in sc.phases:
        print(f"    {cov.touched[p.id]:7d}  {p.id}")
    print(f"  chance outcomes: {len(cov.outcomes)} distinct")
    for text, n in sorted(cov.outcomes.items()):
        print(f"    {n:7d}  {text}")


def never(sc: Scenario, cov: Coverage, kind: str) -> list[str]:
    seen: Counter[str] = getattr(cov, kind)
    return [i for i in expected(sc)[kind] if not seen[i]]


def test_every_event_fires(compiled: Compiled, coverage: Coverage) -> None:
    assert not never(compiled.sc, coverage, "events"), "events never fired"


def test_every_action_is_taken(compiled: Compiled, coverage: Coverage) -> None:
    assert not never(compiled.sc, coverage, "actions"), "actions never taken"


def test_every_dilemma_is_put(compiled: Compiled, coverage: Coverage) -> None:
    assert not never(compiled.sc, coverage, "dilemmas"), "dilemmas never put"


def test_every_dilemma_option_is_chosen(compiled: Compiled, coverage: Coverage) -> None:
    assert not never(compiled.sc, coverage, "options"), "dilemma options never chosen"


def test_every_phase_is_reached(compiled: Compiled, coverage: Coverage) -> None:
    """Each phase holds some day of a played week (its hazard and routes apply to those
    days, and the week's report names it). A phase shorter than a week, such as the
    one-day November pause, may never be the phase most of a week's days belong to, which
    is what `phase` reads in a condition; the test below holds conditions to that."""
    untouched = [p.id for p in compiled.sc.phases if not coverage.touched[p.id]]
    assert not untouched, f"phases no week touches: {untouched}"
    main = set(never(compiled.sc, coverage, "phases"))
    short = {p.id for p in compiled.sc.phases if (p.end - p.start).days < 6}
    assert main <= short, f"phases of a week or more that are no week's phase: {sorted(main - short)}"


def test_every_chance_outcome_happens_both_ways(coverage: Coverage) -> None:
    """Each chance that notes its outcome comes out 'yes' in some game and 'no' in another."""
    notes = {text.rpartition(": ")[0] for text in coverage.outcomes}
    assert notes, "no chance outcome was recorded"
    one_sided = []
    for note in sorted(notes):
        outcomes = {
            t.rpartition(": ")[2] for t in coverage.outcomes if t.rpartition(": ")[0] == note
        }
        if outcomes != {"yes", "no"}:
            one_sided.append(f"{note}: only {sorted(outcomes)}")
    assert not one_sided, one_sided


# ---------------------------------------------------------------------------------
# Conditions that name a phase
# ---------------------------------------------------------------------------------


def expressions(sc: Scenario) -> list[tuple[str, str]]:
    """(where, text) of every expression in the scenario."""
    out: list[tuple[str, str]] = []

    def effects(where: str, effs: list[Effect]) -> None:
        for k, e in enumerate(effs):
            here = f"{where}.effects[{k}]"
            for op in ("set", "add"):
                for name, value in (getattr(e, op) or {}).items():
                    if isinstance(value, str):
                        out.append((f"{here}.{op}.{name}", value))
            if isinstance(e.chance, str):
                out.append((f"{here}.chance", e.chance))
            effects(here + ".then", e.then or [])
            effects(here + ".else", e.else_ or [])

    for ev in sc.events:
        for attr in ("when", "chance"):
            if isinstance(getattr(ev, attr), str):
                out.append((f"event {ev.id}.{attr}", getattr(ev, attr)))
        effects(f"event {ev.id}", ev.effects)
    for dl in sc.dilemmas:
        if dl.when:
            out.append((f"dilemma {dl.id}.when", dl.when))
        for o in dl.options:
            effects(f"dilemma {dl.id}.{o.id}", o.effects)
    for role in sc.roles:
        effects(f"role {role.id}.income", role.income)
        for a in role.actions:
            if a.when:
                out.append((f"action {role.id}:{a.id}.when", a.when))
            effects(f"action {role.id}:{a.id}", a.effects)
    return out


def phase_names_in(text: str) -> list[str]:
    """The strings an expression compares `phase` with."""
    names: list[str] = []
    for node in ast.walk(ast.parse(" ".join(text.split()), mode="eval")):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        if not any(isinstance(x, ast.Name) and x.id == "phase" for x in operands):
            continue
        for x in operands:
            if isinstance(x, ast.Constant) and isinstance(x.value, str):
                names.append(x.value)
            elif isinstance(x, ast.Tuple | ast.List | ast.Set):
                names += [
                    e.value
                    for e in x.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
    return names


def test_phase_names_in_conditions_can_hold(compiled: Compiled) -> None:
    """A condition such as `phase == 'pause'` must name a phase some week is played in;
    otherwise it can never be true."""
    week_phases = {wk.phase for wk in compiled.weeks}
    phase_ids = {p.id for p in compiled.sc.phases}
    problems = []
    for where, text in expressions(compiled.sc):
        for name in phase_names_in(text):
            if name not in phase_ids:
                problems.append(f"{where}: {name!r} is not a phase")
            elif name not in week_phases:
                problems.append(
                    f"{where}: no week is played in phase {name!r}, so this never holds"
                )
    assert not problems, "\n".join(problems)


def test_the_phase_name_finder() -> None:
    assert phase_names_in("phase == 'pause' or phase in ('a', \"b\")") == ["pause", "a", "b"]
    assert phase_names_in("week > 3 and coordinator.money >= 1") == []

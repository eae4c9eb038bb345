"""Every full turn report (the `report` command in the line mode, the report screen in
the full-screen game) gives a cause line for every row of its change table that moved
and for every action of the player's that did something, and one for the historical
decision left out that made the difference "your part" shows. Played over seeded games
in every role and both lengths, with plans that differ from the historical ones; and
the engine's causes of the injured and the hospitals add up to their rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.policies import get_policy
from game.model.state import RoleDecision
from game.present.causes import cause_text
from game.present.doc import Document, Items
from game.present.names import Names
from game.present.render import to_text
from game.present.turn import turn_report
from game.present.week import ROWS_HEAD, moved_rows
from game.session import Session
from game.session.review.changed import play_turn, turn_plans
from game.session.spans import join_causes

ROLES = ("coordinator", "civil-defence", "household", "envoy")
TURNS = {"full": 20, "lesson": 8}  # every turn of each game


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def cause_lines(doc: Document) -> list[str]:
    block = next(b for b in doc.blocks if getattr(b, "id", "") == "causes")
    assert isinstance(block, Items)
    return [to_text(Document("", (Items((item,)),))).strip().removeprefix("- ") for item in block.items]


def seen(a: float, b: float) -> bool:
    return abs(a - b) > 0.005 * max(1.0, abs(a), abs(b))


def did_something(s: Session, start: object, first: int, stop: int, role: str, action: str) -> bool:
    """Whether the turn without `action` ends in another state than the game's: another
    ledger or another variable, its cost's variables left out (paying is not doing),
    and the other roles' own (what paying did to them), by more than the report rounds
    away (half a percent: a few person-days of the east's food, a hundredth of a price)."""
    plans = turn_plans([e.decisions for e in s.log[first:stop]], s.roles)
    plan = plans[role]
    k = plan.actions.index(action)
    rest = RoleDecision(actions=plan.actions[:k] + plan.actions[k + 1 :], choices=plan.choices)
    without = play_turn(s.compiled, start, stop, {**plans, role: rest}, s.roles, s._policy)  # type: ignore[arg-type]
    cost = set(s.compiled.actions[role][action].cost)
    sc = {r.id: {*r.resources, *r.ledger} for r in s.scenario.roles}
    theirs = set().union(*(v for r, v in sc.items() if r != role)) - sc[role]
    vars_moved = any(seen(x, without.vars[v]) for v, x in s.state.vars.items() if v not in cost | theirs)
    ledger = s.state.history[-1]
    rows_moved = any(ledger[z] != without.history[-1][z] for z in ("east", "west"))
    return vars_moved or rows_moved


def plan_other_than_history(s: Session, role: str) -> RoleDecision:
    """A legal plan, mostly not the historical one: the random policy's actions (the
    historical ones where it takes none), and the historical answers to the dilemmas."""
    c = s.compiled
    mine = get_policy(c, "random")(c, s.state, role)
    hist = get_policy(c, "historical")(c, s.state, role)
    return RoleDecision(actions=mine.actions or hist.actions, choices=hist.choices)


@pytest.mark.parametrize("length", ["full", "lesson"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("seed", [3, 7])
def test_every_moved_row_and_every_action_that_did_something_has_a_cause_line(role: str, length: str, seed: int) -> None:
    s = Session.new(roles=[role], seed=seed, length=length, autosave=False)
    names = Names.of_session(s)
    checked = 0
    for _ in range(TURNS[length]):
        first, stop = s.span
        plan = plan_other_than_history(s, role)
        s.decide(role, list(plan.actions), dict(plan.choices))
        start = s.state
        report = s.advance()
        lines = cause_lines(turn_report(s, s.last_reports or [report], report))
        # every row that moved has a cause of its own among the lines, none left to "no single cause"
        causes = join_causes([c for r in s.last_reports or [report] for c in r.causes])
        rows = moved_rows(report.before, report.after)
        assert rows
        for zone, metric, _ in rows:
            said = {cause_text(c, names) for c in causes if c.measure == f"{metric}.{zone}"}
            assert said & set(lines), (seed, length, s.week, zone, metric, lines)
        assert not any(ln.startswith(ROWS_HEAD) for ln in lines), lines
        for action in dict.fromkeys(s.log[first].decisions[role].actions):
            if did_something(s, start, first, stop, role, action):
                quoted = f"“{names.action(role, action)}”"
                assert any(quoted in ln for ln in lines), (seed, length, s.week, action, lines)
                checked += 1
    assert checked > 0  # the plans did something


def test_the_audit_s_week_gives_the_staged_food_and_the_speaking_out_left_out() -> None:
    """Seed 7, the coordinator stages food in week 1 where the historical plan also
    speaks out: the staged food is its cause line, and the one more injured of your
    part is told by the historical decision you left out."""
    s = Session.new(roles=["coordinator"], seed=7, autosave=False)
    s.decide("coordinator", ["preposition"], {})
    report = s.advance()
    text = "\n".join(cause_lines(turn_report(s, [report], report)))
    assert "Your “Stage food at the border”, against not taking it: Food staged at the border: +1.5 million rations." in text
    assert "The historical decisions also had “Speak out” (not in your plan), against leaving it out: 1 fewer injured in the east" in text
    # a 0-1 standing's change says its scale, as the resources do ("0.40 of 1")
    assert "Standing with Russia: -0.04 of 1" in text


@pytest.mark.parametrize("seed", [2, 11])
def test_the_causes_of_the_injured_and_the_hospitals_add_up_to_their_rows(seed: int) -> None:
    """The engine's causes say all that moved the injured (the wounded of each zone) and
    the hospitals (hit, repaired, or moved by an event or a decision), week by week."""
    s = Session.new(roles=["coordinator"], seed=seed, autosave=False)
    moved = 0
    while not s.finished:
        r = s.advance()
        for zone in ("east", "west"):
            for metric in ("injured", "hospitals"):
                said = sum(c.amount for c in r.causes if c.measure == f"{metric}.{zone}")
                assert said == pytest.approx(r.change(zone, metric)), (r.week, zone, metric)
                moved += r.change(zone, metric) != 0
    assert moved > 0

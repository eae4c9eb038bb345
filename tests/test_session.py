"""The session: one game's lifecycle for every front end.

New games, planning a week (and every way a plan can be refused), advancing with
automated roles, the read-only views, the debrief, and the property that a game's
decision log replays to the game's state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.batch import measure
from game.engine.core import new_game, step
from game.engine.policies import historical
from game.model.state import RoleDecision
from game.present.plan import action_reason, cost_text, refusal
from game.scenario.registry import get
from game.session import DecisionError, Session, SessionError, replay_log

ROOT = Path(__file__).resolve().parents[1]
ALEPPO = ROOT / "scenarios" / "aleppo-2016"
ROLE = "coordinator"
VALID_ROLES = ", ".join(r.id for r in get("aleppo-2016").roles)


@pytest.fixture(autouse=True)
def corridors_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def play_until(s: Session, week: int) -> None:
    while s.week < week:
        s.advance()


def week_of(day: str) -> int:
    return (dt.date.fromisoformat(day) - dt.date(2016, 7, 3)).days // 7


# ------------------------------------------------------------------ new games


def test_new_game_defaults() -> None:
    s = Session.new(seed=3, autosave=False)
    assert s.roles == (ROLE,)
    assert s.automated == tuple(r for r in s.compiled.roles if r != ROLE)
    assert s.seed == 3
    assert s.content == "standard"
    assert s.policy == "historical"
    assert s.week == 0 and not s.finished
    assert s.n_weeks == 20
    assert s.log == ()
    assert s.state == new_game(s.compiled, 3)
    assert s.ledger() == s.state.history[0]


def test_new_game_without_a_seed_draws_one() -> None:
    s = Session.new(autosave=False)
    assert isinstance(s.seed, int) and s.seed >= 0
    assert s.state.seed == s.seed


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"roles": "pilot"}, f'unknown role "pilot" (valid: {VALID_ROLES})'),
        ({"roles": []}, f"no role chosen (valid: {VALID_ROLES})"),
        ({"policy": "win"}, 'unknown policy "win" (valid: historical, random'),
        ({"content": "loud"}, 'unknown content level "loud" (valid: standard, gentle)'),
        ({"seed": -1}, "the seed must be a whole number"),
    ],
)
def test_bad_new_game_parameters_name_what_is_valid(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(SessionError) as e:
        Session.new(autosave=False, **kwargs)  # type: ignore[arg-type]
    assert fragment in str(e.value)
    assert "\n" not in str(e.value)


def test_content_levels_change_the_words() -> None:
    full = Session.new(seed=1, autosave=False)
    gentle = Session.new(seed=1, content="gentle", autosave=False)
    sc = full.scenario
    assert full.content_note() == sc.content_note
    assert sc.content_note_gentle and gentle.content_note() == sc.content_note_gentle
    # The week the Ramouseh colleges are taken: its news has a gentle text.
    k = week_of("2016-08-06")
    play_until(full, k)
    play_until(gentle, k)
    f = {n.id: n for n in full.news()}["colleges-taken"]
    g = {n.id: n for n in gentle.news()}["colleges-taken"]
    event = next(e for e in sc.events if e.id == "colleges-taken")
    assert f.text == event.text
    assert event.text_gentle and g.text == event.text_gentle
    assert full.state == gentle.state  # words change, the world does not


# ------------------------------------------------------------------ deciding


def test_decide_toggle_and_choose() -> None:
    s = Session.new(seed=3, autosave=False)
    assert s.plan(ROLE) == RoleDecision()
    assert s.points_left(ROLE) == 2
    assert s.toggle(ROLE, "preposition") is True
    assert s.toggle(ROLE, "advocate") is True
    assert s.plan(ROLE).actions == ("preposition", "advocate")
    assert s.points_left(ROLE) == 0
    assert s.toggle(ROLE, "preposition") is False
    assert s.plan(ROLE).actions == ("advocate",)
    s.clear(ROLE)
    assert s.plan(ROLE) == RoleDecision()
    d = s.decide(ROLE, ["negotiate_access"])
    assert d.actions == ("negotiate_access",)


@pytest.mark.parametrize(
    "actions, fragment",
    [
        (["fly"], 'the Humanitarian coordinator has no action "fly" (its actions: Stage food at the border, Send a convoy,'),
        (["advocate", "advocate"], '"Speak out" can be taken once a week'),
        (["advocate", "preposition", "negotiate_access"], "needs 1 action point; 0 of 2 left"),
    ],
)
def test_illegal_plans_are_refused_in_one_line(actions: list[str], fragment: str) -> None:
    s = Session.new(seed=3, autosave=False)
    with pytest.raises(DecisionError) as e:
        s.decide(ROLE, actions)
    assert fragment in refusal(s, e.value)
    assert "\n" not in refusal(s, e.value) and "\n" not in str(e.value)
    assert s.plan(ROLE) == RoleDecision()  # a refused plan changes nothing


def test_refused_toggle_keeps_the_plan() -> None:
    s = Session.new(seed=3, autosave=False)
    s.decide(ROLE, ["advocate", "preposition"])
    with pytest.raises(DecisionError):
        s.toggle(ROLE, "negotiate_access")
    assert s.plan(ROLE).actions == ("advocate", "preposition")


def session_with_funds(money: float) -> Session:
    """A new game whose coordinator has `money` (a state made by hand, never saved)."""
    base = Session.new(seed=3, autosave=False)
    state = base.state.copy()
    state.vars["coordinator.money"] = money
    return Session(base.scenario, scenario_ref="aleppo-2016", roles=[ROLE], seed=3, state=state, autosave=False)


def test_unaffordable_action_is_explained() -> None:
    s = session_with_funds(1.5)
    info = {a.id: a for a in s.actions(ROLE)}
    assert not info["fund_clinics"].affordable
    assert action_reason(s, info["fund_clinics"]) == '"Fund underground clinics" needs Funds USD 2 million; 1.5 left after the rest of your plan'
    assert info["preposition"].affordable and action_reason(s, info["preposition"]) == ""
    with pytest.raises(DecisionError) as refused:
        s.decide(ROLE, ["fund_clinics"])
    assert re.search("needs Funds USD 2 million", refusal(s, refused.value))
    # Each alone is affordable; together they are not.
    s.decide(ROLE, ["preposition"])
    assert "0.5 left after the rest of your plan" in action_reason(s, {a.id: a for a in s.actions(ROLE)}["support_rescuers"])
    with pytest.raises(DecisionError) as refused:
        s.toggle(ROLE, "support_rescuers")
    assert re.search("Funds USD 1 million; 0.5 left", refusal(s, refused.value))
    assert s.plan(ROLE).actions == ("preposition",)


def test_option_and_actions_are_paid_from_one_purse() -> None:
    """A chosen dilemma option and the week's actions are paid from the same funds
    (the engine pays the option first), so together they must be affordable."""
    played = Session.new(seed=3, autosave=False)
    play_until(played, week_of("2016-08-14"))
    assert "corridor-trucks" in played.state.dilemmas
    state = played.state.copy()
    state.vars["coordinator.money"] = 3.0
    s = Session(played.scenario, scenario_ref="aleppo-2016", roles=[ROLE], seed=3, state=state, autosave=False)
    s.decide(ROLE, ["fund_clinics"])  # 2 of 3: fine alone
    s.decide(ROLE, [], {"corridor-trucks": "traders"})  # 2 of 3: fine alone
    plan = RoleDecision(actions=("fund_clinics",), choices={"corridor-trucks": "traders"})
    with pytest.raises(DecisionError) as refused:
        s.decide(ROLE, plan.actions, plan.choices)
    assert re.search("1 left after the rest of your plan", refusal(s, refused.value))
    state.vars["coordinator.money"] = 1.0
    with pytest.raises(DecisionError) as refused:
        s.decide(ROLE, [], {"corridor-trucks": "traders"})
    assert re.search('"Pay traders to carry food in" needs Funds USD 2 million; you have 1', refusal(s, refused.value))


def test_dilemma_choices() -> None:
    s = Session.new(seed=3, autosave=False)
    with pytest.raises(DecisionError) as refused:
        s.choose(ROLE, "corridor-trucks", "wait")
    assert re.search('no dilemma "Trucks through the corridor\\?" is put to the Humanitarian coordinator this week', refusal(s, refused.value))
    play_until(s, week_of("2016-08-14"))
    (d,) = s.dilemmas(ROLE)
    assert d.id == "corridor-trucks"
    assert d.default == "wait" and d.chosen is None
    assert [o.id for o in d.options] == ["send", "traders", "wait"]
    assert d.sources and all(src.name for src in d.sources)
    with pytest.raises(DecisionError) as refused:
        s.choose(ROLE, "corridor-trucks", "fly")
    assert re.search("has no option", refusal(s, refused.value))
    s.choose(ROLE, "corridor-trucks", "wait")
    assert s.dilemmas(ROLE)[0].chosen == "wait"
    s.choose(ROLE, "corridor-trucks", None)
    assert s.dilemmas(ROLE)[0].chosen is None
    s.choose(ROLE, "corridor-trucks", "wait")
    report = s.advance()
    assert report.choices == [(ROLE, "corridor-trucks", "wait")]
    assert s.state.choices["corridor-trucks"] == "wait"


def test_decide_after_the_end_is_refused() -> None:
    s = Session.new(seed=2, autosave=False)
    play_until(s, s.n_weeks)
    assert s.finished
    with pytest.raises(DecisionError, match="the game is over"):
        s.decide(ROLE, ["advocate"])
    with pytest.raises(SessionError, match="the game is over"):
        s.advance()


# ------------------------------------------------------------------ advancing


def test_advance_steps_logs_and_autosaves(corridors_home: Path) -> None:
    s = Session.new(seed=4)
    s.decide(ROLE, ["preposition", "advocate"])
    before = s.state
    report = s.advance()
    assert s.week == 1
    assert report.week == 0
    assert [a for (r, a, _) in report.actions if r == ROLE] == ["preposition", "advocate"]
    others = {r: historical(s.compiled, before, r) for r in s.automated}
    expected, _ = step(s.compiled, before, {ROLE: RoleDecision(actions=("preposition", "advocate")), **others})
    assert s.state == expected
    assert len(s.log) == 1 and s.log[0].week == 0
    assert s.log[0].decisions[ROLE].actions == ("preposition", "advocate")
    assert s.plan(ROLE) == RoleDecision()  # plans are for one week
    assert s.last_report is report
    assert s.autosave_error is None
    assert s.autosave_path.parent == corridors_home / "saves"
    assert s.autosave_path.is_file()
    assert Session.load(s.autosave_path).state == s.state


def two_role_scenario(tmp: Path) -> Path:
    """The Aleppo scenario with a second, very simple role, to test automated roles."""
    folder = tmp / "two-roles"
    shutil.copytree(ALEPPO, folder)
    (folder / "roles" / "observer.yaml").write_text(
        """roles:
  - id: observer
    name: "Observer"
    summary: "Watches and reports."
    budget: 1
    actions:
      - id: report
        name: "Report"
        summary: "Tell the world."
        effects:
          - add: {attention: 1}
        uncertainty: "Sure."
    strategies:
      relief-first: {summary: "Report.", priorities: [report]}
      medical-first: {summary: "Report.", priorities: [report]}
      protect-first: {summary: "Report.", priorities: [report]}
      advocacy-first: {summary: "Report.", priorities: [report]}
      quiet-diplomacy: {summary: "Report.", priorities: [report]}
    historical:
      "2016-07-03": [report]
      "2016-07-10": [report]
""",
        encoding="utf-8",
    )
    return folder


def test_automated_roles_are_played_by_the_policy(tmp_path: Path) -> None:
    path = two_role_scenario(tmp_path)
    s = Session.new(str(path), roles=[ROLE], seed=5, autosave=False)
    assert "observer" in s.automated and ROLE not in s.automated
    with pytest.raises(DecisionError, match="observer is played by the historical policy") as refused:
        s.decide("observer", ["report"])
    observer = s.role_info("observer").name
    assert refusal(s, refused.value) == f"the {observer} is played by the computer in this game (historical policy)"
    s.advance()
    s.advance()
    s.advance()
    assert [e.decisions["observer"].actions for e in s.log] == [("report",), ("report",), ()]
    # Both roles people: neither is automated, and the log holds what they decided.
    both = Session.new(str(path), roles=[ROLE, "observer"], seed=5, autosave=False)
    assert "observer" not in both.automated and ROLE not in both.automated
    both.decide("observer", ["report"])
    both.advance()
    assert both.log[0].decisions["observer"].actions == ("report",)


def test_a_game_played_by_the_session_equals_the_engine_alone() -> None:
    s = Session.new(seed=9, autosave=False)
    c = s.compiled
    e = new_game(c, 9)
    while not s.finished:
        d = historical(c, s.state, ROLE)
        s.decide(ROLE, d.actions, d.choices)
        s.advance()
        e, _ = step(c, e, {r: historical(c, e, r) for r in c.roles})
    assert s.state == e


# ------------------------------------------------------------------ views


def test_week_info_and_news_with_sources() -> None:
    s = Session.new(seed=3, autosave=False)
    w = s.week_info()
    assert (w.index, w.number, w.weeks) == (0, 1, 20)
    assert w.start == dt.date(2016, 7, 3) and w.end == dt.date(2016, 7, 9)
    assert w.phase == "siege-closes" and w.phase_name and w.phase_summary
    assert w.phase_sources
    news = s.news()
    assert [n.id for n in news] == s.state.news
    for n in news:
        assert n.title and n.text and n.sources
        assert all(src.name and src.stance for src in n.sources)


def test_contested_news_shows_every_side() -> None:
    s = Session.new(seed=3, autosave=False)
    play_until(s, week_of("2016-07-28"))
    item = {n.id: n for n in s.news()}["russian-corridors"]
    assert item.is_contested
    assert item.contested
    stances = {cl.source.stance for cl in item.claims}
    assert {"russian-mod", "monitor"} <= stances
    assert any(cl.contested for cl in item.claims)
    ids = {src.id for src in s.sources()}
    assert {"russian-mod", "sohr", "un"} <= ids


def test_actions_and_resources() -> None:
    s = Session.new(seed=3, autosave=False)
    acts = s.actions(ROLE)
    assert [a.id for a in acts] == [a.id for a in s.compiled.role_by_id[ROLE].actions]
    pre = acts[0]
    assert pre.id == "preposition" and pre.cost == {"coordinator.money": 1.0}
    assert cost_text(s, pre.cost) == "Funds USD 1 million"
    assert pre.available and pre.affordable and not pre.planned and pre.problem is None and action_reason(s, pre) == ""
    res = {r.id: r for r in s.resources(ROLE)}
    assert res["coordinator.money"].value == s.state.vars["coordinator.money"]
    assert res["coordinator.money"].label == "Funds"
    assert "coordinator.convoys" in res  # the role's own tallies come too


def test_finish_compares_with_the_record() -> None:
    s = Session.new(seed=6, content="gentle", autosave=False)
    with pytest.raises(SessionError, match="the game is not over"):
        s.finish()
    play_until(s, s.n_weeks)
    d = s.finish()
    sc = s.scenario
    assert d.final == s.state.history[-1]
    assert d.start == s.state.history[0]
    assert [r.id for r in d.record] == [m.id for m in sc.record]
    for r, m in zip(d.record, sc.record, strict=True):
        assert r.value == measure(s.compiled, s.state, m)
        assert r.band == (m.band[0], m.band[1])
        assert r.inside == (m.band[0] <= r.value <= m.band[1])
        assert r.position in ("below", "inside", "above")
        assert r.sources
    assert len(d.epilogue) == len(sc.epilogue)
    for entry, item in zip(d.epilogue, sc.epilogue, strict=True):
        assert entry.text == (item.text_gentle or item.text)
    assert set(d.choices) == set(s.state.choices)


# ------------------------------------------------------------------ replay


def test_replay_rebuilds_the_state() -> None:
    s = Session.new(seed=8, autosave=False)
    for _ in range(5):
        s.decide(ROLE, ["advocate"])
        s.advance()
    assert s.replay() == s.state
    assert replay_log(s.compiled, 8, s.log) == s.state
    # Another seed with the same decisions is another game.
    with pytest.raises(SessionError, match="does not replay"):
        Session(
            s.scenario, scenario_ref="aleppo-2016", roles=[ROLE], seed=9, state=s.state, log=s.log, autosave=False
        ).replay()


def legal_plan(s: Session, wanted: list[str]) -> None:
    """Take the wanted actions that fit, one at a time (refused ones are skipped)."""
    for aid in wanted:
        try:
            s.toggle(ROLE, aid)
        except DecisionError:
            pass


ACTION_IDS = [a.id for r in get(str(ALEPPO)).roles if r.id == ROLE for a in r.actions]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**40), data=st.data())
def test_random_legal_games_save_load_and_replay(seed: int, data: st.DataObject) -> None:
    s = Session.new(seed=seed, autosave=False)
    weeks = data.draw(st.integers(0, s.n_weeks), label="weeks")
    for _ in range(weeks):
        legal_plan(s, data.draw(st.lists(st.sampled_from(ACTION_IDS), max_size=4), label="actions"))
        for d in s.dilemmas(ROLE):
            opt = data.draw(st.sampled_from([None, *[o.id for o in d.options]]), label=d.id)
            try:
                s.choose(ROLE, d.id, opt)
            except DecisionError:
                pass
        s.advance()
    # The log replays to exactly the state, and a save gives back the same game.
    assert s.replay() == s.state
    with tempfile.TemporaryDirectory() as tmp:
        path = s.save(Path(tmp) / "game.json")
        back = Session.load(path, autosave=False)
    assert back.state == s.state
    assert back.log == s.log
    assert (back.seed, back.roles, back.content, back.policy) == (s.seed, s.roles, s.content, s.policy)
    # Same seed and same decisions: same game.
    again = replay_log(s.compiled, seed, s.log)
    assert again == s.state
    # Conservation, as the engine promises it.
    start = s.state.history[0]["total"]["present"]
    last = s.state.history[-1]["total"]
    assert start == last["present"] + last["killed"] + last["left"]


UI_CHECK = r"""
import json, sys
from game.session import Session
import game.plain, game.cli
s = Session.new(seed=1, autosave=False)
while not s.finished:
    s.advance()
s.finish()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))))
"""


def test_session_and_line_mode_import_no_ui_library(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-c", UI_CHECK],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CORRIDORS_HOME": str(tmp_path)},
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1]) == []


def test_a_week_names_every_phase_it_holds() -> None:
    """The one-day November pause is no week's main phase, but its week names it."""
    s = Session.new("aleppo-2016", seed=2)
    play_until(s, week_of("2016-11-04"))
    w = s.week_info()
    assert w.phase == "rebel-offensive"
    names = [name for name, _, _ in w.also]
    assert "The humanitarian pause" in names
    first, last = next((a, b) for name, a, b in w.also if name == "The humanitarian pause")
    assert first == last == dt.date(2016, 11, 4)

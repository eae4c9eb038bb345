"""The debrief: the ledger against the record, alternative histories, turning points,
discussion questions picked for what the player did, the epilogue, the gentle content
level, and hot-seat games. (Rendering and export: test_export.py.)"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from game.engine.compiled import compile_scenario
from game.engine.core import new_game, step
from game.engine.policies import get_policy
from game.model.lesson import FINAL_MEASURES
from game.model.state import RoleDecision
from game.plain import LineGame
from game.present.debrief import turning_point_words
from game.present.names import Names
from game.present.questions import because
from game.present.week import causes_texts
from game.scenario.registry import get
from game.session import Alternatives, Session, SessionError, review
from game.session.base import TURNING_POINT_SAMPLES
from game.session.review import Reason

ROLE = "coordinator"
SC = get("aleppo-2016")
COMPILED = compile_scenario(SC)
ROLES = list(COMPILED.roles)


@pytest.fixture(autouse=True)
def corridors_home(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


Plan = Callable[[Session], None]


def finished(seed: int = 5, plan: Plan | None = None, **kwargs: object) -> Session:
    """A finished game; `plan(session)` decides each week for the people's roles."""
    s = Session.new(seed=seed, autosave=False, **kwargs)  # type: ignore[arg-type]
    while not s.finished:
        if plan is not None:
            plan(s)
        s.advance()
    return s


def choose(dilemma: str, option: str) -> Plan:
    def plan(s: Session) -> None:
        for d in s.dilemmas(ROLE):
            if d.id == dilemma:
                s.choose(ROLE, dilemma, option)

    return plan


def every_week(*actions: str, weeks: range | None = None) -> Plan:
    def plan(s: Session) -> None:
        if weeks is not None and s.week not in weeks:
            return
        for a in actions:
            info = next(x for x in s.actions(ROLE) if x.id == a)
            if not info.planned and info.available and info.problem is None:
                s.toggle(ROLE, a)

    return plan


def both(*plans: Plan) -> Plan:
    def plan(s: Session) -> None:
        for p in plans:
            p(s)

    return plan


ACTIVE = both(
    every_week("support_rescuers", "fund_warning", weeks=range(9, 15)),
    choose("corridor-trucks", "traders"),
)


@pytest.fixture(scope="module")
def active() -> Session:
    return finished(5, ACTIVE)


@pytest.fixture(scope="module")
def alternatives(active: Session) -> tuple[Alternatives, list[tuple[int, int]]]:
    calls: list[tuple[int, int]] = []
    alt = active.alternatives(1000, progress=lambda done, total: calls.append((done, total)))
    return alt, calls


# ------------------------------------------------------------------ the debrief


def test_finish_is_refused_before_the_end() -> None:
    s = Session.new(seed=1, autosave=False)
    for method in (s.finish, s.alternatives, s.turning_points, s.questions):
        with pytest.raises(SessionError, match="the game is not over: week 1 of 20 is next"):
            method()


def test_the_ledger_names_its_sources_and_says_simulated(active: Session) -> None:
    d = active.finish()
    ids = [line.id for line in d.ledger]
    assert ids == [m.id for m in SC.record] + list(FINAL_MEASURES)
    for line, m in zip(d.ledger, SC.record, strict=False):
        assert line.simulated and line.band == (float(m.band[0]), float(m.band[1]))
        assert line.record == m.record
        assert [x.id for x in line.sources] == list(m.sources)
        assert all(x.name and x.stance for x in line.sources)
        assert line.position in ("inside", "below", "above")
    population = next(x for x in d.ledger if x.id == "east-population")
    assert [c.id for c in population.claims] == ["pop-new-arab", "pop-un-july", "pop-un-october", "pop-atlantic"]
    assert {c.source.id for c in population.claims} >= {"un-envoy", "atlantic-council"}
    assert any(c.contested for c in population.claims)
    for line in d.ledger[len(SC.record) :]:
        assert line.simulated and line.band is None and line.sources == () and line.position == ""
    end = d.final
    assert next(x for x in d.ledger if x.id == "final-east-killed").value == end["east"]["killed"]
    assert next(x for x in d.ledger if x.id == "final-west-killed").value == end["west"]["killed"]


def test_the_debrief_carries_the_epilogue_with_sources(active: Session) -> None:
    d = active.finish()
    assert [e.date for e in d.epilogue] == [e.date for e in SC.epilogue]
    assert d.epilogue[0].date.isoformat() == "2016-11-15"
    assert d.epilogue[-1].date.isoformat() == "2016-12-22"
    assert all(e.sources for e in d.epilogue)
    assert d.choices["corridor-trucks"] == "traders"
    assert d.choice_labels["corridor-trucks"] == ("Trucks through the corridor?", "Pay traders to carry food in")


# ------------------------------------------------------------------ replays


def test_same_decisions_with_the_same_seed_equal_the_game(active: Session) -> None:
    plans = active._human_plans()
    s, dropped = review.replay(COMPILED, active.seed, plans, active.roles, get_policy(COMPILED, "historical"))
    assert dropped == 0
    assert s == active.state


def test_an_unaffordable_logged_decision_is_left_out_and_counted() -> None:
    s = new_game(COMPILED, 3)
    s.vars["coordinator.money"] = 1.0
    d = RoleDecision(actions=("fund_clinics", "advocate", "support_rescuers"))
    legal, dropped = review.legalise(COMPILED, s, ROLE, d)
    # fund_clinics costs 2 (left out); advocate is free; support_rescuers costs 1.
    assert legal.actions == ("advocate", "support_rescuers")
    assert dropped == 1
    same, none = review.legalise(COMPILED, s, ROLE, RoleDecision(actions=("advocate",)))
    assert same.actions == ("advocate",) and none == 0


def test_a_logged_dilemma_choice_that_is_not_put_is_dropped() -> None:
    s = new_game(COMPILED, 3)
    assert "corridor-trucks" not in s.dilemmas
    d = RoleDecision(actions=("advocate",), choices={"corridor-trucks": "send"})
    legal, dropped = review.legalise(COMPILED, s, ROLE, d)
    assert legal.choices == {} and legal.actions == ("advocate",) and dropped == 1


def test_other_luck_counts_what_could_not_be_done() -> None:
    """A player who spends every coin each week meets weeks, under other luck, where a
    logged action cannot be paid for; those are left out and counted."""
    greedy = every_week("fund_clinics", "support_rescuers")
    s = finished(2, greedy)
    alt = s.alternatives(30)
    assert alt.runs == 30
    assert alt.dropped_runs <= alt.runs and alt.dropped_decisions >= alt.dropped_runs
    # And by hand: replaying under each of those seeds gives the same counts.
    pol = get_policy(COMPILED, "historical")
    counts = [
        review.replay(COMPILED, seed, s._human_plans(), s.roles, pol)[1]
        for seed in review.other_seeds(s.seed, 30, 2**63 - 1)
    ]
    assert sum(counts) == alt.dropped_decisions
    assert sum(1 for n in counts if n) == alt.dropped_runs


# ------------------------------------------------------------------ alternatives


def test_alternatives_cover_every_measure(active: Session, alternatives: tuple[Alternatives, list[tuple[int, int]]]) -> None:
    alt, _ = alternatives
    d = active.finish()
    assert alt.runs == 1000
    assert alt.seeds == (active.seed + 1, active.seed + 1000)
    assert [m.id for m in alt.measures] == [x.id for x in d.ledger]
    for m, line in zip(alt.measures, d.ledger, strict=True):
        assert m.value == line.value
        for dist in (m.same_decisions, m.historical):
            assert dist.runs == 1000
            assert dist.p10 <= dist.median <= dist.p90
            assert 0.0 <= dist.rank <= 100.0
            assert all(math.isfinite(x) for x in (dist.p10, dist.median, dist.p90))


def test_the_historical_median_lies_inside_the_record_bands(alternatives: tuple[Alternatives, list[tuple[int, int]]]) -> None:
    alt, _ = alternatives
    bands = {m.id: m.band for m in SC.record}
    for m in alt.measures:
        if m.id in bands:
            lo, hi = bands[m.id]
            assert lo <= m.historical.median <= hi, (m.id, m.historical)


def test_progress_is_reported_from_start_to_end(alternatives: tuple[Alternatives, list[tuple[int, int]]]) -> None:
    _, calls = alternatives
    assert calls[0] == (0, 2000) and calls[-1] == (2000, 2000)
    assert len(calls) >= 50
    done = [c[0] for c in calls]
    assert done == sorted(done)


def test_the_rank_says_where_this_game_stands() -> None:
    d = review.distribution([1.0, 2.0, 3.0, 4.0], 4.0)
    assert d.rank == 87.5
    assert review.distribution([5.0, 5.0], 1.0).rank == 0.0
    assert review.distribution([5.0, 5.0], 9.0).rank == 100.0


def test_counts_of_people_keep_whole_numbers_and_fractions_keep_theirs() -> None:
    # People: a percentile between two games is rounded, half up.
    d = review.distribution([1.0, 2.0, 3.0, 4.0], 4.0)
    assert (d.median, d.p10, d.p90) == (3.0, 1.0, 4.0)
    people = review.distribution([float(x) for x in range(1000, 2000, 7)], 0.0)
    assert all(float(x).is_integer() for x in (people.median, people.p10, people.p90))
    # Food days are fractions: interpolated as they are.
    days = review.distribution([0.5, 1.0, 2.0, 3.5], 0.0)
    assert days.median == 1.5 and days.p10 == pytest.approx(0.65)


# ------------------------------------------------------------------ turning points


def test_turning_points_name_the_players_decisions(active: Session) -> None:
    d = active.finish()
    tps = d.turning_points
    assert 3 <= len(tps) <= 5
    # the players' decisions first, week by week, then chance apart, week by week
    kinds = [t.kind == "chance" for t in tps]
    assert kinds == sorted(kinds)
    for group in (False, True):
        weeks = [t.week for t in tps if (t.kind == "chance") == group]
        assert weeks == sorted(weeks)
    decisions = [t for t in tps if t.kind in ("decision", "choice")]
    assert decisions, tps
    for t in decisions:
        assert t.role == ROLE and t.samples == TURNING_POINT_SAMPLES
        title, why = turning_point_words(t, Names.of_debrief(d))
        assert title.startswith("Humanitarian coordinator: ")
        assert why and all(w.endswith(".") for w in why)
    for t in tps:
        assert abs(t.effect_killed) >= 1.0
        assert all(math.isfinite(x) for x in (t.effect_killed, t.effect_injured, t.effect_left))
    assert sum(1 for t in tps if t.kind == "chance") <= review.MAX_CHANCE


def test_a_decision_effect_is_a_paired_replay_without_it(active: Session) -> None:
    """With one sample, a week's effect is exactly the game minus the same-seed replay
    with that week's actions left out (the same luck: every draw is keyed by what it is
    for, so leaving a decision out moves no other draw)."""
    tps = active.turning_points(samples=1)
    t = next(t for t in tps if t.kind == "decision")
    plans = active._human_plans()
    pol = get_policy(COMPILED, "historical")
    kept = plans[t.week][ROLE]
    without, _ = review.replay(
        COMPILED, active.seed, plans, active.roles, pol,
        override=(t.week, ROLE, RoleDecision(actions=(), choices=kept.choices)),
    )
    diff = active.state.history[-1]["total"]["killed"] - without.history[-1]["total"]["killed"]
    assert t.effect_killed == pytest.approx(diff)
    assert t.samples == 1


def test_a_replay_plays_the_same_game(active: Session) -> None:
    pol = get_policy(COMPILED, "historical")
    again, _ = review.replay(COMPILED, active.seed, active._human_plans(), active.roles, pol)
    assert again.history == active.state.history
    assert again.vars == active.state.vars


def test_a_game_without_decisions_still_gets_three_turning_points() -> None:
    d = finished(3).finish()
    assert len(d.turning_points) == 3
    assert {t.kind for t in d.turning_points} == {"chance"}


# ------------------------------------------------------------------ questions


@pytest.mark.parametrize("option", ["send", "traders", "wait"])
def test_a_player_who_chose_an_option_gets_its_question(option: str) -> None:
    tied = {q.id: q for q in SC.questions if any(c.chose and c.chose.option == option and c.chose.dilemma == "corridor-trucks" for c in q.when)}
    assert tied, option
    qs = finished(5, choose("corridor-trucks", option)).questions()
    ids = [q.id for q in qs]
    assert set(tied) & set(ids), ids
    others = {q.id for q in SC.questions if any(c.chose and c.chose.dilemma == "corridor-trucks" for c in q.when)} - set(tied)
    assert not others & set(ids)
    q = next(q for q in qs if q.id in tied)
    assert q.tied and "Trucks through the corridor?" in because(q.why)


def test_questions_tied_to_actions_count_them() -> None:
    often = finished(5, every_week("advocate"))
    ids = [q.id for q in often.questions()]
    assert "spoke-out-often" in ids
    assert "quiet-diplomat" not in ids
    why = next(because(q.why) for q in often.questions() if q.id == "spoke-out-often")
    assert re.search(r'"Speak out" \d+ times', why)
    never = finished(5)
    assert "no-convoy-tried" in [q.id for q in never.questions()]  # at_most: 0
    assert "spoke-out-often" not in [q.id for q in never.questions()]


@pytest.mark.parametrize("seed, plan", [(5, None), (5, ACTIVE), (9, every_week("advocate", "negotiate_access"))])
def test_three_to_five_questions_with_a_general_one(seed: int, plan: Plan | None) -> None:
    qs = finished(seed, plan).questions()
    assert 3 <= len(qs) <= 5
    assert any(not q.tied for q in qs)
    assert len({q.id for q in qs}) == len(qs)
    assert all(q.text for q in qs)


def test_question_conditions_on_measures_and_expressions(active: Session) -> None:
    from game.model.lesson import MeasureCondition, Question, QuestionCondition

    c = COMPILED
    value = review.measure_value(c, active.state, "final-east-killed")
    above = Question(id="above", text="Above?", when=[QuestionCondition(measure=MeasureCondition(id="final-east-killed", above=value - 1))])
    below = Question(id="below", text="Below?", when=[QuestionCondition(measure=MeasureCondition(id="final-east-killed", below=value - 1))])
    expr_yes = Question(id="expr-yes", text="Expr?", when=[QuestionCondition(expr=f"killed.east >= {value}")])
    expr_no = Question(id="expr-no", text="Expr?", when=[QuestionCondition(expr=f"killed.east > {value}")])
    sc = SC.model_copy(update={"questions": [above, below, expr_yes, expr_no]})
    c2 = compile_scenario(sc)
    picked = review.select_questions(c2, active.state, active._human_plans(), active.roles, text=lambda q: q.text, explain=lambda q: ())
    assert [q.id for q in picked] == ["above", "expr-yes"]


# ------------------------------------------------------------------ content level


def _numbers(text: str) -> list[str]:
    words = r"one|two|three|four|five|six|seven|eight|nine|ten"
    return sorted(re.findall(rf"\d[\d,.]*\d|\d|\b(?:{words})\b", text.lower()))


def test_gentle_texts_keep_every_figure() -> None:
    texts = [("content note", SC.content_note, SC.content_note_gentle)]
    texts += [(p.id, p.summary, p.summary_gentle) for p in SC.phases]
    texts += [(e.id, e.text, e.text_gentle) for e in SC.events]
    texts += [(d.id, d.text, d.text_gentle) for d in SC.dilemmas]
    texts += [(str(e.date), e.text, e.text_gentle) for e in SC.epilogue]
    texts += [(q.id, q.text, q.text_gentle) for q in SC.questions]
    gentle = [(name, a, b) for name, a, b in texts if b]
    assert len(gentle) >= 12
    for name, standard, soft in gentle:
        assert _numbers(standard) == _numbers(soft), name


def test_gentle_reports_reword_the_causes_but_keep_the_figures() -> None:
    standard = Session.new(seed=7, autosave=False)
    gentle = Session.new(seed=7, content="gentle", autosave=False)
    changed = 0
    while not standard.finished:
        a, b = standard.advance(), gentle.advance()
        sa, sb = causes_texts(standard, a), causes_texts(gentle, b)
        assert len(sa) == len(sb)
        for x, y in zip(sa, sb, strict=True):
            assert _numbers(x) == _numbers(y), (x, y)
            changed += x != y
            assert "kill" not in y.lower() and "died for lack" not in y
    assert changed > 10
    d = gentle.finish()
    assert d.content == "gentle"
    names = Names.of_debrief(d)
    whys = [w for t in d.turning_points for w in turning_point_words(t, names)[1]]
    assert any("attacks on the east" in w for w in whys)
    assert all("bombardment" not in w for w in whys)


def test_gentle_epilogue_and_dilemmas_use_the_gentle_text() -> None:
    d = finished(5, content="gentle").finish()
    dec13 = next(e for e in d.epilogue if e.date.isoformat() == "2016-12-13")
    assert dec13.text == next(e.text_gentle for e in SC.epilogue if e.date.isoformat() == "2016-12-13")
    assert "82" in dec13.text


# ------------------------------------------------------------------ hot-seat


@pytest.mark.parametrize("n", range(1, min(4, len(ROLES)) + 1))
def test_people_play_any_of_the_roles_and_a_policy_the_rest(n: int) -> None:
    humans = ROLES[:n]
    s = Session.new(roles=humans, seed=4, policy="random", autosave=False)
    assert s.roles == tuple(humans)
    assert s.automated == tuple(ROLES[n:])
    assert s.policy == "random"
    import io

    out = io.StringIO()
    LineGame(s, io.StringIO("end\n" * n * 2 + "quit\n"), out, alternatives=0).run()
    text = out.getvalue()
    assert s.week == 2
    if n > 1:
        for r in humans:
            assert f"Now deciding: {s.role_info(r).name}." in text
    for entry in s.log:
        assert set(entry.decisions) == set(ROLES)
        for r in ROLES[n:]:
            assert entry.decisions[r] == get_policy(COMPILED, "random")(COMPILED, replay_state(s, entry.week), r)


def replay_state(s: Session, week: int):  # type: ignore[no-untyped-def]
    st = new_game(COMPILED, s.seed)
    for entry in s.log[:week]:
        st, _ = step(COMPILED, st, dict(entry.decisions))
    return st


def test_an_unknown_policy_for_the_others_names_the_valid_ones() -> None:
    with pytest.raises(SessionError, match=r'unknown policy "win" \(valid: historical, random, '):
        Session.new(seed=1, policy="win", autosave=False)


# ------------------------------------------------------------------ balance


def test_a_full_single_player_game_takes_16_to_22_weekly_turns() -> None:
    s = Session.new(seed=11, autosave=False)
    turns = 0
    while not s.finished:
        s.advance()
        turns += 1
    assert 16 <= turns <= 22
    assert turns == s.n_weeks == len(s.log)


def test_finish_without_samples_leaves_turning_points_out(active: Session) -> None:
    quick = active.finish(samples=0)
    assert quick.turning_points == ()
    full = active.finish()
    assert replace(full, turning_points=()) == quick


@pytest.mark.parametrize(
    ("role", "dilemma", "option", "action", "expected"),
    [
        ("civil-defence", "cd-hospitals", "underground", "wait_longer", {"cd-underground", "cd-wait-longer"}),
        ("household", "family-corridor", "leave", None, {"family-left-corridor"}),
        ("envoy", "envoy-three-hours", "take-three-hours", None, {"envoy-took-three-hours"}),
    ],
)
def test_every_role_gets_questions_tied_to_what_it_did(
    role: str, dilemma: str, option: str, action: str | None, expected: set[str]
) -> None:
    s = Session.new(roles=[role], seed=21, autosave=False)
    other = Session.new(roles=["coordinator"], seed=21, autosave=False)
    put = False
    while not s.finished:
        if action is not None and s.week == 0:
            s.toggle(role, action)
        if any(d.id == dilemma for d in s.dilemmas(role)):
            put = True
            s.choose(role, dilemma, option)
        s.advance()
        other.advance()
    assert put, f"{dilemma} was never put to {role}"
    picked = {q.id for q in s.questions()}
    assert s.state.choices.get(dilemma) == option
    assert expected <= picked, (expected, picked)
    # The same seed played by the coordinator is not asked about another role's choices.
    assert not expected & {q.id for q in other.questions()}


def test_a_questions_reasons_are_worded_by_the_presentation() -> None:
    reasons = (
        Reason("chose", label="Wait", of="Trucks through the corridor?"),
        Reason("used", label="Speak out", count=1),
        Reason("reading", label="Underground clinics in the east", value=4.0),
        Reason("reading", label="The family left", value=1.0, flag=True),
        Reason("measure", label="Killed in the east", value=936.4),
        Reason("ending"),
    )
    assert because(reasons) == (
        '"Wait" in "Trucks through the corridor?"; "Speak out" 1 time; at the end,'
        " Underground clinics in the east: 4; The family left: yes (simulated);"
        " Killed in the east: 936.4 (simulated); how your game ended"
    )
    assert because(()) == ""

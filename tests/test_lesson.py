"""The lesson length: turns of the scenario's lesson calendar, each resolving the weeks it
covers; and debrief now, the debrief of a game ended before its last week."""

from __future__ import annotations

import pytest

from game.engine.rules import is_legal
from game.model.state import RoleDecision
from game.session import Session, SessionError

ROLE = "coordinator"


@pytest.fixture(scope="module")
def lesson() -> Session:
    """A lesson game played to its end: each turn plans the first two actions possible
    and answers every dilemma put (this turn's and the ones coming) with its last option."""
    s = Session.new(seed=12, roles=ROLE, length="lesson", autosave=False)
    s.plans_made = []  # type: ignore[attr-defined]
    while not s.finished:
        acts = [a.id for a in s.actions(ROLE) if a.available and a.problem is None][:2]
        answers = {d.id: d.options[-1].id for d in s.dilemmas(ROLE)}
        s.decide(ROLE, acts, answers)
        s.plans_made.append((s.span, s.plan(ROLE)))  # type: ignore[attr-defined]
        s.advance()
    return s


def test_the_lesson_calendar_is_eight_turns_over_the_twenty_weeks() -> None:
    s = Session.new(seed=1, length="lesson", autosave=False)
    assert (s.n_turns, s.turn_number, s.span) == (8, 1, (0, 2))
    spans = s.scenario.turns("lesson")
    assert [a for a, _ in spans] == [0, 2, 5, 10, 11, 15, 17, 18]
    assert spans[-1][1] == s.n_weeks == 20
    w = s.week_info()
    assert (w.turn, w.turns, w.turn_name, w.length) == (1, 8, "The last road", "lesson")
    assert w.span_end is not None and w.span_end.isoformat() == "2016-07-16"
    full = Session.new(seed=1, autosave=False)
    assert (full.n_turns, full.span, full.week_info().turns) == (20, (0, 1), 20)


def test_a_lesson_game_steps_every_week_and_replays(lesson: Session) -> None:
    assert lesson.finished and len(lesson.log) == 20
    assert [e.week for e in lesson.log] == list(range(20))
    assert lesson.replay() == lesson.state
    # The computer's roles decided every week, as in a full game.
    for entry in lesson.log:
        assert set(entry.decisions) == set(lesson.compiled.roles)


def test_a_turns_plan_is_taken_again_each_week_as_far_as_the_rules_allow(lesson: Session) -> None:
    c = lesson.compiled
    for (first, stop), plan in lesson.plans_made:  # type: ignore[attr-defined]
        assert lesson.log[first].decisions[ROLE].actions == plan.actions
        for week in range(first + 1, stop):
            taken = lesson.log[week].decisions[ROLE].actions
            # never more than the plan, in the plan's order
            assert list(taken) == [a for a in plan.actions if a in taken]
    # Somewhere a later week took the plan's actions again.
    assert any(
        lesson.log[w].decisions[ROLE].actions
        for (first, stop), _ in lesson.plans_made  # type: ignore[attr-defined]
        for w in range(first + 1, stop)
    )
    assert c.n_weeks == 20


def test_a_dilemma_coming_later_in_the_turn_is_put_at_the_turn() -> None:
    s = Session.new(seed=2, roles=ROLE, length="lesson", autosave=False)
    s.advance()
    s.advance()  # turn 3, the corridor: 7 August to 10 September
    assert s.span == (5, 10)
    cards = s.dilemmas(ROLE)
    coming = [d for d in cards if d.comes is not None]
    assert [d.id for d in coming] == ["corridor-trucks"]
    assert coming[0].comes.isoformat() == "2016-08-14"
    other = next(o.id for o in coming[0].options if o.id != coming[0].default)
    with pytest.raises(SessionError):
        s.choose(ROLE, "corridor-trucks", "no-such-option")
    s.choose(ROLE, "corridor-trucks", other)
    assert s.plan(ROLE).choices == {"corridor-trucks": other}
    s.advance()
    assert s.state.choices["corridor-trucks"] == other
    week = s.compiled.sc.week_of(coming[0].comes)
    assert s.log[week].decisions[ROLE].choices == {"corridor-trucks": other}
    assert "corridor-trucks" not in s.log[5].decisions[ROLE].choices


def test_a_lesson_turns_report_covers_its_weeks() -> None:
    s = Session.new(seed=3, roles=ROLE, length="lesson", autosave=False)
    r = s.advance()
    assert len(s.last_reports) == 2 and r.week == 0
    assert r.before == s.last_reports[0].before and r.after == s.last_reports[-1].after
    assert r.opened == s.last_reports[-1].opened


def test_the_full_game_is_a_turn_a_week() -> None:
    s = Session.new(seed=3, roles=ROLE, autosave=False)
    r = s.advance()
    assert s.week == 1 and len(s.last_reports) == 1 and r is s.last_reports[0]


def test_a_scenario_without_a_lesson_calendar_refuses_the_lesson_length() -> None:
    from pathlib import Path

    from game.scenario.loader import load_scenario

    example = load_scenario(Path(__file__).resolve().parents[1] / "docs" / "example")
    sc = example.model_copy(update={"lesson": []})
    with pytest.raises(SessionError, match="has no lesson calendar"):
        Session.new(sc, length="lesson", autosave=False)
    with pytest.raises(SessionError, match="unknown length"):
        Session.new(example, length="short", autosave=False)
    s = Session.new(example, length="lesson", autosave=False)
    assert s.n_turns == 2 and s.span == (0, 2)


def test_the_phase_summary_is_new_once_per_phase() -> None:
    s = Session.new(seed=5, autosave=False)
    seen = []
    while not s.finished:
        w = s.week_info()
        if w.phase_new:
            seen.append(w.phase)
        s.advance()
    assert len(seen) == len(set(seen)) and seen[0] == "siege-closes"


# ----------------------------------------------------------------- debrief now


def test_debrief_now_is_the_debrief_of_the_weeks_played() -> None:
    s = Session.new(seed=6, roles=ROLE, autosave=False)
    with pytest.raises(SessionError, match="no week has been played"):
        s.ended_now()
    for _ in range(4):
        s.advance()
    ended = s.ended_now()
    d = ended.finish(samples=1)
    assert d.ended_early and (d.weeks, d.of_weeks) == (4, 20)
    assert d.final == s.state.history[-1]
    assert d.record == ()  # no record mark falls in the first four weeks
    # The game itself goes on.
    assert not s.finished and s.week == 4
    s.advance()
    assert s.week == 5
    with pytest.raises(SessionError):
        ended.advance()
    assert s.ended_now().finish(samples=0).weeks == 5


def test_an_early_debrief_totals_the_weeks_played_not_the_whole_game() -> None:
    from game.present.debrief import debrief_document
    from game.present.render import to_text

    s = Session.new(seed=6, roles=ROLE, autosave=False)
    for _ in range(4):
        s.advance()
    early = to_text(debrief_document(s.ended_now().finish(samples=0), None))
    assert "whole game" not in early and "Civilians killed in the east, the weeks played" in early
    s.play_out()
    whole = to_text(debrief_document(s.finish(samples=0), None))
    assert "Civilians killed in the east, whole game" in whole and "the weeks played" not in whole


def test_debrief_now_of_a_finished_game_is_its_debrief(lesson: Session) -> None:
    assert lesson.ended_now() is lesson
    d = lesson.finish(samples=0)
    assert not d.ended_early and d.of_weeks == 0


def test_every_later_week_of_a_turn_is_legal_under_the_rules(lesson: Session) -> None:
    from game.engine.core import new_game, step

    c = lesson.compiled
    st = new_game(c, lesson.seed)
    for entry in lesson.log:
        d = entry.decisions.get(ROLE, RoleDecision())
        assert is_legal(c, st, ROLE, d)
        st, _ = step(c, st, dict(entry.decisions), check=True, explain=False)

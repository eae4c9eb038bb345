"""What your choices changed: "your part" in every week report and the debrief's
opening are exact replays on the same luck. The historical plan replayed gives no
change; a plan that differs changes what an independent second game, played through
the session with the other decisions, says it changes; and the words reach the line
mode, the full-screen game and the exports."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import screen_text

from game.engine.core import WeekReport
from game.engine.policies import get_policy
from game.model.state import RoleDecision
from game.plain.line import LineGame
from game.present.changed import change_words, changes_words, opening_line, part_line
from game.present.debrief import debrief_document
from game.present.export import render
from game.present.histories import SAID, count_words
from game.present.names import Names
from game.present.questions import because
from game.present.render import to_text
from game.present.short import short_debrief_document
from game.present.turn import turn_report
from game.session import Session
from game.session.review.alternatives import distribution
from game.session.review.changed import Change, measure_of, part_measures, play_turn, turn_plans
from game.session.review.replays import replay

ROLES = ("coordinator", "civil-defence", "household", "envoy")
# A game: a role played, a seed and a length.
GAMES = {"role": st.sampled_from(ROLES), "seed": st.integers(0, 10_000), "length": st.sampled_from(["full", "lesson"])}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def historical_plan(s: Session, role: str) -> RoleDecision:
    return get_policy(s.compiled, "historical")(s.compiled, s.state, role)


def twin(s: Session) -> Session:
    return Session.new(roles=list(s.roles), seed=s.seed, length=s.length, autosave=False)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("length", ["full", "lesson"])
def test_the_historical_plan_replayed_changes_nothing(role: str, length: str) -> None:
    s = Session.new(roles=[role], seed=5, length=length, autosave=False)
    while not s.finished:
        first, stop = s.span
        plan = historical_plan(s, role)
        s.decide(role, list(plan.actions), dict(plan.choices))
        start = s.state
        s.advance()
        part = s.your_part()
        assert part is not None and (part.first, part.stop) == (first, stop)
        if stop - first == 1:
            assert part.historical.same
        # one week played by the policy is the plan: nothing differs
        if stop - first == 1:
            assert not part.historical.moved
        # the turn replayed with the logged plan is the game itself, exactly
        plans = turn_plans([e.decisions for e in s.log[first:stop]], s.roles)
        assert play_turn(s.compiled, start, stop, plans, s.roles, s._policy) == s.state
    if length == "full":
        h, _ = s.finish(samples=0).changed
        assert h.same and not h.moved


def test_a_plan_that_differs_changes_what_a_second_game_shows() -> None:
    """Each turn, doing nothing where the historical policy acts: your part is the
    difference between this game and a second one given the historical decisions
    that turn, measure by measure, and each action's line is the difference with the
    game without it."""
    role = "coordinator"
    s = Session.new(roles=[role], seed=8, autosave=False)
    moved_any = False
    while not s.finished and s.week < 10:
        plan = historical_plan(s, role)
        mine = list(plan.actions[:1])  # the first historical action only
        s.decide(role, mine, {})
        s.advance()
        part = s.your_part()
        assert part is not None
        other = twin(s)
        play_log_to(s, other, part.first)
        other.decide(role, list(plan.actions), dict(plan.choices))
        other.advance()
        for ch in part.historical.changes:
            assert ch.yours == measure_of(s.state, ch.id, ch.kind)
            assert ch.other == measure_of(other.state, ch.id, ch.kind)
        moved_any = moved_any or bool(part.historical.moved)
        for p in part.decisions:
            without = twin(s)
            play_log_to(s, without, part.first)
            without.decide(role, [a for a in mine if a != p.ref], {})
            without.advance()
            expect = {
                mid: measure_of(s.state, mid, kind) - measure_of(without.state, mid, kind)
                for mid, kind in part_measures(s.compiled, s.roles)
                if abs(measure_of(s.state, mid, kind) - measure_of(without.state, mid, kind)) > 1e-6
            }
            assert {ch.id: ch.delta for ch in p.changes} == pytest.approx(expect)
    assert moved_any, "ten weeks with half the historical plan changed nothing: the test tests nothing"


def play_log_to(s: Session, other: Session, week: int) -> None:
    for e in s.log[:week]:
        for role in s.roles:
            d = e.decisions[role]
            other.decide(role, list(d.actions), dict(d.choices))
        other.advance()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    **GAMES,
    picks=st.lists(st.integers(0, 7), min_size=6, max_size=6),
)
def test_the_game_against_no_decisions_is_a_second_game_with_none(role: str, seed: int, length: str, picks: list[int]) -> None:
    s = Session.new(roles=[role], seed=seed, autosave=False, length=length)
    for k in picks:
        if s.finished:
            break
        offered = [a.id for a in s.actions(role) if a.available and a.affordable]
        if offered:
            s.decide(role, [offered[k % len(offered)]], {})
        s.advance()
    h, n = s.what_you_changed()
    none = twin(s)
    hist = twin(s)
    while none.week < s.week:
        none.advance()
    while hist.week < s.week:
        plan = historical_plan(hist, role)
        hist.decide(role, list(plan.actions), dict(plan.choices))
        hist.advance()
    for ch in n.changes:
        assert ch.other == measure_of(none.state, ch.id, ch.kind)
        assert ch.yours == measure_of(s.state, ch.id, ch.kind)
    if s.length == "full":  # a lesson turn repeats the first week's plan; the policy does not
        for ch in h.changes:
            assert ch.other == measure_of(hist.state, ch.id, ch.kind)


# ------------------------------------------------ a game ended early (debrief now)

def played_turns(role: str, seed: int, length: str, picks: list[int]) -> tuple[Session, list[WeekReport], list[int]]:
    """A game of `role` played for a turn per pick (an action offered, or none for a
    pick of 0), not to its end; every week's report as the game showed it, and the
    first week of each turn."""
    s = Session.new(roles=[role], seed=seed, length=length, autosave=False)
    reports: list[WeekReport] = []
    firsts: list[int] = []
    for k in picks:
        if s.span[1] >= s.n_weeks:
            break  # keep the game unfinished
        firsts.append(s.span[0])
        offered = [a.id for a in s.actions(role) if a.available and a.affordable]
        if k and offered:
            s.decide(role, [offered[k % len(offered)]], {})
        s.advance()
        reports.extend(s.last_reports)
    return s, reports, firsts


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("length", ["full", "lesson"])
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), turns=st.integers(1, 4))
def test_a_game_ended_early_with_no_decisions_changed_nothing(role: str, length: str, seed: int, turns: int) -> None:
    s, _, _ = played_turns(role, seed, length, [0] * turns)
    ended = s.ended_now()
    assert ended is not s and s.week > 0
    h, n = ended.what_you_changed()
    assert not n.moved, [(ch.id, ch.yours, ch.other) for ch in n.moved]
    # the same replays as the game itself makes of the weeks played
    assert (h, n) == s.what_you_changed()
    words = " ".join(to_text(debrief_document(ended.finish(samples=0), None)).split())
    assert "Against no decisions at all: the same on every measure." in words


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    **GAMES,
    picks=st.lists(st.integers(0, 7), min_size=1, max_size=4),
)
def test_the_replays_of_a_game_ended_early_are_the_game_itself(role: str, seed: int, length: str, picks: list[int]) -> None:
    """Debrief now: what you changed, your part in each turn and the turning points'
    replays of the game are those of the game itself, week report by week report."""
    s, reports, firsts = played_turns(role, seed, length, picks)
    ended = s.ended_now()
    assert ended.what_you_changed() == s.what_you_changed()
    for first in firsts:
        assert ended.your_part(first) == s.your_part(first)
    shown: list[WeekReport] = []
    again, _ = replay(ended.compiled, s.seed, ended._human_plans(), s.roles, s._policy, explain=True, reports=shown)
    assert again == s.state and shown == reports
    for p in ended.turning_points(samples=1):
        rep = reports[p.week]
        if p.kind == "decision":
            assert p.actions == tuple((a, tuple(o)) for r, a, o in rep.actions if r == p.role)
        elif p.kind == "chance":
            assert p.cause in rep.causes


def test_the_measures_are_the_roles_own() -> None:
    s = Session.new(roles=["coordinator"], seed=1, autosave=False)
    ids = [m for m, _ in part_measures(s.compiled, ["coordinator"])]
    assert "coordinator.convoys" in ids and "east.clinics" in ids and "east.killed" in ids
    assert "coordinator.money" not in ids  # what it spends is not what it changed
    cd = [m for m, _ in part_measures(s.compiled, ["civil-defence"])]
    assert "east.rescued" in cd and "east.rescuers_lost" in cd
    hh = [m for m, _ in part_measures(s.compiled, ["household"])]
    assert "household.health" in hh and "household.left" in hh
    envoy = [m for m, _ in part_measures(s.compiled, ["envoy"])]
    assert "envoy.pauses" in envoy


def played(role: str = "coordinator", seed: int = 4) -> Session:
    s = Session.new(roles=[role], seed=seed, autosave=False)
    while not s.finished:
        offered = [a.id for a in s.actions(role) if a.available and a.affordable]
        s.decide(role, offered[-1:], {})
        s.advance()
    return s


def test_your_part_is_in_the_line_mode_and_the_documents() -> None:
    s = Session.new(roles=["coordinator"], seed=4, autosave=False)
    out = io.StringIO()
    game = LineGame(s, io.StringIO(), out, alternatives=0)
    s.advance()  # no decisions: the historical ones would have done something
    game.report(s.last_report)
    text = " ".join(out.getvalue().split())
    part = s.your_part()
    assert part is not None
    line = part_line(part, Names.of_session(s))
    assert line in text
    assert "Your part" in to_text(turn_report(s, s.last_reports, s.last_report))


def test_the_debrief_opens_with_what_you_changed_in_every_export() -> None:
    s = played()
    d = s.finish(samples=0)
    h, n = d.changed
    assert h.moved and n.moved  # this game differs from both
    doc = debrief_document(d, None)
    heads = [getattr(b, "id", "") for b in doc.blocks]
    assert heads.index("changed") < heads.index("record")
    for fmt in ("md", "html", "txt", "json"):
        out = render(d, None, fmt)
        assert "What your choices changed" in out, fmt
        assert "Against no decisions at all" in out, fmt
    assert "What your choices changed" in to_text(short_debrief_document(d))


def test_the_full_screen_report_shows_your_part() -> None:
    from game.ui.app import CorridorsApp
    from game.ui.screens.report import ReportScreen

    s = Session.new(roles=["coordinator"], seed=4, autosave=False)
    s.advance()
    part = s.your_part()
    assert part is not None
    want = part_line(part, Names.of_session(s))

    async def run() -> str:
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            await app.push_screen(ReportScreen(s, s.last_report))
            await pilot.pause()
            return screen_text(app.screen)

    text = " ".join(asyncio.run(run()).split())
    assert " ".join(want.split()) in text



# ------------------------------------------------ plain words, no internal names

INTERNAL = re.compile(r"\b[a-z]+\.[a-z_]+\b|>=|<=|==|!=|\b[a-z]+_[a-z_]+\b")


@given(values=st.lists(st.integers(0, 30), min_size=1, max_size=60), value=st.integers(0, 30))
def test_the_counts_of_other_games_are_exact(values: list[int], value: int) -> None:
    d = distribution([float(v) for v in values], float(value))
    assert d.below == sum(v < value for v in values)
    assert d.above == sum(v > value for v in values)
    line = count_words(d, "fewer deaths in the east", "more", "other luck", "deaths in the east")
    if d.below or d.above:
        assert f"{d.below:,} had fewer deaths in the east than yours, {d.above:,} more" in line
    else:
        assert line == f"All {len(values):,} games with other luck ended with the same deaths in the east as yours."


def test_the_alternative_histories_are_said_in_plain_words() -> None:
    s = played()
    alt = s.alternatives(12)
    text = " ".join(to_text(debrief_document(s.finish(samples=0), alt)).split())
    killed = next(m for m in alt.measures if m.id == "final-east-killed")
    assert count_words(killed.same_decisions, *SAID["final-east-killed"][:2], "your decisions and other luck", "") in text


def test_no_internal_name_reaches_a_player() -> None:
    """Every question's reason, for every condition in the bank, and a whole game's
    reports and debrief, name measures by their labels, never by their ids."""
    role = "coordinator"
    s = Session.new(roles=[role], seed=2, autosave=False)
    texts = []
    while not s.finished:
        offered = [a.id for a in s.actions(role) if a.available and a.affordable]
        s.decide(role, offered[-1:], {})
        s.advance()
        texts.append(to_text(turn_report(s, s.last_reports, s.last_report)))
    for q in s.scenario.questions:
        if q.when:
            reason = because(s._question_reasons(q))
            assert not INTERNAL.search(reason), (q.id, reason)
    texts.append(to_text(debrief_document(s.finish(samples=2), s.alternatives(8))))
    for text in texts:
        found = [m.group(0) for m in INTERNAL.finditer(re.sub("=+", "", text))]
        assert not found, found[:5]


def test_the_short_debrief_says_where_a_figure_falls_outside_the_record_only() -> None:
    """The short debrief counts the figures inside the record's ranges once, and marks only
    a figure outside its range with where it falls."""
    from dataclasses import replace

    d = played().finish(samples=0)
    banded = [line for line in d.ledger if line.band is not None]
    assert len(banded) >= 2
    low = banded[0]
    assert low.band is not None
    ledger = tuple(replace(line, value=low.band[0] - 1) if line is low else line for line in d.ledger)
    text = to_text(short_debrief_document(replace(d, ledger=ledger)))
    inside = sum(1 for line in banded[1:] if line.position == "inside")
    assert f"{inside} of your game's {len(banded)} figures are inside the record's ranges." in text
    assert text.count("(yours is below it)") == 1 + sum(1 for line in banded[1:] if line.position == "below")
    assert "where: inside" not in text


@pytest.mark.parametrize(
    ("yours", "other", "said"),
    [
        (16.3, 24.0, "Rescue teams in the east: -8"),  # a tenth of a team means nothing
        (0.61, 0.4, "Rescue teams in the east: +0.21"),  # a share keeps two decimals
        (3.4, 2.1, "Rescue teams in the east: +1.3"),
    ],
)
def test_a_measure_of_ten_or_more_moves_in_whole_numbers(yours: float, other: float, said: str) -> None:
    names = Names(labels={"east.rescuers": "Rescue teams in the east"})
    assert change_words(Change("east.rescuers", "line", yours, other), names) == said


def test_a_change_of_one_is_said_in_the_singular_and_the_rest_are_measures() -> None:
    gentle = Names(gentle=True)
    assert change_words(Change("east.injured", "ledger", 11.0, 10.0), gentle) == "1 more person hurt in the east"
    assert change_words(Change("east.killed", "ledger", 10.0, 11.0), gentle) == "1 fewer life lost in the east"
    assert change_words(Change("east.left", "ledger", 12.0, 11.0), Names()) == "1 more person left the east"
    assert change_words(Change("east.left", "ledger", 13.0, 11.0), Names()) == "2 more people left the east"
    five = [Change("east.killed", "ledger", 9.0, 11.0), *(Change(f"v{i}", "line", 2.0, 1.0) for i in range(4))]
    assert changes_words(five, Names(), 3).endswith("; and 2 more measures")
    assert changes_words(five, Names(), 4).endswith("; and 1 more measure")


@pytest.mark.parametrize("length", ["lesson", "full"])
def test_a_game_without_decisions_is_said_to_be_the_one_with_none(length: str) -> None:
    """A player who decided nothing is not told "this is what your choices changed"; one
    who decided something is not told they made no decisions."""
    idle = Session.new(roles=["household"], seed=11, autosave=False, length=length)
    for _ in range(2):
        idle.advance()
    h, n = idle.ended_now().what_you_changed()
    assert n.same and not h.same
    assert opening_line(h, n, False).startswith("You made no decisions that changed anything")
    busy = Session.new(roles=["household"], seed=11, autosave=False, length=length)
    plan = historical_plan(busy, "household")
    busy.decide("household", plan.actions, plan.choices)
    busy.advance()
    h, n = busy.ended_now().what_you_changed()
    assert not n.same
    assert not opening_line(h, n, False).startswith("You made no decisions")

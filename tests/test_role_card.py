"""Who you are: the role card that opens the game (both front ends) and comes back with a
key; a household that leaves gets its own epilogue and the offer to go to the debrief,
and the week stops offering the life it has left; the end of a turn warns of an
unanswered dilemma as of unspent points. The card's texts are the scenario's, checked by
the loader."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from support import ROOT, play_lines

from game.present.card import role_card
from game.present.plan import end_turn_warning
from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioErrors
from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.messages import Play
from game.ui.screens.card import RoleCardScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.modals import ConfirmScreen, PassScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.week import WeekScreen

SIZE = (100, 30)
SECTIONS = ["What you can change", "What you cannot change", "Your resources", "What to watch"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def gone_household(seed: int = 7, *, autosave: bool = False) -> Session:
    """A household game one week after the family left by the Ramouseh corridor."""
    s = Session.new(seed=seed, roles=["household"], autosave=autosave)
    while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
        s.advance()
    s.toggle("household", "leave_ramouseh")
    s.advance()
    return s


def card_text(screen: RoleCardScreen) -> str:
    c = screen.card
    return "\n".join([c.title, c.intro, *(x for s in c.sections for x in (s.title, *s.lines))])


# ---------------------------------------------------------------------- the session


def test_every_role_has_a_card_with_all_its_parts() -> None:
    s = Session.new(seed=1, roles=["coordinator", "civil-defence", "envoy", "household"], autosave=False)
    for role in s.roles:
        card = role_card(s, role)
        info = s.role_info(role)
        assert card.title == f"Who you are: {info.name}" and info.summary in card.intro
        assert "composite" in card.intro  # a fictional composite, and it says so
        assert [x.title for x in card.sections] == SECTIONS
        resources = card.sections[2].lines
        assert resources[0] == f"{info.budget} action points a week to spend on actions."
        assert all(line for x in card.sections for line in x.lines)
        assert not card.gone and not card.offer
        assert s.leaving(role) is None


def test_a_household_that_leaves_gets_its_epilogue_and_the_offer() -> None:
    s = gone_household()
    gone = s.leaving("household")
    assert gone is not None and gone.title == "The family has left the east"
    assert any("Ramouseh" in line for line in gone.says)
    assert sum("hurt" in line for line in gone.says) == 1  # how the road was, one way or the other
    assert not any("crossing announced for a pause" in line for line in gone.says)
    card = role_card(s, "household")
    assert card.gone and card.title == gone.title and card.offer
    # the week no longer offers the life the family left: only what is still possible
    assert [a.id for a in s.actions("household")] == ["speak_out"]
    assert s.players_gone
    s.play_out()
    assert s.finished


def test_in_hot_seat_the_offer_waits_for_every_player() -> None:
    s = Session.new(seed=7, roles=["household", "coordinator"], autosave=False)
    while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
        s.advance()
    s.toggle("household", "leave_ramouseh")
    s.advance()
    assert s.leaving("household") is not None and s.leaving("coordinator") is None
    assert not s.players_gone and not role_card(s, "household").offer


def test_the_end_of_turn_warning_names_points_and_unanswered_dilemmas() -> None:
    s = Session.new(seed=7, autosave=False)
    role = s.player
    while not s.dilemmas(role):
        s.advance()
    d = s.dilemmas(role)[0]
    default = next(o.label for o in d.options if o.is_default)
    warning = end_turn_warning(s, role)
    assert "action points left" in warning and f'no answer to the dilemma "{d.title}"' in warning
    assert f'(with no answer: "{default}")' in warning and warning.endswith("End your turn anyway?")
    assert [x.id for x in s.unanswered(role)] == [d.id]
    s.choose(role, d.id, d.options[-1].id)
    assert s.unanswered(role) == [] and "dilemma" not in end_turn_warning(s, role)


# ---------------------------------------------------------------------- the loader


def scenario_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "sc"
    shutil.copytree(ROOT / "scenarios" / "aleppo-2016", folder)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('when: "household.left >= 1"\n      title:', 'when: "household.gone >= 1"\n      title:', "household.gone"),
        ('        - when: "household.road_hurt < 1"', '        - when: "household.road_hurt <"', "syntax error"),
        ("    card:\n      can:\n", "    card:\n      can: []\n      spare:\n", "at least 1 item"),
    ],
    ids=["unknown-name", "bad-expression", "empty-list"],
)
def test_the_loader_checks_the_card_and_the_leaving(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    folder = scenario_copy(tmp_path)
    f = folder / "roles" / "household.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    assert any(fragment in str(e) and "household.yaml" in str(e) for e in info.value.errors), info.value.errors


def test_the_loader_checks_the_lengths(tmp_path: Path) -> None:
    folder = scenario_copy(tmp_path)
    f = folder / "scenario.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("  full: {", "  fast: {", 1), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    assert any("unknown length 'fast'" in str(e) for e in info.value.errors), info.value.errors


# ---------------------------------------------------------------------- the Textual game


def test_the_card_opens_a_new_game_and_w_brings_it_back() -> None:
    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()  # the title has loaded its scenario
            await pilot.pause()
            app.post_message(Play(Session.new(seed=3, autosave=False)))
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RoleCardScreen)
            text = card_text(app.screen)
            assert "Who you are: Humanitarian coordinator" in text
            assert all(x in text for x in SECTIONS)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, RoleCardScreen)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert any(key == "w" and "role card" in what for key, what in app.screen.keys)

    asyncio.run(go())


def test_in_hot_seat_each_player_gets_their_card_at_their_first_turn() -> None:
    async def close_dilemmas(app: CorridorsApp, pilot) -> None:  # type: ignore[no-untyped-def]
        while isinstance(app.screen, DilemmaScreen):
            await pilot.press("1")
            await pilot.pause()

    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()  # the title has loaded its scenario
            await pilot.pause()
            app.post_message(Play(Session.new(seed=3, roles=["coordinator", "envoy"], autosave=False)))
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, RoleCardScreen)
            assert "Who you are: Humanitarian coordinator" in card_text(app.screen)
            seen = []
            for _ in range(2):  # each player: close the card, plan, end the turn
                await pilot.press("enter")
                await pilot.pause()
                await close_dilemmas(app, pilot)
                assert isinstance(app.screen, WeekScreen)
                await pilot.press("1", "e")
                await pilot.pause()
                if isinstance(app.screen, ConfirmScreen):
                    await pilot.press("y")
                    await pilot.pause()
                if isinstance(app.screen, PassScreen):  # the keyboard goes to the next player
                    await pilot.press("enter")
                    await pilot.pause()
                    await pilot.pause()
                    assert isinstance(app.screen, RoleCardScreen)
                    seen.append(card_text(app.screen))
            assert len(seen) == 1 and "Who you are: Envoy" in seen[0]
            assert isinstance(app.screen, ReportScreen)  # the second player's turn played the week
            await pilot.press("escape")
            await pilot.pause()
            await close_dilemmas(app, pilot)
            # week 2: no card opens by itself any more
            assert isinstance(app.screen, WeekScreen) and app.session is not None and app.session.week == 1

    asyncio.run(go())


def test_a_resumed_game_does_not_open_with_the_card() -> None:
    async def go() -> None:
        s = Session.new(seed=3, autosave=False)
        s.advance()
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.post_message(Play(s))
            await pilot.pause()
            await pilot.pause()
            assert not isinstance(app.screen, RoleCardScreen)

    asyncio.run(go())


def test_the_household_that_left_gets_its_epilogue_then_the_debrief() -> None:
    async def go() -> None:
        s = Session.new(seed=7, roles=["household"], autosave=False)
        while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
            s.advance()
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            n = next(i for i, a in enumerate(s.actions("household"), 1) if a.id == "leave_ramouseh")
            await pilot.press(str(n))
            await pilot.press("e")
            await pilot.pause()
            if isinstance(app.screen, ConfirmScreen):
                await pilot.press("y")
                await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RoleCardScreen)  # the family's own epilogue
            assert app.screen.card.gone and "Ramouseh" in app.screen.card.intro
            await pilot.press("escape")  # stay: the week offers only what is left
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            assert [a.id for a in s.actions("household")] == ["speak_out"]
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, RoleCardScreen) and app.screen.card.gone
            await pilot.press("f")  # to the debrief
            for _ in range(100):
                await pilot.pause(0.1)
                if isinstance(app.screen, DebriefScreen):
                    break
            assert isinstance(app.screen, DebriefScreen) and s.finished

    asyncio.run(go())


def test_ending_a_turn_with_a_dilemma_unanswered_asks_first() -> None:
    async def go() -> None:
        s = Session.new(seed=7, autosave=False)
        while not s.dilemmas(s.player):
            s.advance()
        week = s.week
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DilemmaScreen)
            await pilot.press("escape")
            await pilot.pause()
            for _ in range(s.points_left(s.player)):  # spend every point: only the dilemma is left
                await pilot.press(str(next(i for i, a in enumerate(s.actions(s.player), 1)
                                           if not a.planned and a.available and a.affordable and a.points == 1)))
            assert s.points_left(s.player) == 0
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "no answer to the dilemma" in app.screen.question and "action point" not in app.screen.question
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen) and s.week == week

    asyncio.run(go())


# ---------------------------------------------------------------------- the line mode


def test_the_line_mode_opens_with_the_card_and_role_shows_it_again() -> None:
    out = play_lines(Session.new(seed=3, autosave=False), "role\nquit\n")
    assert out.count("Who you are: Humanitarian coordinator.") == 2
    for x in SECTIONS:
        assert f"{x}:" in out


def test_the_line_mode_warns_of_an_unanswered_dilemma() -> None:
    s = Session.new(seed=7, autosave=False)
    while not s.dilemmas(s.player):
        s.advance()
    d = s.dilemmas(s.player)[0]
    out = play_lines(s, "end\nquit\n")
    assert f'no answer to the dilemma "{d.title}"' in out and "The turn ends so." in out


def test_the_line_mode_household_epilogue_and_finish() -> None:
    s = gone_household()
    out = play_lines(s, "finish\n")
    assert "The family has left the east." in out and "Ramouseh" in out
    assert "type finish" in out
    assert "The remaining weeks are played without you." in out and s.finished
    early = play_lines(Session.new(seed=3, autosave=False), "finish\nquit\n")
    assert "Not now" in early

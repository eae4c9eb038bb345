"""The Textual game played with keys through the Pilot: a whole game, dilemmas, save,
quit, continue from the autosave, hot-seat, and the debrief."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.screens.card import RoleCardScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.modals import ConfirmScreen, PassScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.title import TitleScreen
from game.ui.screens.week import WeekScreen

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


async def play_week(app: CorridorsApp, pilot, picks: str = "1") -> None:  # type: ignore[no-untyped-def]
    """One week with keys: close the role card, answer any dilemma, plan, end the week,
    leave the report."""
    for _ in range(4):
        if isinstance(app.screen, RoleCardScreen):
            await pilot.press("enter")
            await pilot.pause()
        if isinstance(app.screen, DilemmaScreen):
            await pilot.press("1")
            await pilot.pause()
    assert isinstance(app.screen, WeekScreen), type(app.screen).__name__
    for key in picks:
        await pilot.press(key)
    await pilot.press("e")
    await pilot.pause()
    while isinstance(app.screen, (ConfirmScreen, PassScreen, DilemmaScreen)):
        await pilot.press("y" if isinstance(app.screen, ConfirmScreen) else
                          "1" if isinstance(app.screen, DilemmaScreen) else "enter")
        await pilot.pause()
        if isinstance(app.screen, WeekScreen) and not isinstance(app.screen, ReportScreen):
            await pilot.press("e")
            await pilot.pause()
    assert isinstance(app.screen, ReportScreen), type(app.screen).__name__
    await pilot.press("enter")
    await pilot.pause()


def test_whole_game_with_keys_save_quit_continue_debrief(home: Path) -> None:
    async def first_sitting() -> tuple[str, int]:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            app.screen.query_one("#seed").focus()
            await pilot.press(*"42")
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.session is not None and app.session.seed == 42
            for _ in range(8):
                await play_week(app, pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            week = app.session.week
            await pilot.press("q")
            await pilot.pause()
        assert "Resume with: corridors play --load" in app.farewell
        return app.session.game_id, week

    game_id, week = asyncio.run(first_sitting())
    assert week == 8
    assert (home / "saves" / f"{game_id}.json").exists()

    async def second_sitting() -> Session:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+o")  # continue the latest autosave
            await pilot.pause()
            assert app.session is not None
            assert app.session.game_id == game_id and app.session.week == 8
            while not app.session.finished:
                await play_week(app, pilot, picks="2")
            assert isinstance(app.screen, DebriefScreen)
            await pilot.press("g")  # charts from the debrief
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            return app.session

    session = asyncio.run(second_sitting())
    assert session.finished and session.n_weeks == 20
    assert session.state.choices  # the dilemmas were answered with keys
    assert Session.load(session.autosave_path).finished


def test_actions_toggle_and_confirm_when_points_are_left() -> None:
    async def go() -> None:
        session = Session.new(seed=5)
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            role = session.roles[0]
            first = session.actions(role)[0].id
            await pilot.press("1")
            assert first in session.plan(role).actions
            await pilot.press("1")
            assert first not in session.plan(role).actions
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen) and session.week == 0
            # the mouse works: click the first action
            await pilot.click("#actions", offset=(5, 1))
            await pilot.pause()
            assert first in session.plan(role).actions

    asyncio.run(go())


def two_role_session() -> Session:
    """The scenario with a second role (a copy of the first), for hot-seat play."""
    from game.scenario import registry

    sc = registry.get(registry.DEFAULT_SCENARIO)
    first = sc.roles[0]
    second = first.model_copy(update={"id": "second", "name": "Second player"})
    both = sc.model_copy(update={"roles": [first, second]})
    return Session.new(both, roles=[first.id, "second"], seed=5, autosave=False)


def test_hot_seat_passes_to_the_next_role() -> None:
    from textual.widgets import Static

    async def go() -> None:
        session = two_role_session()
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for player, expected in ((1, "Turn of player 1 of 2"), (2, "Turn of player 2 of 2: Second player")):
                if player == 2:
                    assert isinstance(app.screen, PassScreen) and session.week == 0
                    await pilot.press("enter")
                    await pilot.pause()
                while isinstance(app.screen, DilemmaScreen):
                    await pilot.press("1")
                    await pilot.pause()
                assert expected in str(app.screen.query_one("#week-line", Static).render())
                await pilot.press("1", "e")
                await pilot.pause()
                if isinstance(app.screen, ConfirmScreen):
                    await pilot.press("y")
                    await pilot.pause()
            assert isinstance(app.screen, ReportScreen) and session.week == 1
            assert {role for role, _, _ in session.last_report.actions} >= {"second"}  # type: ignore[union-attr]

    asyncio.run(go())


def test_scenario_markup_is_shown_literally() -> None:
    from textual.widgets import Static

    from game.ui.text import plain

    async def go() -> None:
        app = CorridorsApp(Session.new(seed=1), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            static = app.screen.query_one("#week-line", Static)
            static.update(plain("[b]not bold[/b] [link=x]y[/link]"))
            await pilot.pause()
            assert "[b]not bold[/b]" in str(static.render())

    asyncio.run(go())


def test_help_palette_and_themes() -> None:
    async def go() -> None:
        app = CorridorsApp(Session.new(seed=1), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            themes = []
            for _ in range(3):
                await pilot.press("t")
                themes.append(app.theme)
            assert set(themes) == {"textual-dark", "textual-light", "corridors-high-contrast"}
            for key, name in (("s", "SourcesScreen"), ("a", "AssumptionsScreen"), ("g", "ChartsScreen")):
                await pilot.press(key)
                await pilot.pause()
                assert type(app.screen).__name__ == name
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"End week")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, (ConfirmScreen, ReportScreen))

    asyncio.run(go())


def test_debrief_now_ends_the_game_at_any_turn(home: Path) -> None:
    async def go() -> Session:
        session = Session.new(seed=8, length="lesson")
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("b")  # nothing played yet: nothing to debrief
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            await play_week(app, pilot)
            await play_week(app, pilot)
            assert session.week == 5 and session.turn_number == 3
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("b")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")  # go back
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            await pilot.press("b")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
            assert "ended early" in shown.lower()
            await pilot.press("ctrl+s")  # saving saves the game itself, unfinished
            await pilot.pause()
        return session

    session = asyncio.run(go())
    back = Session.load(session.autosave_path, autosave=False)
    assert not back.finished and back.week == 5 and back.length == "lesson"

"""The title screen: readable in its first frame (the scenario's glance, before the
scenario loads), each role in a line with the scenario's default ticked, ticked and
unticked roles told apart by a symbol, the lengths and their time, Enter to start, and
Continue opening this player's latest game with its last report."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Static

import game.session
from game.model.scenario import Scenario
from game.present import notices
from game.present import title as title_words
from game.present.saves import save_text
from game.scenario import registry
from game.session import Session, list_saves
from game.session.glance import scenario_glance
from game.ui.app import CorridorsApp
from game.ui.screens.load import LoadScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.title import TitleScreen
from game.ui.screens.week import WeekScreen
from game.ui.widgets.roles import RoleList

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scenario cache of its own, with the default scenario loaded once (so that its
    glance is there, as after the game's first start)."""
    monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CORRIDORS_PURE", raising=False)
    registry._load_cached.cache_clear()
    registry.get()
    yield tmp_path / "cache"
    registry._load_cached.cache_clear()


async def _title(app: CorridorsApp, pilot) -> TitleScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TitleScreen)
    return screen


async def loaded(app: CorridorsApp, pilot) -> TitleScreen:  # type: ignore[no-untyped-def]
    """The title once its scenario has loaded (in the background)."""
    screen = await _title(app, pilot)
    for _ in range(100):
        if screen.scenario is not None:
            break
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    assert screen.scenario is not None
    return screen


def text(app: CorridorsApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def test_the_glance_is_the_scenarios_own(cache: Path) -> None:
    g = scenario_glance(registry.DEFAULT_SCENARIO)
    sc = registry.get()
    assert g is not None and g == scenario_glance(sc)
    assert g.title == sc.title and g.content_note == sc.content_note
    assert g.default_role == "coordinator" == sc.default_role
    assert [r.id for r in g.roles] == [r.id for r in sc.roles]
    assert all(r.line and len(r.line) < 120 for r in g.roles)
    lesson, full = g.lengths
    assert (full.id, full.turns, full.minutes) == ("full", 20, 90)
    assert (lesson.id, lesson.turns, lesson.minutes) == ("lesson", len(sc.lesson), 45)


def test_no_glance_without_a_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_PURE", "1")
    assert scenario_glance(registry.DEFAULT_SCENARIO) is None


def test_the_title_is_readable_before_the_scenario_loads(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The scenario's load is held until the first frame has been checked, so that the
    # check never races a fast load (the title loads it in a thread of its own).
    gate = threading.Event()
    real = game.session.open_scenario

    def held(ref: str) -> Scenario:
        assert gate.wait(60), "the test never let the scenario load"
        return real(ref)

    monkeypatch.setattr(game.session, "open_scenario", held)

    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _title(app, pilot)
            assert screen.scenario is None  # not loaded yet: the glance is on screen
            assert screen.query_one("#title-body").scroll_y == 0  # the note is in view
            assert app.focused is screen.query_one("#new")
            assert "This game is about a real siege" in text(app, "#note")
            assert "Corridors: eastern Aleppo" in text(app, "#title-name")
            assert "Full game: 20 weekly turns, about 90 minutes" in text(app, "#lengths")
            assert "Lesson game: 8 turns, about 45 minutes" in text(app, "#lengths")
            gate.set()
            await loaded(app, pilot)
            assert screen.scenario is not None and screen.scenario.id == "aleppo-2016"

    asyncio.run(go())


def test_roles_in_a_line_the_default_ticked_and_told_apart_by_a_symbol() -> None:
    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(app, pilot)
            roles = app.screen.query_one("#roles", RoleList)
            assert roles.selected == ["coordinator"]  # the scenario's default, not the first
            prompts = [str(roles.get_option_at_index(k).prompt) for k in range(roles.option_count)]
            ticked = [p for p in prompts if p.startswith("[x] ")]
            unticked = [p for p in prompts if p.startswith("[ ] ")]
            assert len(ticked) == 1 and "Humanitarian coordinator" in ticked[0]
            assert len(unticked) == 3
            assert all("\n" in p and len(p.split("\n")[1].strip()) > 20 for p in prompts)  # its line
            roles.focus()
            roles.highlighted = 3  # the household
            await pilot.press("space")
            assert roles.selected == ["coordinator", "household"]
            assert str(roles.get_option_at_index(3).prompt).startswith("[x] Household")
            await pilot.press("space")
            assert roles.selected == ["coordinator"]

    asyncio.run(go())


def test_the_lesson_length_is_chosen_on_the_title(cache: Path) -> None:
    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(app, pilot)
            app.screen.query_one("#length-lesson").value = True
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert app.session is not None and app.session.length == "lesson"

    asyncio.run(go())


@pytest.mark.parametrize("where", ["button", "roles", "seed"])
def test_enter_starts_a_new_game(where: str) -> None:
    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(app, pilot)  # (a key in the title's first frames races Textual's header)
            if where == "roles":
                app.screen.query_one("#roles", RoleList).focus()
            elif where == "seed":
                await pilot.click("#seed")
                await pilot.press(*"12")
            await pilot.press("enter")
            for _ in range(20):
                if app.session is not None:
                    break
                await pilot.pause(0.1)
            assert app.session is not None and list(app.session.roles) == ["coordinator"]
            if where == "seed":
                assert app.session.seed == 12
            assert isinstance(app.screen, WeekScreen) or isinstance(app.screen_stack[1], WeekScreen)

    asyncio.run(go())


def _saved(home: Path, name: str, weeks: int) -> Session:
    s = Session.new(seed=3 + weeks, save_dir=home / "saves", player_name=name)
    for _ in range(weeks):
        s.advance()
    s.save()
    return s


def test_continue_opens_this_players_latest_game_with_its_last_report(home: Path) -> None:
    ana = _saved(home, "Ana", 2)
    ben = _saved(home, "Ben", 3)  # the latest save, but another player's

    async def go(player: str) -> Session:
        app = CorridorsApp(blink=False, player_name=player)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(app, pilot)
            assert app.screen.query_one("#name", Input).value == player  # the name given, shown
            await pilot.press("ctrl+o")
            await pilot.pause()
            await pilot.pause()  # the week screen's header has mounted its title (a slow machine)
            assert app.session is not None
            assert app.session.last_report is not None  # the last turn's report is there
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            return app.session

    mine = asyncio.run(go("ana "))
    assert mine.game_id == ana.game_id and mine.week == 2 and mine.player_name == "Ana"
    assert mine.last_report == ana.last_report
    assert asyncio.run(go("Ben")).game_id == ben.game_id


async def _typed_and_continued(name: str) -> tuple[Session | None, list[str]]:
    """The title with `name` typed into its name field, then Continue: the game it
    opened (None if none) and the notices it showed."""
    app = CorridorsApp(blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(app, pilot)
        await pilot.click("#name")
        await pilot.press(*name)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.pause()
        return app.session, [n.message for n in app._notifications]


def test_continue_opens_the_game_of_the_name_typed_on_the_title(home: Path) -> None:
    nameless = _saved(home, "", 1)
    cara = _saved(home, "Cara", 2)
    _saved(home, "Ben", 3)  # the latest save
    session, _ = asyncio.run(_typed_and_continued("cara"))
    assert session is not None and session.game_id == cara.game_id
    # No name: the latest game saved without one, never another student's.
    session, _ = asyncio.run(_typed_and_continued(""))
    assert session is not None and session.game_id == nameless.game_id
    session, shown = asyncio.run(_typed_and_continued("Dana"))
    assert session is None and shown == [notices.no_game_of("Dana")]


def test_the_line_under_the_buttons_says_what_continue_opens_for_the_name_typed(home: Path) -> None:
    nameless = _saved(home, "", 1).autosave_path.name
    cara = _saved(home, "Cara", 2).autosave_path.name
    _saved(home, "Ben", 3)  # the latest save, another student's

    async def go() -> list[str]:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(app, pilot)

            def line() -> str:
                return str(app.screen.query_one("#latest", Static).render())

            seen = [line()]
            await pilot.click("#name")
            await pilot.press(*"cara")
            await pilot.pause()
            seen.append(line())
            await pilot.press("x")
            await pilot.pause()
            seen.append(line())
            return seen

    nobody, typed, unknown = asyncio.run(go())
    assert nobody == title_words.continue_line(nameless, "")
    assert typed == title_words.continue_line(cara, "cara") and cara != nameless
    assert unknown == notices.no_game_of("carax")


def test_with_only_named_saves_continue_without_a_name_opens_none(home: Path) -> None:
    _saved(home, "Ben", 3)
    session, shown = asyncio.run(_typed_and_continued(""))
    assert session is None and shown == [notices.no_game_of("")]


def test_a_new_game_keeps_the_name_typed_on_the_title(home: Path) -> None:
    async def go() -> Session | None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(app, pilot)
            await pilot.click("#name")
            await pilot.press(*" Ana  Lee")
            await pilot.press("ctrl+n")
            await pilot.pause()
            return app.session

    session = asyncio.run(go())
    assert session is not None and session.player_name == "Ana Lee"
    session.save()
    assert [i.player for i in list_saves(home / "saves")] == ["Ana Lee"]


def test_the_load_list_says_role_turn_date_and_whether_finished(home: Path) -> None:
    _saved(home, "Ana", 2)
    done = Session.new(seed=2, save_dir=home / "saves", roles=["household"])
    while not done.finished:
        done.advance()
    lines = {i.player or "-": save_text(i) for i in list_saves(home / "saves")}
    assert lines["Ana"].startswith("Humanitarian coordinator · turn 3 of 20 next, the week of 17 July 2016")
    assert lines["-"].startswith("Household · finished (20 turns, the week of 13 November 2016)")

    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await _title(app, pilot)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            shown = [str(o.prompt) for o in app.screen.query_one("#saves").options]
            assert sorted(shown) == sorted(lines.values())

    asyncio.run(go())

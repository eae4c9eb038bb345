"""Keys, help and the command palette come from the bindings: the README's key table is
the week screen's and the app's bindings, the help screen lists them, the palette offers
the game's commands only (none of Textual's own Quit, Theme, Keys, Maximize or
Screenshot), and ctrl+q saves before leaving, as q does."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.commands import GameCommands
from game.ui.keys import key_rows
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.week import WeekScreen

ROOT = Path(__file__).resolve().parents[1]
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def readme_keys() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("| key | what it does |")
    table = text[start : text.index("\n\n", start)].splitlines()[2:]
    rows = [re.fullmatch(r"\| `([^`]+)` \| (.+) \|", line) for line in table]
    assert all(rows), table
    return [(m.group(1), m.group(2)) for m in rows if m]


def test_the_readme_key_table_is_the_bindings() -> None:
    assert readme_keys() == key_rows(WeekScreen.BINDINGS) + key_rows(CorridorsApp.BINDINGS)


async def week_app(app: CorridorsApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    while isinstance(app.screen, DilemmaScreen):
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, WeekScreen)


def test_help_and_palette_come_from_the_bindings() -> None:
    async def go() -> None:
        app = CorridorsApp(Session.new(seed=1, autosave=False), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await week_app(app, pilot)
            assert list(app.get_system_commands(app.screen)) == []
            provider = GameCommands(app.screen)
            names = [name for name, _, _ in provider.commands()]
            for gone in ("Keys", "Maximize", "Screenshot", "Change theme", "Bell"):
                assert gone not in names
            week = [b.description for b in WeekScreen.BINDINGS if getattr(b, "tooltip", "") and b.id != "pick"]  # type: ignore[union-attr]
            assert names[: len(week)] == week
            helps = {name: help_text for name, help_text, _ in provider.commands()}
            assert helps["End week"].endswith("(e)") and "shared game" in helps["End week"]
            assert "Quit" in names and "Save" in names
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.screen.keys == key_rows(WeekScreen.BINDINGS) + key_rows(CorridorsApp.BINDINGS)

    asyncio.run(go())


def test_a_palette_command_runs_its_binding() -> None:
    async def go() -> None:
        app = CorridorsApp(Session.new(seed=1, autosave=False), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await week_app(app, pilot)
            commands = {name: cb for name, _, cb in GameCommands(app.screen).commands()}
            await commands["News"]()
            await pilot.pause()
            assert app.screen.query_one("#left").active == "news"  # type: ignore[attr-defined]

    asyncio.run(go())


def test_ctrl_q_saves_as_q_does(home: Path) -> None:
    session = Session.new(seed=1)

    async def go() -> None:
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await week_app(app, pilot)
            await pilot.press("1")
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.farewell.startswith("The game is saved to")

    asyncio.run(go())
    again = Session.load(session.autosave_path)
    assert again.plan(again.player).actions == session.plan(session.player).actions != ()

"""The week screen at 80x24: every resource and every action of every role can be
brought into view with the keyboard (tab to the part, then the arrows), and the header
keeps the phase (Pilot)."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import OptionList

from game.present.words import resource_text
from game.session import Session
from game.ui.app import CorridorsApp


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def screen_text(app: CorridorsApp) -> str:
    """What the terminal shows now, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def shown(app: CorridorsApp, widget: Widget, text: str) -> bool:
    """Whether all of `text` is on screen inside `widget` (wrapped lines joined)."""
    r = widget.scrollable_content_region
    rows = screen_text(app).splitlines()[r.y : r.bottom]
    inside = "".join(row[r.x : r.right] for row in rows)
    return "".join(text.split()) in "".join(inside.split())


async def at_the_week(app: CorridorsApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """The week screen, with the dilemmas that opened by themselves closed."""
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.week import WeekScreen

    await pilot.pause()
    while isinstance(app.screen, DilemmaScreen):
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, WeekScreen)


@pytest.mark.parametrize("role", ["coordinator", "civil-defence", "household", "envoy"])
def test_everything_can_be_reached_at_80x24(role: str) -> None:
    asyncio.run(reach_everything(role))


async def reach_everything(role: str) -> None:
    s = Session.new(seed=7, roles=role, autosave=False)
    s.advance()
    app = CorridorsApp(s, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_week(app, pilot)
        phase = s.week_info().phase_name
        assert phase in screen_text(app).splitlines()[0]  # the header keeps the phase
        # every action: down through the list, each comes into view in its turn
        ol = app.screen.query_one("#actions", OptionList)
        ol.focus()
        for i, a in enumerate(s.actions(role)):
            if i:
                await pilot.press("down")
                await pilot.pause()
            assert ol.highlighted == i
            assert shown(app, ol, a.name), a.name
        # every resource: the part takes the focus, the arrows scroll it
        scroll = app.screen.query_one("#resources-scroll", VerticalScroll)
        scroll.focus()
        await pilot.pause()
        for r in s.resources(role):
            text = resource_text(r.label, r.value, r.unit, r.high)
            for _ in range(40):
                if shown(app, scroll, text):
                    break
                await pilot.press("down")
                await pilot.pause()
            assert shown(app, scroll, text), text


def lesson_at(turn: int) -> Session:
    """A lesson game at the start of its turn `turn` (1-based)."""
    s = Session.new(seed=7, length="lesson", autosave=False)
    while s.turn_number < turn:
        s.advance()
    return s


def test_every_header_keeps_the_phase_at_80_columns() -> None:
    """The header's sub-title has 50 columns at 80 (the rest is Textual's frame and the
    game's name): every turn of both lengths names its phase there, whole."""
    from game.present.situation import header_line, situation

    for length in ("lesson", "full"):
        s = Session.new(seed=7, length=length, autosave=False)
        while not s.finished:
            sit = situation(s, s.roles[0])
            line = header_line(sit, 50)
            assert len(line) <= 50 and line.endswith(" · " + sit.week.phase_name), line
            assert line.startswith(f"Turn {sit.week.turn} of" if length == "lesson" else f"Week {sit.week.number} of")
            wide = header_line(sit, 200)
            assert wide == f"{sit.title} · {sit.dates} · {sit.week.phase_name}"  # all of it, given the room
            s.advance()


@pytest.mark.parametrize(("length", "turn"), [("lesson", 7), ("lesson", 5), ("full", 12)])
def test_the_week_screen_at_80x24_keeps_the_phase_and_names_the_end_key(length: str, turn: int) -> None:
    async def go() -> None:
        if length == "lesson":
            s = lesson_at(turn)
        else:
            s = Session.new(seed=7, autosave=False)
            while s.week_info().number < turn:
                s.advance()
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await at_the_week(app, pilot)
            rows = screen_text(app).splitlines()
            w = s.week_info()
            assert w.phase_name in rows[0]  # the header keeps the phase
            assert ("Turn " if length == "lesson" else "Week ") + f"{turn} of" in rows[0]
            keys = "\n".join(rows[-3:])
            assert ("e End turn" in keys) == (length == "lesson")
            assert ("e End week" in keys) == (length == "full")
            commands = [name for name, _, _ in app.screen.palette_commands()]
            assert ("End turn" if length == "lesson" else "End week") in commands

    asyncio.run(go())

"""Notifications never cover the week report's change table: at 80x24, 120x40 and 160x48,
in the full game and a lesson, with the table where the report opens and scrolled into
view, no toast's region overlaps the visible part of the table."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets._toast import Toast

from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.report import ReportScreen

SIZES = [(80, 24), (120, 40), (160, 48)]
NOTICES = [
    ("The game could not be saved: a message long enough to take two lines at 80 columns, or three.", "error"),
    ("The game is saved.", "information"),
    ("A warning of middling length, to see it stack under the others.", "warning"),
]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def visible(w: Widget, view: Region) -> Region:
    """The part of a widget's region inside the scrolling body's viewport."""
    return w.region.intersection(view)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("length", ["full", "lesson"])
def test_notifications_never_cover_the_change_table(length: str, size: tuple[int, int]) -> None:
    async def go() -> None:
        s = Session.new(seed=7, length=length, autosave=False)
        for _ in range(2):
            s.advance()
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=size, notifications=True) as pilot:
            for _ in range(3):
                await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("r")  # the last turn's report
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReportScreen)
            for message, severity in NOTICES:
                app.notify(message, severity=severity, timeout=60)  # type: ignore[arg-type]
            for _ in range(3):
                await pilot.pause()
            toasts = [t.region for t in screen.query(Toast)]
            assert len(toasts) == len(NOTICES) and all(toasts)
            body = screen.query_one("#reading")
            table = [w for w in screen.query(Widget) if (w.id or "").startswith("doc-changes")]
            assert table, "the report has its change table"
            for scrolled in (False, True):
                if scrolled:
                    body.scroll_to_widget(table[0], animate=False, top=True)
                    await pilot.pause()
                    assert any(visible(w, body.region) for w in table)  # on screen now
                for w in table:
                    seen = visible(w, body.region)
                    for t in toasts:
                        assert not t.overlaps(seen), f"a toast at {t} covers the table's {w.id} at {seen}"

    asyncio.run(go())

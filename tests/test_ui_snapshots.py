"""Snapshots of every screen at 80×24 and 120×40 (the week also at 160×48), with a fixed seed, no clock, no cursor
blink and saves in a temporary CORRIDORS_HOME. Update with `pytest --snapshot-update`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from game.session import Session
from game.ui.app import CorridorsApp

SIZES = [(80, 24), (120, 40)]
SEED = 7


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    monkeypatch.delenv("CORRIDORS_THEME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def played(weeks: int) -> Session:
    s = Session.new(seed=SEED, autosave=False)
    for _ in range(weeks):
        s.advance()
    return s


def lesson(turns: int) -> Session:
    s = Session.new(seed=SEED, length="lesson", autosave=False)
    for _ in range(turns):
        s.advance()
    return s


def at_dilemma() -> Session:
    s = Session.new(seed=SEED, autosave=False)
    while not s.dilemmas(s.roles[0]):
        s.advance()
    return s


def household_gone() -> Session:
    """A household that has left the east by the Ramouseh corridor."""
    s = Session.new(seed=SEED, roles=["household"], autosave=False)
    while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
        s.advance()
    s.toggle("household", "leave_ramouseh")
    s.advance()
    return s


def keys(*pressed: str) -> Callable[[Any], Awaitable[None]]:
    async def run_before(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def dismiss_dilemmas(*then: str) -> Callable[[Any], Awaitable[None]]:
    async def run_before(pilot: Any) -> None:
        from game.ui.screens.dilemma import DilemmaScreen

        await pilot.pause()
        while isinstance(pilot.app.screen, DilemmaScreen):
            await pilot.press("escape")
            await pilot.pause()
        for key in then:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


SCREENS: dict[str, tuple[Callable[[], Session | None], Callable[[Any], Awaitable[None]]]] = {
    "title": (lambda: None, keys()),
    "week": (lambda: played(3), dismiss_dilemmas()),
    "week_news": (lambda: played(3), dismiss_dilemmas("n")),
    "dilemma": (at_dilemma, keys()),
    "report": (lambda: played(3), dismiss_dilemmas("1", "e", "y")),
    "charts": (lambda: played(12), dismiss_dilemmas("g")),
    "sources": (lambda: played(1), dismiss_dilemmas("s")),
    "assumptions": (lambda: played(1), dismiss_dilemmas("a")),
    "help": (lambda: played(1), dismiss_dilemmas("question_mark")),
    "debrief": (lambda: played(20), keys()),
    # The lesson length: turn 3 (the corridor, five weeks) with a dilemma coming later in
    # the turn, its news, the card, and a turn's report; debrief now and its debrief.
    "lesson_week": (lambda: lesson(2), dismiss_dilemmas()),
    "lesson_news": (lambda: lesson(2), dismiss_dilemmas("n")),
    "lesson_dilemma": (lambda: lesson(2), keys()),
    "lesson_report": (lambda: lesson(2), dismiss_dilemmas("1", "e", "y")),
    "debrief_now": (lambda: played(3), dismiss_dilemmas("b")),
    "debrief_early": (lambda: played(3), dismiss_dilemmas("b", "y")),
    "card": (lambda: played(0), dismiss_dilemmas("w")),
    "farewell": (household_gone, keys()),
    "unanswered": (at_dilemma, dismiss_dilemmas("e")),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], snap_compare: Any) -> None:
    make, run_before = SCREENS[screen]
    app = CorridorsApp(make(), blink=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("screen", ["week"])
def test_wide_screen(screen: str, snap_compare: Any) -> None:
    """The week at 160x48: the resources whole, the action list and its detail beside them."""
    make, run_before = SCREENS[screen]
    app = CorridorsApp(make(), blink=False)
    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)

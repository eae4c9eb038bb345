"""Dialogs are the size of their content, with the week visible behind, at 80x24, 120x40
and 160x48: a dialog is inside the screen and smaller than it, its screen's background
lets the week show through, a short question takes only the rows it needs, a part that
scrolls does so only once the dialog has reached its largest size, and the buttons and
options are always inside the dialog."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, OptionList

from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.screens.card import RoleCardScreen
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.modals import ConfirmScreen, PassScreen

SIZES = [(80, 24), (120, 40), (160, 48)]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def played(weeks: int, roles: list[str] | None = None) -> Session:
    s = Session.new(seed=7, roles=roles, autosave=False)
    for _ in range(weeks):
        s.advance()
    return s


def at_dilemma() -> Session:
    s = Session.new(seed=7, autosave=False)
    while not s.dilemmas(s.player):
        s.advance()
    return s


def household_gone() -> Session:
    s = Session.new(seed=7, roles=["household"], autosave=False)
    while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
        s.advance()
    s.toggle("household", "leave_ramouseh")
    s.advance()
    return s


# name: (the game, the keys that open the dialog once its dilemmas are closed, its screen)
DIALOGS: dict[str, tuple[Callable[[], Session], tuple[str, ...], type[ModalScreen[object]]]] = {
    "confirm": (lambda: played(3), ("b",), ConfirmScreen),
    "unanswered": (at_dilemma, ("escape", "e"), ConfirmScreen),
    "pass": (lambda: played(1, ["coordinator", "envoy"]), ("e", "y"), PassScreen),
    "help": (lambda: played(1), ("question_mark",), HelpScreen),
    "dilemma": (at_dilemma, (), DilemmaScreen),
    "card": (lambda: played(0), ("w",), RoleCardScreen),
    "farewell": (household_gone, (), RoleCardScreen),
}
SHORT = {"confirm", "unanswered", "pass"}  # a question and its buttons


def dialog_of(screen: ModalScreen[object]) -> Widget:
    return screen.query_one(".modal")


def inside(inner: Region, outer: Region) -> bool:
    return outer.contains_region(inner)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(DIALOGS))
def test_the_dialog_fits_its_content_with_the_week_behind(name: str, size: tuple[int, int]) -> None:
    make, keys, kind = DIALOGS[name]

    async def go() -> None:
        app = CorridorsApp(make(), blink=False)
        async with app.run_test(size=size) as pilot:
            for _ in range(3):
                await pilot.pause()
            if name != "dilemma":
                while isinstance(app.screen, DilemmaScreen):
                    await pilot.press("escape")
                    await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, kind), f"{name}: {screen!r}"
            width, height = size
            box = dialog_of(screen).region
            # inside the screen and smaller than it: the week shows around it...
            assert inside(box, Region(0, 0, width, height))
            assert box.width < width and box.height < height
            assert box.width <= 100  # a reading width, however wide the terminal
            # ...and through the screen's background
            assert screen.styles.background.a < 1
            # a short question takes the rows it needs: the text, the buttons, the border
            if name in SHORT:
                assert box.height <= 10
            # the buttons and options are inside the dialog, whole
            for w in [*screen.query(Button), *screen.query(OptionList)]:
                assert inside(w.region, box), f"{name}: {w!r} at {w.region} outside {box}"
            # a part that scrolls does so only once the dialog is as tall as it may be
            # (90% of the screen)
            for part in [*screen.query(ScrollableContainer), *screen.query(OptionList)]:
                if part.max_scroll_y > 0 and name != "dilemma":
                    assert box.height >= int(0.9 * height) - 1, f"{name}: {part!r} scrolls in a {box.height}-row dialog"
            if name == "dilemma":  # its options scroll only when the screen is short
                options = screen.query_one("#options", OptionList)
                assert options.max_scroll_y == 0 or height < 32

    asyncio.run(go())

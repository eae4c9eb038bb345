"""Small modal screens: yes/no confirmations and passing the keyboard in hot-seat play."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Static

from game.present import notices
from game.present.keys import QUESTION, TURN_NOTE
from game.ui.keys import bound
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar


class ConfirmScreen(ModalScreen[bool]):
    """A question answered with y (yes) or n / escape (no)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bound("y", "answer(True)", "yes", QUESTION),
        bound("n,escape", "answer(False)", "no", QUESTION),
    ]

    def __init__(self, question: str, yes: str = notices.YES, no: str = notices.NO) -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal"):
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PassScreen(ModalScreen[None]):
    """Hot-seat: hand the keyboard to the next player."""

    BINDINGS: ClassVar[list[BindingType]] = [
        bound("enter,escape", "go", "go", TURN_NOTE),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal"):
            yield Static(plain(self.message))
            yield Button(notices.START_MY_TURN, id="go", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_go(self) -> None:
        self.dismiss(None)


class LoadingScreen(Screen[None]):
    """Shown while the scenario loads (the keys for help, theme and quit work)."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(plain(notices.LOADING_SCENARIO), id="loading")
        yield KeyBar()

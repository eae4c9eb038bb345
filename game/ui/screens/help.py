"""Help: the keys of the screen it was opened from and the app's (from their bindings,
see game/ui/keys.py), and how a week goes."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.present.keys import HELP as KEYS
from game.present.labels import HELP_ABOUT, HELP_HEADING
from game.ui.keys import bound
from game.ui.text import plain


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("escape,question_mark,enter", "close", "close", KEYS),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys  # (key, what it does)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal"):
            yield Static(plain((HELP_HEADING, "bold")))
            table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
            table.add_column(no_wrap=True)
            table.add_column(ratio=1)
            for key, what in self.keys:
                table.add_row(plain(key), plain(what))
            yield Static(table)
            yield Static(plain(HELP_ABOUT), classes="note")

    def action_close(self) -> None:
        self.dismiss(None)

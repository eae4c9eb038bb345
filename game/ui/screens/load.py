"""The list of saves to open, over the title: one line a save (its role, turn, date and
whether it is finished, worded by `game.present.saves`); Enter opens it, escape goes
back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.present import title as title_words
from game.present.keys import CHOOSE_SAVE
from game.ui.keys import bound
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.session import SaveInfo


class LoadScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [bound("escape", "cancel", "cancel", CHOOSE_SAVE)]

    def __init__(self, saves: list[SaveInfo]) -> None:
        super().__init__()
        self.saves = saves

    def compose(self) -> ComposeResult:
        from game.present.saves import save_text

        with Vertical(classes="modal"):
            yield Static(plain((title_words.LOAD_HEADING, "bold")))
            yield OptionList(*(Option(plain(save_text(s))) for s in self.saves), id="saves")
            yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.saves[event.option_index].path)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Help: the keys and how a week goes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from game.ui.text import plain

KEYS = (
    ("1-9, 0", "put action 1-10 into your plan or take it out (or click it, or enter)"),
    ("e", "end your turn; the last player's turn plays the week (asks first if points are left)"),
    ("d", "open this week's dilemma card; in the card, 1-3 choose"),
    ("c / n", "the city (map and ledger) / the news (situation report)"),
    ("r", "the last week's report: what changed and why"),
    ("g", "charts of the ledger over time"),
    ("s / a", "sources / the model's assumptions"),
    ("t", "next theme: dark, light, high contrast"),
    ("ctrl+p", "command palette: every command of this screen"),
    ("ctrl+s", "save the game"),
    ("q", "save and quit (continue later from the title screen)"),
    ("?", "this help; escape closes it"),
)

ABOUT = (
    "Each week you read the situation report, plan your actions (each costs action points "
    "and resources, and says how sure its effect is), answer any dilemma, and end the week. "
    "The report then says what changed and why. Numbers marked simulated come from the "
    "model; facts from the record name their sources. A screen reader works better with "
    "the line mode: corridors play --plain."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,enter", "close", "Close", id="close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal"):
            yield Static(plain(("Corridors: keys", "bold")))
            width = max(len(k) for k, _ in KEYS)
            yield Static(plain("\n".join(f"{k:<{width}}  {v}" for k, v in KEYS)))
            yield Static(plain(ABOUT), classes="note")

    def action_close(self) -> None:
        self.dismiss(None)

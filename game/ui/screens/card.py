"""The role card: who you are, what you can and cannot change, your resources and what
to watch (worded by `game.present.card.role_card`). It opens the game and `w` brings
it back. For a role whose life in the game has ended (a family that has left), its
epilogue comes first, with the offer to play on to the debrief."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.present import labels
from game.present.card import RoleCard
from game.present.keys import CARD as KEYS
from game.ui.keys import bound
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar


def card_text(card: RoleCard) -> Group:
    parts: list[Text] = [plain(card.intro)]
    for section in card.sections:
        parts.append(Text(""))
        parts.append(plain((section.title, "bold")))
        parts.extend(plain(f"• {line}") for line in section.lines)
    if card.offer:
        parts += [Text(""), plain((card.offer + labels.OFFER_KEY, "bold"))]
    return Group(*parts)


class RoleCardScreen(ModalScreen[bool]):
    """Dismissed with True when the player takes the offer (to the debrief)."""

    CSS_PATH = "card.tcss"
    AUTO_FOCUS = "#card-body"  # the arrows scroll the card
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("escape,enter,w", "close", "close", KEYS),
        bound("f", "finish", "finish", KEYS, show=False),
    ]

    def __init__(self, card: RoleCard) -> None:
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="card"):
            yield Static(plain((self.card.title, "bold")), classes="section-title", id="card-title")
            with VerticalScroll(id="card-body"):
                yield Static(card_text(self.card), id="card-text")
            with Horizontal(classes="buttons"):
                if self.card.offer:
                    yield Button(labels.TO_THE_DEBRIEF, id="finish", variant="primary", compact=True)
                    yield Button(labels.STAY, id="close", compact=True)
                else:
                    yield Button(labels.PLAY, id="close", variant="primary", compact=True)
            yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish":
            return bool(self.card.offer)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "finish")

    def action_close(self) -> None:
        self.dismiss(False)

    def action_finish(self) -> None:
        if self.card.offer:
            self.dismiss(True)

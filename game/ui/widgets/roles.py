"""The title screen's choices. The roles to tick: each role is an option whose prompt the screen
makes (a ticked and an unticked role differ in symbol, not only in colour); space or a
click ticks or unticks it, enter asks to start the game."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList, RadioButton
from textual.widgets.option_list import Option

from game.present.keys import START, TICK


class RoleList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", TICK, show=False),
        Binding("enter", "start", START, show=False),
    ]

    class Start(Message):
        """Enter on the list: start the game with the roles ticked."""

    def __init__(
        self,
        *,
        prompt: Callable[[int, bool], Text],
        ids: Sequence[str] = (),
        ticked: Sequence[str] = (),
        id: str | None = None,
        compact: bool = False,
    ) -> None:
        self.prompt = prompt  # (role's index, ticked) -> its prompt
        self.ids = list(ids)
        self.ticked = {i for i in ticked if i in self.ids}
        super().__init__(*self._role_options(), id=id, compact=compact)

    def on_mount(self) -> None:
        self._highlight_ticked()

    def _role_options(self) -> list[Option]:
        return [Option(self.prompt(k, i in self.ticked), id=i) for k, i in enumerate(self.ids)]

    def _highlight_ticked(self) -> None:
        if self.ids:
            self.highlighted = next((k for k, i in enumerate(self.ids) if i in self.ticked), 0)

    def set_roles(self, ids: Sequence[str], ticked: Sequence[str]) -> None:
        self.ids = list(ids)
        self.ticked = {i for i in ticked if i in self.ids}
        self.clear_options()
        self.add_options(self._role_options())
        self._highlight_ticked()

    @property
    def selected(self) -> list[str]:
        """The roles ticked, in the scenario's order."""
        return [i for i in self.ids if i in self.ticked]

    def action_tick(self) -> None:
        k = self.highlighted
        if k is None or not 0 <= k < len(self.ids):
            return
        role = self.ids[k]
        self.ticked.symmetric_difference_update({role})
        self.replace_option_prompt_at_index(k, self.prompt(k, role in self.ticked))

    def action_select(self) -> None:  # a click
        self.action_tick()

    def action_start(self) -> None:
        self.post_message(self.Start())


class Choice(RadioButton):
    """A radio button whose pressed and unpressed states differ in symbol (● and a
    blank), not only in colour."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return "\u25cf" if self.value else " "

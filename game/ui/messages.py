"""The messages screens send up to the app, which owns navigation: a screen never
imports another screen's module to show it; it asks the app (`Navigate`, `Play`) and
the app makes and shows the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from game.session import Session


class Navigate(Message):
    """Show a screen over this one: `screen` names it (see `CorridorsApp.make_screen`),
    `args` and `kwargs` are what it is made with, and `done` gets its result when it
    closes."""

    def __init__(
        self, screen: str, *args: Any, done: Callable[[Any], None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__()
        self.screen = screen
        self.args = args
        self.kwargs = kwargs
        self.done = done


class Play(Message):
    """Play a session: its week, or its debrief once every week is played. `opening`:
    the game opens now (the session's notice is told)."""

    def __init__(self, session: Session, *, opening: bool = True) -> None:
        super().__init__()
        self.session = session
        self.opening = opening

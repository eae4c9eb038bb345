"""A full screen of reading (report, sources, assumptions…): a header, a scrolling body
and a footer; escape or enter goes back."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from game.present.keys import READING
from game.present.labels import BACK_COMMAND
from game.session import Session
from game.ui.commands import Command
from game.ui.keys import bound
from game.ui.messages import Navigate
from game.ui.widgets.keybar import KeyBar


class ReadingScreen(Screen[None]):
    """Subclasses give `heading` and `body()`; the body scrolls with the arrow keys."""

    DEFAULT_CSS = """
    ReadingScreen #heading { height: auto; padding: 0 1; background: $boost; text-style: bold; }
    ReadingScreen #reading { padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("escape,enter", "back", "back", READING),
    ]
    heading = ""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(self.heading, id="heading", markup=False)
        with VerticalScroll(id="reading"):
            yield from self.body()
        yield KeyBar()

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#reading", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[Command]:
        return [(*BACK_COMMAND, self.action_back)]


class ReferenceScreens:
    """Keys to the charts, sources and assumptions, for screens holding `session`."""

    session: Session
    app: App[None]

    def action_charts(self) -> None:
        self.app.post_message(Navigate("charts", self.session))

    def action_sources(self) -> None:
        self.app.post_message(Navigate("sources", self.session))

    def action_assumptions(self) -> None:
        self.app.post_message(Navigate("assumptions", self.session))

"""Joining a class before the game: the class code and the player's name, then the
class's game and its content note. The words come from `game.present.join`; whether a
code opens a game is the `join` function's to say (the command line gives it: the
classroom's door to the class's store), so without a valid code there is no game."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Static

from game.ui.commands import Command
from game.ui.messages import Play
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.present.join import JoinWords
    from game.session.join import Welcome

Join = Callable[[str, str], "Welcome"]


class JoinScreen(Screen[None]):
    """The first screen of a class game in a browser tab (or `corridors play --join`)."""

    DEFAULT_CSS = """
    JoinScreen #join-body { padding: 0 1; }
    JoinScreen #join-heading { text-style: bold; color: $accent; margin-top: 1; }
    JoinScreen #join-intro { margin-bottom: 1; }
    JoinScreen Label { margin-top: 1; text-style: bold; }
    JoinScreen Input { width: 60; max-width: 100%; }
    JoinScreen #join-problem { margin-top: 1; color: $error; }
    JoinScreen #join-go, JoinScreen #join-begin { margin-top: 1; }
    JoinScreen #welcome { height: auto; display: none; }
    JoinScreen.-welcome #join-form { display: none; }
    JoinScreen.-welcome #welcome { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = []
    NOTHING_TO_SAVE: ClassVar[bool] = True  # no game yet: the app's Save is not offered

    def __init__(self, join: Join, *, blink: bool = True) -> None:
        super().__init__()
        self.join = join
        self.blink = blink
        self.words: JoinWords | None = None
        self.welcome: Welcome | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="join-body"):
            with Vertical(id="join-form"):
                yield Static(id="join-heading")
                yield Static(id="join-intro")
                yield Label("", id="code-label")
                yield Input(id="code", max_length=20, compact=True, disabled=True)
                yield Label("", id="name-label")
                yield Input(id="name", max_length=80, compact=True, disabled=True)
                yield Button("", id="join-go", variant="primary", compact=True, disabled=True)
                yield Static(id="join-problem")
            with Vertical(id="welcome"):
                yield Static(id="welcome-heading")
                yield Static(id="welcome-text")
                yield Static(id="welcome-note")
                yield Button("", id="join-begin", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = self.blink
        # the words (and the game's core behind them) load after the first frame
        self.call_after_refresh(self.run_worker, self._load_words, thread=True, name="join-words")

    def _load_words(self) -> None:
        from game.present.join import JOIN_WORDS

        self.app.call_from_thread(self._show_words, JOIN_WORDS)

    def _show_words(self, words: JoinWords) -> None:
        self.words = words
        self.query_one("#join-heading", Static).update(plain(words.heading))
        self.query_one("#join-intro", Static).update(plain(words.intro))
        self.query_one("#code-label", Label).update(plain(words.code_label))
        self.query_one("#name-label", Label).update(plain(words.name_label))
        code = self.query_one("#code", Input)
        code.placeholder = words.code_placeholder
        self.query_one("#name", Input).placeholder = words.name_placeholder
        self.query_one("#join-go", Button).label = words.join_button
        self.query_one("#join-begin", Button).label = words.begin_button
        for widget in (code, self.query_one("#name", Input), self.query_one("#join-go", Button)):
            widget.disabled = False
        code.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "code" and not self.query_one("#name", Input).value.strip():
            self.query_one("#name", Input).focus()
            return
        self.action_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "join-begin":
            self.action_begin()
        else:
            self.action_join()

    def action_join(self) -> None:
        if self.words is None or self.busy or self.welcome is not None:
            return
        self.busy = True
        self.say(self.words.checking)
        code = self.query_one("#code", Input).value
        name = self.query_one("#name", Input).value
        self.run_worker(lambda: self._join(code, name), thread=True, name="join", exclusive=True)

    def _join(self, code: str, name: str) -> None:
        try:
            welcome = self.join(code, name)
        except Exception as e:  # the reason, worded for the student by `join`
            self.app.call_from_thread(self._refused, " ".join(str(e).split()) or type(e).__name__)
            return
        self.app.call_from_thread(self._accepted, welcome)

    def _refused(self, problem: str) -> None:
        self.busy = False
        self.say(problem)
        code = self.query_one("#code", Input)
        code.focus()
        code.select_all()  # what is typed next replaces it

    def _accepted(self, welcome: Welcome) -> None:
        self.busy = False
        self.welcome = welcome
        self.say("")
        self.query_one("#welcome-heading", Static).update(plain((welcome.heading, "bold")))
        self.query_one("#welcome-text", Static).update(plain(welcome.text))
        self.query_one("#welcome-note", Static).update(plain(welcome.note))
        self.add_class("-welcome")
        self.query_one("#join-begin", Button).focus()

    def action_begin(self) -> None:
        if self.welcome is not None:
            self.post_message(Play(self.welcome.session))

    def say(self, text: str) -> None:
        self.query_one("#join-problem", Static).update(plain(text))

    def palette_commands(self) -> list[Command]:
        return []


"""The title: the content note, then a new game (scenario, roles, seed or class code,
content level), the latest autosave, or any save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option

from game.ui.commands import Command
from game.ui.keys import binding_commands
from game.ui.messages import Play
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.model.scenario import Scenario
    from game.session import SaveInfo



class LoadScreen(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, saves: list[SaveInfo]) -> None:
        super().__init__()
        self.saves = saves

    def compose(self) -> ComposeResult:
        from game.session import save_text

        with Vertical(classes="modal"):
            yield Static(plain(("Load a saved game (the latest first)", "bold")))
            yield OptionList(*(Option(plain(save_text(s))) for s in self.saves), id="saves")
            yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.saves[event.option_index].path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TitleScreen(Screen[None]):
    CSS_PATH = "title.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new", "New game", id="new", priority=True, tooltip="start a game with these settings"),
        Binding("ctrl+o", "continue", "Continue", id="continue", priority=True, tooltip="resume the latest saved game"),
        Binding("ctrl+l", "load", "Load", id="load", priority=True, tooltip="choose a saved game"),
    ]

    def __init__(self, *, blink: bool = True) -> None:
        super().__init__()
        self.blink = blink  # whether the text cursor blinks (not in tests)
        self.scenario_id = ""
        self.scenario: Scenario | None = None
        self.save_dir = Path()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="title-body"):
            yield Static(id="title-name")
            yield Static(id="note")
            with Horizontal(id="form"):
                with Vertical(classes="field"):
                    yield Label("Scenario")
                    yield Select[str]([], prompt="…", id="scenario", compact=True)
                    yield Label("Seed or class code (empty: random)")
                    yield Input(placeholder="e.g. 7 or a class code", id="seed", max_length=40, compact=True)
                    yield Label("Content level")
                    yield RadioSet(id="content", compact=True)
                with Vertical(classes="field"):
                    yield Label("Roles (space ticks; 2+: hot-seat)")
                    yield SelectionList[str](id="roles", compact=True)
            with Horizontal(id="buttons"):
                yield Button("New game (ctrl+n)", id="new", variant="primary", compact=True)
                yield Button("Continue (ctrl+o)", id="continue", compact=True)
                yield Button("Load (ctrl+l)", id="load", compact=True)
            yield Static(id="latest", classes="note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.sub_title = "A decision simulation of the 2016 siege of eastern Aleppo"
        self.query_one("#seed", Input).cursor_blink = self.blink
        self.query_one("#note", Static).update(plain("Loading the scenario…"))
        for button in self.query(Button):
            button.disabled = True
        self.query_one("#new", Button).focus(scroll_visible=False)
        # The scenario (and the game's core) loads after the first frame.
        self.call_after_refresh(self.run_worker, self._load, thread=True, name="title-load")

    def _load(self) -> None:
        from game.session import CONTENT_LEVELS, default_save_dir, scenario_choices

        ids, default = scenario_choices()
        folder = default_save_dir()
        self.app.call_from_thread(self._loaded, ids, default, CONTENT_LEVELS, folder)

    def _loaded(self, ids: list[str], default: str, levels: tuple[str, ...], folder: Path) -> None:
        self.save_dir = folder
        self.scenario_id = default if default in ids else ids[0]
        select = self.query_one("#scenario", Select)
        select.set_options([(i, i) for i in ids])
        select.value = self.scenario_id
        radios = self.query_one("#content", RadioSet)
        radios.mount_all(RadioButton(level, value=i == 0, id=f"content-{level}") for i, level in enumerate(levels))
        self.show_scenario()
        from game.session import save_files

        latest = save_files(folder)
        self.query_one("#latest", Static).update(
            plain(f"Latest save: {latest[0][0].name}" if latest else "No saved game yet.")
        )
        self.query_one("#new", Button).disabled = False
        self.query_one("#load", Button).disabled = False
        self.query_one("#continue", Button).disabled = not latest

    def show_scenario(self) -> None:
        from game.session import SessionError, open_scenario

        try:
            sc = open_scenario(self.scenario_id)
        except SessionError as e:
            self.scenario = None
            self.query_one("#note", Static).update(plain(f"This scenario cannot be loaded: {e}"))
            return
        self.scenario = sc
        self.query_one("#title-name", Static).update(plain((sc.title, "bold")))
        self.query_one("#note", Static).update(plain(("Content note. ", "bold"), sc.content_note))
        roles = self.query_one("#roles", SelectionList)
        roles.clear_options()
        for i, r in enumerate(sc.roles):
            name = r.name + (" (fictional)" if r.fictional else "")
            roles.add_option((plain(name), r.id, i == 0))

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and self.scenario_id and event.value != self.scenario_id:
            self.scenario_id = event.value
            self.show_scenario()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"new": self.action_new, "continue": self.action_continue, "load": self.action_load}[
            event.button.id or "new"
        ]()

    def action_new(self) -> None:
        from game.session import CONTENT_LEVELS, Session, SessionError

        if self.scenario is None:
            self.notify("Choose a scenario that loads.", severity="error")
            return
        roles = list(self.query_one("#roles", SelectionList).selected)
        if not roles:
            self.notify("Tick at least one role (space).", severity="warning")
            return
        pressed = self.query_one("#content", RadioSet).pressed_button
        content = str(pressed.label) if pressed is not None else CONTENT_LEVELS[0]
        seed = self.query_one("#seed", Input).value
        try:
            session = Session.new(self.scenario, roles=roles, seed=seed, content=content)
        except SessionError as e:
            self.notify(f"Cannot start: {e}", severity="error")
            return
        self.post_message(Play(session))

    def action_continue(self) -> None:
        from game.session import save_files

        latest = save_files(self.save_dir)
        if not latest:
            self.notify("No saved game yet.")
            return
        self.open_save(latest[0][0])

    def action_load(self) -> None:
        from game.session import list_saves

        files = list_saves(self.save_dir)
        if not files:
            self.notify(f"No saved game in {self.save_dir}.")
            return
        self.app.push_screen(LoadScreen(files), self._picked)

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.open_save(path)

    def open_save(self, path: Path) -> None:
        from game.session import SaveError, Session

        try:
            session = Session.load(path)
        except SaveError as e:
            self.notify(f"Cannot load: {e}", severity="error", timeout=8)
            return
        self.post_message(Play(session))

    def palette_commands(self) -> list[Command]:
        return binding_commands(self, self.BINDINGS)

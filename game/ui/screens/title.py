"""The title: the content note, then a new game (scenario, roles, seed or class code,
content level), the latest autosave, or any save.

The first frame is readable: the scenario's glance (title, content note, roles in a
line, lengths; `game.session.glance`, light to import) is shown at once, and the
scenario itself is loaded in a thread after the first frame; a new game asked for
before it has loaded starts as soon as it has."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual._context import NoActiveAppError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    RadioSet,
    Select,
    Static,
)

from game import settings
from game.present import notices
from game.present import title as title_words
from game.present.keys import TITLE as KEYS
from game.ui.commands import Command
from game.ui.keys import binding_commands, bound
from game.ui.messages import Navigate, Play
from game.ui.startup import settle
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.roles import Choice, RoleList

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widget import Widget

    from game.session import Scenario
    from game.session.glance import ScenarioGlance

# Seconds from the first frame to the scenario's loading in the background.
LOAD_DELAY = 0.4


class TitleScreen(Screen[None]):
    CSS_PATH = "title.tcss"
    # The first frame is the title's: each change of a class or of focus restyles the
    # widgets under it, so only the button is focused (and the content note scrolled
    # back into view) and the screen takes no size classes (its styles use none).
    AUTO_FOCUS = "#new"
    VERTICAL_BREAKPOINTS = []  # type: ignore[misc]
    HORIZONTAL_BREAKPOINTS = []  # type: ignore[misc]
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("ctrl+n", "new", "new", KEYS, priority=True),
        bound("ctrl+o", "continue", "continue", KEYS, priority=True),
        bound("ctrl+l", "load", "load", KEYS, priority=True),
        Binding("enter", "new", KEYS["new"][0], show=False),
    ]

    def __init__(self, *, blink: bool = True) -> None:
        super().__init__()
        self.blink = blink  # whether the text cursor blinks (not in tests)
        self.scenario_id = ""
        self.scenario: Scenario | None = None
        self.glance: ScenarioGlance | None = None
        self.save_dir = Path()
        self.latest: list[Path] = []
        self.scenario_loading = False  # the scenario is being loaded in a thread
        self.load_started = False  # the thread has been started
        self.start_when_loaded = False  # a new game was asked for while it loaded
        self.starting = False  # a game has been made and is being opened

    def compose(self) -> ComposeResult:
        # Everything the first frame shows is composed at once (no widgets mounted or
        # options set later): the glance of the default scenario, read from the cache.
        from game.session.glance import (
            CONTENT_LEVELS,
            MAX_PLAYER_NAME,
            save_files,
            scenario_glance,
            scenario_ids,
        )

        # before the header is mounted: it reads the title then, with no change to follow
        self.app.sub_title = title_words.SUBTITLE
        ids, default = scenario_ids()
        self.scenario_id = default
        self.glance = glance = scenario_glance(default)
        self.save_dir = settings.saves_folder().path
        self.latest = [p for p, _ in save_files(self.save_dir)[:1]]
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="title-body"):
            yield Static(plain((glance.title, "bold")) if glance else "", id="title-name")
            yield Static(self.note_text(glance), id="note")
            yield Static(self.lengths_text(glance), id="lengths")
            with Horizontal(id="form"):
                with Vertical(classes="field", id="settings"):
                    yield Label(title_words.NAME)
                    name = Input(
                        getattr(self.app, "player_name", ""), placeholder=title_words.NAME_PLACEHOLDER,
                        id="name", max_length=MAX_PLAYER_NAME, compact=True,
                    )
                    name.cursor_blink = self.blink
                    yield name
                    yield Label(title_words.SCENARIO)
                    if len(ids) > 1:
                        yield Select[str]([(i, i) for i in ids], value=default, allow_blank=False, id="scenario", compact=True)
                    else:  # one scenario: nothing to choose (and a lighter first frame)
                        yield Static(plain(default), id="scenario")
                    yield Label(title_words.SEED)
                    seed = Input(placeholder=title_words.SEED_PLACEHOLDER, id="seed", max_length=40, compact=True)
                    seed.cursor_blink = self.blink
                    yield seed
                    yield Label(title_words.CONTENT_LEVEL)
                    with RadioSet(id="content", compact=True):
                        for i, level in enumerate(CONTENT_LEVELS):
                            yield Choice(level, value=i == 0, id=f"content-{level}")
                    yield from self.length_choice(glance)
                with Vertical(classes="field", id="roles-field"):
                    yield Label(plain(title_words.ROLES))
                    yield RoleList(
                        prompt=self.role_prompt,
                        ids=[r.id for r in glance.roles] if glance else (),
                        ticked=[glance.default_role] if glance else (),
                        id="roles",
                        compact=True,
                    )
            with Horizontal(id="buttons"):
                yield Button(title_words.NEW_GAME, id="new", variant="primary", compact=True)
                yield Button(title_words.CONTINUE, id="continue", compact=True, disabled=not self.latest)
                yield Button(title_words.LOAD, id="load", compact=True)
            yield Static(
                self.continue_text(getattr(self.app, "player_name", "")),
                id="latest",
                classes="note",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self.show_top)  # the focus scrolled to the button
        # The scenario (and the game's core) loads once the title has been on screen for
        # a moment: loading holds Python's lock for long stretches and would hold back
        # the frames that draw the title. Without a glance (a first start), at once.
        self.load_scenario(delay=LOAD_DELAY if self.glance is not None else 0.0)

    def show_top(self) -> None:
        """The title's top in view (the content note), while the title is shown."""
        if self.is_current:
            self.query_one("#title-body", VerticalScroll).scroll_home(animate=False)

    @staticmethod
    def length_choice(g: ScenarioGlance | None) -> list[Widget]:
        """The choice of length, if the scenario has more than one (the full game first
        pressed)."""
        if g is None or len(g.lengths) < 2:
            return []
        buttons = [Choice(n.name, value=n.id == "full", id=f"length-{n.id}") for n in g.lengths]
        return [Label(title_words.LENGTH, id="length-label"), RadioSet(*buttons, id="length", compact=True)]

    @staticmethod
    def note_text(g: ScenarioGlance | None) -> Text:
        if g is None:
            return plain(notices.LOADING_SCENARIO)
        return plain((title_words.CONTENT_NOTE, "bold"), g.content_note)

    @staticmethod
    def lengths_text(g: ScenarioGlance | None) -> Text:
        return plain("\n".join(title_words.length_text(n.id, n.name, n.turns, n.minutes) for n in g.lengths) if g else "")

    def load_scenario(self, *, delay: float = 0.0) -> None:
        """Load the chosen scenario in a thread, after `delay` seconds and the frame
        being drawn (sooner if a new game is asked for meanwhile)."""
        self.scenario_loading = True
        self.scenario = None
        self.load_started = False
        ref = self.scenario_id
        after = getattr(self.app, "after_first_frame", self.call_after_refresh)
        start = partial(after, partial(self._start_load, ref))
        when_ready = getattr(self.app, "when_ready", None)
        if delay and when_ready is not None:
            when_ready(partial(self.set_timer, delay, start))
        else:
            start()

    def _start_load(self, ref: str) -> None:
        if self.load_started or ref != self.scenario_id:
            return
        self.load_started = True
        self.run_worker(partial(self._load, ref), thread=True, name="title-load")

    def _load(self, ref: str) -> None:
        from game.session import SessionError, open_scenario

        try:
            sc: Scenario | str = open_scenario(ref)
        except SessionError as e:
            sc = str(e)
        try:
            app = self.app
        except NoActiveAppError:  # the title has gone (a game began): nothing to show
            return
        app.call_from_thread(self._loaded, ref, sc)

    def _loaded(self, ref: str, sc: Scenario | str) -> None:
        if ref != self.scenario_id:  # another scenario was chosen meanwhile
            return
        self.scenario_loading = False
        settle()  # the game's core is in
        if isinstance(sc, str):
            self.scenario = None
            self.glance = None
            self.query_one("#note", Static).update(plain(notices.scenario_not_loaded(sc)))
            self.query_one("#roles", RoleList).set_roles([], [])
            self.start_when_loaded = False
            return
        from game.session.glance import scenario_glance

        self.scenario = sc
        glance = scenario_glance(sc)
        assert glance is not None
        if glance != self.glance:
            self.show_glance(glance)
        if self.start_when_loaded:
            self.start_when_loaded = False
            self.action_new()

    def show_glance(self, g: ScenarioGlance) -> None:
        self.glance = g
        self.query_one("#title-name", Static).update(plain((g.title, "bold")))
        self.query_one("#note", Static).update(self.note_text(g))
        self.query_one("#lengths", Static).update(self.lengths_text(g))
        self.query_one("#roles", RoleList).set_roles([r.id for r in g.roles], [g.default_role])
        for old in self.query("#length-label, #length"):
            old.remove()
        choice = self.length_choice(g)
        if choice:
            self.query_one("#settings", Vertical).mount_all(choice)
        self.call_after_refresh(self.show_top)

    def role_prompt(self, k: int, ticked: bool) -> Text:
        assert self.glance is not None
        r = self.glance.roles[k]
        name = r.name + (title_words.FICTIONAL if r.fictional else "")
        return plain(("[x] " if ticked else "[ ] ", "bold"), (name, "bold" if ticked else ""), ("\n    " + r.line, "dim"))

    def on_select_changed(self, event: Select.Changed) -> None:
        from game.session.glance import scenario_glance

        if isinstance(event.value, str) and self.scenario_id and event.value != self.scenario_id:
            self.scenario_id = event.value
            glance = scenario_glance(event.value)
            if glance is not None:
                self.show_glance(glance)
            else:
                self.query_one("#note", Static).update(plain(notices.LOADING_SCENARIO))
            self.load_scenario()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"new": self.action_new, "continue": self.action_continue, "load": self.action_load}[
            event.button.id or "new"
        ]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_new()

    def on_role_list_start(self, event: RoleList.Start) -> None:
        event.stop()
        self.action_new()

    def action_new(self) -> None:
        if self.scenario is None:
            if self.scenario_loading:
                self.start_when_loaded = True
                self._start_load(self.scenario_id)
                self.notify(notices.STARTING_WHEN_LOADED, timeout=3)
            else:
                self.notify(notices.CHOOSE_LOADING_SCENARIO, severity="error")
            return
        from game.session import CONTENT_LEVELS, Session, SessionError

        roles = self.query_one("#roles", RoleList).selected
        if not roles:
            self.notify(notices.TICK_A_ROLE, severity="warning")
            return
        pressed = self.query_one("#content", RadioSet).pressed_button
        content = str(pressed.label) if pressed is not None else CONTENT_LEVELS[0]
        seed = self.query_one("#seed", Input).value
        length = "full"
        lengths = self.query("#length")
        if lengths:
            chosen = lengths.first(RadioSet).pressed_button
            if chosen is not None and chosen.id:
                length = chosen.id.removeprefix("length-")
        if self.starting:  # one key can reach both the button and the screen
            return
        try:
            session = Session.new(
                self.scenario, roles=roles, seed=seed, content=content, length=length,
                player_name=self.player_name(),
            )
        except SessionError as e:
            self.notify(notices.cannot_start(e), severity="error")
            return
        self.starting = True
        self.post_message(Play(session))

    def continue_text(self, player: str) -> Text:
        """The line under the buttons: what Continue would open for the name typed."""
        from game.session.glance import latest_of

        if not self.latest:
            return plain(notices.NO_SAVE_YET)
        player = " ".join(player.split())
        path = latest_of(self.save_dir, player)
        return plain(title_words.continue_line(path.name, player) if path else notices.no_game_of(player))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name":
            self.query_one("#latest", Static).update(self.continue_text(event.value))

    def player_name(self) -> str:
        """The name given in the title's field (on one line), "" if none."""
        return " ".join(self.query_one("#name", Input).value.split())

    def action_continue(self) -> None:
        """The latest game of the player named in the title's field, or with no name
        given the latest game saved without a name: on a laptop a class shares, Continue
        never opens another student's game (Load lists every game). If no save can be
        read at all, the latest file, which says why it cannot."""
        from game.session import latest_save
        from game.session.glance import save_files

        player = self.player_name()
        path = latest_save(self.save_dir, player=player)
        if path is None:
            files = save_files(self.save_dir)
            if not files:
                self.notify(notices.NO_SAVE_YET)
                return
            if latest_save(self.save_dir) is not None:
                self.notify(notices.no_game_of(player), severity="warning", timeout=8)
                return
            path = files[0][0]
        self.open_save(path)

    def action_load(self) -> None:
        from game.session import list_saves

        files = list_saves(self.save_dir)
        if not files:
            self.notify(notices.no_saves_in(self.save_dir))
            return
        self.post_message(Navigate("load", files, done=self._picked))

    def _picked(self, path: Path | None) -> None:
        if path is not None:
            self.open_save(path)

    def open_save(self, path: Path) -> None:
        from game.session import SaveError, Session

        if self.starting:
            return
        try:
            session = Session.load(path)
        except SaveError as e:
            self.notify(notices.cannot_load(e), severity="error", timeout=8)
            return
        self.starting = True
        self.post_message(Play(session))

    def palette_commands(self) -> list[Command]:
        return binding_commands(self, self.BINDINGS)

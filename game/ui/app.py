"""The Corridors app: themes, keys shared by every screen, saving and quitting.

Every change to the game goes through `game.session.Session`; screens read its views."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.theme import Theme

from game import settings
from game.present import notices
from game.present.keys import APP
from game.ui.commands import Command, GameCommands
from game.ui.keys import binding_commands, bound, key_rows
from game.ui.messages import Navigate, Play
from game.ui.startup import settle

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from textual.screen import Screen

    from game.session import Session
    from game.ui.screens.join import Join
    from game.ui.screens.watch import Poll

HIGH_CONTRAST = Theme(
    name="corridors-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF00FF",
    warning="#FFFF00",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={"footer-key-foreground": "#FFFF00", "block-cursor-background": "#FFFF00"},
)
# Seconds from the first frame to the end of start-up (game.ui.startup), for an app that
# opens no game by then (a title left open, a class's watch).
SETTLE_AFTER = 5.0
THEMES: dict[str, str] = {name: i for i, name in notices.THEME_NAMES.items()}  # name: Textual theme id


class CorridorsApp(App[None]):
    """The game. Give it a session to open at the week; without one it opens at the title."""

    TITLE = notices.GAME
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses elsewhere work
    COMMANDS = {GameCommands}  # the game's commands only (see get_system_commands)
    ENABLE_COMMAND_PALETTE = True
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # a class for the screen height
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (112, "-wide")]  # -wide: 90% is over 100 columns
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("question_mark", "help", "help", APP),
        bound("ctrl+s", "save", "save", APP),
        bound("t", "next_theme", "theme", APP),
        bound("q", "quit_game", "quit", APP),
        bound("ctrl+p", "command_palette", "palette", APP, show=False),
        # Textual's own ctrl+q leaves without saving; here it saves first, as q does.
        Binding("ctrl+q", "quit_game", APP["quit"][0], show=False, priority=True),
    ]

    def __init__(
        self,
        session: Session | None = None,
        *,
        loader: Callable[[], Session] | None = None,
        blink: bool = True,
        export: str | Callable[[], str | None] | None = None,
        join: Join | None = None,
        watch: Poll | None = None,
        player_name: str = "",
    ) -> None:
        """`watch`: the teacher's watch of a class (`poll` reads it from the store).
        `loader`: makes the session in a thread after the first frame (its exception,
        if any, is kept in `error` and the app exits). `join`: the game opens at the
        class code and name (game.ui.screens.join), and `join` makes the class's game.
        `player_name`: the player's or team's name, if given: a new game keeps it and
        Continue opens their latest game."""
        super().__init__()
        self.session: Session | None = session
        self.loader = loader
        self.join = join
        self.class_watch = watch
        self.error: BaseException | None = None
        self.blink = blink
        self.export = export  # --export: the debrief is written there when the game ends
        self.player_name = player_name
        self.farewell = ""  # printed by run_app after the app closes
        self._quit_armed = False
        self._is_ready = False  # the first frame is on screen (Textual's Ready event)
        self._when_ready: list[Callable[[], object]] = []

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        wanted = settings.theme()
        self.theme = THEMES.get(wanted.replace("-", " "), "textual-dark")
        if self.session is not None:
            self.push_screen(self.game_screen(self.session))
            self.tell_notice(self.session)
        elif self.class_watch is not None:
            from game.ui.screens.watch import WatchScreen

            self.push_screen(WatchScreen(self.class_watch))
        elif self.join is not None:
            from game.ui.screens.join import JoinScreen

            self.push_screen(JoinScreen(self.join, blink=self.blink))
        elif self.loader is not None:
            from game.ui.screens.modals import LoadingScreen

            self.push_screen(LoadingScreen())
            # after the first frame, which the loading thread would otherwise slow down: by
            # the Ready event it has been drawn, so only the writer is waited for
            load = partial(self.run_worker, self._load, thread=True, name="load")
            self.when_ready(partial(self.after_first_frame, load, waited=0.001))
        else:
            from game.ui.screens.title import TitleScreen

            self.push_screen(TitleScreen(blink=self.blink))

    def on_ready(self) -> None:
        self._is_ready = True
        self.set_timer(SETTLE_AFTER, settle)  # if no game has started by then
        for callback in self._when_ready:
            callback()
        self._when_ready.clear()

    def when_ready(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the first frame is on screen (at once if it is)."""
        if self._is_ready:
            callback()
        else:
            self._when_ready.append(callback)

    def after_first_frame(self, callback: Callable[[], object], *, waited: float = 0.0) -> None:
        """Call `callback` once the frame being drawn has been written to the terminal,
        for work that would hold it back: importing the game's core holds Python's lock
        for long stretches (building the schema's validators), and the thread that writes
        the frame out waits for it. At most half a second is waited for the writer."""
        if waited == 0.0:
            self.call_after_refresh(self.after_first_frame, callback, waited=0.001)
            return
        writer = getattr(getattr(self, "_driver", None), "_writer_thread", None)
        queue = getattr(writer, "_queue", None)
        pending = queue is not None and not queue.empty()
        if pending and waited < 0.5:
            self.set_timer(0.002, partial(self.after_first_frame, callback, waited=waited + 0.002))
        elif queue is not None and waited < 0.5 and waited < 0.02:
            # the writer has the frame; give it a moment (one of Python's switch intervals)
            # to hand it to the terminal
            self.set_timer(0.005, partial(self.after_first_frame, callback, waited=0.5))
        else:
            callback()

    def _load(self) -> None:
        assert self.loader is not None
        try:
            session = self.loader()
        except Exception as e:  # shown by the command line as one line, after the app closes
            self.error = e
            self.call_from_thread(self.exit, None, 1)
            return
        self.call_from_thread(self.start, session)

    # -- screens --------------------------------------------------------------------
    def game_screen(self, session: Session, *, card: bool = False) -> Screen[Any]:
        """The week, or the debrief if the game is over. `card`: the week opens with the
        role card."""
        if session.finished:
            from game.ui.screens.debrief import DebriefScreen

            export = self.export() if callable(self.export) else self.export
            return DebriefScreen(session, export=export)
        from game.ui.screens.week import WeekScreen

        return WeekScreen(session, card=card)

    def start(self, session: Session, *, opening: bool = True) -> None:
        """Play a session: its week, or its debrief (from the title screen, or when the
        last week is played). A game opened at its start opens with the role card."""
        self.session = session
        fresh = opening and session.week == 0 and session.turn == 0 and not session.plan(session.player).actions
        self.switch_screen(self.game_screen(session, card=fresh))
        self.call_after_refresh(settle)  # the game's core and its first screen are in
        if opening:
            self.tell_notice(session)

    @on(Play)
    def _play(self, message: Play) -> None:
        self.start(message.session, opening=message.opening)

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        self.push_screen(self.make_screen(message.screen, *message.args, **message.kwargs), message.done)

    def make_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen[Any]:
        """The screen a `Navigate` message names, made with its arguments."""
        screen: Callable[..., Screen[Any]]
        if name == "charts":
            from game.ui.screens.charts import ChartsScreen

            screen = ChartsScreen
        elif name == "sources":
            from game.ui.screens.sources import SourcesScreen

            screen = SourcesScreen
        elif name == "assumptions":
            from game.ui.screens.assumptions import AssumptionsScreen

            screen = AssumptionsScreen
        elif name == "dilemma":
            from game.ui.screens.dilemma import DilemmaScreen

            screen = DilemmaScreen
        elif name == "report":
            from game.ui.screens.report import ReportScreen

            screen = ReportScreen
        elif name == "card":
            from game.ui.screens.card import RoleCardScreen

            screen = RoleCardScreen
        elif name == "confirm":
            from game.ui.screens.modals import ConfirmScreen

            screen = ConfirmScreen
        elif name == "pass":
            from game.ui.screens.modals import PassScreen

            screen = PassScreen
        elif name == "load":
            from game.ui.screens.load import LoadScreen

            screen = LoadScreen
        else:
            raise ValueError(f"no screen called {name!r}")
        return screen(*args, **kwargs)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, always as plain text: messages carry scenario text (action
        names, option labels) and file names, which must never be read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def tell_notice(self, session: Session) -> None:
        """What the session asks to tell the player as the game opens (a save played
        again on a changed scenario, a class game's code), as a long-lived notification."""
        if session.notice:
            self.notify(session.notice, title=notices.NOTE, timeout=30)

    # -- shared actions ------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """None of Textual's own (its Quit does not save; its themes are not the game's;
        keys, maximize and screenshot are not the game's either): the palette offers
        the game's commands, from `GameCommands`."""
        return iter(())

    async def action_quit(self) -> None:
        """Textual's quit, wherever it comes from, saves first as `q` does."""
        self.action_quit_game()

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows(self.screen)))

    def help_rows(self, screen: Screen[Any]) -> list[tuple[str, str]]:
        """The help's keys: those of `screen`, then the app's, from their bindings."""
        return key_rows(screen.BINDINGS) + key_rows(self.BINDINGS)

    def action_next_theme(self) -> None:
        names = list(THEMES.values())
        i = names.index(self.theme) if self.theme in names else -1
        self.set_theme(names[(i + 1) % len(names)])

    def set_theme(self, name: str) -> None:
        self.theme = name
        label = next((k for k, v in THEMES.items() if v == name), name)
        self.notify(notices.theme(label), timeout=2)

    def save_game(self) -> str | None:
        """Save to the game's save file; returns the path, or None (and says why)."""
        from game.session import SaveError

        if self.session is None:
            self.notify(notices.NO_GAME_TO_SAVE, timeout=3)
            return None
        try:
            path = self.session.save()
        except SaveError as e:
            self.notify(notices.could_not_save(e), severity="error", timeout=8)
            return None
        return str(path)

    def action_save(self) -> None:
        path = self.save_game()
        if path:
            self.notify(notices.saved_to(path), timeout=4)

    def action_quit_game(self) -> None:
        """Save and leave; if the save fails, a second q leaves anyway."""
        if self.session is None:
            self.exit()
            return
        path = self.save_game()
        if path:
            self.farewell = notices.farewell(path)
            self.exit()
        elif self._quit_armed:
            self.exit()
        else:
            self._quit_armed = True
            self.notify(notices.PRESS_Q_AGAIN, severity="warning", timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Save is not offered on a screen that says it has nothing to save (the class
        code and name, the teacher's watch): `NOTHING_TO_SAVE` on the screen's class."""
        if action == "save" and self._nothing_to_save():
            return False
        return True

    def _nothing_to_save(self) -> bool:
        from textual.command import CommandPalette

        for screen in reversed(self.screen_stack):  # the palette asks for the screen below it
            if not isinstance(screen, CommandPalette):
                return bool(getattr(screen, "NOTHING_TO_SAVE", False))
        return False

    def palette_commands(self) -> list[Command]:
        leave = ["theme", "palette", *(["save"] if self._nothing_to_save() else [])]
        cmds = binding_commands(self, self.BINDINGS, leave_out=leave)
        for label, name in THEMES.items():
            cmds.append((*notices.theme_command(label), self._theme_cb(name)))
        return cmds

    def _theme_cb(self, name: str) -> Any:
        return lambda: self.set_theme(name)

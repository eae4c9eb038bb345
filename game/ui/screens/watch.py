"""The teacher's watch of a class (`corridors class watch CODE`): the class's games and
its spread so far, read again from the results store every few seconds. The data comes
from the `poll` function the command line gives (the classroom's reading of the store);
the words from `game.present.watch`."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from game.present import notices
from game.present.doc import Block
from game.present.keys import WATCH as KEYS
from game.present.watch import ClassWatch, watch_document
from game.ui.keys import bound
from game.ui.text import plain
from game.ui.widgets.document import widgets
from game.ui.widgets.keybar import KeyBar

Poll = Callable[[], ClassWatch]
REFRESH_SECONDS = 3.0


class WatchScreen(Screen[None]):
    DEFAULT_CSS = """
    WatchScreen #watch-body { padding: 0 1; }
    WatchScreen .section-title { text-style: bold; color: $accent; margin-top: 1; }
    WatchScreen .note { text-style: italic; }
    WatchScreen #watch-problem { color: $error; }
    WatchScreen .watch-block { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("r", "refresh_watch", "watch-refresh", KEYS),
    ]

    NOTHING_TO_SAVE: ClassVar[bool] = True  # a teacher's screen: the app's Save is not offered

    def __init__(self, poll: Poll, *, every: float | None = REFRESH_SECONDS) -> None:
        super().__init__()
        self.poll = poll
        self.every = every
        self.reading: ClassWatch | None = None
        self.blocks: tuple[Block, ...] = ()  # the blocks on screen, one box each
        self.problem = ""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="watch-problem")
        yield VerticalScroll(id="watch-body")
        yield KeyBar()

    async def on_mount(self) -> None:
        await self.action_refresh_watch()
        if self.every:
            self.set_interval(self.every, self.action_refresh_watch)

    async def action_refresh_watch(self) -> None:
        """Read the class again and lay out what changed (a store that cannot be read
        now is said in one line; the last reading stays on screen)."""
        try:
            w = self.poll()
        except Exception as e:  # noqa: BLE001 - the watch goes on; the line says why
            self.problem = " ".join(notices.results_unread(e).split())
            self.query_one("#watch-problem", Static).update(plain(self.problem))
            return
        self.problem = ""
        self.query_one("#watch-problem", Static).update("")
        if w == self.reading:
            return
        self.reading = w
        doc = watch_document(w)
        self.title = doc.title
        await self.lay_out(doc.blocks)

    async def lay_out(self, blocks: tuple[Block, ...]) -> None:
        """Each block in a box of its own, so that a reading lays out again only the
        blocks that changed (the time of the reading, a game's last turn), not the
        whole screen; the place the teacher has scrolled to stays."""
        body = self.query_one("#watch-body", VerticalScroll)
        boxes = list(body.children)
        if len(boxes) == len(self.blocks) == len(blocks):
            for box, old, new in zip(boxes, self.blocks, blocks, strict=True):
                if old != new:
                    await box.remove_children()
                    await box.mount_all(list(widgets((new,))))
        else:
            keep = body.scroll_y
            await body.remove_children()
            await body.mount_all([Vertical(*widgets((b,)), classes="watch-block") for b in blocks])
            body.scroll_to(y=keep, animate=False)
        self.blocks = blocks

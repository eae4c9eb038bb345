"""Every source of the scenario, its stance and its claims; claims on one topic side by
side (worded by `game.present.sources`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from game.present.sources import SOURCES_HEADING, sources_page
from game.session import Session
from game.ui.screens.base import ReadingScreen
from game.ui.text import plain
from game.ui.widgets.claims import Topics
from game.ui.widgets.document import text_of


class SourcesScreen(ReadingScreen):
    heading = SOURCES_HEADING

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def body(self) -> ComposeResult:
        s = self.session
        page = sources_page(s.all_claims(), s.all_sources())
        yield Static(plain(page.claims_title), classes="section-title")
        yield Static(Topics(page.topics))
        yield Static(plain(page.sources_title), classes="section-title")
        for entry in page.entries:
            yield Static(text_of(entry))

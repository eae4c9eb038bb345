"""What the model assumes where the record is silent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from game.present.labels import ASSUMPTIONS_HEADING, NO_ASSUMPTIONS
from game.session import Session
from game.ui.screens.base import ReadingScreen
from game.ui.text import plain


class AssumptionsScreen(ReadingScreen):
    heading = ASSUMPTIONS_HEADING

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def body(self) -> ComposeResult:
        items = self.session.assumptions()
        if not items:
            yield Static(plain(NO_ASSUMPTIONS))
        for title, text in items:
            yield Static(plain(title), classes="section-title")
            yield Static(plain(text))

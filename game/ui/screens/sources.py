"""Every source of the scenario, its stance and its claims; claims on one topic side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from game.present.words import claim_day, topics
from game.session import Session
from game.ui.screens.base import ReadingScreen
from game.ui.text import plain
from game.ui.widgets.claims import Topics


class SourcesScreen(ReadingScreen):
    heading = "Sources: who says what, and from where they stand"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def body(self) -> ComposeResult:
        s = self.session
        claims = s.all_claims()
        yield Static(plain("Claims by topic, side by side"), classes="section-title")
        yield Static(Topics(topics(claims)))
        yield Static(plain("Every source"), classes="section-title")
        for src in s.all_sources():
            own = [c for c in claims if c.source.id == src.id]
            text = plain((src.name, "bold"), f" — stance: {src.label}.")
            if src.note:
                text.append_text(plain(f" {src.note}"))
            if src.url:
                text.append_text(plain(f" {src.url}"))
            for c in own:
                text.append_text(plain(f"\n  • {claim_day(c)}: {c.text}" + (f" (disputed: {c.question})" if c.contested else "")))
            yield Static(text)

"""Every source of the scenario, its stance and its claims; claims on one topic side by side."""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.widgets import Static

from game.present.words import claim_lines, day
from game.session import ClaimInfo, Session
from game.ui.screens.base import ReadingScreen
from game.ui.text import plain
from game.ui.widgets.claims import SideBySide


def claims_side_by_side(topic: str, claims: list[ClaimInfo]) -> SideBySide:
    contested = any(c.contested for c in claims)
    title = topic.replace("-", " ").replace("_", " ") + (" [contested]" if contested else "")
    return SideBySide(claim_lines(claims), title)


class SourcesScreen(ReadingScreen):
    heading = "Sources: who says what, and from where they stand"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def body(self) -> ComposeResult:
        s = self.session
        claims = s.all_claims()
        yield Static(plain("Claims by topic, side by side"), classes="section-title")
        for topic, group in groupby(claims, key=lambda c: c.topic):
            yield Static(claims_side_by_side(topic, list(group)))
        yield Static(plain("Every source"), classes="section-title")
        for src in s.all_sources():
            own = [c for c in claims if c.source.id == src.id]
            text = plain((src.name, "bold"), f" — stance: {src.stance}.")
            if src.note:
                text.append_text(plain(f" {src.note}"))
            if src.url:
                text.append_text(plain(f" {src.url}"))
            for c in own:
                text.append_text(plain(f"\n  • {day(c.date)}: {c.text}" + (" [contested]" if c.contested else "")))
            yield Static(text)

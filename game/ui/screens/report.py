"""The week's report: what each role did, what changed, and why, biggest causes first,
as `game.present.week` words it."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Static

from game.present import WeekReport, notices
from game.present.turn import turn_report
from game.session import Session
from game.ui.screens.base import ReadingScreen
from game.ui.text import plain
from game.ui.widgets.document import document_widgets


class ReportScreen(ReadingScreen):
    """`shown` is called once the report's first frame has been drawn (work that would
    otherwise hold it back, such as bringing the week under it up to date)."""

    def __init__(
        self, session: Session, report: WeekReport, *, shown: Callable[[], object] | None = None
    ) -> None:
        self.session = session
        self.report = report
        self.shown = shown
        reports = session.last_reports if report is session.last_report and session.last_reports else [report]
        self.document = turn_report(session, reports, report)
        self.heading = self.document.title
        super().__init__()

    def on_mount(self) -> None:  # (Textual calls ReadingScreen's too)
        if self.shown is not None:
            self.call_after_refresh(self.shown)

    def body(self) -> ComposeResult:
        yield from document_widgets(self.document)
        yield Static(plain(notices.BACK_TO_WEEK), classes="note")

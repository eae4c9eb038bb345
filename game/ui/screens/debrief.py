"""The debrief: the game against the record, its turning points, questions for the
discussion, where it ended, the choices made, what happened next, and alternative
histories computed in a worker with a progress bar. Export writes it as Markdown, HTML,
plain text or JSON (`game.present.export.render`).

The screen is a list of sections (`DebriefScreen.SECTIONS`), each a function from the
screen to widgets. Slow parts run in workers: the turning points (counterfactual replays)
as soon as the screen opens, the alternative histories (`Session.alternatives`) on `h`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, ProgressBar, Static
from textual.worker import get_current_worker

from game.present import histories, notices
from game.present.debrief import debrief_document
from game.present.doc import Block, Document, Heading
from game.present.export import EXPORT_COMMANDS, format_for, render
from game.present.keys import DEBRIEF as KEYS
from game.present.short import FULL_KEY_SCREEN, short_debrief_document
from game.present.turning import WORKING_OUT
from game.session import (
    ALTERNATIVE_RUNS,
    Alternatives,
    Debrief,
    SaveError,
    Session,
    TurningPoint,
    write_text_atomic,
)
from game.ui.commands import Command
from game.ui.keys import binding_commands, bound
from game.ui.messages import Navigate
from game.ui.screens.base import ReferenceScreens
from game.ui.text import plain
from game.ui.widgets.document import widgets
from game.ui.widgets.keybar import KeyBar

Progress = Callable[[int, int], None]  # (done, total)
# (session, runs, progress) -> the alternative histories (simulated)
AlternativesRunner = Callable[[Session, int, Progress], Alternatives]
DEFAULT_RUNS = ALTERNATIVE_RUNS


def session_alternatives(session: Session, runs: int, progress: Progress) -> Alternatives:
    return session.alternatives(runs, progress=progress)


# What the debrief's alternative histories run (tests may point it elsewhere).
ALTERNATIVES: AlternativesRunner = session_alternatives


def section(screen: DebriefScreen, name: str) -> Iterable[Widget]:
    """One section of the debrief document, in a container the screen can fill again."""
    yield Vertical(*screen.section_widgets(name), id=f"sec-{name}", classes="debrief-section")


def section_record(screen: DebriefScreen) -> Iterable[Widget]:
    yield from section(screen, "intro")
    yield from section(screen, "changed")
    yield from section(screen, "record")


def section_final(screen: DebriefScreen) -> Iterable[Widget]:
    yield from section(screen, "final")


def section_turning_points(screen: DebriefScreen) -> Iterable[Widget]:
    """The decisions and events that changed the outcome most: worked out in a worker."""
    yield from section(screen, "turning-points")


def section_choices(screen: DebriefScreen) -> Iterable[Widget]:
    yield from section(screen, "answers")


def section_questions(screen: DebriefScreen) -> Iterable[Widget]:
    yield from section(screen, "questions")


def section_alternatives(screen: DebriefScreen) -> Iterable[Widget]:
    yield from widgets(b for b in sections_of(screen.document).get("alternatives", ()) if isinstance(b, Heading))
    status = Static(
        plain(histories.offer(screen.runs)),
        id="alt-status",
    )
    status.display = screen.summary is None
    yield status
    yield ProgressBar(total=screen.runs, id="alt-progress", show_eta=False)
    yield Vertical(*screen.alternative_widgets(), id="alt-result")


def section_epilogue(screen: DebriefScreen) -> Iterable[Widget]:
    yield from section(screen, "epilogue")


Section = Callable[["DebriefScreen"], Iterable[Widget]]


class DebriefScreen(ReferenceScreens, Screen[None]):
    CSS_PATH = "debrief.tcss"
    SECTIONS: ClassVar[list[Section]] = [
        section_record,
        section_final,
        section_turning_points,
        section_choices,
        section_questions,
        section_alternatives,
        section_epilogue,
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("f", "full", "full", KEYS),
        bound("h", "alternatives", "alternatives", KEYS),
        bound("x", "export", "export", KEYS),
        bound("g", "charts", "charts", KEYS),
        bound("s", "sources", "sources", KEYS),
        bound("a", "assumptions", "assumptions", KEYS),
    ]

    def __init__(
        self,
        session: Session,
        *,
        alternatives: AlternativesRunner | None = None,
        runs: int = DEFAULT_RUNS,
        export: str | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        # Fast: the turning points (counterfactual replays) come from a worker.
        self.debrief: Debrief = session.finish(samples=0)
        self.turning_points: tuple[TurningPoint, ...] | None = None
        self.alternatives: AlternativesRunner = alternatives or ALTERNATIVES
        self.runs = runs
        self.summary: Alternatives | None = None
        self.export_path = export  # --export: written when the debrief is complete
        self.full = False  # the short debrief first; f shows the full one

    @property
    def document(self) -> Document:
        return debrief_document(self.debrief, self.summary)

    def section_widgets(self, name: str, doc: Document | None = None) -> list[Widget]:
        """The widgets of one section of the document (see game.present.debrief)."""
        blocks = sections_of(doc or self.document).get(name, ())
        if name == "turning-points" and self.turning_points is None:
            head = [b for b in blocks if isinstance(b, Heading)]
            return [
                *widgets(head),
                Static(plain(WORKING_OUT), id="turning-points"),
            ]
        return list(widgets(blocks))

    def alternative_widgets(self) -> list[Widget]:
        if self.summary is None:
            return []
        blocks = sections_of(self.document).get("alternatives", ())
        return list(widgets(b for b in blocks if not isinstance(b, Heading)))

    def short_widgets(self) -> Iterable[Widget]:
        yield Vertical(*widgets(short_debrief_document(self.debrief).blocks), id="short", classes="debrief-section")
        yield Static(plain((FULL_KEY_SCREEN, "bold")), id="full-key")

    async def fill(self, name: str) -> None:
        if not self.full:
            await self.show_view()
            return
        box = self.query_one(f"#sec-{name}", Vertical)
        await box.remove_children()
        await box.mount_all(self.section_widgets(name))

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(plain(self.document.title), id="heading")
        yield VerticalScroll(*self.view_widgets(), id="debrief")
        yield KeyBar()

    def view_widgets(self) -> list[Widget]:
        """The short debrief, or (after f) the full one's sections."""
        if not self.full:
            return list(self.short_widgets())
        return [w for section in self.SECTIONS for w in section(self)]

    async def show_view(self) -> None:
        box = self.query_one("#debrief", VerticalScroll)
        await box.remove_children()
        await box.mount_all(self.view_widgets())
        box.scroll_home(animate=False)
        box.focus()

    async def action_full(self) -> None:
        self.full = not self.full
        await self.show_view()

    def on_mount(self) -> None:
        self.app.sub_title = notices.DEBRIEF
        self.query_one("#debrief", VerticalScroll).focus()
        self.run_worker(self._turning_points, thread=True, group="turning-points")

    # -- turning points -------------------------------------------------------------
    def _turning_points(self) -> None:
        worker = get_current_worker()
        points = self.session.turning_points()
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_turning_points, points)  # type: ignore[arg-type]

    async def show_turning_points(self, points: tuple[TurningPoint, ...]) -> None:
        self.turning_points = points
        self.debrief = replace(self.debrief, turning_points=points)
        await self.fill("turning-points")
        if self.export_path:
            self.write_export(self.export_path, quiet=True)

    # -- export ----------------------------------------------------------------------
    def default_export(self, fmt: str) -> Path:
        return self.session.save_dir / f"{self.session.game_id}-debrief.{fmt}"

    def write_export(self, target: str | Path, fmt: str | None = None, *, quiet: bool = False) -> Path | None:
        fmt = fmt or format_for(str(target))
        try:
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            path = write_text_atomic(target, render(self.debrief, self.summary, fmt), shared=True)
        except (SaveError, OSError) as e:
            self.notify(notices.could_not_export(e), severity="error", timeout=8)
            return None
        if not quiet:
            self.notify(notices.exported(path, with_histories=self.summary is not None), timeout=6)
        return path

    def action_export(self, fmt: str = "md") -> None:
        self.write_export(self.export_path or self.default_export(fmt), None if self.export_path else fmt)

    def action_charts(self) -> None:
        self.app.post_message(Navigate("charts", self.session, alternatives=self.summary))

    # -- alternative histories ------------------------------------------------------
    async def action_alternatives(self) -> None:
        if not self.full:
            self.full = True
            await self.show_view()
        self.query_one("#alt-status", Static).update(
            plain(histories.playing(self.runs))
        )
        self.query_one("#alt-progress", ProgressBar).update(total=self.runs, progress=0)
        self.run_worker(self._alternatives, thread=True, exclusive=True, group="alternatives")

    def _alternatives(self) -> None:
        worker = get_current_worker()
        bar = self.query_one("#alt-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(partial(bar.update, total=total, progress=done))

        summary = self.alternatives(self.session, self.runs, progress)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_alternatives, summary)  # type: ignore[arg-type]

    async def show_alternatives(self, summary: Alternatives) -> None:
        self.summary = summary
        if self.full:
            self.query_one("#alt-status", Static).display = False
            box = self.query_one("#alt-result", Vertical)
            await box.remove_children()
            await box.mount_all(self.alternative_widgets())
        if self.export_path:
            self.write_export(self.export_path, quiet=True)

    def palette_commands(self) -> list[Command]:
        return [
            *binding_commands(self, self.BINDINGS),
            *((*said, partial(self.action_export, fmt)) for fmt, said in EXPORT_COMMANDS.items()),
        ]


def sections_of(doc: Document) -> dict[str, tuple[Block, ...]]:
    """The document's blocks by section id (the intro: the blocks before the first
    heading)."""
    out: dict[str, tuple[Block, ...]] = {}
    for head, blocks in doc.sections():
        name = head.id if head is not None else "intro"
        out[name] = ((head,) if head is not None else ()) + blocks
    return out

"""The debrief: the game against the record, where it ended, the choices made, what
happened next, and alternative histories computed in a worker with a progress bar.

The screen is a list of sections (`DebriefScreen.SECTIONS`), each a function from the
screen to widgets, so sections for turning points and discussion questions slot in
beside the others. Alternative histories come from a callable (`AlternativesRunner`);
the default runs the `historical` policy through `game.engine.batch.run_batch`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, ProgressBar, Static
from textual.worker import get_current_worker

from game.engine.batch import run_batch, summarise
from game.model.state import GameState
from game.session import Debrief, Session, fmt_number
from game.ui.commands import Command
from game.ui.screens.base import ReferenceScreens
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.ledger import ROWS, figure, ledger_table
from game.ui.words import day, sources_text

Progress = Callable[[int, int], None]  # (done, total)
# (session, runs, progress) -> {zone: {metric: {"median", "p10", "p90"}}} (simulated)
AlternativesRunner = Callable[[Session, int, Progress], dict[str, Any]]
DEFAULT_RUNS = 1000
CHUNK = 50


def historical_alternatives(session: Session, runs: int, progress: Progress) -> dict[str, Any]:
    """The same world with other luck, every role played by the `historical` policy:
    `runs` games from seeds after this game's, summarised like `corridors simulate`."""
    c = session.compiled
    states: list[GameState] = []
    first = session.seed + 1
    while len(states) < runs:
        n = min(CHUNK, runs - len(states))
        for state in run_batch(c, "historical", n, first + len(states)):
            state.history = state.history[-1:]  # only the final ledger is summarised
            states.append(state)
        progress(len(states), runs)
    return summarise(states)


def describe(item: object) -> str:
    """A debrief item in words: a string as it is, else its text fields joined."""
    if isinstance(item, str):
        return item
    fields = ("title", "text", "effect", "why", "question")
    parts = [str(getattr(item, f)) for f in fields if getattr(item, f, None)]
    return ". ".join(parts) if parts else str(item)


def section_turning_points(screen: DebriefScreen) -> Iterable[Widget]:
    """The decisions and events that changed the outcome most (when the debrief has them)."""
    points = getattr(screen.debrief, "turning_points", None)
    if not points:
        return
    yield Static(plain("Turning points"), classes="section-title")
    for i, tp in enumerate(points):
        yield Static(plain(f"{i + 1}. {describe(tp)}"))


def section_questions(screen: DebriefScreen) -> Iterable[Widget]:
    """Questions for the discussion, chosen from this game (when the debrief has them)."""
    questions = getattr(screen.debrief, "questions", None)
    if not questions:
        return
    yield Static(plain("Questions to discuss"), classes="section-title")
    for q in questions:
        yield Static(plain(f"• {describe(q)}"))


# What the debrief's alternative histories run: point it at `Session.alternatives` (with
# an adapter to the summary shape above) once the session has it.
ALTERNATIVES: AlternativesRunner = historical_alternatives


def section_record(screen: DebriefScreen) -> Iterable[Widget]:
    d = screen.debrief
    yield Static(plain("Your game against the record"), classes="section-title")
    yield Static(plain(f"Your figures are simulated (seed {d.seed}); the record's name their sources."), classes="note")
    for m in d.record:
        where = {"inside": "inside", "below": "below", "above": "above"}[m.position]
        lo, hi = fmt_number(m.band[0]), fmt_number(m.band[1])
        yield Static(
            plain(
                (f"{m.label}: ", "bold"),
                f"your game {fmt_number(round(m.value, 1))} (simulated), {where} the record's range of {lo} to {hi}.\n",
                f"  Record: {m.record}. ",
                (sources_text(m.sources), "italic"),
            )
        )


def section_final(screen: DebriefScreen) -> Iterable[Widget]:
    yield Static(ledger_table(screen.debrief.final, "Where your game ended (simulated)"), classes="section")


def section_choices(screen: DebriefScreen) -> Iterable[Widget]:
    d, s = screen.debrief, screen.session
    yield Static(plain("Your answers to the dilemmas"), classes="section-title")
    titles = {x.id: x for x in s.scenario.dilemmas}
    lines = []
    for did, opt in d.choices.items():
        dl = titles.get(did)
        if dl is not None:
            label = next((o.label for o in dl.options if o.id == opt), opt)
            lines.append(plain(f"• {dl.title}: {label}."))
    yield Static(Text("\n").join(lines) if lines else plain("No dilemma was put to you."))


def section_epilogue(screen: DebriefScreen) -> Iterable[Widget]:
    yield Static(plain("What happened next (the record)"), classes="section-title")
    for e in screen.debrief.epilogue:
        yield Static(plain((f"{day(e.date)}: ", "bold"), e.text, "\n  ", (sources_text(e.sources), "italic")))


def section_alternatives(screen: DebriefScreen) -> Iterable[Widget]:
    yield Static(plain("Alternative histories"), classes="section-title")
    yield Static(
        plain(
            f"Press h to play {screen.runs:,} other games of the same siege with other luck"
            " (every role played as it was historically) and set your game among them."
        ),
        id="alt-status",
    )
    yield ProgressBar(total=screen.runs, id="alt-progress", show_eta=False)
    yield Static(id="alt-result")


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
        Binding("h", "alternatives", "Alternative histories", id="alternatives"),
        Binding("g", "charts", "Charts", id="charts"),
        Binding("s", "sources", "Sources", id="sources"),
        Binding("a", "assumptions", "Assumptions", id="assumptions"),
    ]

    def __init__(
        self,
        session: Session,
        *,
        alternatives: AlternativesRunner | None = None,
        runs: int = DEFAULT_RUNS,
    ) -> None:
        super().__init__()
        self.session = session
        self.debrief: Debrief = session.finish()
        self.alternatives: AlternativesRunner = alternatives or ALTERNATIVES
        self.runs = runs
        self.summary: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(plain(f"Debrief: {self.debrief.title}"), id="heading")
        with VerticalScroll(id="debrief"):
            for section in self.SECTIONS:
                yield from section(self)
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.sub_title = "Debrief"
        self.query_one("#debrief", VerticalScroll).focus()

    # -- alternative histories ------------------------------------------------------
    def action_alternatives(self) -> None:
        self.query_one("#alt-status", Static).update(
            plain(f"Playing {self.runs:,} alternative histories… (the game stays usable)")
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
            self.app.call_from_thread(self.show_alternatives, summary)

    def show_alternatives(self, summary: dict[str, Any]) -> None:
        self.summary = summary
        final = self.debrief.final
        table = Table(box=None, title_justify="left")
        table.add_column(plain("measure"))
        table.add_column(plain("your game"), justify="right")
        table.add_column(plain("others: median (10th–90th pct)"), justify="right")
        for zone in ("east", "west"):
            for metric, label in ROWS:
                q = summary.get(zone, {}).get(metric)
                if q is None:
                    continue
                table.add_row(
                    plain(f"{zone}: {label}"),
                    plain(figure(final[zone][metric], metric)),
                    plain(f"{figure(q['median'], metric)} ({figure(q['p10'], metric)}–{figure(q['p90'], metric)})"),
                )
        self.query_one("#alt-status", Static).update(
            plain(f"{self.runs:,} alternative histories played. All figures simulated by the model.")
        )
        self.query_one("#alt-result", Static).update(table)


    def palette_commands(self) -> list[Command]:
        return [
            ("Alternative histories", "Play other games with other luck (h)", self.action_alternatives),
            ("Charts", "The ledger over time (g)", self.action_charts),
            ("Sources", "Every source and its claims (s)", self.action_sources),
            ("Assumptions", "What the model assumes (a)", self.action_assumptions),
        ]

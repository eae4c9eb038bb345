"""The debrief: the game against the record, its turning points, questions for the
discussion, where it ended, the choices made, what happened next, and alternative
histories computed in a worker with a progress bar. Export writes it as Markdown, HTML,
plain text or JSON (`game.classroom.debrief.render`).

The screen is a list of sections (`DebriefScreen.SECTIONS`), each a function from the
screen to widgets. Slow parts run in workers: the turning points (counterfactual replays)
as soon as the screen opens, the alternative histories (`Session.alternatives`) on `h`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, ProgressBar, Static
from textual.worker import get_current_worker

from game.session import Alternatives, Debrief, SaveError, Session, TurningPoint, fmt_number
from game.ui.commands import Command
from game.ui.keys import binding_commands
from game.ui.messages import Navigate
from game.ui.screens.base import ReferenceScreens
from game.ui.text import plain
from game.ui.widgets.claims import Topics
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.ledger import ledger_table
from game.ui.words import day, sources_text

Progress = Callable[[int, int], None]  # (done, total)
# (session, runs, progress) -> the alternative histories (simulated)
AlternativesRunner = Callable[[Session, int, Progress], Alternatives]
DEFAULT_RUNS = 1000


def session_alternatives(session: Session, runs: int, progress: Progress) -> Alternatives:
    return session.alternatives(runs, progress=progress)


# What the debrief's alternative histories run (tests may point it elsewhere).
ALTERNATIVES: AlternativesRunner = session_alternatives


def _signed(x: float) -> str:
    r = round(x)
    return f"+{r:,}" if r > 0 else f"{r:,}" if r < 0 else "0"


def turning_point_text(tp: TurningPoint) -> Text:
    effects = [
        f"{_signed(tp.effect_killed)} killed",
        f"{_signed(tp.effect_injured)} injured",
        f"{_signed(tp.effect_left)} left the east",
    ]
    if abs(tp.effect_food_days) >= 0.05:
        effects.append(f"{tp.effect_food_days:+.1f} days of food")
    lines = plain(
        (f"Week {tp.week + 1}: {tp.title}\n", "bold"),
        f"  Effect by the end (simulated, averaged over {tp.samples} lucks): {', '.join(effects)}.",
    )
    for why in tp.why:
        lines.append_text(plain(f"\n  {why}"))
    return lines


def section_turning_points(screen: DebriefScreen) -> Iterable[Widget]:
    """The decisions and events that changed the outcome most: worked out in a worker."""
    yield Static(plain("Turning points"), classes="section-title")
    yield Static(plain("Working out which decisions and events changed the outcome most…"), id="turning-points")


def section_questions(screen: DebriefScreen) -> Iterable[Widget]:
    """Questions for the discussion, chosen from what was done in this game."""
    questions = screen.debrief.questions
    if not questions:
        return
    yield Static(plain("Questions to discuss"), classes="section-title")
    for q in questions:
        why = f"\n  (Because {q.why}.)" if q.tied and q.why else ""
        yield Static(plain(f"• {q.text}", (why, "italic")), classes="question")


def seed_words(d: Debrief) -> str:
    return f'class code "{d.code}", seed {d.seed}' if d.code else f"seed {d.seed}"


def section_record(screen: DebriefScreen) -> Iterable[Widget]:
    d = screen.debrief
    yield Static(plain("Your game against the record"), classes="section-title")
    yield Static(plain(f"Your figures are simulated ({seed_words(d)}); the record's name their sources."), classes="note")
    for line in d.ledger:
        value = fmt_number(round(line.value, 1))
        if line.band is None:
            yield Static(plain((f"{line.label}: ", "bold"), f"your game {value} (simulated)."))
            continue
        lo, hi = fmt_number(line.band[0]), fmt_number(line.band[1])
        yield Static(
            plain(
                (f"{line.label}: ", "bold"),
                f"your game {value} (simulated), {line.position} the record's range of {lo} to {hi}.\n",
                f"  Record: {line.record}. ",
                (sources_text(line.sources), "italic"),
            )
        )
        if len(line.claims) > 1:
            yield Static(Topics(line.claims), classes="claims")


def section_final(screen: DebriefScreen) -> Iterable[Widget]:
    yield Static(ledger_table(screen.debrief.final, "Where your game ended (simulated)"), classes="section")


def section_choices(screen: DebriefScreen) -> Iterable[Widget]:
    d = screen.debrief
    yield Static(plain("The dilemmas, and what was chosen"), classes="section-title")
    owner = {x.id: x.role for x in screen.session.scenario.dilemmas}
    lines = []
    for did, (title, label) in d.choice_labels.items():
        role = owner.get(did, "")
        who = "you" if role in d.roles else f"{d.role_names.get(role, role)} (computer)"
        lines.append(plain(f"• {title}: {label} — chosen by {who}."))
    yield Static(Text("\n").join(lines) if lines else plain("No dilemma was put to anyone."))


def section_epilogue(screen: DebriefScreen) -> Iterable[Widget]:
    yield Static(plain("What happened next (the record)"), classes="section-title")
    for e in screen.debrief.epilogue:
        yield Static(plain((f"{day(e.date)}: ", "bold"), e.text, "\n  ", (sources_text(e.sources), "italic")))
        if e.claims:
            yield Static(Topics(e.claims), classes="claims")


def section_alternatives(screen: DebriefScreen) -> Iterable[Widget]:
    yield Static(plain("Alternative histories"), classes="section-title")
    yield Static(
        plain(
            f"Press h to play {screen.runs:,} other games of the same siege with other luck: your"
            " own decisions, and every role played as it was historically. Your game is set among them."
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
        Binding(
            "h", "alternatives", "Alternative histories", id="alternatives",
            tooltip="play other games: your decisions with other luck, and the historical policy",
        ),
        Binding("x", "export", "Export", id="export", tooltip="write the debrief (Markdown) beside the save"),
        Binding("g", "charts", "Charts", id="charts", tooltip="charts of the ledger over time"),
        Binding("s", "sources", "Sources", id="sources", tooltip="every source with its stance and claims"),
        Binding("a", "assumptions", "Assumptions", id="assumptions", tooltip="the model's assumptions"),
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
        self.run_worker(self._turning_points, thread=True, group="turning-points")

    # -- turning points -------------------------------------------------------------
    def _turning_points(self) -> None:
        worker = get_current_worker()
        points = self.session.turning_points()
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_turning_points, points)

    def show_turning_points(self, points: tuple[TurningPoint, ...]) -> None:
        self.turning_points = points
        self.debrief = replace(self.debrief, turning_points=points)
        out = Text("\n\n").join(turning_point_text(tp) for tp in points) if points else plain(
            "No single decision or event stood out: the outcome was shaped by many small ones."
        )
        self.query_one("#turning-points", Static).update(out)
        if self.export_path:
            self.write_export(self.export_path, quiet=True)

    # -- export ----------------------------------------------------------------------
    def default_export(self, fmt: str) -> Path:
        return self.session.save_dir / f"{self.session.game_id}-debrief.{fmt}"

    def write_export(self, target: str | Path, fmt: str | None = None, *, quiet: bool = False) -> Path | None:
        from game.classroom.debrief import format_for, render
        from game.session.saves import write_text_atomic

        fmt = fmt or format_for(str(target))
        try:
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            path = write_text_atomic(target, render(self.debrief, self.summary, fmt), shared=True)
        except (SaveError, OSError) as e:
            self.notify(f"Could not export: {e}", severity="error", timeout=8)
            return None
        if not quiet:
            more = "" if self.summary else " (press h first to include the alternative histories)"
            self.notify(f"Debrief written to {path}{more}.", timeout=6)
        return path

    def action_export(self, fmt: str = "md") -> None:
        self.write_export(self.export_path or self.default_export(fmt), None if self.export_path else fmt)

    def action_charts(self) -> None:
        self.app.post_message(Navigate("charts", self.session, alternatives=self.summary))

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

    def show_alternatives(self, summary: Alternatives) -> None:
        self.summary = summary
        table = Table(box=None, title_justify="left")
        table.add_column(plain("measure"))
        table.add_column(plain("your game"), justify="right")
        table.add_column(plain("your decisions, other luck: median (10th–90th)"), justify="right")
        table.add_column(plain("historical: median (10th–90th)"), justify="right")
        table.add_column(plain("where yours stands"))
        for m in summary.measures:
            same, hist = m.same_decisions, m.historical
            table.add_row(
                plain(m.label),
                plain(fmt_number(round(m.value, 1))),
                plain(f"{fmt_number(round(same.median, 1))} ({fmt_number(round(same.p10, 1))}–{fmt_number(round(same.p90, 1))})"),
                plain(f"{fmt_number(round(hist.median, 1))} ({fmt_number(round(hist.p10, 1))}–{fmt_number(round(hist.p90, 1))})"),
                spread_strip(m.value, hist.p10, hist.median, hist.p90),
            )
        dropped = (
            f" In {summary.dropped_runs:,} of them some of your decisions could not be made and were left out."
            if summary.dropped_runs
            else ""
        )
        self.query_one("#alt-status", Static).update(
            plain(
                f"{summary.runs:,} alternative histories of each kind played (seeds {summary.seeds[0]:,} to"
                f" {summary.seeds[1]:,}). All figures simulated by the model.{dropped} The strip shows the"
                " historical policy's 10th to 90th percentile (═), its median (│) and your game (▲)."
            )
        )
        self.query_one("#alt-result", Static).update(table)
        if self.export_path:
            self.write_export(self.export_path, quiet=True)


    def palette_commands(self) -> list[Command]:
        return [
            *binding_commands(self, self.BINDINGS),
            ("Export (HTML)", "write the debrief as a web page beside the save", partial(self.action_export, "html")),
            ("Export (plain text)", "write the debrief as text beside the save", partial(self.action_export, "txt")),
            ("Export (JSON)", "write the debrief as data beside the save", partial(self.action_export, "json")),
        ]


STRIP = 21


def spread_strip(value: float, p10: float, median: float, p90: float) -> Text:
    """A small chart: the spread of other games from their 10th to 90th percentile (═),
    their median (│) and this game (▲), on a common scale; words say if it is outside."""
    lo, hi = min(p10, value), max(p90, value)
    width = hi - lo
    cells = [" "] * STRIP

    def at(x: float) -> int:
        return 0 if width <= 0 else min(STRIP - 1, max(0, round((x - lo) / width * (STRIP - 1))))

    for i in range(at(p10), at(p90) + 1):
        cells[i] = "═"
    cells[at(median)] = "│"
    cells[at(value)] = "▲"
    where = " below" if value < p10 else " above" if value > p90 else ""
    return plain("".join(cells), (where, "bold"))

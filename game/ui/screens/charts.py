"""The ledger over time (simulated), east and west, with the record's figures marked
where the record has one for that week. textual-plotext is imported only here."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from game.session import Session
from game.ui.commands import Command
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar

METRICS = {  # metric: (key, short name, title)
    "killed": ("k", "Killed", "Killed since the start"),
    "injured": ("i", "Injured", "Injured since the start"),
    "left": ("l", "Left", "People who left"),
    "present": ("p", "Present", "People present"),
    "food_days": ("f", "Food", "Days of food in the east"),
    "hospitals": ("h", "Hospitals", "Hospitals working"),
}


class ChartsScreen(Screen[None]):
    CSS_PATH = "charts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"metric('{m}')", short, id=f"chart-{m}") for m, (key, short, _) in METRICS.items()),
        Binding("escape,enter", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, metric: str = "killed") -> None:
        super().__init__()
        self.session = session
        self.metric = metric

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield PlotextPlot(id="plot")
        yield Static(id="chart-note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        s = self.session
        hist = s.history()
        weeks = list(range(len(hist)))
        widget = self.query_one("#plot", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        label = METRICS[self.metric][2]
        zones = ("east",) if self.metric == "food_days" else ("east", "west")
        for zone, marker in zip(zones, ("braille", "dot"), strict=False):
            ys = [float(h[zone][self.metric] or 0) for h in hist]
            plt.plot(weeks, ys, label=f"{zone} (simulated)", marker=marker)
        marks = [m for m in s.record_marks() if m.metric == self.metric and m.zone in zones]
        notes = []
        for m in marks:
            plt.scatter([m.week, m.week], list(m.band), marker="x", label=f"record: {m.zone}")
            notes.append(f"x = the record's range in week {m.week}: {m.label} ({m.record}).")
        plt.title(f"{label}, week by week (simulated; x marks the record)")
        plt.xlabel("week (0 = start)")
        plt.xlim(0, max(s.n_weeks, 1))
        widget.refresh()
        text = "\n".join(notes) if notes else "The record has no figure for this measure in a single week."
        self.query_one("#chart-note", Static).update(plain(text))

    def action_metric(self, metric: str) -> None:
        self.metric = metric
        self.draw()

    def action_back(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[Command]:
        from functools import partial

        return [
            (f"Chart: {title}", f"Show {title.lower()} ({key})", partial(self.action_metric, m))
            for m, (key, _, title) in METRICS.items()
        ]

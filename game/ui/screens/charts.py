"""The ledger over time (simulated), east and west, with the record's figures marked
where the record has one for that week and, once the debrief has played them, the spread
of the alternative histories at the end. textual-plotext is imported only here."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from game.model.scenario import FINAL_MEASURES
from game.session import Alternatives, Session
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

    def __init__(self, session: Session, metric: str = "killed", alternatives: Alternatives | None = None) -> None:
        super().__init__()
        self.session = session
        self.metric = metric
        self.alternatives = alternatives

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
        if self.alternatives is not None:
            end = len(hist) - 1
            by_id = {a.id: a for a in self.alternatives.measures}
            for mid, (zone, metric, _) in FINAL_MEASURES.items():
                alt = by_id.get(mid)
                if alt is None or metric != self.metric or zone not in zones:
                    continue
                for dist, x, kind in ((alt.historical, end + 0.25, "historical"), (alt.same_decisions, end + 0.5, "your decisions")):
                    plt.plot([x, x], [dist.p10, dist.p90], marker="+", label=f"{zone}: {kind}, other luck")
                    notes.append(
                        f"+ at the end = {zone}, {kind} with other luck: 10th to 90th percentile"
                        f" {dist.p10:,.0f} to {dist.p90:,.0f}, median {dist.median:,.0f} (simulated);"
                        f" this game {alt.value:,.0f}."
                    )
        plt.title(f"{label}, week by week (simulated; x marks the record)")
        plt.xlabel("week (0 = start)")
        plt.xlim(0, max(s.n_weeks, 1) + (1 if self.alternatives is not None else 0))
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

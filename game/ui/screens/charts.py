"""The ledger over time (simulated), a panel per zone on its own scale, with the record's
figures marked where the record has one for that week and, once the debrief has played
them, the spread of the alternative histories at the end. What the panels show, and
every word and number on them, comes from game.present.plot; this screen only draws.
textual-plotext is imported only here."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from game.present.keys import READING
from game.present.plot import SHORT_NAMES, Panel, chart_command, ledger_plot
from game.session import Alternatives, Session
from game.ui.commands import Command
from game.ui.keys import bound
from game.ui.text import plain
from game.ui.widgets.keybar import KeyBar

METRICS = {"killed": "k", "injured": "i", "left": "l", "present": "p", "food_days": "f", "hospitals": "h"}  # metric: key
MARKERS = {"line": "braille", "record": "x", "spread": "+"}
COLOURS = {"line": "cyan", "record": "red", "spread": "orange"}


class ChartsScreen(Screen[None]):
    CSS_PATH = "charts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"metric('{m}')", SHORT_NAMES[m], id=f"chart-{m}") for m, key in METRICS.items()),
        bound("escape,enter", "back", "back", READING),
    ]

    def __init__(self, session: Session, metric: str = "killed", alternatives: Alternatives | None = None) -> None:
        super().__init__()
        self.session = session
        self.metric = metric
        self.alternatives = alternatives

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(id="chart-title")
        with Horizontal(id="plots"):
            yield PlotextPlot(id="plot-0", classes="plot")
            yield PlotextPlot(id="plot-1", classes="plot")
        yield Static(id="chart-note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        s = self.session
        plot = ledger_plot(s.history(), s.n_weeks, s.record_marks(), self.metric, self.alternatives)
        self.query_one("#chart-title", Static).update(plain((plot.title, "bold")))
        for i in range(2):
            widget = self.query_one(f"#plot-{i}", PlotextPlot)
            widget.display = i < len(plot.panels)
            if i < len(plot.panels):
                self.draw_panel(widget, plot.panels[i])
        self.query_one("#chart-note", Static).update(plain(plot.note))

    def draw_panel(self, widget: PlotextPlot, panel: Panel) -> None:
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        for ln in panel.lines:
            plt.plot(ln.xs, ln.ys, marker=MARKERS[ln.kind], color=COLOURS[ln.kind])
        plt.title(panel.title)
        plt.xlabel(panel.x_title)
        # whole weeks only, as many as the panel's width leaves room for
        width = max(widget.size.width - 12, 10)
        step = next(k for k in (1, 2, 4, 5, 10, 20, 50) if len(panel.x_ticks) / k * 3 <= width)
        ticks = panel.x_ticks[::step]
        plt.xticks([t for t, _ in ticks], [w for _, w in ticks])
        plt.xlim(0, panel.x_max)
        plt.yticks([t for t, _ in panel.y_ticks], [w for _, w in panel.y_ticks])
        plt.ylim(0, panel.y_max)
        widget.refresh()

    def action_metric(self, metric: str) -> None:
        self.metric = metric
        self.draw()

    def action_back(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[Command]:
        from functools import partial

        return [
            (*chart_command(m, key), partial(self.action_metric, m))
            for m, key in METRICS.items()
        ]

"""The week's report: what each role did, what changed, and why, biggest causes first."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from game.engine.core import WeekReport
from game.session import Session, fmt_number
from game.ui.screens.base import ReadingScreen
from game.ui.text import plain
from game.ui.words import span

MAX_CAUSES = 8
METRICS = (
    ("killed", "killed"),
    ("injured", "injured"),
    ("left", "left"),
    ("present", "present"),
    ("food_days", "food (days)"),
    ("hospitals", "hospitals"),
)


def signed(x: float) -> str:
    if abs(x) < 0.05:
        return "±0"
    return ("+" if x > 0 else "−") + fmt_number(round(abs(x), 1))


class ReportScreen(ReadingScreen):
    def __init__(self, session: Session, report: WeekReport) -> None:
        self.session = session
        self.report = report
        start = dt.date.fromisoformat(report.date)
        self.heading = f"Week {report.week + 1} played ({span(start, start + dt.timedelta(days=6))}): what changed and why"
        super().__init__()

    def body(self) -> ComposeResult:
        s, r = self.session, self.report
        c = s.compiled
        lines: list[Text] = []
        for role in c.roles:
            names = {a.id: a.name for a in s.scenario.roles[c.roles.index(role)].actions}
            who = "You" if role in s.roles else f"{s.role_info(role).name} ({s.policy} policy)"
            if len(s.roles) > 1 and role in s.roles:
                who = s.role_info(role).name
            acts = [(a, o) for (ro, a, o) in r.actions if ro == role]
            if acts:
                lines.append(plain((f"{who}:", "bold")))
                lines += [plain(f"  • {names.get(a, a)}: {o}.") for a, o in acts]
            elif role in s.roles:
                lines.append(plain((f"{who}:", "bold"), " no actions this week."))
            for did, opt in [(d, o) for (ro, d, o) in r.choices if ro == role]:
                dl = next((x for x in s.scenario.dilemmas if x.id == did), None)
                if dl is not None:
                    label = next((o.label for o in dl.options if o.id == opt), opt)
                    lines.append(plain(f"  • Dilemma “{dl.title}”: {label}."))
        for outcome in r.outcomes:
            lines.append(plain(f"  • {outcome}"))
        yield Static(Text("\n").join(lines) if lines else plain("Nobody acted this week."))
        table = Table(title=plain("Changes this week (simulated)", style="bold"), title_justify="left", box=None)
        table.add_column(plain("measure"))
        table.add_column(plain("East"), justify="right")
        table.add_column(plain("West"), justify="right")
        for metric, label in METRICS:
            cells = []
            for zone in ("east", "west"):
                a, b = r.before[zone][metric], r.after[zone][metric]
                if a is None or b is None:
                    cells.append(plain("–"))
                else:
                    cells.append(plain(f"{signed(float(b) - float(a))} (now {fmt_number(round(float(b), 1))})"))
            table.add_row(plain(label), *cells)
        yield Static(table, classes="section")
        yield Static(plain("Why, biggest first (simulated)"), classes="section-title")
        causes = sorted(r.causes, key=lambda x: -abs(x.amount))[:MAX_CAUSES]
        if causes:
            yield Static(Text("\n").join(plain(f"{i + 1}. {x.text}") for i, x in enumerate(causes)))
        else:
            yield Static(plain("Nothing large changed this week."))
        yield Static(plain("Enter or escape: back to the week."), classes="note")

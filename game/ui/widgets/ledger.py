"""The civilian ledger, east / west / total, as a table of plain text."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from game.session import fmt_number

ROWS = (
    ("present", "present"),
    ("killed", "killed"),
    ("injured", "injured"),
    ("left", "left"),
    ("food_days", "food (days)"),
    ("hospitals", "hospitals"),
)
ZONES = (("east", "East"), ("west", "West"), ("total", "Total"))


def figure(value: Any, metric: str) -> str:
    if value is None:
        return "–"
    digits = 1 if metric == "food_days" else 0
    return fmt_number(round(float(value), digits))


def ledger_table(entry: dict[str, Any], title: str = "Civilian ledger (simulated)") -> Table:
    """One ledger entry (a `Session.ledger()` or a history entry) as a table."""
    table = Table(
        title=Text(title, style="bold"),
        caption=Text("Simulated by the model, not a record.", style="italic"),
        expand=False,
        box=None,
        padding=(0, 1),
        title_justify="left",
        caption_justify="left",
    )
    table.add_column(Text("measure"), no_wrap=True)
    for _, name in ZONES:
        table.add_column(Text(name), justify="right", no_wrap=True)
    for metric, label in ROWS:
        table.add_row(Text(label), *(Text(figure(entry[z][metric], metric)) for z, _ in ZONES))
    return table

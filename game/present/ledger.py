"""The civilian ledger (simulated) as a table: a row per measure, a column per zone."""

from __future__ import annotations

from typing import Any

from game.present.doc import Cell, Table
from game.present.labels import LEDGER_TITLE
from game.present.words import number

LEDGER_ROWS = (
    ("present", "present"),
    ("killed", "killed"),
    ("injured", "injured"),
    ("left", "left"),
    ("food_days", "food (days)"),
    ("hospitals", "hospitals"),
)
LEDGER_ZONES = (("east", "East"), ("west", "West"), ("total", "Total"))


def figure(value: Any, metric: str) -> Cell:
    """A ledger figure: whole people, food in days with one decimal."""
    if value is None:
        return Cell("–")
    v = float(value)
    return Cell(number(v, 1 if metric == "food_days" else 0), "number", v)


LEDGER_CAPTION = (
    "Simulated by the model, not a record. Total: the whole city, the Kurdish-held district"
    " included; food is counted in the east only."
)


def _cell(entry: dict[str, Any], zone: str, metric: str) -> Cell:
    # The food of the east alone is counted: the total's would repeat it as the city's.
    return figure(None if zone == "total" and metric == "food_days" else entry[zone][metric], metric)


def ledger_table(entry: dict[str, Any], title: str = LEDGER_TITLE, *, id: str = "ledger") -> Table:
    """One ledger entry (a `Session.ledger()` or a history entry) as a table. The total
    is the whole city's (east, west and the Kurdish-held district), so it is more than
    east and west together, as the caption says."""
    rows = tuple((Cell(label), *(_cell(entry, z, metric) for z, _ in LEDGER_ZONES)) for metric, label in LEDGER_ROWS)
    return Table(
        ("measure", *(name for _, name in LEDGER_ZONES)),
        rows,
        title=title,
        caption=LEDGER_CAPTION,
        numeric=(False, True, True, True),
        id=id,
    )


def zone_summary(entry: dict[str, Any], zone: str) -> str:
    """One zone of a ledger entry in a sentence's words ("290,371 people present, 64
    killed, ..."), for a reader who goes line by line."""
    z = entry[zone]
    parts = [
        f"{number(z['present'], 0)} people present",
        f"{number(z['killed'], 0)} killed",
        f"{number(z['injured'], 0)} injured",
        f"{number(z['left'], 0)} left",
    ]
    if z.get("food_days") is not None:
        parts.append(f"food for {number(float(z['food_days']), 1)} days")
    parts.append(f"{number(z['hospitals'], 0)} hospitals working")
    return ", ".join(parts)

"""The civilian ledger, east / west / total, as a table (worded by game.present.ledger)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from game.present import ledger
from game.present.labels import LEDGER_TITLE
from game.ui.widgets.document import rich_table


def ledger_table(entry: dict[str, Any], title: str = LEDGER_TITLE) -> Table:
    """One ledger entry (a `Session.ledger()` or a history entry) as a table."""
    return rich_table(ledger.ledger_table(entry, title))

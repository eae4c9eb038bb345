"""The yardstick for start-up: a minimal Textual app with a Header, a DataTable, a Log
and a Footer. `benchmarks/ui.py` launches it beside the game."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Log


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Log()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("zone", "present", "killed")
        table.add_row("east", "275,000", "0")
        self.query_one(Log).write_line("ready")


if __name__ == "__main__":
    MinimalApp().run()

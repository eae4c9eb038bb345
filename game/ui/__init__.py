"""The Textual game. Importing this package is cheap: the app is imported on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.session import Session


def run_app(session: Session | None = None) -> int:
    """Run the full-screen game (at the title screen if `session` is None); returns the
    exit code. On leaving, prints where the game was saved."""
    from game.ui.app import CorridorsApp

    app = CorridorsApp(session)
    app.run()
    if app.farewell:
        print(app.farewell)
    return 0

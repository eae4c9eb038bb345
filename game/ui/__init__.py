"""The Textual game. Importing this package is cheap: the app is imported on demand
(and the cycle collector runs rarely until the game has started: `startup`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui import startup as startup

if TYPE_CHECKING:
    from collections.abc import Callable

    from game.session import Session
    from game.ui.screens.join import Join
    from game.ui.screens.watch import Poll


def run_app(
    session: Session | None = None,
    *,
    loader: Callable[[], Session] | None = None,
    export: str | Callable[[], str | None] | None = None,
    join: Join | None = None,
    farewell: bool = True,
    watch: Poll | None = None,
) -> int:
    """Run the full-screen game and return the exit code: at the title screen, or at the
    week of `session`, or of the session `loader` makes once the first frame is up (an
    error the loader raises is raised here, after the app has closed). On leaving,
    prints where the game was saved. `export`: the file the debrief is written to when
    the game ends (or a function that says it, once the loader has run). `join`: the
    game opens at the class code and name, and `join` makes the class's game from them.
    `farewell`: print where the game was saved (not into a browser page's stream).
    `watch`: the teacher's watch of a class instead of a game (`poll` reads it)."""
    from game.ui.app import CorridorsApp

    app = CorridorsApp(session, loader=loader, export=export, join=join, watch=watch)
    app.run()
    if app.error is not None:
        raise app.error
    if app.farewell and farewell:
        print(app.farewell)
    return 0

"""One browser tab's game process, started by textual-serve with an environment of the
game's own instead of a copy of the server's.

textual-serve 1.x has no public way to give a process its environment: its AppService
copies the server's whole environment in a private method, `_build_environment(width,
height)`, which its private `_open_app_process` passes to the process it starts. The
game's one use of that private method is `GameProcess._build_environment` below, which
keeps only textual-serve's terminal variables from it (`SERVER_VARIABLES`) and adds the
game's allow-list (settings.game_process_environment). tests/test_serve.py checks that
textual-serve still has these two methods and still calls the one from the other (so a
textual-serve that changes them fails there, loudly, rather than quietly handing the
teacher's environment on), and reads a served game's environment from /proc.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual_serve.app_service import AppService

from game import settings

# What textual-serve itself sets for a game process: how to draw into the page.
SERVER_VARIABLES = (
    "TEXTUAL_DRIVER", "TEXTUAL_FPS", "TEXTUAL_COLOR_SYSTEM",
    "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "COLUMNS", "ROWS",
)
# The private names of textual-serve that this module relies on (checked by a test).
PRIVATE_HOOK = "_build_environment"
PRIVATE_CALLER = "_open_app_process"


def game_environment(served: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    """A game process's whole environment: textual-serve's terminal variables out of
    the environment it made (`served`), the allow-listed ones of this process, `extra`."""
    own = {name: served[name] for name in SERVER_VARIABLES if name in served}
    return settings.game_process_environment({**extra, **own})


class GameProcess(AppService):
    """One browser tab's game: textual-serve's process, with an environment made from
    the allow-list instead of a copy of the server's."""

    def __init__(self, *args: Any, extra: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra = extra

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        """textual-serve's private hook (see the module's docstring): the only place the
        game reaches into textual-serve."""
        return game_environment(super()._build_environment(width=width, height=height), self.extra)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self, wait: float) -> None:
        """Ask the game to stop and wait for it to leave (it keeps its result after
        its screen has closed), then end it if it has not."""
        process = self._process

        async def stopped() -> None:
            await self.stop()
            if process is not None:
                await process.wait()

        try:
            await asyncio.wait_for(stopped(), wait)
        except TimeoutError:
            pass
        if process is not None and process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass

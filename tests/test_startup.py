"""The cycle collector while the full-screen game starts (game.ui.startup): it runs
rarely from the import of game.ui until the game has started, then every object made
so far is frozen out of its scans and its usual thresholds are back. Each check runs in
a fresh interpreter, whose collector no other test has touched."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import gc, json
usual = gc.get_threshold()
import game.ui
from game.ui import startup
starting = gc.get_threshold()
frozen_before = gc.get_freeze_count()
startup.settle()
settled = gc.get_threshold()
frozen = gc.get_freeze_count()
startup.settle()
print(json.dumps([usual, starting, frozen_before, settled, frozen, gc.get_freeze_count(), gc.isenabled()]))
"""


def test_collector_runs_rarely_until_the_game_has_started_then_as_usual() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    usual, starting, frozen_before, settled, frozen, frozen_again, enabled = json.loads(out)
    from game.ui.startup import STARTING

    assert starting[0] >= STARTING > usual[0]
    assert starting[1:] == usual[1:]
    assert settled == usual  # the usual thresholds are back
    assert frozen_before == 0 and frozen > 1000  # the start-up's objects are out of the scans
    assert frozen_again == frozen  # only the first call freezes
    assert enabled


def test_a_game_made_after_the_first_frame_opens_at_its_week() -> None:
    """`corridors play`'s path: the app's first frame is the loading screen, the loader
    runs after it (in a thread), and the week of the session it made opens."""
    import asyncio
    import threading

    from game.session import Session
    from game.ui.app import CorridorsApp
    from game.ui.screens.modals import LoadingScreen
    from game.ui.screens.week import WeekScreen

    made: list[str] = []

    def loader() -> Session:
        made.append(threading.current_thread().name)
        return Session.new(seed=1, autosave=False)

    async def run() -> None:
        app = CorridorsApp(loader=loader, blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            assert isinstance(app.screen, LoadingScreen) or made
            for _ in range(100):
                if isinstance(app.screen, WeekScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, WeekScreen)
            assert app.session is not None and app.session.seed == 1
            await pilot.pause(0.3)  # the week's header and tabs settle before the app closes
        assert made and made[0] != threading.main_thread().name

    asyncio.run(run())

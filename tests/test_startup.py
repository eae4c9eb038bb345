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

"""The warming process (`python -m game.classroom.warming STORE CODE`, started by
game.classroom.families.warm): the class's historical family, played before its first
student needs it and kept in the class's results store."""

from __future__ import annotations

import sys

from game.classroom.classes import class_session, find_class
from game.classroom.families import share

WARM_RUNS = 1000  # the alternative histories a debrief plays by default


def warm_here(store_spec: str | None, code: str, runs: int = WARM_RUNS) -> None:
    """The class's historical family, played (or found) now and kept in the store."""
    settings, _ = find_class(store_spec, code)
    share(store_spec)
    session = class_session(settings)
    session.autosave = False
    session.historical_family(runs)


if __name__ == "__main__":  # python -m game.classroom.warming STORE CODE
    try:
        warm_here(sys.argv[1] or None, sys.argv[2])
    except Exception:  # noqa: BLE001 - a warming that fails costs only the first student's wait
        raise SystemExit(1) from None

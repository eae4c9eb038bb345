"""The debrief's historical families kept in a class's results store, so that the
servers of one class (and every game process of one server) share them: the
`histories.shared` of a class's game, and the warming of a class's family before its
first student needs it (`corridors class new` and `corridors serve` start it in a
process of their own, which never delays them)."""

from __future__ import annotations

import os
import subprocess
import sys

from game.session import histories


class StoreFamilies:
    """`histories.Shared` over a results store; a store that cannot be used now is
    played around (the families stay in the machine's cache folder)."""

    def __init__(self, store_spec: str | os.PathLike[str] | None) -> None:
        self.store_spec = store_spec

    def get(self, key: str) -> str | None:
        from game.classroom.storeopen import open_store

        try:
            with open_store(self.store_spec) as store:
                return store.family(key)
        except Exception:  # noqa: BLE001 - played around, as a cache is
            return None

    def put(self, key: str, text: str) -> None:
        from game.classroom.storeopen import open_store

        try:
            with open_store(self.store_spec) as store:
                store.put_family(key, text)
        except Exception:  # noqa: BLE001 - played around, as a cache is
            pass


def share(store_spec: str | os.PathLike[str] | None) -> None:
    """This process's class games read and keep their families in the store."""
    histories.shared = StoreFamilies(store_spec)


def warm(store_spec: str | os.PathLike[str] | None, code: str) -> subprocess.Popen[bytes] | None:
    """Play the class's historical family in a process of its own, in the background,
    and keep it in the store (None if it cannot be started; game.classroom.warming).
    It outlives the command that starts it; it plays nothing if the family is kept
    already."""
    argv = [sys.executable, "-m", "game.classroom.warming", str(store_spec or ""), code]
    try:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None

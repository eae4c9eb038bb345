"""The debrief's historical alternative histories, computed once and kept.

Every role played by the historical policy on the seeds after a game's: that family of
games depends only on the scenario's content, the engine, the seeds and the measures read
from them, never on what a player decided. Every game of a class (one seed) compares
itself with the same family, so it is played once and kept in the cache folder
(`settings.alternatives_cache_folder`), one JSON file per family, named by a hash of
everything the numbers depend on (`family_key`):

    the entry's format, the compiled scenario's content (`scenario_hash`), the engine's
    luck scheme, the code that plays and measures the games (the sources of the engine,
    the model, the scenario loader and the debrief's replays, with the interpreter),
    the policy, the measures, the number of runs and every seed.

A changed scenario or engine gives another key, so an entry is never stale. An entry is
written atomically (a temporary file renamed over it); one that cannot be read, does not
parse or does not fit the family asked for is ignored and the family played again; a
cache that cannot be written is no error. While one game plays a family, another game
that needs the same one waits for it (a lock file beside the entry) instead of playing it
too, so thirty debriefs of a class finishing together play it once. A class's game also
reads and keeps families in the class's results store (`shared`, set by the classroom),
so the servers of one class share them, and a family played before the lesson (when the
class is made or served) is there for its first student.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from game import accel, settings
from game.engine import luck
from game.engine.compiled import Compiled
from game.session import review
from game.session.review.common import Progress
from game.session.saves import scenario_hash

try:
    import fcntl
except ImportError:  # not on Windows: games there take no locks
    fcntl = None  # type: ignore[assignment]

ENTRY_FORMAT = "corridors-historical-family"
ENTRY_VERSION = 1
POLICY = "historical"
KEEP = 32  # entries kept in the folder; the least recently used go first
LOCK_WAIT = 600.0  # seconds a game waits for another to finish the same family
MEMORY_KEEP = 4  # families kept in this process too

Rows = list[tuple[float, ...]]
Compute = Callable[[Compiled, Sequence[int], "Progress | None"], Rows]

class Shared(Protocol):
    """Families kept where several processes or servers read them (a class's results
    store, game.classroom.families): the entry's JSON by its key. Never raises."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, text: str) -> None: ...


# Set by a class's game: families are read there first and kept there too.
shared: Shared | None = None

_memory: OrderedDict[str, Rows] = OrderedDict()
# What happened to each request, for tests and benchmarks: "memory", "shared", "file" or
# "played".
served: list[str] = []


@lru_cache(maxsize=1)
def code_key() -> str:
    """A hash of the code the family's numbers come from: the engine, the model and the
    scenario loader (as the compiled build's key covers them, with the interpreter) and
    the debrief's replays and measures. "" if a source cannot be read (nothing is
    kept then)."""
    try:
        h = hashlib.sha256(accel.source_key().encode())
        for p in sorted(Path(review.__file__).parent.glob("*.py")):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    except OSError:
        return ""
    return h.hexdigest()


def luck_scheme() -> str:
    """The name of the engine's chance generator, where the engine names it."""
    return str(getattr(luck, "GENERATOR", "per-week-streams"))


def family_key(c: Compiled, seeds: Sequence[int]) -> str | None:
    """The name of the historical family of `c` on `seeds` (None: it cannot be kept)."""
    code = code_key()
    if not code:
        return None
    parts = [
        f"{ENTRY_FORMAT} {ENTRY_VERSION}",
        scenario_hash(c.sc),
        f"calendar {len(c.weeks)}",  # a game ended early opens the week after its last
        luck_scheme(),
        code,
        f"policy {POLICY}",
        "measures " + ",".join(review.measure_ids(c)),
        f"runs {len(seeds)}",
        "seeds " + ",".join(str(int(s)) for s in seeds),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def historical_rows(
    c: Compiled,
    seeds: Sequence[int],
    progress: Progress | None = None,
    *,
    compute: Compute | None = None,
) -> Rows:
    """The measures (`review.measure_ids`) of the historical family of `c` on `seeds`,
    one row per seed in order: kept from an earlier game if there is an entry for it,
    else played (`compute`, by default `review.historical_rows`, telling `progress`) and
    kept. Never raises for the cache: a cache that cannot be used is played around."""
    play = compute or review.historical_rows
    seeds = [int(s) for s in seeds]
    ids = tuple(review.measure_ids(c))
    key = family_key(c, seeds)
    if key is None:
        served.append("played")
        return play(c, seeds, progress)
    if key in _memory:
        _memory.move_to_end(key)
        served.append("memory")
        return _memory[key]
    folder = settings.alternatives_cache_folder().path
    kept = shared.get(key) if shared is not None else None
    rows = _parse(kept, key, ids, seeds) if kept is not None else None
    how = "shared"
    if rows is None:
        rows = _read(folder, key, ids, seeds)
        how = "file"
        if rows is not None and shared is not None:
            shared.put(key, _entry(key, ids, seeds, rows))
    if rows is None:
        with _held(folder, key):
            rows = _read(folder, key, ids, seeds)  # another game may have played it meanwhile
            if rows is None:
                rows = [tuple(float(x) for x in r) for r in play(c, seeds, progress)]
                how = "played"
                _write(folder, key, ids, seeds, rows)
                if shared is not None:
                    shared.put(key, _entry(key, ids, seeds, rows))
    served.append(how)
    _memory[key] = rows
    while len(_memory) > MEMORY_KEEP:
        _memory.popitem(last=False)
    return rows


def forget() -> None:
    """Forget the families kept in this process (the files stay)."""
    _memory.clear()


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}.json"


def _read(folder: Path, key: str, ids: tuple[str, ...], seeds: list[int]) -> Rows | None:
    """The kept family, or None if there is no usable entry for exactly this family."""
    path = entry_path(folder, key)
    try:
        out = _parse(path.read_bytes(), key, ids, seeds)
    except OSError:  # no entry
        return None
    if out is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
    return out


def _parse(text: str | bytes, key: str, ids: tuple[str, ...], seeds: list[int]) -> Rows | None:
    """An entry's rows, or None if it is not an entry for exactly this family."""
    try:
        doc = json.loads(text)
    except ValueError:  # not JSON (UnicodeDecodeError is a ValueError)
        return None
    try:
        if (
            doc["format"] != ENTRY_FORMAT
            or doc["version"] != ENTRY_VERSION
            or doc["key"] != key
            or doc["measures"] != list(ids)
            or doc["seeds"] != seeds
        ):
            return None
        rows = doc["rows"]
        if not isinstance(rows, list) or len(rows) != len(seeds):
            return None
        out: Rows = []
        for row in rows:
            if not isinstance(row, list) or len(row) != len(ids):
                return None
            values = tuple(float(x) for x in row if isinstance(x, int | float) and not isinstance(x, bool))
            if len(values) != len(ids) or not all(math.isfinite(v) for v in values):
                return None
            out.append(values)
    except (KeyError, TypeError, ValueError):
        return None
    return out


def _entry(key: str, ids: tuple[str, ...], seeds: list[int], rows: Rows) -> str:
    doc = {
        "format": ENTRY_FORMAT,
        "version": ENTRY_VERSION,
        "key": key,
        "measures": list(ids),
        "seeds": seeds,
        "rows": [list(r) for r in rows],
    }
    return json.dumps(doc, allow_nan=False, separators=(",", ":"))


def _write(folder: Path, key: str, ids: tuple[str, ...], seeds: list[int], rows: Rows) -> None:
    """Keep the family atomically; a cache that cannot be written is no error."""
    tmp: str | None = None
    try:
        text = _entry(key, ids, seeds, rows)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, entry_path(folder, key))
        tmp = None
        _prune(folder)
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    entries = sorted(folder.glob("*.json"), key=used, reverse=True)
    for p in entries[KEEP:]:
        with contextlib.suppress(OSError):
            p.unlink()
        with contextlib.suppress(OSError):
            (folder / f".{p.stem}.lock").unlink()


@contextlib.contextmanager
def _held(folder: Path, key: str) -> Iterator[None]:
    """Hold the family's lock while it is played, waiting (at most LOCK_WAIT seconds)
    for a game that is playing it. Without locks (a folder that cannot be written, a
    system without them) the family is simply played."""
    fd: int | None = None
    if fcntl is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder / f".{key}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            fd = None
    try:
        if fd is not None:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.2)
                except OSError:
                    break  # a file system without locks
        yield
    finally:
        if fd is not None:
            os.close(fd)  # lets go of the lock

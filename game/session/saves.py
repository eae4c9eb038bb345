"""Save files: versioned JSON, written atomically, read with one-line errors.

A save holds everything needed to resume a game and to check it:

    {
      "format": "corridors-save",
      "version": 4,
      "game": "aleppo-2016-20240101-120000-s7-1a2b",   # names the autosave file
      "saved_at": "2024-01-01T12:00:00+00:00",
      "scenario": "aleppo-2016",                       # the scenario's id
      "scenario_ref": "aleppo-2016",                   # registry id or path it came from
      "scenario_hash": "sha256:...",                   # hash of the scenario's content
      "seed": 7,
      "code": "",                                      # the class code the seed came from
      "roles": ["coordinator"],                        # played by people
      "content": "standard",                           # or "gentle" (v1: "full")
      "length": "full",                                # or "lesson" (v4)
      "policy": "historical",                          # plays every other role
      "weeks": 20,                                     # weeks in the game
      "log": [{"week": 0, "decisions": {"coordinator": {"actions": [...], "choices": {...}}}}],
      "turn": 0,                                       # whose turn it is now (index in roles)
      "plans": {"coordinator": {"actions": [...], "choices": {...}}},  # this week's, so far
      "state": {...}                                   # game.model.state.state_to_json
    }

The log records every role's decisions, automated ones included, so replaying it needs
no policy: a new game from the seed, stepped with the log, must equal the saved state.
`turn` and `plans` are the week in progress: a game saved halfway through a week (a
player has planned, or a hot-seat player's turn is over) continues there.

Reading never writes, and reads only a regular file (a named pipe, a device, a socket or
a folder in its place is refused at once, never waited on or read without end); writing
goes to a temporary file in the target's folder, is flushed and synced to disk, and only
then renamed over the target, so a failed save leaves the previous file as it was. A
target that is not a regular file is never replaced.

A game that saves to a file holds a lock on it (`SaveLock`: a lock file beside it, released
when the process ends), so two games continued from the same save never both write it:
the second is told, and saves to a file of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import settings
from game.engine.luck import GENERATOR
from game.model.scenario import Scenario
from game.model.state import RoleDecision

FORMAT = "corridors-save"
CURRENT_VERSION = 4
MAX_SAVE_BYTES = 50_000_000

# Migrations: MIGRATIONS[n] turns the data of a version-n save into a version-(n + 1)
# save. When the format changes, raise CURRENT_VERSION and add the function that
# upgrades the previous version.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 renamed the content level "full" to "standard"."""
    if data.get("content") == "full":
        data["content"] = "standard"
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 keeps the week in progress (whose turn it is, the plans made so far),
    the class code the seed came from and the number of weeks. A version-2 save was
    made between weeks, with no plan kept and its seed a number: the first player's
    turn, no plans, no code; its number of weeks is left to the scenario."""
    data.setdefault("turn", 0)
    data.setdefault("plans", {})
    data.setdefault("code", "")
    data.setdefault("weeks", None)
    return data


def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 keeps the game's length: "full" (a turn a week) or "lesson" (the
    scenario's lesson calendar). Every earlier save is of the full game."""
    data.setdefault("length", "full")
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


class SaveError(Exception):
    """A save that cannot be read or written. Its message is one line naming the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


class LogEntry(BaseModel):
    """One week of the decision log: what every role decided."""

    model_config = ConfigDict(extra="forbid")

    week: int = Field(ge=0)
    decisions: dict[str, RoleDecision]


class SaveFile(BaseModel):
    """The checked shape of a save (after migration to the current version)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["corridors-save"]
    version: int
    game: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")
    saved_at: str = ""
    scenario: str = Field(min_length=1, max_length=64)
    scenario_ref: str = Field(min_length=1, max_length=4096)
    scenario_hash: str = Field(min_length=1, max_length=200)
    seed: int
    code: str = Field(default="", max_length=40)
    player: str = Field(default="", max_length=80)  # the player's or team's name
    roles: list[str]
    content: Literal["standard", "gentle"]
    length: Literal["lesson", "full"] = "full"
    policy: str = Field(min_length=1, max_length=64)
    weeks: int | None = Field(default=None, ge=1)
    log: list[LogEntry]
    turn: int = Field(default=0, ge=0)
    plans: dict[str, RoleDecision] = {}
    state: dict[str, Any]


# ------------------------------------------------------------------------- paths


def default_save_dir() -> Path:
    """The saves folder of `game.settings`: `$CORRIDORS_HOME/saves`, else saves/ in the
    user data folder (~/.local/share/corridors/saves on Linux)."""
    return settings.saves_folder().path


# ----------------------------------------------------------------- scenario hash

_HASHES: dict[int, tuple[Scenario, str]] = {}


def scenario_hash(sc: Scenario) -> str:
    """A hash of a scenario's content (its checked data, not its files' layout or
    comments) and of the engine's luck (`luck.GENERATOR`): a save made with other
    content, or under other luck, cannot be resumed as it is (it is played again)."""
    cached = _HASHES.get(id(sc))
    if cached is not None and cached[0] is sc:
        return cached[1]
    digest = hashlib.sha256((GENERATOR + "\n" + sc.model_dump_json(by_alias=True)).encode("utf-8")).hexdigest()
    value = f"sha256:{digest}"
    _HASHES[id(sc)] = (sc, value)
    return value


# ---------------------------------------------------------------------- writing


def write_atomic(path: str | os.PathLike[str], data: dict[str, Any]) -> Path:
    """Write `data` as JSON to `path` atomically; raise SaveError (leaving any existing
    file untouched and no temporary file behind) if anything fails."""
    target = Path(path)
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1)
    except (TypeError, ValueError) as e:
        raise SaveError(
            target, f"cannot be saved: the game holds a value JSON cannot store ({e})"
        ) from e
    return write_text_atomic(target, text + "\n")


def write_text_atomic(path: str | os.PathLike[str], text: str, *, shared: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` atomically: a temporary file in the same folder,
    flushed and synced, then renamed over the target. Raises SaveError, leaving any
    existing file untouched and no temporary file behind. `shared`: readable by others
    as the umask allows (an export), not only by the owner (a save)."""
    target = Path(path)
    folder = target.parent
    kind = file_kind(target)
    if kind not in (None, "a file"):
        raise SaveError(target, f"cannot be saved: it is {kind}, not a regular file")
    if not folder.is_dir():
        raise SaveError(target, f"cannot be saved: no such folder {str(folder)!r}")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        if shared:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp_name, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        _sync_folder(folder)
    except OSError as e:
        raise SaveError(target, f"cannot be saved: {e.strerror or e}") from e
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------- reading


def file_kind(p: Path) -> str | None:
    """What is at `p`, symbolic links followed: None if nothing is (or a part of the
    path is a file), else "a file" (a regular one), "a folder", "a named pipe", "a
    device", "a socket" or "a special file"."""
    try:
        mode = p.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return "a path that cannot be looked at"
    return _mode_kind(mode)


def _mode_kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _read_regular(p: Path) -> bytes:
    """The bytes of a regular file of at most MAX_SAVE_BYTES. Opened without waiting (a
    named pipe put there meanwhile is never waited on), checked once open, read to at
    most one byte past the limit."""
    kind = file_kind(p)
    if kind is None:
        raise FileNotFoundError(2, "No such file or directory", str(p))
    if kind != "a file":
        raise SaveError(p, f"is {kind}, not a save file")
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SaveError(p, f"is {_mode_kind(info.st_mode)}, not a save file")
        if info.st_size > MAX_SAVE_BYTES:
            raise SaveError(p, f"is too large to be a Corridors save ({info.st_size} bytes)")
        raw = f.read(MAX_SAVE_BYTES + 1)
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(p, f"is too large to be a Corridors save (over {MAX_SAVE_BYTES} bytes)")
    return raw


def read_save(path: str | os.PathLike[str]) -> SaveFile:
    """Read, migrate and check the shape of a save. Raises SaveError with one line."""
    p = Path(path)
    try:
        raw = _read_regular(p)
    except FileNotFoundError as e:
        raise SaveError(p, "no such save file") from e
    except OSError as e:
        raise SaveError(p, f"cannot be read: {e.strerror or e}") from e
    if not raw.strip():
        raise SaveError(p, "is empty: not a Corridors save")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SaveError(p, "is not a Corridors save (not UTF-8 text)") from e
    try:
        data = json.loads(text)
    except RecursionError as e:
        raise SaveError(p, "is corrupt: nested too deeply") from e
    except json.JSONDecodeError as e:
        if text.lstrip().startswith("{"):
            raise SaveError(
                p, f"is corrupt or truncated: invalid JSON at line {e.lineno}, column {e.colno}"
            ) from e
        raise SaveError(p, "is not a Corridors save (not JSON)") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(p, f'is not a Corridors save (no "format": "{FORMAT}")')
    data = migrate(data, p)
    try:
        return SaveFile.model_validate(data)
    except ValidationError as e:
        raise SaveError(p, f"is corrupt: {first_problem(e)}") from e


def migrate(data: dict[str, Any], path: str | os.PathLike[str]) -> dict[str, Any]:
    """Bring a save's data up to CURRENT_VERSION, one version at a time."""
    version = data.get("version")
    if type(version) is not int:
        raise SaveError(path, "is corrupt: its format version is missing or not a whole number")
    if version > CURRENT_VERSION:
        raise SaveError(
            path,
            f"was written by a newer Corridors (save format {version}; this one reads up to {CURRENT_VERSION})",
        )
    if version < 1:
        raise SaveError(path, f"has an unknown save format version {version}")
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SaveError(
                path, f"uses save format {version}, which this Corridors can no longer read"
            )
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise SaveError(
                path, f"is corrupt: cannot upgrade it from format {version} ({e})"
            ) from e
        version += 1
        data["version"] = version
    return data


def first_problem(e: ValidationError) -> str:
    """The first problem of a pydantic error, in one line."""
    errs = e.errors()
    if not errs:
        return "its content does not have the expected shape"
    first = errs[0]
    where = ".".join(str(x) for x in first.get("loc", ())) or "top level"
    more = f" (and {len(errs) - 1} more problems)" if len(errs) > 1 else ""
    return f"{where}: {first.get('msg', 'invalid')}{more}"


# ------------------------------------------------------------------------ locks

try:
    import fcntl
except ImportError:  # not on Windows: games there take no locks
    fcntl = None  # type: ignore[assignment]


def lock_path(target: str | os.PathLike[str]) -> Path:
    """The lock file of a save: `.NAME.lock` beside it."""
    p = Path(target)
    return p.with_name(f".{p.name}.lock")


class SaveLock:
    """A game's hold on the file it saves to: an exclusive lock on the file's lock file,
    held while this object lives and released by the system when the process ends,
    however it ends (so a crash never leaves a lock held; the lock file, which is
    removed on release, may stay, and is used again). Every game of one process that
    saves to a file shares its lock (a front end may open the same game again)."""

    _held: weakref.WeakValueDictionary[str, SaveLock] = weakref.WeakValueDictionary()

    def __init__(self, target: Path, fd: int) -> None:
        self.target = target
        self._fd: int | None = fd

    @classmethod
    def take(cls, target: str | os.PathLike[str]) -> SaveLock | None:
        """Lock the file a game saves to. Returns the lock; None where none can be
        taken (no locks on this system, a folder that cannot be written: saving will
        say so). Raises SaveError, naming the other process, if a game in another
        process holds it."""
        p = Path(target).absolute()
        held = cls._held.get(str(p))
        if held is not None and held._fd is not None:
            return held
        if fcntl is None:
            return None
        for _ in range(5):  # a lock file removed by its holder just now: take the new one
            try:
                fd = os.open(lock_path(p), os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                try:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                except OSError:
                    holder = ""
                os.close(fd)
                if isinstance(e, BlockingIOError):
                    process = f" (process {holder})" if holder.isdigit() else ""
                    raise SaveError(p, f"is being played in another game of Corridors{process}") from None
                return None  # a file system without locks
            if _same_file(fd, lock_path(p)):
                break
            os.close(fd)
        else:
            return None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass
        lock = cls(p, fd)
        cls._held[str(p)] = lock
        return lock

    def release(self) -> None:
        """Remove the lock file (while still holding it), then let go."""
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                if _same_file(fd, lock_path(self.target)):
                    os.unlink(lock_path(self.target))
            except OSError:
                pass
            try:
                os.close(fd)
            except OSError:
                pass

    def __del__(self) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is still the file at `path`."""
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)

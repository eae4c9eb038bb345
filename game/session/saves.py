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

A game that saves to a file holds a lock on it (`game.session.savelock`), so two games
continued from the same save never both write it. Writing a file atomically and telling
what is at a path are `game.session.safefile`'s.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import settings
from game.engine.luck import GENERATOR
from game.model.scenario import Scenario
from game.model.state import RoleDecision
from game.session.safefile import A_FILE, SaveError, file_kind, mode_kind, write_text_atomic

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


class LogEntry(BaseModel):
    """One week of the decision log: what every role decided."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    week: int = Field(ge=0)
    decisions: dict[str, RoleDecision]


class SaveFile(BaseModel):
    """The checked shape of a save (after migration to the current version)."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

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


# ---------------------------------------------------------------------- reading


def _read_regular(p: Path) -> bytes:
    """The bytes of a regular file of at most MAX_SAVE_BYTES. Opened without waiting (a
    named pipe put there meanwhile is never waited on), checked once open, read to at
    most one byte past the limit."""
    kind = file_kind(p)
    if kind is None:
        raise FileNotFoundError(2, "No such file or directory", str(p))
    if kind != A_FILE:
        raise SaveError(p, f"is {kind}, not a save file")
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SaveError(p, f"is {mode_kind(info.st_mode)}, not a save file")
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



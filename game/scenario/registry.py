"""Scenarios by id, or any scenario by path.

A scenario's id is the name of its folder. Folders are looked for, first found first, in
the folders of settings.scenario_folders() ($CORRIDORS_SCENARIOS, then scenarios/ in the
data folder) and then among the scenarios that ship with the game: the package
`game.shipped` (the source tree's top-level scenarios/), found with importlib.resources.

A scenario that loads without a problem is also kept in a cache on disk (the scenario
cache of `game.settings`), as JSON, keyed by a hash of its files' contents and
of the code that reads and checks them. The next start reads the JSON back into the
schema (a few milliseconds) instead of parsing and cross-checking the YAML again. A
changed file or a changed checker gives a new key, so a cached scenario is never stale;
`corridors validate` always checks the files themselves.

Beside each cached scenario is its glance (`KEY.glance`, JSON): what a title screen
shows before a game is made (title, content notes, roles in a line, lengths). `glance`
reads it back with the standard library alone: this module imports the schema and the
loader only when a scenario is loaded, so a front end can show the glance at once and
load the scenario after its first frame."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import accel, settings
from game.scenario.errors import ScenarioError, ScenarioErrors
from game.scenario.files import scenario_files

if TYPE_CHECKING:
    from game.model.scenario import Scenario

CACHE_KEEP = 24  # cached scenarios kept; older ones are removed

DEFAULT_SCENARIO = "aleppo-2016"


def shipped_root() -> Path | None:
    """The folder of the scenarios that ship with the game, or None if it is missing."""
    try:
        root = resources.files("game.shipped")
    except ModuleNotFoundError:
        return None
    return root if isinstance(root, Path) and root.is_dir() else None


def roots() -> list[Path]:
    """Every folder scenarios are looked for in, in order."""
    out = [f.path for f in settings.scenario_folders()]
    shipped = shipped_root()
    if shipped is not None:
        out.append(shipped)
    return out


def _found() -> dict[str, Path]:
    """Each scenario id and its folder (the first found of each id)."""
    out: dict[str, Path] = {}
    for root in roots():
        try:
            entries = sorted(root.iterdir()) if root.is_dir() else []
        except OSError:
            continue
        for p in entries:
            try:
                if p.name not in out and p.is_dir() and any(p.glob("*.yaml")):
                    out[p.name] = p
            except OSError:
                continue
    return out


def available() -> list[str]:
    return sorted(_found())


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_key: float) -> Scenario:
    from game.model.scenario import Scenario

    folder = cache_folder()
    key = content_key(Path(path))
    if folder is not None and key is not None:
        try:
            sc = Scenario.model_validate_json((folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):  # no entry, or a damaged one (pydantic's error is a ValueError)
            pass
        else:
            if not (folder / f"{key}.glance").is_file():
                _write(folder, f"{key}.glance", json.dumps(glance_of(sc)))
            return sc
    from game.scenario.loader import load_scenario

    sc = load_scenario(path)  # raises ScenarioErrors; nothing is cached then
    if folder is not None and key is not None:
        _store(folder, key, sc)
    return sc


def glance_of(sc: Scenario) -> dict[str, Any]:
    """What a title screen shows of a scenario before a game is made, as plain data."""
    return {
        "id": sc.id,
        "title": sc.title,
        "summary": sc.summary,
        "content_note": sc.content_note,
        "content_note_gentle": sc.content_note_gentle,
        "weeks": sc.weeks,
        "default_role": sc.default_role or sc.roles[0].id,
        "roles": [
            {"id": r.id, "name": r.name, "fictional": r.fictional, "line": r.line or r.summary}
            for r in sc.roles
        ],
        "lengths": {
            k: {"name": v.name, "minutes": v.minutes, "turns": len(sc.turns(k))} for k, v in sc.lengths.items()
        },
    }


def glance(id_or_path: str = DEFAULT_SCENARIO) -> dict[str, Any] | None:
    """The cached glance of a scenario (see `glance_of`), read without loading it; None
    when there is none for its files as they are (never loaded, changed since, a broken
    scenario, or no cache), or the scenario cannot be found."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        key = content_key(resolve(id_or_path))
    except ScenarioErrors:
        return None
    if key is None:
        return None
    try:
        data = json.loads((folder / f"{key}.glance").read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def cache_folder() -> Path | None:
    if settings.pure():
        return None
    return settings.scenario_cache_folder().path


def content_key(path: Path) -> str | None:
    """A hash of a scenario's files (names and bytes) and of the code that loads them."""
    try:
        files = scenario_files(path)
        h = hashlib.sha256(accel.source_key().encode())
        for f in files:
            h.update(f.relative_to(path).as_posix().encode() if f != path else f.name.encode())
            h.update(b"\0")
            h.update(f.read_bytes())
            h.update(b"\0")
    except OSError:
        return None
    return h.hexdigest()[:32]


def _store(folder: Path, key: str, sc: Scenario) -> None:
    """Write the cached scenario and its glance; a cache that cannot be written is no
    error. The oldest entries beyond CACHE_KEEP are removed."""
    if not (_write(folder, f"{key}.json", sc.model_dump_json()) and _write(folder, f"{key}.glance", json.dumps(glance_of(sc)))):
        return
    try:
        old = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[CACHE_KEEP:]:
            p.unlink(missing_ok=True)
            p.with_suffix(".glance").unlink(missing_ok=True)
    except OSError:
        pass


def _write(folder: Path, name: str, text: str) -> bool:
    """Write a file of the cache atomically; False if it cannot be written."""
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, folder / name)
        return True
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False


def resolve(id_or_path: str) -> Path:
    """A scenario id of the registry, or a path to a scenario folder or file."""
    found = _found()
    if id_or_path in found:
        return found[id_or_path]
    p = Path(id_or_path)
    if p.exists() and (p.is_dir() or p.suffix in (".yaml", ".yml")):
        return p
    valid = ", ".join(sorted(found)) or "(none found)"
    raise ScenarioErrors(
        [ScenarioError(id_or_path, None, None, f"unknown scenario (valid: {valid}, or a path to a scenario folder)")]
    )


def get(id_or_path: str = DEFAULT_SCENARIO) -> Scenario:
    """Load a scenario by id or path (cached while its files are unchanged)."""
    path = resolve(id_or_path)
    files = scenario_files(path)  # raises ScenarioErrors for a bad symbolic link
    key = max((f.stat().st_mtime for f in files), default=0.0)
    return _load_cached(str(path), key)

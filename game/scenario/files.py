"""A scenario's files: which YAML files a scenario folder holds. Light to import (the
standard library only), so that the registry can find scenarios and key its cache
before the schema and the loader are imported."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from game.scenario.errors import ScenarioError, ScenarioErrors


def scenario_files(path: Path) -> list[Path]:
    """The YAML files of a scenario folder in name order (or the file itself). A symbolic
    link inside the folder that loops, leads nowhere or leads out of the folder is an
    error naming it, so every command refuses the folder alike; links to folders are not
    followed (where they lead inside the folder is read anyway)."""
    if not path.is_dir():
        return [path]
    root = Path(os.path.realpath(path))
    files: list[Path] = []
    errors: list[ScenarioError] = []
    for folder, dirs, names in os.walk(path, followlinks=False):
        for name in sorted([*dirs, *names]):
            p = Path(folder) / name
            if p.is_symlink():
                problem = _link_problem(p, root)
                if problem is not None:
                    errors.append(ScenarioError(str(p), None, None, problem))
                    continue
            if name in names and p.suffix in (".yaml", ".yml") and p.is_file():
                files.append(p)
    if errors:
        raise ScenarioErrors(errors)
    return sorted(files)


def _link_problem(link: Path, root: Path) -> str | None:
    try:
        target = Path(os.path.realpath(link, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"symbolic link to nothing ({os.readlink(link)} does not exist)"
    if target != root and root not in target.parents:
        return f"symbolic link out of the scenario folder (to {target})"
    if target.is_dir() and (target == link.parent.resolve() or target in link.parent.resolve().parents):
        return f"symbolic link loop (it leads back to {target})"
    return None

"""The scenarios that ship with Corridors, found by id, or any scenario by path."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioError, ScenarioErrors

DEFAULT_SCENARIO = "aleppo-2016"


def scenarios_root() -> Path:
    env = os.environ.get("CORRIDORS_SCENARIOS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "scenarios"


def available() -> list[str]:
    root = scenarios_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_key: float) -> Scenario:
    return load_scenario(path)


def resolve(id_or_path: str) -> Path:
    """A scenario id of the registry, or a path to a scenario folder or file."""
    root = scenarios_root()
    if id_or_path in available():
        return root / id_or_path
    p = Path(id_or_path)
    if p.exists() and (p.is_dir() or p.suffix in (".yaml", ".yml")):
        return p
    valid = ", ".join(available()) or "(none found)"
    raise ScenarioErrors(
        [ScenarioError(id_or_path, None, None, f"unknown scenario (valid: {valid}, or a path to a scenario folder)")]
    )


def get(id_or_path: str = DEFAULT_SCENARIO) -> Scenario:
    """Load a scenario by id or path (cached while its files are unchanged)."""
    path = resolve(id_or_path)
    files = [path] if path.is_file() else list(path.rglob("*.y*ml"))
    key = max((f.stat().st_mtime for f in files), default=0.0)
    return _load_cached(str(path), key)

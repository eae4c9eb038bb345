"""The layers of the house hold: import-linter's contracts in pyproject.toml (each
layer imports only those below it, front ends never the engine or the scenario
loader, and no circles, imports inside functions included). tests/test_isolation.py
checks beside it, at run time, that model and engine load neither textual nor rich."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed (pip install -e '.[dev]')")
    return found


def test_the_layer_contracts_hold() -> None:
    r = subprocess.run(
        [lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout, r.stdout


def test_the_front_end_contracts_name_every_front_end() -> None:
    # The front ends are one layer of the layers contract; the contracts that keep them
    # off the engine, the scenario loader and the model must hold each of them.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}
    layers = contracts["layers"]["layers"]
    front_ends = next(layer for layer in layers if "game.ui" in layer)
    names = sorted(name.strip() for name in front_ends.strip("()").split("|"))
    assert "game.classroom" in names
    for cid in ("front-ends", "front-ends-not-the-model"):
        assert sorted(contracts[cid]["source_modules"]) == names, cid

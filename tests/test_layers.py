"""The layers of the house hold: import-linter's contracts in pyproject.toml (each
layer imports only those below it, front ends never the engine or the scenario
loader, and no circles, imports inside functions included). tests/test_isolation.py
checks beside it, at run time, that model and engine load neither textual nor rich."""

from __future__ import annotations

import shutil
import subprocess
import sys
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

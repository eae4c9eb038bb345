"""Helpers shared by test files (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_corridors(
    *args: str, home: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m game ARGS` in a fresh process, with its saves under `home`; `env`:
    more variables (an empty value removes one)."""
    env = {**os.environ, "CORRIDORS_HOME": str(home), **(env or {})}
    env.pop("CORRIDORS_DEBUG", None)
    for k in [k for k, v in env.items() if v == ""]:
        del env[k]
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )

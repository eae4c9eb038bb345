"""Helpers shared by test files (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def strings_in(node: Any) -> Iterator[str]:
    """Every string in a tree of YAML data (mappings' values and lists' items), in order."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings_in(value)


def screen_text(screen: Any) -> str:
    """The text of every Static widget on a Textual screen, as a 200-column console
    prints it (no colour)."""
    import io

    from rich.console import Console
    from rich.text import Text
    from textual.widgets import Static

    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for w in screen.query(Static):
        content = w.content
        console.print(content if not isinstance(content, str) else Text(content))
    return console.export_text()


def play_lines(session: Any, text: str) -> str:
    """Everything a line-mode game over `session` prints, fed `text` (no alternatives)."""
    import io

    from game.plain.line import LineGame

    out = io.StringIO()
    LineGame(session, io.StringIO(text), out, alternatives=0).run()
    return out.getvalue()

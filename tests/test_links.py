"""Symbolic links inside a scenario folder: a loop, a link to nothing and a link out of
the folder are one-line errors naming the link, the same from every command."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support import ROOT, run_corridors

from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioErrors

EXAMPLE = ROOT / "docs" / "example"


def file_loop(folder: Path) -> Path:
    (folder / "b.yaml").symlink_to("a.yaml")
    (folder / "a.yaml").symlink_to("b.yaml")
    return folder / "a.yaml"


def folder_loop(folder: Path) -> Path:
    (folder / "roles" / "again").symlink_to("..", target_is_directory=True)
    return folder / "roles" / "again"


def dangling(folder: Path) -> Path:
    (folder / "extra.yaml").symlink_to("nowhere.yaml")
    return folder / "extra.yaml"


def outside(folder: Path) -> Path:
    other = folder.parent / "elsewhere.yaml"
    other.write_text("title: elsewhere\n", encoding="utf-8")
    (folder / "more.yaml").symlink_to(other)
    return folder / "more.yaml"


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "file loop": (file_loop, "symbolic link loop"),
    "folder loop": (folder_loop, "symbolic link loop (it leads back to "),
    "dangling": (dangling, "symbolic link to nothing (nowhere.yaml does not exist)"),
    "outside": (outside, "symbolic link out of the scenario folder (to "),
}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_command_refuses_a_bad_link_alike(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    link = make(folder)
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    assert [e.message[: len(message)] for e in info.value.errors if e.path == str(link)] == [message], str(info.value)
    home = tmp_path / "home"
    for args in (
        ("validate", str(folder)),
        ("simulate", "--scenario", str(folder), "--runs", "1"),
        ("play", "--plain", "--scenario", str(folder)),
    ):
        r = run_corridors(*args, home=home, stdin="end\n")
        assert r.returncode == 1, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        lines = [line for line in (r.stdout + r.stderr).splitlines() if str(link) in line]
        assert len(lines) == 1 and message in lines[0], (args, r.stderr)

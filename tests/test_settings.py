"""Settings in one place: every CORRIDORS_* variable is read by game/settings.py and
listed in the README; folders come from platformdirs; a folder that cannot be used
stops the command before a game starts, in one line naming it and its variable."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from support import ROOT, run_corridors

from game import cli, settings
from game.scenario import registry

GAME = ROOT / "game"


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


# ------------------------------------------------------------------ one module


def test_the_readme_lists_every_variable_settings_reads() -> None:
    section = readme_section("Settings and folders")
    listed = re.findall(r"^\| `(CORRIDORS_[A-Z_]+)` \|", section, flags=re.M)
    assert sorted(listed) == sorted(settings.VARIABLES)
    assert len(listed) == len(set(listed))


def test_the_readme_names_the_default_folders() -> None:
    section = readme_section("Settings and folders")
    home = str(Path.home())
    for path in (platformdirs.user_data_path("corridors"), platformdirs.user_cache_path("corridors")):
        assert f"`{str(path).replace(home, '~', 1)}`" in section
    for name in ("saves/", "results.sqlite", "corridors-accel/", "accel/", "scenarios/"):
        assert f"`{name}`" in section, name


def test_only_settings_reads_our_variables() -> None:
    """No module but game/settings.py reads a CORRIDORS_* variable, and every name the
    code mentions is one of settings.VARIABLES."""
    for path in sorted(GAME.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for name in re.findall(r"CORRIDORS_[A-Z_]+", text):
            assert name in settings.VARIABLES, f"{path}: {name}"
        if path.name == "settings.py":
            continue
        assert not re.search(r"(environ\.get|getenv|environ\[)\(?\s*[\"']CORRIDORS_", text), path


def test_settings_sits_at_the_bottom() -> None:
    tree = ast.parse((GAME / "settings.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top == "platformdirs", name
    out = subprocess.run(
        [sys.executable, "-c", "import sys, game.settings; print(sorted(m for m in sys.modules if m.startswith('game')))"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.strip() == "['game', 'game.settings']"


def test_folders_follow_the_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / "c"))
    monkeypatch.setenv("CORRIDORS_SCENARIOS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert settings.saves_folder().path == tmp_path / "h" / "saves"
    assert settings.results_path() == tmp_path / "h" / "results.sqlite"
    assert settings.scenario_cache_folder().path == tmp_path / "c" / "scenarios"
    assert [f.path for f in settings.scenario_folders()] == [tmp_path / "a", tmp_path / "b", tmp_path / "h" / "scenarios"]
    monkeypatch.delenv("CORRIDORS_HOME")
    assert settings.data_folder().path == platformdirs.user_data_path("corridors")


# ------------------------------------------------------------------ scenarios


def test_no_scenario_found_is_an_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(registry, "roots", lambda: [])
    assert cli.main(["scenarios"]) == 1
    assert "no scenarios found" in capsys.readouterr().err


def test_a_configured_folder_adds_scenarios(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    shutil.copytree(ROOT / "scenarios" / "aleppo-2016", extra / "second-copy")
    home = tmp_path / "h"
    shutil.copytree(ROOT / "scenarios" / "aleppo-2016", home / "scenarios" / "third-copy")
    r = run_corridors("scenarios", home=home, env={"CORRIDORS_SCENARIOS": str(extra)})
    assert r.returncode == 0, r.stderr
    ids = [line.split(":")[0] for line in r.stdout.splitlines()]
    assert ids == ["aleppo-2016", "second-copy", "third-copy"]
    r = run_corridors("simulate", "--scenario", "second-copy", "--runs", "2", home=home, env={"CORRIDORS_SCENARIOS": str(extra)})
    assert r.returncode == 0, r.stderr


# ------------------------------------------------------------------ folders that cannot be used


def faults(tmp_path: Path) -> dict[str, Path]:
    """Places no folder can be made or written in, whoever runs the tests (root too)."""
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n", encoding="utf-8")
    return {
        "a file in its place": a_file,
        "a path under a file": a_file / "below",
        "a read-only place": Path("/proc/self/corridors"),
    }


@pytest.mark.parametrize("fault", ["a file in its place", "a path under a file", "a read-only place"])
def test_a_data_folder_that_cannot_be_used_stops_play_before_it_starts(tmp_path: Path, fault: str) -> None:
    home = faults(tmp_path)[fault]
    r = run_corridors("play", "--plain", "--seed", "1", home=home, stdin="end\n" * 20)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout == ""  # not a week was played
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith("corridors: error: the saves folder ")
    assert f"CORRIDORS_HOME={home}" in lines[0]


def test_a_default_saves_folder_that_cannot_be_used_names_its_variable(tmp_path: Path) -> None:
    blocker = faults(tmp_path)["a file in its place"]
    r = run_corridors("play", "--plain", "--seed", "1", home=tmp_path, stdin="end\n",
                      env={"CORRIDORS_HOME": "", "XDG_DATA_HOME": str(blocker)})
    assert r.returncode == 1 and r.stdout == ""
    assert f"the saves folder {blocker}/corridors/saves cannot be used" in r.stderr
    assert "CORRIDORS_HOME chooses another place" in r.stderr


@pytest.mark.parametrize("variable", ["CORRIDORS_CACHE", "CORRIDORS_ACCEL_DIR"])
@pytest.mark.parametrize("fault", ["a file in its place", "a path under a file", "a read-only place"])
def test_a_cache_a_variable_sets_must_be_usable(tmp_path: Path, variable: str, fault: str) -> None:
    place = faults(tmp_path)[fault]
    r = run_corridors("simulate", "--runs", "2", home=tmp_path / "h", env={variable: str(place), "CORRIDORS_PURE": ""})
    assert r.returncode == 1 and r.stdout == ""
    assert "cannot be used" in r.stderr and f"{variable}={place}" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_missing_scenarios_folder_a_variable_names_is_an_error(tmp_path: Path) -> None:
    r = run_corridors("scenarios", home=tmp_path, env={"CORRIDORS_SCENARIOS": str(tmp_path / "none")})
    assert r.returncode == 1
    assert "no such folder (set by CORRIDORS_SCENARIOS=" in r.stderr


def test_a_check_leaves_nothing_on_disk(tmp_path: Path) -> None:
    settings.writable(settings.Folder(tmp_path / "new" / "saves", "the saves folder"))
    assert list(tmp_path.iterdir()) == []

"""The package as a new user gets it: the wheel and the sdist that `python -m build`
makes, each installed into a fresh virtual environment (from the wheels `make` keeps in
.venv/wheels, so without the network), and run from a folder outside the checkout: the
scenarios are listed and one week is played in line mode."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHEELS = ROOT / ".venv" / "wheels"
SCENARIO_FILES = sorted(p.relative_to(ROOT / "scenarios").as_posix() for p in (ROOT / "scenarios").rglob("*.yaml"))


def clean_env(**more: str) -> dict[str, str]:
    """The environment of a new user: none of our variables, no pip configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORRIDORS_", "PIP_", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1", **more)
    return env


def run(cmd: list[str], *, cwd: Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=600, env=env or clean_env())
    assert r.returncode == 0, f"{' '.join(cmd)} exited {r.returncode}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


def fresh_venv(where: Path) -> Path:
    """A new virtual environment (without pip: the project's pip installs into it)."""
    run([sys.executable, "-m", "venv", "--without-pip", str(where)], cwd=where.parent)
    return where / "bin" / "python"


def pip_install(python: Path, target: Path, cwd: Path) -> None:
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-compile",
         "--no-index", "--find-links", str(WHEELS), str(target)],
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not WHEELS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{WHEELS} is missing: `make` keeps the locked wheels there")
        pytest.skip(f"{WHEELS} is missing (made by `make`)")
    out = tmp_path_factory.mktemp("dist")
    # The sdist first, then the wheel built from the sdist (so the sdist is complete).
    r = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)], cwd=out)
    log = r.stdout + r.stderr
    assert "Deprecat" not in log, [line for line in log.splitlines() if "Deprecat" in line]
    return out


def test_the_wheel_and_the_sdist_carry_the_scenarios(dist: Path) -> None:
    (wheel,) = dist.glob("corridors-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in SCENARIO_FILES:
        assert f"game/shipped/{f}" in names, f
    assert any(n.startswith("game/ui/") and n.endswith(".tcss") for n in names)
    assert not any(n.startswith(("tests/", "scenarios/")) for n in names)
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: MIT" in text and "Requires-Dist: platformdirs" in text
    (sdist,) = dist.glob("corridors-*.tar.gz")
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    for f in SCENARIO_FILES:
        assert f"scenarios/{f}" in members, f


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_installed_from_outside_the_checkout_it_lists_and_plays(dist: Path, kind: str, tmp_path: Path) -> None:
    (target,) = dist.glob("corridors-*.whl" if kind == "wheel" else "corridors-*.tar.gz")
    python = fresh_venv(tmp_path / "venv")
    pip_install(python, target, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "home"
    env = clean_env(CORRIDORS_HOME=str(home))
    where = run([str(python), "-c", "import game; print(game.__file__)"], cwd=elsewhere, env=env).stdout
    assert where.startswith(str(tmp_path / "venv")), where  # the installed package, not the checkout
    corridors = str(python.parent / "corridors")
    r = run([corridors, "scenarios"], cwd=elsewhere, env=env)
    assert r.stdout.startswith("aleppo-2016: ") and "20 weeks" in r.stdout
    r = run([corridors, "play", "--plain", "--seed", "3"], cwd=elsewhere, env=env, stdin="1\nend\n")
    assert "Week 1 played" in r.stdout and "End of input. The game is saved to " in r.stdout
    assert "Traceback" not in r.stderr
    assert len(list((home / "saves").glob("*.json"))) == 1

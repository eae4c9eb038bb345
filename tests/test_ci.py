"""In CI a skipped test of the compiled engine or of the browser fails the run
(tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT

PARITY = "tests/test_accel.py::test_compiled_and_plain_engines_play_the_same_games"


def run_parity(**env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("CI", "CORRIDORS_PURE")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", PARITY],
        capture_output=True, text=True, cwd=ROOT, env=full, timeout=300,
    )


def test_a_skipped_parity_test_fails_in_ci() -> None:
    r = run_parity(CI="true", CORRIDORS_PURE="1")  # no compiled build can be used
    assert r.returncode == 1, r.stdout
    assert "the compiled engine must be built and tested" in r.stdout


def test_outside_ci_it_is_only_skipped() -> None:
    r = run_parity(CORRIDORS_PURE="1")
    assert r.returncode == 0, r.stdout
    assert "SKIPPED" in r.stdout


BROWSER = "tests/test_browser.py"


def run_browser(**env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "CI"}
    full.update(env, CORRIDORS_TEST_CHROMIUM="none")  # as on a machine without Chromium
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", BROWSER],
        capture_output=True, text=True, cwd=ROOT, env=full, timeout=300,
    )


def test_a_skipped_browser_test_fails_in_ci() -> None:
    r = run_browser(CI="true")
    assert r.returncode == 1, r.stdout
    assert "the game must be played in a browser" in r.stdout and ".ci/chromium" in r.stdout


def test_outside_ci_the_browser_test_is_only_skipped() -> None:
    r = run_browser()
    assert r.returncode == 0, r.stdout
    assert "SKIPPED" in r.stdout and "no Chromium here" in r.stdout

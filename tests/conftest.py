"""Fixtures and hooks shared by several test files.

In CI (the environment variable CI set, as CI services do), the compiled engine and the
browser are part of what is tested: a test of tests/test_accel.py that is skipped (no
compiled build for these sources: it could not be made, or CORRIDORS_PURE is set), or of
tests/test_browser.py (no Chromium), fails instead, so `make test` cannot pass with the
parity test or the browser test left out."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Generator, Iterator
from typing import Any

import pytest
from pgserver import NoServer, Server

_OWN_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """A test run has a cache folder of its own (checked scenarios, the alternative
    histories kept for the debrief), so no test reads what an earlier run or the user's
    games left there; CORRIDORS_CACHE given to the run is kept."""
    if not os.environ.get("CORRIDORS_CACHE"):
        folder = tempfile.mkdtemp(prefix="corridors-test-cache-")
        _OWN_CACHE.append(folder)
        os.environ["CORRIDORS_CACHE"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get("CORRIDORS_CACHE") == folder:
            del os.environ["CORRIDORS_CACHE"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for the results store's tests: CORRIDORS_TEST_POSTGRES if set,
    else one started for this test run (see pgserver.py). Outside CI the tests that need
    it are skipped, with the reason, when none can be started; in CI they fail."""
    given = os.environ.get("CORRIDORS_TEST_POSTGRES")
    if given:
        yield given
        return
    try:
        server = Server()
        url = server.start()
    except NoServer as e:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL store tests, but no server could be started: {e}")
        pytest.skip(f"no PostgreSQL server could be started here: {e}")
    try:
        yield url
    finally:
        server.stop()


COMPILED_TESTS = "test_accel.py"
# Test files that CI must run rather than skip (a skip there fails the run), and what
# they hold.
MUST_RUN_IN_CI = {
    COMPILED_TESTS: "the compiled engine must be built and tested",
    "test_browser.py": "the game must be played in a browser (headless Chromium, which .ci/chromium installs)",
    "test_pages_chromium.py": "the printable pages must be rendered in a browser (headless Chromium, which .ci/chromium installs)",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    what = MUST_RUN_IN_CI.get(item.path.name)
    if report.skipped and in_ci() and what is not None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI: {what}, but this test was skipped ({reason})"


@pytest.fixture(autouse=True)
def _families_not_shared() -> Iterator[None]:
    """A class game makes its process keep the debrief's histories in the class's store
    (`histories.shared`, one game a process in play); in the one process the tests run
    in, each test starts and ends without it, so no test reads another's store."""
    from game.session import histories

    histories.shared = None
    yield
    histories.shared = None

"""Fixtures shared by several test files."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pgserver import NoServer, Server


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

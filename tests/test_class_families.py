"""The debrief's historical families kept in a class's results store: the servers of one
class (each with a cache folder of its own) play a family once, a class's game reads and
keeps them there, and a class's family can be played before its first student needs it
(game.classroom.families)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from game.classroom import families, warming
from game.classroom.classes import ResultKeeper, class_session, new_class
from game.classroom.storeopen import open_store
from game.engine.compiled import Compiled
from game.session import histories, review
from game.session.base import MAX_SEED
from game.session.review.common import Progress


@pytest.fixture(autouse=True)
def no_sharing() -> Iterator[None]:
    histories.shared = None
    histories.forget()
    yield
    histories.shared = None
    histories.forget()


def test_two_servers_of_a_class_play_its_family_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    store = str(tmp_path / "class.sqlite")
    klass, _ = new_class(store, "aleppo-2016", ["coordinator"], seed=21)
    played: list[int] = []

    def counted(c: Compiled, seeds: Sequence[int], progress: Progress | None) -> list[tuple[float, ...]]:
        played.append(len(seeds))
        return review.historical_rows(c, seeds, progress)

    session = class_session(klass)
    seeds = review.other_seeds(session.seed, 4, MAX_SEED)
    for server in ("one", "two"):  # two servers: two machines' cache folders, one store
        monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / f"cache-{server}"))
        histories.forget()
        keeper = ResultKeeper(store, settings=klass, player=f"Player on {server}")
        keeper.session = class_session(klass)
        assert isinstance(histories.shared, families.StoreFamilies)  # a class's game shares
        rows = histories.historical_rows(session.compiled, seeds, compute=counted)
        keeper.keep()
        assert len(rows) == 4
    assert played == [4] and histories.served[-2:] == ["played", "shared"]
    key = histories.family_key(session.compiled, seeds)
    assert key is not None
    with open_store(store) as s:
        entry = s.family(key)
    assert entry is not None and histories._parse(entry, key, tuple(review.measure_ids(session.compiled)), seeds) == rows


def test_a_damaged_entry_in_the_store_is_played_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    store = str(tmp_path / "class.sqlite")
    klass, _ = new_class(store, "aleppo-2016", ["coordinator"], seed=22)
    session = class_session(klass)
    seeds = review.other_seeds(session.seed, 3, MAX_SEED)
    key = histories.family_key(session.compiled, seeds)
    assert key is not None
    with open_store(store) as s:
        s.put_family(key, '{"format": "something else"}')
    families.share(store)
    rows = histories.historical_rows(session.compiled, seeds)
    assert histories.served[-1] == "played" and len(rows) == 3


def test_warming_keeps_the_class_family_in_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    store = str(tmp_path / "class.sqlite")
    klass, _ = new_class(store, "aleppo-2016", ["coordinator"], seed=23)
    warming.warm_here(store, klass.code, runs=5)
    session = class_session(klass)
    seeds = review.other_seeds(session.seed, 5, MAX_SEED)
    key = histories.family_key(session.compiled, seeds)
    assert key is not None
    with open_store(store) as s:
        assert s.family(key) is not None
    monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / "another-machine"))
    histories.forget()
    session.historical_family(5)  # the first student's debrief finds it
    assert histories.served[-1] == "shared"

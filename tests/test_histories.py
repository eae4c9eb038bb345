"""The debrief's historical alternative histories are played once and kept by content:
the next game of the seed reads them instead of playing them (counted in engine runs,
not timed), a changed scenario or other seeds miss, and a damaged entry is played again,
never a crash."""

from __future__ import annotations

import importlib
import json
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from game import settings
from game.engine.compiled import Compiled, compile_scenario
from game.session import Session, histories, review

# the module (its name is also the name of its function)
alt_module = importlib.import_module("game.session.review.alternatives")

RUNS = 12


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("CORRIDORS_WORKERS", "1")
    histories.forget()
    histories.served.clear()
    yield tmp_path / "cache" / "alternatives"
    histories.forget()


@pytest.fixture()
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The seeds of every historical game the engine plays (one entry per run)."""
    played: list[int] = []
    real = alt_module.historical_row

    def counted(ids: tuple[str, ...], c: Compiled, seed: int) -> tuple[float, ...]:
        played.append(seed)
        return real(ids, c, seed)

    monkeypatch.setattr(alt_module, "historical_row", counted)
    return played


_GAMES: dict[tuple[int, bool], Session] = {}


def finished(seed: int = 4, *, idle: bool = False) -> Session:
    """A finished game: the player takes the first action that can be taken each week,
    or (`idle`) does nothing, so the two games' decisions differ."""
    key = (seed, idle)
    if key not in _GAMES:
        s = Session.new(seed=seed, autosave=False)
        while not s.finished:
            for role in s.roles:
                can = [a.id for a in s.actions(role) if a.available and a.problem is None and not a.planned]
                s.decide(role, actions=[] if idle else can[:1])
            s.advance()
        _GAMES[key] = s
    return _GAMES[key]


def test_the_next_game_of_the_seed_reads_the_family_instead_of_playing_it(cache: Path, runs: list[int]) -> None:
    first = finished().alternatives(RUNS)
    assert len(runs) == RUNS and histories.served == ["played"]
    assert len(list(cache.glob("*.json"))) == 1
    histories.forget()  # as another game process would: nothing in memory
    runs.clear()
    other = finished(idle=True)
    second = other.alternatives(RUNS)
    assert runs == [] and histories.served[-1] == "file"
    # the historical family is the same; the game's own family is its own
    assert [m.historical for m in second.measures] != [] and second.runs == RUNS
    fresh = alt_module.alternatives(
        other.compiled, other.state, other._human_plans(), other.roles, other.policy,
        review.other_seeds(other.seed, RUNS, 2**31 - 1),
    )
    assert [m.historical for m in second.measures] == [m.historical for m in fresh.measures]
    assert [m.historical for m in first.measures] == [
        review.distribution([r[i] for r in histories._memory[next(iter(histories._memory))]], m.value)
        for i, m in enumerate(first.measures)
    ]
    # and within one process, a second debrief does not even read the file
    assert finished().alternatives(RUNS) == first and histories.served[-1] == "memory"


def test_the_progress_runs_to_the_end_when_the_family_is_kept(cache: Path) -> None:
    finished().alternatives(RUNS)
    histories.forget()
    calls: list[tuple[int, int]] = []
    finished().alternatives(RUNS, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 2 * RUNS) and calls[-1] == (2 * RUNS, 2 * RUNS)
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(done) == len(set(done))


def c_of(title: str | None = None) -> Compiled:
    sc = finished().scenario
    return compile_scenario(sc if title is None else sc.model_copy(update={"title": title}))


def test_a_changed_scenario_other_seeds_or_runs_miss(cache: Path, runs: list[int]) -> None:
    c = c_of()
    seeds = list(range(10, 10 + RUNS))
    kept = histories.historical_rows(c, seeds)
    histories.forget()
    assert histories.historical_rows(c, seeds) == kept and histories.served == ["played", "file"]
    keys = {
        histories.family_key(c, seeds),
        histories.family_key(c_of("Another title"), seeds),
        histories.family_key(c, [s + 1 for s in seeds]),
        histories.family_key(c, seeds[:-1]),
    }
    assert len(keys) == 4
    runs.clear()
    histories.historical_rows(c_of("Another title"), seeds)
    assert len(runs) == RUNS and histories.served[-1] == "played"
    assert len(list(cache.glob("*.json"))) == 2


def test_the_key_names_the_luck_and_the_code(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, seeds = c_of(), [1, 2, 3]
    key = histories.family_key(c, seeds)
    monkeypatch.setattr(histories, "luck_scheme", lambda: "another generator")
    assert histories.family_key(c, seeds) != key
    monkeypatch.undo()
    monkeypatch.setattr(histories, "code_key", lambda: "other code")
    assert histories.family_key(c, seeds) not in (key, None)
    monkeypatch.setattr(histories, "code_key", lambda: "")
    assert histories.family_key(c, seeds) is None


def damaged(entry: dict[str, Any]) -> list[bytes]:
    rows = entry["rows"]
    return [
        b"",
        b"{not json",
        b"\xff\xfe\x00binary",
        json.dumps(entry)[:-40].encode(),  # cut short
        json.dumps({**entry, "rows": rows[:-1]}).encode(),
        json.dumps({**entry, "rows": [r[:-1] for r in rows]}).encode(),
        json.dumps({**entry, "rows": [["x"] * len(r) for r in rows]}).encode(),
        json.dumps({**entry, "rows": [[True] * len(r) for r in rows]}).encode(),
        json.dumps({**entry, "rows": [[float("nan")] * len(r) for r in rows]}).encode(),
        json.dumps({**entry, "rows": None}).encode(),
        json.dumps({**entry, "key": "another"}).encode(),
        json.dumps({**entry, "seeds": entry["seeds"][::-1]}).encode(),
        json.dumps({**entry, "measures": entry["measures"][1:]}).encode(),
        json.dumps({**entry, "version": 99}).encode(),
        json.dumps([entry]).encode(),
        json.dumps({k: v for k, v in entry.items() if k != "rows"}).encode(),
    ]


def test_a_damaged_entry_is_played_again_and_replaced(cache: Path, runs: list[int]) -> None:
    c, seeds = c_of(), list(range(30, 30 + RUNS))
    kept = histories.historical_rows(c, seeds)
    (entry,) = cache.glob("*.json")
    good = json.loads(entry.read_bytes())
    for bad in damaged(good):
        entry.write_bytes(bad)
        histories.forget()
        runs.clear()
        assert histories.historical_rows(c, seeds) == kept, bad[:60]
        assert len(runs) == RUNS and histories.served[-1] == "played"
        assert json.loads(entry.read_bytes()) == good  # written again, whole
    assert [p.name for p in cache.iterdir() if not p.name.endswith((".json", ".lock"))] == []


def test_a_cache_that_cannot_be_written_is_played_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / "file"))
    histories.forget()
    c, seeds = c_of(), [5, 6]
    rows = histories.historical_rows(c, seeds)
    assert len(rows) == 2 and settings.alternatives_cache_folder().path == tmp_path / "file" / "alternatives"
    histories.forget()


def test_only_the_newest_entries_are_kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(histories, "KEEP", 3)
    c = c_of()
    for k in range(5):
        histories.historical_rows(c, [100 + k])
        time.sleep(0.01)
    names = sorted(p.name for p in cache.glob("*.json"))
    assert len(names) == 3
    assert {histories.entry_path(cache, histories.family_key(c, [100 + k]) or "").name for k in (2, 3, 4)} == set(names)


def test_games_needing_the_same_family_together_play_it_once(cache: Path) -> None:
    c, seeds = c_of(), [7, 8, 9]
    started = threading.Event()
    plays: list[int] = []

    def slow(c: Compiled, seeds: Sequence[int], progress: Any) -> list[tuple[float, ...]]:
        plays.append(1)
        started.set()
        time.sleep(0.5)
        return review.historical_rows(c, seeds, progress)

    got: list[list[tuple[float, ...]]] = []
    first = threading.Thread(target=lambda: got.append(histories.historical_rows(c, seeds, compute=slow)))
    first.start()
    assert started.wait(30)
    # the second asks while the first plays: it waits for the first's entry
    histories._memory.clear()
    second = histories.historical_rows(c, seeds, compute=slow)
    first.join()
    assert plays == [1] and got == [second]

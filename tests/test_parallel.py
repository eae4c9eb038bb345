"""Batches spread over worker processes give the same games, in the same order."""

from __future__ import annotations

import threading

import pytest

from game.engine.batch import run_batch
from game.engine.compiled import Compiled, compile_scenario
from game.parallel import default_workers, map_games, map_seeds, run_many
from game.scenario import registry


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_scenario(registry.get("aleppo-2016"))


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return [(s.seed, s.vars, s.history, s.fired, s.choices) for s in a] == [
        (s.seed, s.vars, s.history, s.fired, s.choices) for s in b
    ]


def test_workers_play_the_serial_batch(compiled: Compiled) -> None:
    seen: list[tuple[int, int]] = []
    many = run_many(compiled, "random", 60, 500, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert _same(many, run_batch(compiled, "random", 60, 500))
    assert [s.seed for s in many] == list(range(500, 560))
    assert seen and seen[-1] == (60, 60)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_workers_start_afresh_when_threads_are_running(compiled: Compiled) -> None:
    # A front end with threads (a Textual app) must not fork; spawned workers compile the
    # scenario themselves and still give the same games.
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        many = run_many(compiled, "historical", 24, 3, workers=2)
    finally:
        stop.set()
        t.join()
    assert _same(many, run_batch(compiled, "historical", 24, 3))


def test_serial_progress_and_small_batches(compiled: Compiled) -> None:
    seen: list[tuple[int, int]] = []
    out = run_many(compiled, "historical", 7, 11, workers=1, progress=lambda d, t: seen.append((d, t)))
    assert _same(out, run_batch(compiled, "historical", 7, 11))
    assert seen[-1] == (7, 7)
    assert default_workers(10) == 1


def test_worker_count_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_WORKERS", "1")
    assert default_workers(5000) == 1
    monkeypatch.setenv("CORRIDORS_WORKERS", "3")
    assert default_workers(5000) == 3
    assert default_workers(100) == 1


def test_batch_steps_in_place_give_the_games_of_play(compiled: Compiled) -> None:
    # Batches change one state in place; a game in play copies it every week.
    from game.engine.batch import play_through, policies_for
    from game.engine.core import new_game, step

    pols = policies_for(compiled, "random")
    for seed in (1, 2, 3):
        s = new_game(compiled, seed)
        kept = [s]
        while s.week < compiled.n_weeks:
            s, _ = step(compiled, s, {r: p(compiled, s, r) for r, p in pols.items()})
            kept.append(s)
        assert _same([play_through(compiled, seed, pols)], [s])
        assert [k.week for k in kept] == list(range(compiled.n_weeks + 1))  # nothing shared


def test_a_batch_can_give_back_only_the_final_ledgers(compiled: Compiled) -> None:
    from game.engine.batch import summarise

    full = run_many(compiled, "historical", 30, 8, workers=2)
    final = run_many(compiled, "historical", 30, 8, workers=2, keep="final")
    assert [s.history for s in final] == [s.history[-1:] for s in full]
    assert [s.vars for s in final] == [s.vars for s in full]
    assert summarise(final) == summarise(full)


def test_spawned_workers_can_import_the_main_module_without_starting_the_game() -> None:
    # Under `python -m game`, a spawned worker imports game.__main__ again as
    # "__mp_main__"; that import must define things, not launch the app or exit.
    import runpy

    names = runpy.run_module("game", run_name="__mp_main__")
    assert callable(names["main"])


def test_workers_start_from_inside_an_app_that_captures_standard_error() -> None:
    # A Textual app replaces sys.stderr by a capture whose fileno() is -1; spawned
    # workers (the app has threads) must still start. In a fresh process, so that
    # multiprocessing's resource tracker is not already running.
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import sys, threading
        from game.engine.batch import run_batch
        from game.engine.compiled import compile_scenario
        from game.parallel import run_many
        from game.scenario import registry

        class Capture:
            def write(self, text): return len(text)
            def flush(self): pass
            def fileno(self): return -1

        c = compile_scenario(registry.get("aleppo-2016"))
        stop = threading.Event()
        t = threading.Thread(target=stop.wait)
        t.start()
        real, sys.stderr = sys.stderr, Capture()
        try:
            many = run_many(c, "historical", 20, 7, workers=2)
        finally:
            sys.stderr = real
            stop.set()
            t.join()
        assert isinstance(sys.stderr, type(real))
        same = [(s.seed, s.vars, s.fired) for s in many] == [
            (s.seed, s.vars, s.fired) for s in run_batch(c, "historical", 20, 7)
        ]
        print("same" if same else "different")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "same"


def test_a_batch_can_give_back_a_few_numbers_of_each_game(compiled: Compiled) -> None:
    from functools import partial

    from game.session.review import measure_row

    row = partial(measure_row, ("east-killed-offensive", "final-east-killed"))
    serial = [row(compiled, s) for s in run_batch(compiled, "random", 30, 40)]
    assert map_games(compiled, "random", 30, 40, row, workers=2) == serial
    assert map_games(compiled, "random", 30, 40, row, workers=1) == serial
    assert len({r for r in serial}) > 1 and all(len(r) == 2 for r in serial)


def test_any_seeds_and_any_picklable_task_spread_over_workers(compiled: Compiled) -> None:
    # Seeds need not follow one another (the debrief's wrap at the largest seed).
    from functools import partial

    from game.session.review import historical_row, measure_ids

    ids = tuple(measure_ids(compiled))
    seeds = [7, 3, 2**31 - 1, 0, 12, 5, 9, 1, 30, 31, 40, 41]
    task = partial(historical_row, ids)
    seen: list[tuple[int, int]] = []
    spread = map_seeds(compiled, seeds, task, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert spread == [task(compiled, k) for k in seeds]
    assert seen[-1] == (len(seeds), len(seeds))


def test_games_make_no_reference_cycles_so_a_batch_can_pause_the_collector(compiled: Compiled) -> None:
    # map_seeds pauses the cycle collector while it plays: that only saves time if games
    # make no cycles (then nothing waits for the collector to be freed), and it must be
    # restored after, even when a game fails.
    import gc

    from game.engine.batch import play_through, policies_for
    from game.parallel import _no_cycle_collection

    for policy in ("historical", "random"):
        gc.collect()
        with _no_cycle_collection():
            for seed in range(4):
                play_through(compiled, seed, policies_for(compiled, policy))
            assert not gc.isenabled()
            assert gc.collect() == 0  # nothing unreachable: no cycles were left behind
    assert gc.isenabled()

    def fail(c: Compiled, seed: int) -> int:
        raise RuntimeError("a failing game")

    with pytest.raises(RuntimeError):
        map_seeds(compiled, [1], fail, workers=1)
    assert gc.isenabled()
    gc.disable()
    try:
        map_seeds(compiled, [1, 2], lambda c, seed: seed, workers=1)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()

"""Batches of playthroughs spread over the machine's cores.

The engine (`game.engine.batch`) plays one game after another; this module splits a batch
into chunks of consecutive seeds and plays them in worker processes. Run k still has seed
`seed + k`, and the result is the same list, in the same order, as the serial batch.
Small batches, and machines with one core, run serially in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Literal, TypeVar

from game import settings
from game.engine.batch import play_through, policies_for
from game.engine.compiled import Compiled, compile_scenario
from game.model.scenario import Scenario
from game.model.state import GameState

Progress = Callable[[int, int], None]
T = TypeVar("T")
# What of each game a batch gives back: everything, or ("final") a history of only the
# last ledger entry, which is all a summary reads.
Keep = Literal["all", "final"]

# Below this many runs a pool costs more than it saves.
MIN_PARALLEL_RUNS = 120
# How many times a batch tells its progress along the way (about).
PROGRESS_STEPS = 50

_worker: Compiled | None = None  # the compiled scenario, in each worker process


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers(runs: int) -> int:
    n = settings.workers() or cores()
    return 1 if runs < MIN_PARALLEL_RUNS else max(1, min(n, runs // 50))


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (spawned workers need it) with a real
    standard error. A Textual app replaces `sys.stderr` by a capture whose `fileno()` is
    -1, and the tracker passes that number on to its process: starting workers from
    inside the app would then fail with "bad value(s) in fds_to_keep"."""
    from multiprocessing import resource_tracker

    err = sys.stderr
    try:
        usable = err is not None and err.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    with open(os.devnull, "w") as quiet:
        sys.stderr = quiet
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = err


def _init(scenario: Scenario | None, calendar: int | None = None) -> None:
    global _worker
    if scenario is not None:
        _worker = compile_scenario(scenario, calendar)


def _whole(c: Compiled, s: GameState) -> GameState:
    return s


def _cut(c: Compiled, s: GameState) -> GameState:
    """A game cut down to what a summary reads, so that less crosses between processes:
    (played with history=False) only the last ledger entry, and none of the explanations."""
    s.credit, s.news, s.pending = {}, [], []
    return s


def _game(policy: str, fn: Callable[[Compiled, GameState], T], history: bool, c: Compiled, seed: int) -> T:
    """`fn` of one playthrough with every role played by `policy` (a task of `map_seeds`)."""
    return fn(c, play_through(c, seed, policies_for(c, policy), history=history))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while a batch of games is played, and restore it after.
    A game makes no reference cycles, so collecting only costs time (a few per cent of a
    batch); any cycle something else makes meanwhile is collected once it runs again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _chunk(task: Callable[[Compiled, int], T], seeds: Sequence[int]) -> list[T]:
    assert _worker is not None
    with _no_cycle_collection():
        return [task(_worker, k) for k in seeds]


def run_many(
    c: Compiled,
    policy: str,
    runs: int,
    seed: int,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    keep: Keep = "all",
) -> list[GameState]:
    """`runs` playthroughs with every role played by `policy`, run k with seed `seed + k`.
    `keep`: what of each game's history to give back (see `Keep`); the final state's
    variables, counts, events fired and choices always come back."""
    fn = _whole if keep == "all" else _cut
    return map_games(c, policy, runs, seed, fn, history=keep == "all", workers=workers, progress=progress)


def map_games(
    c: Compiled,
    policy: str,
    runs: int,
    seed: int,
    fn: Callable[[Compiled, GameState], T],
    *,
    history: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[T]:
    """`fn(c, game)` of each of `runs` playthroughs (as `run_many` plays them), in seed
    order. Only what `fn` returns crosses between processes and stays in memory, so a
    batch that needs a few numbers of each game keeps only those. `fn` must be a function
    of a module (a worker process imports it); `history=False` keeps only each game's
    final ledger."""
    task = partial(_game, policy, fn, history)
    return map_seeds(c, range(seed, seed + runs), task, workers=workers, progress=progress)


def map_seeds(
    c: Compiled,
    seeds: Iterable[int],
    task: Callable[[Compiled, int], T],
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[T]:
    """`task(c, seed)` for each seed, in order, over the machine's cores when there are
    enough seeds. `task` must pickle (a function of a module, or a `functools.partial` of
    one with picklable arguments): worker processes receive it."""
    seeds = list(seeds)
    runs = len(seeds)
    n = default_workers(runs) if workers is None else max(1, workers)
    if n == 1 or runs < 2:
        out: list[T] = []
        step = max(1, runs // PROGRESS_STEPS)
        with _no_cycle_collection():
            for k in seeds:
                out.append(task(c, k))
                if progress is not None and (len(out) % step == 0 or len(out) == runs):
                    progress(len(out), runs)
        return out
    global _worker
    # Forking is fast and shares the compiled scenario, but it is only safe while this
    # process has a single thread (a Textual app has more): then workers start afresh.
    forking = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if forking else "spawn")
    if not forking:
        _start_resource_tracker()
    # Chunks of at least 10 games, at least 4 per worker, and about PROGRESS_STEPS in all.
    size = max(10, min(-(-runs // (n * 4)), -(-runs // PROGRESS_STEPS)))
    chunks = [seeds[i : i + size] for i in range(0, runs, size)]
    results: list[list[T]] = []
    done = 0
    _worker = c if forking else None
    try:
        with ProcessPoolExecutor(
            max_workers=n, mp_context=ctx, initializer=_init, initargs=(None, None) if forking else (c.sc, len(c.weeks))
        ) as pool:
            for part in pool.map(_chunk, [task] * len(chunks), chunks):
                results.append(part)
                done += len(part)
                if progress is not None:
                    progress(done, runs)
    finally:
        _worker = None
    return [x for part in results for x in part]

"""Batches of playthroughs spread over the machine's cores.

The engine (`game.engine.batch`) plays one game after another; this module splits a batch
into chunks of consecutive seeds and plays them in worker processes. Run k still has seed
`seed + k`, and the result is the same list, in the same order, as the serial batch.
Small batches, and machines with one core, run serially in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Literal

from game.engine.batch import play_through, policies_for
from game.engine.compiled import Compiled, compile_scenario
from game.engine.policies import Policy
from game.model.scenario import Scenario
from game.model.state import GameState

Progress = Callable[[int, int], None]
# What of each game a batch gives back: everything, or ("final") a history of only the
# last ledger entry, which is all a summary reads.
Keep = Literal["all", "final"]

# Below this many runs a pool costs more than it saves.
MIN_PARALLEL_RUNS = 120

_worker: Compiled | None = None  # the compiled scenario, in each worker process


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers(runs: int) -> int:
    env = os.environ.get("CORRIDORS_WORKERS", "")
    n = int(env) if env.isdigit() and int(env) > 0 else cores()
    return 1 if runs < MIN_PARALLEL_RUNS else max(1, min(n, runs // 50))


def _init(scenario: Scenario | None) -> None:
    global _worker
    if scenario is not None:
        _worker = compile_scenario(scenario)


def _play(c: Compiled, seed: int, pols: dict[str, Policy], keep: Keep) -> GameState:
    """One game, cut down to what the batch's caller reads, so that less crosses between
    processes: with "final", only the last ledger entry and none of the explanations."""
    if keep == "all":
        return play_through(c, seed, pols)
    s = play_through(c, seed, pols, history=False)
    s.credit, s.news, s.pending = {}, [], []
    return s


def _chunk(policy: str, seeds: Sequence[int], keep: Keep = "all") -> list[GameState]:
    assert _worker is not None
    pols = policies_for(_worker, policy)
    return [_play(_worker, k, pols, keep) for k in seeds]


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
    n = default_workers(runs) if workers is None else max(1, workers)
    seeds = list(range(seed, seed + runs))
    if n == 1 or runs < 2:
        pols = policies_for(c, policy)
        out: list[GameState] = []
        step = max(1, runs // 20)
        for k in seeds:
            out.append(_play(c, k, pols, keep))
            if progress is not None and (len(out) % step == 0 or len(out) == runs):
                progress(len(out), runs)
        return out
    global _worker
    # Forking is fast and shares the compiled scenario, but it is only safe while this
    # process has a single thread (a Textual app has more): then workers start afresh.
    forking = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if forking else "spawn")
    size = max(10, -(-runs // (n * 4)))
    chunks = [seeds[i : i + size] for i in range(0, runs, size)]
    results: list[list[GameState]] = []
    done = 0
    _worker = c if forking else None
    try:
        with ProcessPoolExecutor(
            max_workers=n, mp_context=ctx, initializer=_init, initargs=(None if forking else c.sc,)
        ) as pool:
            for part in pool.map(_chunk, [policy] * len(chunks), chunks, [keep] * len(chunks)):
                results.append(part)
                done += len(part)
                if progress is not None:
                    progress(done, runs)
    finally:
        _worker = None
    return [s for part in results for s in part]

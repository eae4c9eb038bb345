"""Speed and memory of the simulation core, measured (never asserted in tests).

    make bench                      # or: .venv/bin/python benchmarks/run.py [--runs N]

Reports whether the engine runs compiled (game/accel.py) or as plain Python, then, on
one core (the process is pinned to CPU 0 where the OS allows it):
- start-up: loading and checking the scenario, and compiling it;
- batch throughput: whole playthroughs per second for each policy, as one process plays
  them (after start-up), and the peak memory of a 1,000-run batch;
- one `step`: the median time of one week, as a game in play takes it (decisions
  checked, causes explained) and as a batch takes it;
and last, unpinned, the throughput of `simulate`'s batches spread over every core
(game/parallel.py), including the worker processes' start and the results' return.

    CORRIDORS_PURE=1 make bench     # the same with the plain Python engine
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.batch import run_batch  # noqa: E402
from game.engine.compiled import Compiled  # noqa: E402
from game.engine.core import NATIVE, new_game, step  # noqa: E402
from game.engine.policies import get_policy, policy_names  # noqa: E402
from game.parallel import cores, run_many  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402


def pin_one_core() -> tuple[str, set[int] | None]:
    if hasattr(os, "sched_setaffinity"):
        try:
            was = os.sched_getaffinity(0)
            os.sched_setaffinity(0, {0})
            return "pinned to CPU 0", was
        except OSError:
            pass
    return "not pinned", None


def startup(path: Path) -> tuple[Compiled, float, float]:
    t0 = time.perf_counter()
    sc = load_scenario(path)
    t1 = time.perf_counter()
    c = Compiled(sc)
    t2 = time.perf_counter()
    return c, t1 - t0, t2 - t1


def throughput(c: Compiled, policy: str, runs: int, repeats: int, *, full: bool = False) -> float:
    """Best playthroughs per second on this process's core: as `simulate` plays them
    (final ledgers only), or with `full` every week's ledger of every game kept (as
    `simulate --trace` and the debrief's replays need)."""
    best = 0.0
    for r in range(repeats):
        t0 = time.perf_counter()
        if full:
            run_batch(c, policy, runs, seed=1 + r * runs)
        else:
            run_many(c, policy, runs, seed=1 + r * runs, workers=1, keep="final")
        best = max(best, runs / (time.perf_counter() - t0))
    return best


def step_times(c: Compiled, games: int, *, interactive: bool) -> list[float]:
    pol = get_policy(c, "historical")
    times: list[float] = []
    for g in range(games):
        s = new_game(c, 1000 + g)
        while s.week < c.n_weeks:
            d = {role: pol(c, s, role) for role in c.roles}
            t0 = time.perf_counter()
            s, _ = step(c, s, d, check=interactive, explain=interactive)
            times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "aleppo-2016"))
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    pinned, all_cpus = pin_one_core()
    engine = "compiled (mypyc)" if NATIVE else "plain Python"
    print(f"Python {sys.version.split()[0]}, engine {engine}, {pinned}")
    c, t_load, t_compile = startup(Path(args.scenario))
    print(f"start-up: load and check {t_load * 1000:.0f} ms, compile {t_compile * 1000:.1f} ms")

    for policy in policy_names(c):
        rate = throughput(c, policy, args.runs, args.repeats)
        print(f"batch {policy:16} {rate:7.0f} playthroughs/s  (best of {args.repeats} x {args.runs})")
    rate = throughput(c, "historical", args.runs, args.repeats, full=True)
    print(f"batch historical, every week kept {rate:7.0f} playthroughs/s  (best of {args.repeats} x {args.runs})")

    tracemalloc.start()
    run_batch(c, "historical", 1000, seed=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory of a 1,000-run batch: {peak / 1e6:.1f} MB (tracemalloc)")

    for label, interactive in (("in play (checked, explained)", True), ("in a batch", False)):
        ts = step_times(c, 100, interactive=interactive)
        med = statistics.median(ts) * 1e6
        p99 = sorted(ts)[int(len(ts) * 0.99)] * 1e6
        print(f"one step, {label}: median {med:.0f} us, 99th percentile {p99:.0f} us")

    if all_cpus is not None:
        os.sched_setaffinity(0, all_cpus)
    n = cores()
    for policy in ("historical", "random"):
        best = 0.0
        for r in range(args.repeats):
            t0 = time.perf_counter()
            run_many(c, policy, args.runs, seed=1 + r * args.runs, keep="final")
            best = max(best, args.runs / (time.perf_counter() - t0))
        print(f"batch over {n} cores, {policy:10} {best:7.0f} playthroughs/s  (best of {args.repeats} x {args.runs})")


if __name__ == "__main__":
    main()

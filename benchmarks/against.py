"""One `step` of the engine, this tree against another commit, side by side in one run.

    .venv/bin/python benchmarks/against.py main          # or any commit: HEAD~3, 9053fbe
    .venv/bin/python benchmarks/against.py main --pure   # both as plain Python

The other commit's sources are exported (`git archive`) into a temporary folder and its
compiled engine built there as this tree's is (`python -m game.accel build`), into an
accel cache folder of its own (`CORRIDORS_ACCEL_DIR` in the temporary folder), so that it
never loads this tree's build, whatever either tree's cache keys; each child says which
compiled module it loaded, and a child of one tree that ran the other's sources or
build stops the benchmark. Then child processes, each
pinned to one core where the OS allows, take turns, one tree after the other, round after
round, so that both meet the same load on a shared machine; each times the median step of
whole games under the historical policy, as a game in play takes it (decisions checked,
causes explained) and as a batch takes it, and whole playthroughs per second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, statistics, sys, time
if hasattr(os, "sched_setaffinity"):
    try:
        os.sched_setaffinity(0, {0})
    except OSError:
        pass
import game
from game.engine.batch import run_batch
from game.engine.core import NATIVE, new_game, step
from game.engine.compiled import compile_scenario
from game.engine.policies import get_policy
from game.scenario.loader import load_scenario

c = compile_scenario(load_scenario(sys.argv[1]))
pol = get_policy(c, "historical")
native_file = getattr(sys.modules.get("corridors_core_native"), "__file__", "") or ""
out = {"file": game.__file__, "native": bool(NATIVE), "native_file": native_file}
for label, interactive in (("play", True), ("batch", False)):
    ts = []
    for g in range(int(sys.argv[2])):
        s = new_game(c, 1000 + g)
        while s.week < c.n_weeks:
            d = {role: pol(c, s, role) for role in c.roles}
            t0 = time.perf_counter()
            s, _ = step(c, s, d, check=interactive, explain=interactive)
            ts.append(time.perf_counter() - t0)
    out[label] = statistics.median(ts) * 1e6
t0 = time.perf_counter()
run_batch(c, "historical", int(sys.argv[3]), seed=1)
out["games_per_s"] = int(sys.argv[3]) / (time.perf_counter() - t0)
print(json.dumps(out))
"""


def export(ref: str, into: Path) -> Path:
    tree = into / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def tree_env(tree: Path, accel: Path | None) -> dict[str, str]:
    """The environment a tree's processes run in: its sources first on the path, and
    (`accel`) its own compiled-engine cache."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    if accel is not None:
        env["CORRIDORS_ACCEL_DIR"] = str(accel)
    return env


def run_child(tree: Path, accel: Path | None, scenario: Path, games: int, runs: int, pure: bool) -> dict[str, float]:
    env = tree_env(tree, accel)
    env.pop("CORRIDORS_PURE", None)
    if pure:
        env["CORRIDORS_PURE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(scenario), str(games), str(runs)],
        cwd=tree, env=env, capture_output=True, text=True, check=True, timeout=1800,
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(out["file"]).resolve().parent.parent != tree.resolve():
        raise SystemExit(f"the child ran {out['file']}, not the tree {tree}")
    if accel is not None and out["native_file"] and accel.resolve() not in Path(out["native_file"]).resolve().parents:
        raise SystemExit(f"the child of {tree} loaded {out['native_file']}, not a build from {accel}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", help="the commit to compare this tree with (e.g. main)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--games", type=int, default=30, help="whole games timed per round and tree")
    ap.add_argument("--runs", type=int, default=300, help="playthroughs of the throughput batch")
    ap.add_argument("--pure", action="store_true", help="both trees as plain Python")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="corridors-against-") as tmp:
        other = export(args.ref, Path(tmp))
        # this tree keeps its cache (None: as configured); the other gets one of its own
        trees: dict[str, tuple[Path, Path | None]] = {"this tree": (ROOT, None), args.ref: (other, Path(tmp) / "accel")}
        if not args.pure:
            for tree, accel in trees.values():
                subprocess.run(
                    [sys.executable, "-m", "game.accel", "build", "--quiet"],
                    cwd=tree, env=tree_env(tree, accel), check=True,
                )
        results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, (tree, accel) in trees.items():
                scenario = tree / "scenarios" / "aleppo-2016"
                results[name].append(run_child(tree, accel, scenario, args.games, args.runs, args.pure))
        print(f"one step, median of {args.games} games x {args.rounds} rounds (median over rounds)")
        print(f"{'':12} {'engine':14} {'in play':>10} {'in a batch':>11} {'games/s':>9}")
        for name, rs in results.items():
            engine = "compiled" if all(r["native"] for r in rs) else "plain Python"
            play = statistics.median(r["play"] for r in rs)
            batch = statistics.median(r["batch"] for r in rs)
            rate = statistics.median(r["games_per_s"] for r in rs)
            print(f"{name:12} {engine:14} {play:8.0f} us {batch:8.0f} us {rate:9.0f}")


if __name__ == "__main__":
    main()

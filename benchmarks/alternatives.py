"""The debrief's alternative histories: the first player of a seed, and the next ones.

    .venv/bin/python benchmarks/alternatives.py [--runs 1000] [--seed 4]

The first player of a seed (a class's first debrief) plays both families, 2 × runs games:
their own decisions with other luck, and every role played by the historical policy. The
historical family is then kept (game/session/histories.py), so the next player of the
seed, in another process, plays only their own family and reads the other from the
cache folder; a second debrief in the same process reads it from memory. Each line says
how many games the engine played (counted, not estimated) and the time, on this machine
as it is (the workers CORRIDORS_WORKERS or the cores allow). The cache folder is a fresh
temporary one, so nothing the user's games left counts.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1000, help="histories of each kind (the debrief's default: 1000)")
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="corridors-bench-cache-") as cache:
        os.environ["CORRIDORS_CACHE"] = cache
        from game.engine.core import NATIVE
        from game.session import Session, histories

        alt = importlib.import_module("game.session.review.alternatives")
        played = [0]
        real_map = alt.map_seeds

        def counted(c: Any, seeds: Any, task: Any, **kw: Any) -> Any:
            seeds = list(seeds)
            played[0] += len(seeds)  # one game per seed, wherever the workers play it
            return real_map(c, seeds, task, **kw)

        alt.map_seeds = counted

        def game(idle: bool) -> Session:
            s = Session.new(seed=args.seed, autosave=False)
            while not s.finished:
                for role in s.roles:
                    can = [a.id for a in s.actions(role) if a.available and a.problem is None and not a.planned]
                    s.decide(role, actions=[] if idle else can[:1])
                s.advance()
            return s

        first, second = game(False), game(True)
        engine = "compiled" if NATIVE else "plain Python"
        print(f"The debrief's alternative histories, {args.runs:,} of each kind, seed {args.seed} ({engine} engine):")
        for label, session, forget in (
            ("first player of the seed (both families played)", first, True),
            ("next player, another process (historical family read from the cache)", second, True),
            ("the same player again, same process (from memory)", second, False),
        ):
            if forget:
                histories.forget()
            played[0] = 0
            before = len(histories.served)
            t0 = time.perf_counter()
            session.alternatives(args.runs)
            took = time.perf_counter() - t0
            how = histories.served[before:]
            print(f"  {label:<72} {took:7.2f} s  games played: {played[0]:,}  historical family: {', '.join(how)}")


if __name__ == "__main__":
    main()

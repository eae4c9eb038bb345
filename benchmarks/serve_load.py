"""How many browser games one `corridors serve` holds on this machine (never a test).

    .venv/bin/python benchmarks/serve_load.py [--max-games 60] [--step 5] [--keys 12]
                                              [--key tick|move] [--time-limit 900] [--json FILE]
                                              [--before DIR]

A real server on a free loopback port (127.0.0.1 only: nothing leaves this machine),
with a class made for it in a temporary store. Scripted students connect over the same
websocket the page's script opens (tests/wsgame.py), type the class code and a name,
begin, and wait at week 1. Then, level by level (--step more games each time, up to
--max-games), every connected game is played at once: each student presses a key that
changes the screen --keys times with a think time of 0.5 to 1.5 s (--key tick: ticking
and unticking the first action, which redraws the week's plan, map and ledger; move:
the highlight down and up the actions, which redraws one action's details), and the
time from the key to the game's first bytes back is its answer time. A level holds when every game answered every key and the 95th percentile
of all answers is at most 250 ms; the benchmark stops at the first level that does not,
at --max-games, or when --time-limit seconds have passed, then stops the server.

Memory: after each level, the proportional set size (PSS: shared pages split between
the processes that share them) and the resident set size of every game process, from
/proc (Linux), and the server's own; "memory per game" is the mean PSS of the games.

`--before DIR`: an earlier checkout (say `git archive main | tar -x -C /tmp/base`), served
by a second server in the same run: at each level as many students join each server,
and the keys are played in alternating rounds (this tree, then the other, then the
other way round), so before and after meet the same load; only this tree's figures
decide whether a level holds.

The machine is shared (the load average before and during each level is printed), so
the figures are this machine's on this day, not a property of the game.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from wsgame import WsGame  # noqa: E402

BUDGET = 0.250  # seconds: the answer every key must get, at the 95th percentile


def memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in KiB, from /proc; (0, 0) if it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    pss = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    rss = re.search(r"^Rss:\s+(\d+) kB", text, re.M)
    return (int(pss.group(1)) if pss else 0), (int(rss.group(1)) if rss else 0)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(p) for p in path.read_text().split()]
    except OSError:
        return []


def p95(values: list[float]) -> float:
    if not values:
        return float("inf")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


class Server:
    def __init__(self, home: Path, store: str, code: str, root: Path = ROOT, max_games: int = 60) -> None:
        env = {**os.environ, "CORRIDORS_HOME": str(home)}
        env.pop("CORRIDORS_DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", "0", "--class", code, "--store", store,
             *(["--max-games", str(max_games)] if max_games > 60 else []),  # the server's own limit is 60
             *(["--no-warm"] if (root / "game" / "classroom" / "families.py").exists() else [])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root, env=env,
        )
        assert self.proc.stdout is not None
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit(f"the server did not start: {self.proc.stderr.read() if self.proc.stderr else ''}")
            lines.append(line)
            if line.startswith("Stop the server"):
                break
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(lines))
        if not m:
            raise SystemExit("the server printed no loopback address: " + "".join(lines))
        self.port = int(m.group(1))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate(timeout=30)


async def join(port: int, code: str, n: int) -> WsGame:
    """A student at week 1: the code, tab to the name box, the name, enter, enter."""
    game = WsGame(port, width=120, height=40)
    await game.__aenter__()
    try:
        await game.wait_for("Join your class", timeout=180)
        await game.keys(code, "\t")
        await asyncio.sleep(1.5)  # as a person types: the focus has moved to the name box
        await game.keys(f"Bench {n}", "\r")
        await game.wait_for("Begin", timeout=180)
        await game.keys("\r")
        await game.wait_for("Who you are", timeout=180)  # the role card opens the game
        await game.keys("\r")
        await game.wait_for("action points left", timeout=180)
    except BaseException:
        await game.close()
        raise
    await asyncio.sleep(1.0)  # the week's first frames
    return game


# The keys a student presses: "tick" ticks and unticks the first action (the week screen
# redraws its plan, map and ledger), "move" moves the highlight down and up the list of
# actions (only the action's details change).
KEYS = {"tick": ("1", "1"), "move": ("\x1b[B", "\x1b[A")}


async def play(game: WsGame, keys: int, rng: random.Random, which: str) -> list[float]:
    out = []
    pair = KEYS[which]
    for i in range(keys):
        await asyncio.sleep(rng.uniform(0.5, 1.5))
        out.append(await game.answer(pair[i % 2], timeout=10))
    return out


def figures(flat: list[float], server: Server, joined_in: float, load_before: float, games: int) -> dict[str, Any]:
    missing = sum(1 for a in flat if a == float("inf"))
    finite = [a for a in flat if a != float("inf")]
    pids = children(server.proc.pid)
    mem = [memory(p) for p in pids]
    return {
        "games": games,
        "processes": len(pids),
        "joined_in_s": round(joined_in, 1),
        "answers": len(flat),
        "unanswered": missing,
        "p50_ms": round(statistics.median(finite) * 1000, 1) if finite else None,
        "p95_ms": round(p95(flat) * 1000, 1) if not missing else None,
        "max_ms": round(max(finite) * 1000, 1) if finite else None,
        "pss_per_game_mib": round(statistics.mean(m[0] for m in mem) / 1024, 1) if mem else None,
        "rss_per_game_mib": round(statistics.mean(m[1] for m in mem) / 1024, 1) if mem else None,
        "pss_all_games_mib": round(sum(m[0] for m in mem) / 1024, 1),
        "server_pss_mib": round(memory(server.proc.pid)[0] / 1024, 1),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "holds": not missing and p95(flat) <= BUDGET,
    }


def line(name: str, level: dict[str, Any]) -> str:
    return (
        f"{name}{level['games']:3d} games: p50 {level['p50_ms']} ms, p95 {level['p95_ms']} ms, max {level['max_ms']} ms,"
        f" unanswered {level['unanswered']}; PSS {level['pss_per_game_mib']} MiB a game (RSS {level['rss_per_game_mib']}),"
        f" server {level['server_pss_mib']} MiB; joined in {level['joined_in_s']} s; load {level['load_before']}"
        f" -> {level['load_after']} {'holds' if level['holds'] else 'DOES NOT HOLD'}"
    )


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from game.classroom.classes import new_class

    work = Path(tempfile.mkdtemp(prefix="corridors-load-"))
    store = str(work / "class.sqlite")
    klass, _ = new_class(store, "aleppo-2016", ["coordinator"], seed=3)
    trees = [("", ROOT)] + ([("before: ", args.before.resolve())] if args.before else [])
    servers = [Server(work / f"home{i}", store, klass.code, root, args.max_games) for i, (_, root) in enumerate(trees)]
    started = time.monotonic()
    games: list[list[WsGame]] = [[] for _ in trees]
    levels: list[dict[str, Any]] = []
    rng = random.Random(1)
    held = 0
    stop_reason = f"reached --max-games {args.max_games}"
    try:
        while len(games[0]) < args.max_games:
            if time.monotonic() - started > args.time_limit:
                stop_reason = f"--time-limit {args.time_limit:.0f} s"
                break
            have = len(games[0])
            target = min(args.max_games, have + args.step if have else max(1, args.step))
            t0 = time.monotonic()
            tries = await asyncio.gather(
                *(join(server.port, klass.code, have + i) for server in servers for i in range(target - have)),
                return_exceptions=True,
            )
            per = target - have
            for t in range(len(trees)):
                games[t].extend(g for g in tries[t * per : (t + 1) * per] if isinstance(g, WsGame))
            failed = [e for e in tries if not isinstance(e, WsGame)]
            if failed:
                stop_reason = f"games could not join at {target}: {' '.join(str(failed[0]).split())[:200]}"
                break
            joined_in = time.monotonic() - t0
            await asyncio.sleep(2.0)
            load_before = os.getloadavg()[0]
            flat: list[list[float]] = [[] for _ in trees]
            rounds = 2 if len(trees) > 1 else 1
            for r in range(rounds):  # alternating: this tree first, then the other first
                order = list(range(len(trees)))[:: 1 if r % 2 == 0 else -1]
                for t in order:
                    keys = args.keys // rounds + (args.keys % rounds if r == 0 else 0)
                    answers = await asyncio.gather(*(play(g, keys, random.Random(rng.random()), args.key) for g in games[t]))
                    flat[t].extend(a for one in answers for a in one)
            level = {"games": target}
            for t, (name, _) in enumerate(trees):
                level[name.rstrip(": ") or "this"] = fig = figures(flat[t], servers[t], joined_in, load_before, target)
                print(line(name, fig), flush=True)
            levels.append(level)
            if not level["this"]["holds"]:
                stop_reason = f"p95 above {BUDGET * 1000:.0f} ms or a key unanswered at {target} games"
                break
            held = target
    finally:
        await asyncio.gather(*(g.close() for tree in games for g in tree), return_exceptions=True)
        for server in servers:
            server.stop()
    return {
        "key": args.key,
        "budget_ms": BUDGET * 1000,
        "held": held,
        "stopped": stop_reason,
        "levels": levels,
        "before": str(args.before) if args.before else None,
        "cores": os.cpu_count(),
        "seconds": round(time.monotonic() - started),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-games", type=int, default=60)
    ap.add_argument("--step", type=int, default=5)
    ap.add_argument("--keys", type=int, default=12, help="keys each game presses at each level")
    ap.add_argument("--time-limit", type=float, default=900.0, help="seconds; no new level starts after it")
    ap.add_argument("--key", choices=sorted(KEYS), default="tick", help="the key every game answers (default: tick)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--before", type=Path, metavar="DIR", help="an earlier checkout, served side by side in the same run")
    args = ap.parse_args()
    if not 1 <= args.max_games <= 200 or not 1 <= args.step <= 50 or not 1 <= args.keys <= 100:
        ap.error("--max-games 1..200, --step 1..50, --keys 1..100")
    result = asyncio.run(run(args))
    print(f"Held {result['held']} concurrent games with every key answered within {result['budget_ms']:.0f} ms at the"
          f" 95th percentile (stopped: {result['stopped']}; {result['seconds']} s).")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

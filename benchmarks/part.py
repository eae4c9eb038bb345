"""What "your part" costs: the replays behind each week report's "your part", and the
end of a turn in the full-screen game with it and without it, side by side in one run.

    .venv/bin/python benchmarks/part.py [--games 5] [--rounds 3] [--weeks 8] [--size 120x40]

- Per turn: for each role and length, whole games played through the session (two
  actions a turn); each turn's `Session.advance` and then its `Session.your_part()`
  worked out afresh (the replays of the turn with the historical decisions, and without
  each of the player's decisions) are timed; and the debrief's `what_you_changed` (two
  whole games replayed) once a game.
- Key to report: the Textual game on a pseudo-terminal (the app sends itself the keys),
  timed from the key that ends the turn to the first frame written with the turn's
  report, `--weeks` turns a game; rounds alternate between the game as it is and the
  game with "your part" switched off (`Session.your_part` returning None, so the report
  has no part and no decision lines), so both meet the same load. Target: a median of at
  most 50 ms with "your part".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

ROLES = ("coordinator", "civil-defence", "household", "envoy")

CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
fd = int(sys.argv[1]); off = sys.argv[2] == "off"; weeks = int(sys.argv[3])
from game.session import Session
if off:
    Session.your_part = lambda self, first=None: None
from game.ui.app import CorridorsApp
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.modals import ConfirmScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.week import WeekScreen

class Bench(CorridorsApp):
    t0 = None
    times = []
    planned = -1

    def on_ready(self):
        write = self._driver.write
        def timed_write(data):
            write(data)
            if self.t0 is not None and isinstance(self.screen, ReportScreen):
                self.times.append(time.perf_counter() - self.t0)
                self.t0 = None
        self._driver.write = timed_write
        self.set_timer(0.3, self.tick)

    def tick(self):
        scr = self.screen
        s = self.session
        if s.week >= weeks or s.finished:
            os.write(fd, (" ".join(f"{{t * 1000:.2f}}" for t in self.times) + "\n").encode())
            self.exit()
            return
        if isinstance(scr, DilemmaScreen):
            self.simulate_key("1")
        elif isinstance(scr, ConfirmScreen):
            self.t0 = time.perf_counter()  # the key that plays the turn
            self.simulate_key("y")
        elif isinstance(scr, ReportScreen):
            self.simulate_key("enter")
        elif isinstance(scr, WeekScreen):
            if self.planned != s.week:
                self.planned = s.week
                for key in "12":
                    self.simulate_key(key)
            else:
                self.t0 = time.perf_counter()
                self.simulate_key("e")
        elif scr.__class__.__name__ == "RoleCardScreen":
            self.simulate_key("enter")
        self.set_timer(0.12, self.tick)

Bench(Session.new(seed=1, autosave=False)).run()
"""


def per_turn(games: int) -> None:
    from game.session import Session

    print(f"per turn, {games} games of each role and length (two actions a turn), ms:")
    print(f"{'':24} {'advance':>16} {'your part':>16} {'what you changed':>18}")
    for length in ("full", "lesson"):
        for role in ROLES:
            adv: list[float] = []
            part: list[float] = []
            whole: list[float] = []
            for g in range(games):
                s = Session.new(roles=[role], seed=100 + g, length=length, autosave=False)
                while not s.finished:
                    offered = [a.id for a in s.actions(role) if a.available and a.affordable]
                    try:
                        s.decide(role, offered[:2], {})
                    except Exception:
                        s.decide(role, offered[:1], {})
                    t0 = time.perf_counter()
                    s.advance()
                    t1 = time.perf_counter()
                    s._parts.clear()  # worked out afresh, as the report does once a turn
                    s.your_part()
                    t2 = time.perf_counter()
                    adv.append(t1 - t0)
                    part.append(t2 - t1)
                t0 = time.perf_counter()
                s.what_you_changed()
                whole.append(time.perf_counter() - t0)

            def med(xs: list[float]) -> str:
                return f"{statistics.median(xs) * 1000:6.2f} (max {max(xs) * 1000:5.1f})"

            print(f"{role + ', ' + length:24} {med(adv):>16} {med(part):>16} {med(whole):>18}")


def key_to_report(rounds: int, weeks: int, size: tuple[int, int]) -> None:
    from ui import run_child

    script = CHILD.format(root=str(ROOT))
    got: dict[str, list[float]] = {"on": [], "off": []}
    for _ in range(rounds):
        for which in ("on", "off"):
            out, _, _ = run_child(script, [which, str(weeks)], size)
            got[which].extend(float(t) for t in out.split())
    print(f"end of turn, key to the first frame with the report ({size[0]}x{size[1]}, {rounds} rounds x {weeks} turns):")
    for which, label in (("on", 'with "your part"'), ("off", 'with "your part" switched off')):
        ts = got[which]
        if not ts:
            print(f"  {label}: no report frame was seen")
            continue
        print(f"  {label:32} median {statistics.median(ts):6.1f} ms, max {max(ts):6.1f} ms over {len(ts)} turns")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--weeks", type=int, default=8)
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--no-ui", action="store_true", help="the per-turn costs only")
    args = ap.parse_args()
    per_turn(args.games)
    if not args.no_ui:
        w, h = (int(x) for x in args.size.split("x"))
        key_to_report(args.rounds, args.weeks, (w, h))


if __name__ == "__main__":
    main()

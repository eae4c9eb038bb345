"""The Textual game's speed and memory, measured (never asserted in tests).

    .venv/bin/python benchmarks/ui.py [--repeats N] [--size 80x24]

- Launch to first interactive frame: each app is started in a fresh process on a
  pseudo-terminal, and the time runs from the spawn to the app's Ready event (sent after
  its first frame is painted, when it takes input). Our game (at week 1 as `corridors
  play` opens it, and at the title as `corridors` does) and the minimal app of
  `benchmarks/minimal_app.py` are launched in turn, in the same run, `--repeats` times;
  the medians are compared.
- Peak memory: the maximum resident set size of each launched process (at its first
  frame), and of a process that then plays the whole game with keys to the debrief.
- End week: a whole game played on a pseudo-terminal (the app sends itself the keys),
  timed from the key that plays the week to the first frame written with its report.
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import os, resource, sys, time
sys.path.insert(0, {root!r})
fd = int(sys.argv[1]); which = sys.argv[2]
if which == "minimal":
    sys.path.insert(0, {bench!r})
    from minimal_app import MinimalApp as Base
else:
    from game.ui.app import CorridorsApp as Base
def tell(what):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    os.write(fd, f"{{what}} {{time.perf_counter()}} {{rss}}\n".encode())
class Timed(Base):
    def on_ready(self):  # the Ready event: the first frame is on screen, input is taken
        tell("ready")
        if which not in ("week", "cli-play"):
            self.exit()
    def start(self, session):  # the week screen replaces the loading frame
        super().start(session)
        self.call_after_refresh(lambda: self.call_after_refresh(self.done))
    def done(self):
        tell("week")
        self.exit()
def make():
    from game.session import Session
    return Session.new(seed=1)
if which.startswith("cli"):  # the `corridors` command itself (or `corridors play`)
    import game.ui.app
    game.ui.app.CorridorsApp = Timed
    from game.launch import main
    sys.argv[1:] = ["play", "--seed", "1"] if which == "cli-play" else []
    main()
else:
    app = Timed(loader=make) if which == "week" else Timed()
    app.run()
"""


def run_child(script: str, argv: list[str], size: tuple[int, int]) -> str:
    """Runs `script` in a fresh Python on a pseudo-terminal of `size`; returns what it
    wrote to the pipe whose descriptor it gets as its first argument."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    r, w = os.pipe()
    env = dict(os.environ, TERM="xterm-256color", CORRIDORS_HOME=tempfile.mkdtemp())

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break

    threading.Thread(target=drain, daemon=True).start()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(w), *argv],
        stdin=slave, stdout=slave, stderr=slave, pass_fds=(w,), env=env, close_fds=True,
    )
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 4096)
        if not chunk:
            break
        data += chunk
    proc.wait(timeout=120)
    os.close(r)
    os.close(slave)
    os.close(master)
    return data.decode()


def launch(which: str, size: tuple[int, int]) -> dict[str, tuple[float, float]]:
    """{event: (seconds from spawn, peak RSS in MiB so far)} for "ready" (the first
    interactive frame) and, for the week, "week" (week 1 on screen)."""
    t0 = time.perf_counter()  # perf_counter is system-wide (CLOCK_MONOTONIC) on Linux
    data = run_child(CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks")), [which], size)
    out = {}
    for line in data.splitlines():
        what, when, rss = line.split()
        out[what] = (float(when) - t0, int(rss) / 1024)
    return out


PLAY_CHILD = r"""
import os, resource, sys, time
sys.path.insert(0, {root!r})
fd = int(sys.argv[1])
from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.modals import ConfirmScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.week import WeekScreen

class Bench(CorridorsApp):
    t0 = None
    times = []
    alt = False
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
        if isinstance(scr, DilemmaScreen):
            self.simulate_key("1")
        elif isinstance(scr, ConfirmScreen):
            self.t0 = time.perf_counter()  # the key that plays the week
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
        elif isinstance(scr, DebriefScreen):
            if not self.alt:
                self.alt = True
                self.simulate_key("h")
            elif scr.summary is not None:
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                ms = " ".join(f"{{t * 1000:.2f}}" for t in self.times)
                os.write(fd, f"{{rss}} {{ms}}\n".encode())
                self.exit()
                return
        self.set_timer(0.12, self.tick)

Bench(Session.new(seed=1)).run()
"""


def end_week_times(size: tuple[int, int]) -> tuple[list[float], float]:
    """Plays a whole game on a pseudo-terminal, keys sent by the app to itself; returns
    the milliseconds from the key that plays each week to the first frame written with
    the week's report, and the process's peak RSS (MiB) after the debrief's 1,000
    alternative histories."""
    out = run_child(PLAY_CHILD.format(root=str(ROOT)), [], size)
    rss, *times = out.split()
    return [float(t) for t in times], int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--size", default="80x24")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    print(f"Python {sys.version.split()[0]}, terminal {w}x{h}, {args.repeats} launches each, interleaved")
    kinds = ("minimal", "week", "title", "cli", "cli-play")
    results: dict[str, list[dict[str, tuple[float, float]]]] = {k: [] for k in kinds}
    for which in kinds:  # warm the file cache once
        launch(which, (w, h))
    for _ in range(args.repeats):
        for which in kinds:
            results[which].append(launch(which, (w, h)))
    base = statistics.median(r["ready"][0] for r in results["minimal"])
    rows = [
        ("minimal", "ready", "minimal app (Header, DataTable, Log, Footer), first frame"),
        ("title", "ready", "Corridors at the title (the app), first frame"),
        ("cli", "ready", "Corridors at the title (the corridors command), first frame"),
        ("week", "ready", "Corridors play (the app), first frame (loading the scenario)"),
        ("week", "week", "Corridors play (the app), week 1 on screen"),
        ("cli-play", "ready", "corridors play (the command), first frame"),
        ("cli-play", "week", "corridors play (the command), week 1 on screen"),
    ]
    for which, event, label in rows:
        med = statistics.median(r[event][0] for r in results[which])
        rss = max(r[event][1] for r in results[which])
        print(
            f"launch: {label:62} median {med * 1000:5.0f} ms ({med / base:.2f}x minimal),"
            f" peak RSS {rss:5.1f} MiB"
        )
    times, rss = end_week_times((w, h))
    if times:
        print(
            f"end week, key to the first frame with the report: median {statistics.median(times):.1f} ms,"
            f" max {max(times):.1f} ms over {len(times)} weeks"
        )
    print(f"peak RSS after a whole game and the debrief's 1,000 alternative histories: {rss:.1f} MiB")


if __name__ == "__main__":
    main()

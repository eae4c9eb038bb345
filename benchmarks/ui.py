"""The Textual game's speed and memory, measured (never asserted in tests).

    .venv/bin/python benchmarks/ui.py [--repeats N] [--size 80x24] [--before DIR] [--no-play] [--no-bytecode]

- Launch to the first frame a person can read: each app is started in a fresh process on
  a pseudo-terminal, and the time runs from the spawn to the moment the terminal has been
  sent the words that make the frame readable: for the title, the content note's opening
  words; for week 1, its heading ("Week 1 of 20"); for the minimal app of
  `benchmarks/minimal_app.py`, its table's row. An earlier frame (the app's Ready event,
  with a "Loading…" line) is reported beside it, as "first frame". Our game (at week 1
  as `corridors play` opens it, and at the title as `corridors` does) and the minimal app
  are launched in turn, in the same run, `--repeats` times; the medians are compared.
  `--before DIR`: a checkout of an earlier version (say `git worktree add /tmp/base
  main`) launched in the same rounds, so that before and after are measured side by side
  on the same machine at the same moment.
- CPU: beside each median time, the median CPU time the process had used by then (user
  and system, all its threads), against the minimal app's: on a machine shared with other
  work, waiting for a core inflates the times but hardly the CPU seconds.
- Bytecode: each launch reads the modules' compiled bytecode, as an installed game does
  (pip compiles it; a game run from its source writes it on its first start), kept in a
  folder of this run's own (PYTHONPYCACHEPREFIX; the first, warming round writes it), even
  where PYTHONDONTWRITEBYTECODE is set. `--no-bytecode`: every module compiled afresh at
  each launch instead.
- Peak memory: the maximum resident set size of each launched process (at its readable
  frame), and of a process that then plays the whole game with keys to the debrief.
- End week: a whole game played on a pseudo-terminal (the app sends itself the keys),
  timed from the key that plays the week to the first frame written with its report.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
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
    os.write(fd, f"{{what}} {{time.perf_counter()}} {{rss}} {{time.process_time()}}\n".encode())
class Timed(Base):
    def on_ready(self):  # the Ready event: the first frame is on screen, input is taken
        tell("ready")    # the benchmark ends the process once the readable frame is out
def make():
    from game.session import Session
    return Session.new(seed=1)
if which.startswith("cli"):  # the `corridors` command itself (or `corridors play`)
    import game.ui.app
    game.ui.app.CorridorsApp = Timed
    try:
        from game.launch import main
    except ImportError:  # an earlier checkout kept it in game.ui
        from game.ui.launch import main
    sys.argv[1:] = ["play", "--seed", "1"] if which == "cli-play" else []
    main()
else:
    app = Timed(loader=make) if which == "week" else Timed()
    app.run()
"""

# Escape sequences (CSI, OSC, and two-character ones), removed before looking for words.
# The environment of every launch: where compiled bytecode is kept (set by main).
BYTECODE: dict[str, str] = {}

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


def content_words() -> str:
    """The content note's first words, as the title screen shows them."""
    import yaml

    meta = yaml.safe_load((ROOT / "scenarios" / "aleppo-2016" / "scenario.yaml").read_text())
    return " ".join(meta["content_note"].split()[:6])


def markers() -> dict[str, str]:
    """For each kind of launch, the words that make its frame readable."""
    note = content_words()
    return {
        "minimal": "275,000",
        "title": note,
        "cli": note,
        "week": "Week 1 of 20",
        "cli-play": "Week 1 of 20",
    }


def run_child(
    script: str, argv: list[str], size: tuple[int, int], *, marker: str | None = None,
    env_extra: dict[str, str] | None = None,
) -> tuple[str, float | None, float | None, float | None]:
    """Runs `script` in a fresh Python on a pseudo-terminal of `size`. Returns what it
    wrote to the pipe whose descriptor it gets as its first argument, and, with `marker`,
    when (perf_counter) the terminal was first sent those words, the process's peak RSS
    (MiB) and the CPU seconds it had used then; the process is ended once it has sent
    them and said it is ready."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    r, w = os.pipe()
    env = dict(os.environ, TERM="xterm-256color", CORRIDORS_HOME=tempfile.mkdtemp(), **BYTECODE, **(env_extra or {}))
    if "PYTHONPYCACHEPREFIX" in BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    seen: list[float] = []
    cpu: list[float | None] = []
    procs: list[subprocess.Popen[bytes]] = []
    found = threading.Event()
    wanted = marker.encode() if marker else None

    def drain() -> None:
        screen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            if wanted is not None and not seen:
                screen += chunk
                if wanted in ESCAPES.sub(b"", screen):
                    seen.append(time.perf_counter())
                    cpu.append(cpu_seconds(procs[0].pid) if procs else None)
                    found.set()

    threading.Thread(target=drain, daemon=True).start()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(w), *argv],
        stdin=slave, stdout=slave, stderr=slave, pass_fds=(w,), env=env, close_fds=True,
    )
    procs.append(proc)
    os.close(w)
    data = b""
    rss: float | None = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if marker is not None and found.is_set() and b"ready" in data and rss is None:
            rss = peak_rss(proc.pid)
            proc.kill()
        ready, _, _ = select.select([r], [], [], 0.01)
        if ready:
            chunk = os.read(r, 4096)
            if not chunk:
                break
            data += chunk
    else:
        proc.kill()
    proc.wait(timeout=120)
    os.close(r)
    os.close(slave)
    os.close(master)
    return data.decode(), (seen[0] if seen else None), rss, (cpu[0] if cpu else None)


def cpu_seconds(pid: int) -> float | None:
    """The user and system CPU time a process has used so far, if Linux says it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def peak_rss(pid: int) -> float | None:
    """The process's peak resident set size (VmHWM) in MiB, if Linux says it."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def launch(which: str, size: tuple[int, int], root: Path = ROOT) -> dict[str, tuple[float, float, float]]:
    """{event: (seconds from spawn, peak RSS in MiB, CPU seconds)} for "ready" (the app's first
    frame) and "readable" (the first frame a person can read), launching the game of
    the checkout at `root`."""
    env = {"CORRIDORS_SCENARIOS": str(root / "scenarios")} if root != ROOT else {}
    t0 = time.perf_counter()  # perf_counter is system-wide (CLOCK_MONOTONIC) on Linux
    script = CHILD.format(root=str(root), bench=str(ROOT / "benchmarks"))
    data, seen, rss, cpu = run_child(script, [which], size, marker=markers()[which], env_extra=env)
    out = {}
    for line in data.splitlines():
        what, when, ready_rss, ready_cpu = line.split()
        out[what] = (float(when) - t0, int(ready_rss) / 1024, float(ready_cpu))
    if seen is not None and cpu is not None:
        out["readable"] = (seen - t0, rss or 0.0, cpu)
    return out


PLAY_CHILD = r"""
import os, resource, sys, time
sys.path.insert(0, {root!r})
fd = int(sys.argv[1])
from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.screens.card import RoleCardScreen
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
        if isinstance(scr, RoleCardScreen):  # the role card that opens a new game
            self.simulate_key("enter")
        elif isinstance(scr, DilemmaScreen):
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
    out, _, _, _ = run_child(PLAY_CHILD.format(root=str(ROOT)), [], size)
    if not out.split():
        raise SystemExit("the whole game did not reach the debrief (a screen the script does not know?)")
    rss, *times = out.split()
    return [float(t) for t in times], int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--before", type=Path, help="an earlier checkout, launched in the same rounds")
    ap.add_argument("--no-play", action="store_true", help="launches only, no whole game")
    ap.add_argument("--no-bytecode", action="store_true", help="compile every module afresh at each launch")
    args = ap.parse_args()
    if args.no_bytecode:
        BYTECODE["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        BYTECODE["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="corridors-bytecode-")
    w, h = (int(x) for x in args.size.split("x"))
    print(f"Python {sys.version.split()[0]}, terminal {w}x{h}, {args.repeats} launches each, interleaved,"
          f" {'no bytecode kept' if args.no_bytecode else 'bytecode kept'}")
    trees = [("", ROOT)] + ([("before: ", args.before.resolve())] if args.before else [])
    kinds = ("minimal", "title", "cli", "week", "cli-play")
    runs = [(tag, root, k) for k in kinds for tag, root in trees if k != "minimal" or not tag]
    results: dict[tuple[str, str], list[dict[str, tuple[float, float, float]]]] = {(t, k): [] for t, _, k in runs}
    for _tag, root, which in runs:  # warm the file cache once
        launch(which, (w, h), root)
    for _ in range(args.repeats):
        for tag, root, which in runs:
            results[tag, which].append(launch(which, (w, h), root))
    base = statistics.median(r["readable"][0] for r in results["", "minimal"])
    base_cpu = statistics.median(r["readable"][2] for r in results["", "minimal"] if "readable" in r)
    rows = [
        ("minimal", "readable", "minimal app (Header, DataTable, Log, Footer), its row readable"),
        ("title", "ready", "title (the app), first frame"),
        ("title", "readable", "title (the app), content note readable"),
        ("cli", "ready", "title (the corridors command), first frame"),
        ("cli", "readable", "title (the corridors command), content note readable"),
        ("week", "ready", "play (the app), first frame"),
        ("week", "readable", "play (the app), week 1 readable"),
        ("cli-play", "ready", "corridors play (the command), first frame"),
        ("cli-play", "readable", "corridors play (the command), week 1 readable"),
    ]
    for which, event, label in rows:
        for tag, _ in trees:
            got = [r[event] for r in results.get((tag, which), []) if event in r]
            if not got:
                continue
            med = statistics.median(t for t, _, _ in got)
            rss = max(m for _, m, _ in got)
            cpu = statistics.median(c for _, _, c in got)
            missed = len(results[tag, which]) - len(got)
            note = f" ({missed} never)" if missed else ""
            print(
                f"launch: {tag + label:72} median {med * 1000:5.0f} ms ({med / base:.2f}x minimal),"
                f" CPU {cpu * 1000:5.0f} ms ({cpu / base_cpu:.2f}x), peak RSS {rss:5.1f} MiB{note}"
            )
    if args.no_play:
        return
    times, rss = end_week_times((w, h))
    if times:
        print(
            f"end week, key to the first frame with the report: median {statistics.median(times):.1f} ms,"
            f" max {max(times):.1f} ms over {len(times)} weeks"
        )
    print(f"peak RSS after a whole game and the debrief's 1,000 alternative histories: {rss:.1f} MiB")


if __name__ == "__main__":
    main()

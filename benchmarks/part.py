"""What "your part" costs: the replays behind each week report's "your part", and the
end of a turn in the full-screen game with it and without it, side by side in one run.

    .venv/bin/python benchmarks/part.py [--games 5] [--rounds 3] [--weeks 8] [--size 120x40] [--before DIR]

- Per turn: for each role and length, whole games played through the session (two
  actions a turn); each turn's `Session.advance` and then its `Session.your_part()`
  worked out afresh (the replays of the turn with the historical decisions, and without
  each of the player's decisions) are timed; and the debrief's `what_you_changed` (two
  whole games replayed) once a game.
- Key to report: the Textual game on a pseudo-terminal (benchmarks/ui.py's whole-game child, the app sending itself the keys),
  timed from the key that ends the turn to the first frame written with the turn's
  report, `--weeks` turns a game; rounds alternate between the game as it is and the
  game with "your part" switched off (`Session.your_part` returning None, so the report
  has no part and no decision lines), so both meet the same load. Target: a median of at
  most 50 ms with "your part". `--before DIR`: a checkout of an earlier version (say
  `git worktree add /tmp/base main`) played in the same rounds, with "your part".
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

# The whole-game child of benchmarks/ui.py, told to stop after `weeks` turns (writing
# its times in the same form), to close the role card, and ("off") to play with "your
# part" switched off.
OFF = """
off = sys.argv[2] == "off"; weeks = int(sys.argv[3])
if off:
    Session.your_part = lambda self, first=None: None
"""
STOP = """        if self.session.week >= weeks or self.session.finished:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            os.write(fd, (f"{{rss}} " + " ".join(f"{{t * 1000:.2f}}" for t in self.times) + "\\n").encode())
            self.exit()
            return
        if self.screen.__class__.__name__ == "RoleCardScreen":
            self.simulate_key("enter")
            self.set_timer(0.12, self.tick)
            return
"""


def child_script(root: Path = ROOT) -> str:
    from ui import PLAY_CHILD

    session_import = "from game.session import Session\n"
    tick = "    def tick(self):\n"
    assert session_import in PLAY_CHILD and tick in PLAY_CHILD, "benchmarks/ui.py's whole-game child has changed"
    script = PLAY_CHILD.replace(session_import, session_import + OFF, 1).replace(tick, tick + STOP, 1)
    return script.format(root=str(root))


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


def key_to_report(rounds: int, weeks: int, size: tuple[int, int], before: Path | None = None) -> None:
    from ui import run_child

    # (label, the checkout, "on" or "off")
    runs = [("on", ROOT, "on"), ("off", ROOT, "off")] + ([("before", before, "on")] if before else [])
    got: dict[str, list[float]] = {label: [] for label, _, _ in runs}
    for _ in range(rounds):
        for label, root, which in runs:
            env = {"CORRIDORS_SCENARIOS": str(root / "scenarios")} if root != ROOT else {}
            out = run_child(child_script(root), [which, str(weeks)], size, env_extra=env)[0]
            got[label].extend(float(t) for t in out.split()[1:])  # after the peak RSS
    print(f"end of turn, key to the first frame with the report ({size[0]}x{size[1]}, {rounds} rounds x {weeks} turns):")
    labels = [("on", 'with "your part"'), ("off", 'with "your part" switched off')]
    for which, label in labels + ([("before", f'before ({before}), with "your part"')] if before else []):
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
    ap.add_argument("--no-turns", action="store_true", help="the key to report only")
    ap.add_argument("--before", type=Path, help="an earlier checkout, played in the same rounds")
    args = ap.parse_args()
    if not args.no_turns:
        per_turn(args.games)
    if not args.no_ui:
        w, h = (int(x) for x in args.size.split("x"))
        key_to_report(args.rounds, args.weeks, (w, h), args.before.resolve() if args.before else None)


if __name__ == "__main__":
    main()

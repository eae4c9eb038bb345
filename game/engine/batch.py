"""Many games at once: playthroughs under a policy, summaries, and the record's bands."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from game.engine.compiled import Compiled
from game.engine.core import step
from game.engine.environment import env_for
from game.engine.opening import new_game
from game.engine.policies import Policy, decide_all, get_policy
from game.model.gamestate import GameState
from game.model.record import RecordMeasure

LEDGER_METRICS = ("present", "killed", "injured", "left", "food_days", "hospitals")


def play_through(c: Compiled, seed: int, policies: dict[str, Policy], *, history: bool = True) -> GameState:
    """One whole game with every role played by a policy. `history=False` keeps only the
    final ledger in the state's history (all a summary reads), which is faster."""
    s = new_game(c, seed, record=history)
    last = c.n_weeks - 1
    while s.week < c.n_weeks:
        env = env_for(c, s)  # the policies' and the step's: worked out once a week
        decisions = decide_all(c, s, policies, env)
        # The last week's ledger is taken as the week ends, before the next one opens
        # (a game ended early opens the week after its last, see `Compiled`).
        keep = history or s.week == last
        s, _ = step(c, s, decisions, check=False, explain=False, inplace=True, record=keep, env=env)
    if not history:
        s.history = s.history[-1:]
    return s


def policies_for(c: Compiled, name: str, humans: dict[str, Policy] | None = None) -> dict[str, Policy]:
    pol = get_policy(c, name)
    out = {role: pol for role in c.roles}
    if humans:
        out.update(humans)
    return out


def run_batch(c: Compiled, policy: str, runs: int, seed: int) -> list[GameState]:
    pols = policies_for(c, policy)
    return [play_through(c, seed + k, pols) for k in range(runs)]


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (q a whole number from 0 to 100), linear between closest ranks:
    `statistics.quantiles`' inclusive method (R's and NumPy's default)."""
    if not values:
        return 0.0
    if len(values) == 1 or q <= 0:
        return float(min(values))
    if q >= 100:
        return float(max(values))
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def final_ledgers(states: list[GameState]) -> list[dict[str, Any]]:
    return [s.history[-1] for s in states]


def _spread(vals: list[float]) -> dict[str, float]:
    return {"median": percentile(vals, 50), "p10": percentile(vals, 10), "p90": percentile(vals, 90)}


def role_lines(c: Compiled, states: list[GameState]) -> dict[str, dict[str, dict[str, float]]]:
    """Each role's ledger lines at the end of the games: role -> line -> median, 10th and
    90th percentile, mean, and `share` (of games in which the line ended above 0). A line
    is named without its role's prefix (coordinator.convoys -> convoys)."""
    finals = final_ledgers(states)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for rid in c.roles:
        lines: dict[str, dict[str, float]] = {}
        for name in c.role_by_id[rid].ledger:
            vals = [float(f.get("lines", {}).get(name, 0.0)) for f in finals]
            short = name[len(rid) + 1 :] if name.startswith(rid + ".") else name
            q = _spread(vals)
            q["mean"] = sum(vals) / len(vals) if vals else 0.0
            q["share"] = sum(1 for x in vals if x > 0) / len(vals) if vals else 0.0
            lines[short] = q
        out[rid] = lines
    return out


def summarise(states: list[GameState], c: Compiled | None = None) -> dict[str, Any]:
    """Median, 10th and 90th percentile of each final ledger measure, per zone; with the
    compiled scenario, each role's ledger lines too (`roles`, see `role_lines`)."""
    out: dict[str, Any] = {}
    finals = final_ledgers(states)
    for zone in ("east", "west", "total"):
        zd: dict[str, Any] = {}
        for m in LEDGER_METRICS:
            vals = [float(f[zone][m]) for f in finals if f[zone][m] is not None]
            if not vals:
                continue
            zd[m] = {"median": percentile(vals, 50), "p10": percentile(vals, 10), "p90": percentile(vals, 90)}
        causes = finals[0][zone]["killed_by_cause"].keys() if finals else []
        zd["killed_by_cause"] = {
            cause: {
                "median": percentile([float(f[zone]["killed_by_cause"][cause]) for f in finals], 50),
                "p10": percentile([float(f[zone]["killed_by_cause"][cause]) for f in finals], 10),
                "p90": percentile([float(f[zone]["killed_by_cause"][cause]) for f in finals], 90),
            }
            for cause in causes
        }
        out[zone] = zd
    if c is not None:
        out["roles"] = role_lines(c, states)
    return out


def measure(c: Compiled, s: GameState, m: RecordMeasure) -> float:
    """The value of a record measure in one finished (or far enough) game."""
    hist = s.history  # history[0] is the start; history[k + 1] is after week k

    def value(entry: dict[str, Any]) -> float:
        if m.line is not None:  # a role's ledger line (saves made before lines count none)
            return float(entry.get("lines", {}).get(m.line, 0.0))
        if m.metric == "left" and m.route:
            return float(entry["left_by_route"].get(m.route, 0))
        return float(entry[m.zone][m.metric] or 0.0)

    if m.kind == "at":
        assert m.week is not None
        k = c.week_of(m.week)
        return value(hist[min(k + 1, len(hist) - 1)])
    assert m.start is not None and m.end is not None
    a, b = c.week_of(m.start), c.week_of(m.end)
    return value(hist[min(b + 1, len(hist) - 1)]) - value(hist[a])


@dataclass
class Calibrated:
    measure: RecordMeasure
    median: float
    p10: float
    p90: float

    @property
    def inside(self) -> bool:
        return self.measure.band[0] <= self.median <= self.measure.band[1]


def calibrate(c: Compiled, states: list[GameState]) -> list[Calibrated]:
    out = []
    for m in c.sc.record:
        vals = [measure(c, s, m) for s in states]
        out.append(Calibrated(m, percentile(vals, 50), percentile(vals, 10), percentile(vals, 90)))
    return out


PROFILE_ZONES = ("east", "west", "total")
PROFILE_METRICS = ("killed", "injured")


def weekly_profile(c: Compiled, states: list[GameState]) -> list[dict[str, Any]]:
    """The games week by week: for each week, the median, 10th and 90th percentile of
    the people killed and injured that week in the east, the west and the whole city.
    The games must keep every week's ledger (as `calibrate` plays them)."""
    out: list[dict[str, Any]] = []
    for k, wk in enumerate(c.weeks):
        row: dict[str, Any] = {"week": k + 1, "date": wk.date, "phase": wk.phase}
        for zone in PROFILE_ZONES:
            row[zone] = {
                m: _spread([float(s.history[k + 1][zone][m] - s.history[k][zone][m]) for s in states if len(s.history) > k + 1])
                for m in PROFILE_METRICS
            }
        out.append(row)
    return out


def trace(c: Compiled, s: GameState) -> list[dict[str, Any]]:
    """A game's weeks in the `simulate --trace` form."""
    weeks = []
    for entry in s.history[1:]:
        k = entry["week"]
        ledger = {
            zone: {
                m: entry[zone][m] for m in ("present", "killed", "injured", "left", "food_days", "hospitals", "killed_by_cause")
            }
            for zone in ("east", "west", "total")
        }
        weeks.append(
            {"week": k + 1, "date": c.weeks[k].start.isoformat(), "ledger": ledger, "lines": dict(entry.get("lines", {}))}
        )
    return weeks


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.batch":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

"""The civilian ledger: a snapshot of a game by zone (east, west, Sheikh Maqsoud) and in
total, as the history records it week by week."""

from __future__ import annotations

from typing import Any

from game.engine.compiled import Compiled
from game.engine.environment import hospitals
from game.model.basics import CAUSES
from game.model.gamestate import GameState

ZONES = ("east", "west", "kurdish")


def ledger(c: Compiled, s: GameState, week: int) -> dict[str, Any]:
    """A snapshot of the civilian ledger: east, west, kurdish and total, plus the week
    index (-1 for the start), departures by route and the roles' ledger lines (`lines`:
    variable -> value, e.g. coordinator.convoys)."""
    present, injured, left, treated = s.present, s.injured, s.left, s.treated
    killed = s.killed
    pe = sum(c.pick_east(present))
    food_days = round(s.vars["east.food_stock"] / pe, 1) if pe > 0 else 0.0
    total_causes = dict.fromkeys(CAUSES, 0)
    tp = tk = ti = tl = tt = th = 0
    out: dict[str, Any] = {"week": week}
    for z in ZONES:
        pick = c.pick[z]
        by_cause = {cause: sum(pick(killed[cause])) for cause in CAUSES}
        for cause, n in by_cause.items():
            total_causes[cause] += n
        zk = sum(by_cause.values())
        zp = sum(pick(present))
        zi = sum(pick(injured))
        zl = sum(pick(left))
        zt = sum(pick(treated))
        zh = hospitals(c, s, z)
        out[z] = {
            "present": zp,
            "killed": zk,
            "injured": zi,
            "left": zl,
            "treated": zt,
            "food_days": food_days if z == "east" else None,
            "hospitals": zh,
            "killed_by_cause": by_cause,
        }
        tp += zp
        tk += zk
        ti += zi
        tl += zl
        tt += zt
        th += zh
    out["total"] = {
        "present": tp,
        "killed": tk,
        "injured": ti,
        "left": tl,
        "treated": tt,
        "food_days": food_days,
        "hospitals": th,
        "killed_by_cause": total_causes,
    }
    out["left_by_route"] = dict(s.left_by_route)
    v = s.vars
    out["lines"] = {name: v[name] for name in c.ledger_lines}
    return out


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.ledger":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

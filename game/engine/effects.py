"""Effects: what actions, dilemma options, events and income do to the state (add to or
set variables within their bounds, chance branches, damage to hospitals, a change of
holder), at once or when they fall due."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from game.engine.bounds import not_finite
from game.engine.compiled import Compiled
from game.engine.forms import UNBOUNDED
from game.engine.luck import Chance
from game.model.gamestate import GameState, Pending


def clamped(value: float, lo: float, hi: float) -> float:
    """`value` within [lo, hi] (-inf and inf for a variable without bounds); NaN stays."""
    if value < lo:
        value = lo
    if value > hi:
        value = hi
    return value


def set_var(c: Compiled, s: GameState, name: str, value: float) -> None:
    lo, hi = c.limits.get(name, UNBOUNDED)
    value = clamped(value, lo, hi)
    if not math.isfinite(value):  # no bound holds it (game/engine/bounds.py)
        raise not_finite(c.sc.id, s.week, name, value, "the world model")
    s.vars[name] = value


@dataclass(slots=True)
class Outcome:
    """What became of one effect of a decision, as data: a chance effect that came off
    or not (`kind` "chance", with its `chance`), a delayed one that will take effect in
    week `due` (0-based; "delayed"), or one too late for the game ("late"). `note` is the
    scenario's words for the effect ("" if it has none), `effect` its compiled index."""

    kind: str
    effect: int
    note: str
    hit: bool = False
    chance: float = 0.0
    due: int = -1


def apply_effect(
    c: Compiled,
    s: GameState,
    idx: int,
    env: dict[str, Any],
    chance: Chance,
    origin: str,
    log: list[Outcome] | None,
    *,
    now: bool = False,
) -> None:
    """Apply compiled effect `idx` (or schedule it, if it has a delay and `now` is false)."""
    e = c.effects[idx]
    if e.delay and not now:
        due = s.week + e.delay
        if due >= len(c.weeks):  # past the calendar
            if log is not None:
                log.append(Outcome("late", idx, e.note))
            return
        s.pending.append(Pending(due=due, effect=idx, origin=origin))
        if log is not None:
            log.append(Outcome("delayed", idx, e.note, due=due))
        return
    kind = e.kind
    if kind == "add" or kind == "set":
        add = kind == "add"
        values = s.vars
        for name, op, lo, hi in e.ops:
            x = float(op.ev(env))
            old = values[name]
            new = clamped(old + x if add else x, lo, hi)
            if not math.isfinite(new):  # no bound holds it (game/engine/bounds.py)
                raise not_finite(c.sc.id, s.week, name, new, origin)
            values[name] = new
            env[name] = new
            if new > old and (origin.startswith("action:") or origin.startswith("choice:")):
                who = s.credit.setdefault(name, [])
                tag = origin.split(":", 1)[1]
                if tag not in who:
                    who.append(tag)
    elif kind == "chance":
        assert e.chance is not None
        p = float(e.chance(env))
        hit = chance.effect(origin, idx) < p
        if log is not None and e.note:
            log.append(Outcome("chance", idx, e.note, hit, p))
        for j in e.then if hit else e.orelse:
            apply_effect(c, s, j, env, chance, origin, log)
    elif kind == "damage":
        damage_hospitals(c, s, e.damage_zone, e.damage_count, e.damage_permanent)
    elif kind == "holder":
        for i, h in e.holders:
            s.holder[i] = h


def damage_hospitals(c: Compiled, s: GameState, zone: str, count: int, permanent: bool) -> int:
    """Put `count` working hospitals of a zone out of service, the best-provided districts
    first (a deterministic choice). Returns how many were hit."""
    hit = 0
    for _ in range(count):
        best, most = -1, 0
        for i in c.zone_members[zone]:
            working = c.hospitals_base[i] - s.hosp_damaged[i] - s.hosp_lost[i]
            if working > most:
                best, most = i, working
        if best < 0:
            break
        if permanent:
            s.hosp_lost[best] += 1
        else:
            s.hosp_damaged[best] += 1
        hit += 1
    return hit


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.effects":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

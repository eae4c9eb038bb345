"""The week's world as expressions and the world model read it: the environment of names
(`env_for`), the expected hazard per district, the civil defence's standing choices,
working hospitals, and negotiated pauses."""

from __future__ import annotations

from typing import Any

from game.engine.compiled import Compiled
from game.engine.forms import Params, Week
from game.model.gamestate import GameState


def env_for(c: Compiled, s: GameState) -> dict[str, Any]:
    """The names an expression may read this week: the variables, and the derived names
    (phase, week, food days…) that some expression of the scenario uses."""
    env: dict[str, Any] = dict(s.vars)
    wk = c.weeks[min(s.week, len(c.weeks) - 1)]
    env["phase"] = wk.phase
    env["week"] = s.week + 1
    env["month"] = wk.start.month
    pe = sum(c.pick_east(s.present))
    env["present.east"] = pe
    env["food_days.east"] = s.vars["east.food_stock"] / pe if pe > 0 else 0.0
    if c.need_hospitals:
        env["hospitals.east"] = hospitals(c, s, "east")
    for z in c.need_killed:
        pick = c.pick[z]
        env[c.killed_var[z]] = sum(sum(pick(k)) for k in s.killed.values())
    env.update(open_names(c, s, wk))
    if c.param_env:
        env.update(c.param_env)
    if c.need_hazard:
        env.update(hazard_names(c, s, wk.rates))
    return env


def open_names(c: Compiled, s: GameState, wk: Week) -> dict[str, float]:
    """`open.<route>`: the days the route is open this week as the world stands, the
    phase's days (with a negotiated pause's, see `route_days`) times the route's own state
    (`route.<id>`, 0 = cut, where the scenario declares it), as `resolve_world` uses them."""
    days = route_days(c, s, wk)
    v = s.vars
    out: dict[str, float] = {}
    for rid, key, var in c.open_names:
        d = days.get(rid, 0.0)
        out[key] = d * v[var] if var and d > 0.0 else d
    return out


def hazard_names(c: Compiled, s: GameState, rates: dict[str, tuple[float, float, float]]) -> dict[str, float]:
    """`hazard.<district>`: the casualties (killed and injured) this week's strikes and
    fighting are expected to cause per 100,000 people in a district, after its shelter
    and exposure and, in the east, early warning and attention; `hazard.east`: the
    east's average over the people present. Only the names some expression reads.
    A negotiated pause cuts the air strikes as `resolve_world` does."""
    v, p, want = s.vars, c.params, c.need_hazard
    pressure_mod = 1.0 - p.pressure_effect * min(1.0, v["attention"] / 100.0)
    warn_mod = 1.0 - p.warning_effect * min(1.0, max(0.0, v["east.warning"]))
    pause_mod = pause_air_factor(s)
    out: dict[str, float] = {}
    average = "hazard.east" in want
    total = people = 0.0
    present = s.present
    for z, members in c.hazard_plan:
        if not members:
            continue
        air, shell, ground = rates[z]
        is_east = z == "east"
        if is_east:
            air, shell = air * pressure_mod * warn_mod * pause_mod, shell * warn_mod
        for i, wa, ws, wg, key in members:
            h = 1e5 * (wa * air + ws * shell + wg * ground)
            if key:
                out[key] = h
            if is_east:
                total += h * present[i]
                people += present[i]
    if average:
        out["hazard.east"] = total / people if people > 0 else 0.0
    return out


def rescue_modifiers(p: Params, v: dict[str, float]) -> tuple[float, float, float]:
    """The civil defence's standing choices, read from optional variables (each is
    neutral when a scenario does not declare it): the teams in the field this week
    (`east.rescue_effort`, 1 = all), the crews' fatigue (`east.rescue_fatigue`, 0..1), how
    long teams wait before entering a struck site (`east.rescue_wait`, 0 = at once, 1 =
    the longest wait) and the share of fuel given to ambulances rather than hospital
    generators (`east.ambulance_fuel`, 0.5 = even). Returns the factors on rescue
    capacity, on care capacity and on the rescuers' exposure to strikes."""
    effort = max(0.0, v.get("east.rescue_effort", 1.0))
    fatigue = min(1.0, max(0.0, v.get("east.rescue_fatigue", 0.0)))
    wait = min(1.0, max(0.0, v.get("east.rescue_wait", 0.0)))
    split = p.fuel_split_effect * (min(1.0, max(0.0, v.get("east.ambulance_fuel", 0.5))) - 0.5)
    rescue = effort * (1.0 - p.fatigue_effect * fatigue) * (1.0 - p.wait_rescue_cost * wait) * (1.0 + split)
    exposure = effort * (1.0 + fatigue) * (1.0 - p.wait_safety * wait)
    return rescue, 1.0 - split, exposure


def hospitals(c: Compiled, s: GameState, zone: str) -> int:
    """Hospitals working in a zone (or "total")."""
    members = c.all_districts if zone == "total" else c.zone_members[zone]
    base, damaged, lost = c.hospitals_base, s.hosp_damaged, s.hosp_lost
    n = 0
    for i in members:
        w = base[i] - damaged[i] - lost[i]
        if w > 0:
            n += w
    return n


# ---------------------------------------------------------------------------------
# Negotiated pauses
# ---------------------------------------------------------------------------------


def paused(s: GameState) -> bool:
    """Whether this week is under a pause a player negotiated: the optional variable
    `pause.weeks` (the weeks it still runs, this one included) is above 0."""
    return s.vars.get("pause.weeks", 0.0) > 0.0


def route_days(c: Compiled, s: GameState, wk: Week) -> dict[str, float]:
    """The days each route is open this week: what the phases give, and in a negotiated
    pause at least `pause.days` (0-7) for every route of kind `exit`."""
    if not paused(s):
        return wk.route_days
    days = dict(wk.route_days)
    least = min(7.0, max(0.0, s.vars.get("pause.days", 0.0)))
    for rid, r in c.routes.items():
        if r.kind == "exit" and days.get(rid, 0.0) < least:
            days[rid] = least
    return days


def pause_air_factor(s: GameState) -> float:
    """The share of air strikes on the east left this week: 1 - `pause.air_cut` (0-1)
    in a negotiated pause, all of them otherwise."""
    if not paused(s):
        return 1.0
    return 1.0 - min(1.0, max(0.0, s.vars.get("pause.air_cut", 0.0)))


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.environment":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

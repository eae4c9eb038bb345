"""The world model of one week (`resolve_world`), district by district: strikes and
shelling, rescue, care and deaths for want of it, hospitals hit and repaired, hunger,
departures by route, and rescuers lost, each with its own keyed draws (`luck`) and,
when a report is asked for, its causes as data. It may stay one function until the
engine's own issue splits it.
"""

from __future__ import annotations

import math

from game.engine.compiled import Compiled
from game.engine.effects import set_var
from game.engine.environment import (
    hospitals,
    pause_air_factor,
    paused,
    rescue_modifiers,
    route_days,
)
from game.engine.forms import Week
from game.engine.ledger import ZONES
from game.engine.luck import Draws, Luck, code
from game.engine.report import Cause, WeekReport
from game.model.gamestate import GameState

TWO_PI = 2.0 * math.pi


def _people(mu: float, draws: Draws) -> int:
    """A whole number of people around an expected `mu`: Poisson for small means, and for
    larger ones a normal approximation (a sum of four uniforms, which is close to normal
    within 3.4 standard deviations and much cheaper to draw)."""
    if mu <= 0.0:
        return 0
    if mu < 12.0:
        # Knuth's method: exact Poisson for small means.
        limit = math.exp(-mu)
        k, prod = 0, draws.random()
        while prod > limit:
            k += 1
            prod *= draws.random()
        return k
    x = mu + math.sqrt(mu) * (draws.random() + draws.random() + draws.random() + draws.random() - 2.0) * 1.7320508075688772 + 0.5
    return int(x) if x > 0.0 else 0


def _credit(s: GameState, var: str) -> list[str]:
    """The last three decisions that strengthened `var` ("role:action" or
    "role:dilemma=option")."""
    who = s.credit.get(var)
    return list(who[-3:]) if who else []


def rescuer_losses(
    c: Compiled,
    s: GameState,
    east_rates: tuple[float, float, float],
    air_mod: float,
    shell_mod: float,
    exposure: float,
    draws: Draws,
) -> int:
    """Rescuers killed or hurt too badly to work this week: the rescuers in the field
    (`rescuers_per_team` to a team of `east.rescuers`) times this week's air strikes and
    shelling on the east (casualties per 100,000, after attention and warning) / 100,
    times `rescuer_risk` and the exposure of `rescue_modifiers`. They are added to
    `east.rescuers_lost` and their teams taken off `east.rescuers`. The model counts them
    among the week's casualties already (rescuers are people of the east), so no one is
    counted twice. Does nothing, and draws nothing, in a scenario without
    `east.rescuers_lost`."""
    v, p = s.vars, c.params
    if "east.rescuers_lost" not in v:
        return 0
    size = p.rescuers_per_team
    in_field = max(0.0, v["east.rescuers"]) * size
    strikes = east_rates[0] * air_mod + east_rates[1] * shell_mod
    lost = min(_people(in_field * p.rescuer_risk * exposure * strikes / 100.0, draws), int(in_field))
    if lost > 0:
        v["east.rescuers_lost"] += lost
        set_var(c, s, "east.rescuers", v["east.rescuers"] - lost / size)
    return lost


def resolve_world(
    c: Compiled, s: GameState, wk: Week, luck: Luck, report: WeekReport | None
) -> None:
    """The world model for one week, district by district. `report` (if given) receives
    the week's causes, as data. Each draw has its own key (`luck`): the zone's luck by
    zone; a district's casualties, deaths among them, rescue, care and deaths for want of
    care by district; hospitals hit and repaired by district; hunger; departures by route
    (and district); rescuers lost."""
    p = c.params
    v = s.vars
    present = s.present
    east = c.east

    # Modifiers from the state of the world.
    attention = v["attention"]
    pressure_mod = 1.0 - p.pressure_effect * min(1.0, attention / 100.0)
    pause_mod = pause_air_factor(s)
    days_open = route_days(c, s, wk)
    warning = min(1.0, max(0.0, v["east.warning"]))
    warn_mod = 1.0 - p.warning_effect * warning
    sigma = p.weekly_sigma
    la, ls, lg = p.lethality_air, p.lethality_shelling, p.lethality_ground
    rates = wk.rates

    # Rescue in the east: teams with fuel pull trapped people out alive. Their reach is
    # set against the deaths this week's hazard would be expected to cause.
    fuel_factor = 1.0 if v["east.fuel"] > 0 else p.no_fuel_factor
    rescue_cap = v["east.rescuers"] * p.rescue_per_team * fuel_factor
    rescue_mod, care_mod, exposure_mod = rescue_modifiers(p, v)
    rescue_cap *= rescue_mod

    # Care capacity in the east this week: hospitals and clinics, less without supplies or
    # fuel. The west's and Sheikh Maqsoud's hospitals are assumed to cope.
    supplies_factor = 1.0 if v["east.medical_supplies"] > 0 else p.no_supplies_factor
    hosp_east = hospitals(c, s, "east")
    care_cap = (hosp_east * p.hospital_capacity + v["east.clinics"] * p.clinic_capacity) * supplies_factor * fuel_factor
    care_cap *= care_mod
    td, ud = p.treated_death, p.untreated_death

    # Strikes and fighting, zone by zone and district by district: one draw of casualties
    # per district, split among causes by their expected shares; then who of them is
    # killed outright, who is pulled out alive by rescuers, and who of the injured dies for
    # want of care. Rescue and care are set against the zone's expected load this week.
    killed = s.killed
    k_air, k_shell, k_ground, k_care = killed["air"], killed["shelling"], killed["ground"], killed["lack_of_care"]
    injured_total, treated_total = s.injured, s.treated
    plain_killed = {"east": 0.0, "west": 0.0, "kurdish": 0.0}
    mitigated_killed = {"east": 0.0, "west": 0.0, "kurdish": 0.0}
    saved = {"east": 0, "west": 0, "kurdish": 0}
    wounded = {"east": 0, "west": 0, "kurdish": 0}  # injured this week
    struck = {"east": 0, "west": 0, "kurdish": 0}  # casualties this week, killed and injured
    paused_air = 0.0  # deaths the negotiated pause's cut in air strikes is expected to avert
    zone_luck: dict[str, float] = {}
    inj_east = 0
    care_deaths_east = 0
    treated_share_east = 1.0
    luck_draws = luck.named("zone luck")
    casualty_draws = luck.named("casualties")
    killed_draws = luck.named("killed outright")
    rescued_draws = luck.named("rescued")
    treated_draws = luck.named("treated")
    care_draws = luck.named("deaths of the wounded")
    for zi, z in enumerate(ZONES):
        air_r, shell_r, ground_r = rates[z]
        if air_r == 0.0 and shell_r == 0.0 and ground_r == 0.0:
            continue
        static = c.zone_static[z]
        sums_a = sums_s = sums_g = 0.0
        for i, wa, ws, wg in static:
            pop = present[i]
            sums_a += pop * wa
            sums_s += pop * ws
            sums_g += pop * wg
        is_east = z == "east"
        plain_killed[z] = sums_a * air_r * la + sums_s * shell_r * ls + sums_g * ground_r * lg
        if is_east:
            paused_air = sums_a * air_r * pressure_mod * warn_mod * (1.0 - pause_mod) * la
            air_r *= pressure_mod * warn_mod * pause_mod
            shell_r *= warn_mod
        expected = sums_a * air_r * la + sums_s * shell_r * ls + sums_g * ground_r * lg
        mitigated_killed[z] = expected
        # The zone's luck: a lognormal factor of mean 1. Its normal comes from two
        # uniforms of the zone's key (Box-Muller: the cosine of a random angle).
        zd = luck_draws.at(zi)
        x2pi = zd.random() * TWO_PI
        g2rad = math.sqrt(-2.0 * math.log(1.0 - zd.random()))
        z_norm = math.cos(x2pi) * g2rad
        lk = math.exp(0.0 + z_norm * sigma - sigma * sigma / 2)
        zone_luck[z] = lk
        if is_east:
            rs = p.rescue_max * min(1.0, rescue_cap / expected) if expected > 0 else 0.0
            # Expected injured this week, for triage: casualties less the dead, with luck.
            cas = (sums_a * air_r + sums_s * shell_r + sums_g * ground_r) * lk
            inj_expected = cas - expected * lk * (1.0 - rs)
            treated_share_east = min(1.0, care_cap / inj_expected) if inj_expected > 0 else 1.0
            share = treated_share_east
        else:
            rs = p.west_rescue_share
            share = 1.0
        zsaved = zinj = zcas = 0
        for i, wa, ws, wg in static:
            pop = present[i]
            if pop <= 0:
                continue
            ma = pop * wa * air_r
            ms = pop * ws * shell_r
            mg = pop * wg * ground_r
            mu = ma + ms + mg
            if mu <= 0.0:
                continue
            m = mu * lk
            tot = _people(m, casualty_draws.at(i))
            if tot <= 0:
                continue
            if tot > pop:
                tot = pop
            zcas += tot
            ca = int(tot * ma / mu + 0.5)
            cs = int(tot * ms / mu + 0.5)
            if ca + cs > tot:
                cs = tot - ca
            cg = tot - ca - cs
            wca, wcs, wcg = ca * la, cs * ls, cg * lg
            d_exp = wca + wcs + wcg
            d = int(d_exp + killed_draws.one(i))
            if d > tot:
                d = tot
            sv = int(d * rs + rescued_draws.one(i))
            d -= sv
            zsaved += sv
            if d > 0:
                da = int(d * wca / d_exp + 0.5)
                ds = int(d * wcs / d_exp + 0.5)
                if da + ds > d:
                    ds = d - da
                k_air[i] += da
                k_shell[i] += ds
                k_ground[i] += d - da - ds
                pop -= d
            inj = tot - d
            injured_total[i] += inj
            zinj += inj
            # Care: the treated die one time in `1/td`; the extra deaths among the
            # untreated count as lack of care, the rest under the strike that wounded them.
            if share < 1.0:
                treated = int(inj * share + treated_draws.one(i))
                if treated > inj:
                    treated = inj
            else:
                treated = inj
            treated_total[i] += treated
            e_t = treated * td
            e_u = (inj - treated) * ud
            deaths = _people(e_t + e_u, care_draws.at(i))
            if deaths > pop:
                deaths = pop
            if deaths > 0:
                du = int(deaths * e_u / (e_t + e_u) + 0.5)
                dt_ = deaths - du
                if ca >= cs and ca >= cg:
                    k_air[i] += dt_
                elif cs >= cg:
                    k_shell[i] += dt_
                else:
                    k_ground[i] += dt_
                k_care[i] += du
                pop -= deaths
                if is_east:
                    care_deaths_east += du
            present[i] = pop
            if is_east:
                inj_east += inj
        saved[z] = zsaved
        wounded[z] = zinj
        struck[z] = zcas
    if inj_east > 0:
        v["east.medical_supplies"] = max(0.0, v["east.medical_supplies"] - 1.0)
    v["east.fuel"] = max(0.0, v["east.fuel"] - 1.0)

    # Hospitals: strikes put some out of service; some are repaired.
    air_east = rates["east"][0] * pressure_mod * pause_mod
    p_hit = min(0.9, p.hospital_hit_rate * air_east / 100.0)
    p_hit *= 1.0 - min(1.0, max(0.0, v.get("east.hospital_shield", 0.0)))
    hosp_hits = hosp_repaired = 0
    repair_draws = luck.named("hospital repaired")
    hit_draws = luck.named("hospital hit")
    for i in east:
        working = c.hospitals_base[i] - s.hosp_damaged[i] - s.hosp_lost[i]
        repaired = 0
        if s.hosp_damaged[i] > 0:
            rd = repair_draws.at(i)
            for _ in range(s.hosp_damaged[i]):
                if rd.random() < p.hospital_repair:
                    repaired += 1
        hits = 0
        if working > 0:
            hd = hit_draws.at(i)
            for _ in range(working):
                if hd.random() < p_hit:
                    hits += 1
        s.hosp_damaged[i] += hits - repaired
        hosp_hits += hits
        hosp_repaired += repaired

    # Food: routes bring some in; the east eats, rationing as stocks fall.
    pe = pe_fed = sum(c.pick_east(present))
    stock = v["east.food_stock"]
    inflow = 0.0
    for rid, days in days_open.items():
        if days > 0.0:
            inflow += days * c.routes[rid].food_inflow * _route_factor(c, v, rid)
    stock += inflow
    food_days = stock / pe if pe > 0 else 0.0
    ration = min(1.0, max(p.min_ration, food_days / p.ration_threshold_days))
    bakery = min(p.bakery_max, v["east.bakeries"] * p.bakery_effect)
    eaten = pe * 7.0 * ration * (1.0 - bakery)
    ate = min(stock, eaten)  # what there was to eat
    stock = max(0.0, stock - eaten)
    v["east.food_stock"] = stock
    food_days = stock / pe if pe > 0 else 0.0

    # Hunger and unsafe water: one draw for the east, shared out by population.
    thr = p.hunger_threshold_days
    short = max(0.0, (thr - food_days) / thr)
    hunger_rate = p.hunger_rate * short * short + p.water_disease_rate * (1.0 - v["east.water"])
    hunger_deaths = 0
    if hunger_rate > 0.0 and pe > 0:
        want = min(pe, _people(pe * hunger_rate, luck.draws("hunger")))
        if want > 0:
            k_hunger = killed["hunger"]
            hunger_share = luck.named("hunger by district")
            for i in east:
                k = min(present[i], want - hunger_deaths, int(want * present[i] / pe + hunger_share.one(i)))
                if k > 0:
                    k_hunger[i] += k
                    present[i] -= k
                    hunger_deaths += k

    # Departures: people leave the east by whatever route is open, if they dare.
    pe = sum(c.pick_east(present))
    danger = (rates["east"][0] + rates["east"][1]) / 100.0
    push = 1.0 + p.push_danger * danger + p.push_hunger * short
    departures: dict[str, int] = {}
    route_deaths = 0
    k_route = killed["on_route"]
    leaving_share = luck.named("leaving by district")
    leaving_deaths = luck.named("killed leaving")
    for rid, days in days_open.items():
        r = c.routes[rid]
        if days <= 0.0 or r.exit_rate <= 0.0 or pe <= 0:
            continue
        ri = code(rid)
        trust = v.get(r.trust, 1.0) if r.trust else 1.0
        share = min(0.5, days * r.exit_rate * trust * push * _route_factor(c, v, rid))
        total_leaving = _people(pe * share, luck.draws("leaving", ri))
        if total_leaving <= 0:
            continue
        moved = 0
        for i in east:
            k = min(present[i], int(total_leaving * present[i] / pe + leaving_share.one(ri, i)))
            if k <= 0:
                continue
            dead = _people(k * r.risk, leaving_deaths.at(ri, i))
            dead = min(dead, k)
            k_route[i] += dead
            route_deaths += dead
            present[i] -= k
            s.left[i] += k - dead
            moved += k - dead
        s.left_by_route[rid] += moved
        departures[rid] = moved

    # Scheduled departures (medical evacuations and the like): exit.<route> variables.
    for rid in c.routes:
        key = c.routes[rid].exit
        want = int(v.get(key, 0.0))
        if want <= 0:
            continue
        v[key] = 0.0
        if days_open.get(rid, 0.0) <= 0.0 and c.routes[rid].kind != "medevac":
            continue
        pe = sum(c.pick_east(present))
        want = min(want, pe)
        moved = 0
        for i in sorted(east, key=lambda j: -present[j]):
            k = min(present[i], want - moved)
            present[i] -= k
            s.left[i] += k
            moved += k
            if moved >= want:
                break
        s.left_by_route[rid] += moved
        departures[rid] = departures.get(rid, 0) + moved

    # Rescuers lost at struck sites, and the people rescue teams pulled out alive.
    rescuers_lost = rescuer_losses(
        c, s, rates["east"], pressure_mod * pause_mod * warn_mod, warn_mod, exposure_mod, luck.draws("rescuers lost")
    )
    if "east.rescued" in v:
        v["east.rescued"] += saved["east"]

    # A negotiated pause runs down by a week.
    if paused(s):
        v["pause.weeks"] = max(0.0, v["pause.weeks"] - 1.0)

    # Attention fades toward its baseline.
    base = p.attention_baseline
    v["attention"] = base + (v["attention"] - base) * (1.0 - p.attention_decay)

    if report is None:
        return
    # Explanations, as data: the largest movers, at zone level.
    causes = report.causes
    phase_name = wk.phase
    credit = s.credit
    for z in ("east", "west"):
        plain = plain_killed[z]
        if plain >= 1.0 or struck[z] > 0:
            causes.append(Cause(f"killed.{z}", round(plain, 1), "phase", phase_name, "strikes", {"expected": plain}, []))
        if wounded[z]:
            causes.append(
                Cause(f"injured.{z}", float(wounded[z]), "phase", phase_name, "wounded", {"injured": float(wounded[z])}, [])
            )
    mitig = plain_killed["east"] - mitigated_killed["east"] - paused_air
    if paused_air >= 0.5:
        causes.append(
            Cause(
                "killed.east", -round(paused_air, 1), "decision", "pause.weeks", "pause",
                {"share": 1.0 - pause_mod, "averted": paused_air}, _credit(s, "pause.weeks"),
            )
        )
    if mitig >= 1.0:
        causes.append(
            Cause(
                "killed.east", -round(mitig, 1),
                "decision" if credit.get("east.warning") or attention > base else "model",
                "east.warning", "warning", {"kept": mitig}, _credit(s, "east.warning"),
            )
        )
    luck_e = zone_luck.get("east", 1.0) - 1.0
    if abs(luck_e) > 0.15 and mitigated_killed["east"] >= 5:
        causes.append(
            Cause("killed.east", round(luck_e * mitigated_killed["east"], 1), "chance", "luck", "luck", {"luck": luck_e}, [])
        )
    if saved["east"]:
        causes.append(
            Cause(
                "killed.east", -saved["east"], "decision" if credit.get("east.rescuers") else "model",
                "east.rescuers", "rescue", {"rescued": float(saved["east"])}, _credit(s, "east.rescuers"),
            )
        )
    if care_deaths_east:
        causes.append(
            Cause(
                "killed.east", care_deaths_east, "model", "care", "care",
                {
                    "died": float(care_deaths_east),
                    "hospitals": float(hosp_east),
                    "clinics": v["east.clinics"],
                    "treated_share": treated_share_east,
                },
                [],
            )
        )
    if v["east.clinics"] > 0 and inj_east > 0:
        clinic_treated = min(inj_east, v["east.clinics"] * p.clinic_capacity * supplies_factor * fuel_factor)
        averted = clinic_treated * (p.untreated_death - p.treated_death)
        if averted >= 0.5 and treated_share_east < 1.0 or averted >= 1.0:
            causes.append(
                Cause(
                    "killed.east", -round(averted, 1), "decision" if credit.get("east.clinics") else "model",
                    "east.clinics", "clinics", {"treated": clinic_treated, "saved": averted}, _credit(s, "east.clinics"),
                )
            )
    if hunger_deaths:
        causes.append(
            Cause(
                "killed.east", hunger_deaths, "model", "hunger", "hunger",
                {"died": float(hunger_deaths), "food_days": food_days, "water": v["east.water"]}, [],
            )
        )
    if inflow >= 1.0:
        causes.append(
            Cause(
                "food_days.east", round(inflow / pe, 1) if pe else 0.0, "phase", phase_name, "supply",
                {"days": inflow / pe if pe else -1.0}, [],
            )
        )
    if bakery > 0.0 and pe:
        causes.append(
            Cause(
                "food_days.east", round(7.0 * ration * bakery, 1), "decision" if credit.get("east.bakeries") else "model",
                "east.bakeries", "bakeries", {"days": 7.0 * ration * bakery}, _credit(s, "east.bakeries"),
            )
        )
    if hosp_hits:
        causes.append(Cause("hospitals.east", -hosp_hits, "chance", "strikes", "hospital_hits", {"hospitals": float(hosp_hits)}, []))
    if hosp_repaired:
        causes.append(
            Cause("hospitals.east", hosp_repaired, "chance", "repairs", "repairs", {"hospitals": float(hosp_repaired)}, [])
        )
    if ate > 0.0 and pe_fed > 0:
        days_eaten = ate / pe_fed
        causes.append(
            Cause("food_days.east", -round(days_eaten, 1), "model", "eating", "eaten", {"days": days_eaten, "ration": ration}, [])
        )
    for rid, moved in departures.items():
        if moved:
            causes.append(
                Cause(
                    "left.east", moved, "decision" if days_open.get(rid, 0.0) > wk.route_days.get(rid, 0.0) else "phase",
                    rid, "departures", {"people": float(moved)}, [],
                )
            )
    if route_deaths:
        causes.append(Cause("killed.east", route_deaths, "model", "on_route", "route_deaths", {"killed": float(route_deaths)}, []))
    if rescuers_lost:
        causes.append(
            Cause("east.rescuers_lost", rescuers_lost, "model", "rescuers", "rescuers_lost", {"rescuers": float(rescuers_lost)}, [])
        )


def _route_factor(c: Compiled, v: dict[str, float], rid: str) -> float:
    """A route's own state variable (`route.<id>`, 0..1), if the scenario declares one."""
    return v.get(c.routes[rid].var, 1.0)

# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.world":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

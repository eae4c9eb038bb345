"""A scenario turned into the fast form the engine steps with.

Compiling does the work that is the same for every game once: the phase mix of each
week (a week may span two phases: its hazard is the day-weighted sum), the days each
route is open, which dated events and dilemmas fall in which week, expressions parsed
into evaluators, each role's plans week by week, and the parameters, costs and bounds in
the form the engine reads every week (`forms`: the compiled parts). A compiled scenario
is immutable and shared by every game of it.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable
from typing import Any

from game.engine.forms import (
    UNBOUNDED,
    CAction,
    CDilemma,
    CEffect,
    CEvent,
    CRoute,
    Params,
    Week,
)
from game.model.choices import Effect
from game.model.scenario import Scenario
from game.scenario.contract import (
    OPTIONAL_PARAMETERS,
    PARAMETER_RANGES,
    hazard_name,
    known_names,
    param_name,
)
from game.scenario.expr import Expr, canonical, parse_value


class Compiled:
    """The engine's view of one scenario."""

    def __init__(self, sc: Scenario, calendar: int | None = None):
        """`calendar`: the weeks of the scenario's calendar to compile when they are more
        than the game's (`sc.weeks`, where it stops): a game ended early is the scenario
        cut to the weeks played, whose weeks, and the one after its last, open as they do
        in the whole game."""
        self.sc = sc
        self.id = sc.id
        self.p = dict(sc.parameters)
        for name, default in OPTIONAL_PARAMETERS.items():
            self.p.setdefault(name, default)
        self.params = Params(**{f: float(self.p[f]) for f in PARAMETER_RANGES})
        self.n_weeks = sc.weeks
        self.district_ids = [d.id for d in sc.districts]
        self.district_index = {d.id: i for i, d in enumerate(sc.districts)}
        self.zone_members = {
            z: [i for i, d in enumerate(sc.districts) if d.zone == z] for z in ("east", "west", "kurdish")
        }
        self.east = self.zone_members["east"]
        self.all_districts = list(range(len(sc.districts)))
        # Pickers: `self.pick[z](values)` is the tuple of a zone's entries of a per-district
        # list, taken at C speed (sums over zones are the ledger's bulk of work).
        self.pick: dict[str, Callable[[list[Any]], tuple[Any, ...]]] = {
            z: _picker(m) for z, m in self.zone_members.items()
        }
        self.pick_east = self.pick["east"]
        self.hospitals_base = [d.hospitals for d in sc.districts]
        self.shelter_factor = [1.0 - d.shelter * self.p["shelter_effect"] for d in sc.districts]
        self.exposure = [(d.exposure.air, d.exposure.shelling, d.exposure.ground) for d in sc.districts]
        # Per zone: (district, air, shelling, ground weights) with shelter and the per-100k
        # scale folded in, so a district's expected casualties are population * weight * rate.
        self.zone_static: dict[str, list[tuple[int, float, float, float]]] = {
            z: [
                (
                    i,
                    1e-5 * self.shelter_factor[i] * self.exposure[i][0],
                    1e-5 * self.shelter_factor[i] * self.exposure[i][1],
                    1e-5 * self.exposure[i][2],
                )
                for i in members
            ]
            for z, members in self.zone_members.items()
        }
        self.var_ids = [canonical(v.id) for v in sc.variables]  # interned: the state's keys
        # Each variable's bounds, -inf and inf where it has none.
        self.limits: dict[str, tuple[float, float]] = {
            k: (-math.inf if v.min is None else v.min, math.inf if v.max is None else v.max)
            for k, v in zip(self.var_ids, sc.variables, strict=True)
        }
        self.routes = {
            r.id: CRoute(
                id=r.id,
                name=r.name,
                kind=r.kind,
                food_inflow=r.food_inflow,
                exit_rate=r.exit_rate,
                risk=r.risk,
                trust=canonical(r.trust) if r.trust else None,
                var=canonical(f"route.{r.id}"),
                exit=canonical(f"exit.{r.id}"),
            )
            for r in sc.routes
        }
        self.killed_var = {z: canonical(f"killed.{z}") for z in ("east", "west", "kurdish")}
        self.known = known_names(sc)
        self.used: set[str] = set()  # every name some expression reads
        self.roles = [r.id for r in sc.roles]
        self.role_by_id = {r.id: r for r in sc.roles}
        # Every role's ledger lines (variables), each once, in the roles' order: the
        # ledger's `lines` (see `core.ledger`).
        self.ledger_lines: list[str] = []
        for r in sc.roles:
            for name in r.ledger:
                if canonical(name) not in self.ledger_lines:
                    self.ledger_lines.append(canonical(name))

        # role -> when its life in the game has ended (`leaving`): it is put no dilemma then
        self.gone: dict[str, Expr] = {}
        for r in sc.roles:
            gone = self._cond(r.leaving.when) if r.leaving is not None else None
            if gone is not None:
                self.gone[r.id] = gone
        self.effects: list[CEffect] = []
        self.income: dict[str, list[int]] = {r.id: self._effects(r.income) for r in sc.roles}
        self.income_origin = {r.id: f"income:{r.id}" for r in sc.roles}
        self.actions: dict[str, dict[str, CAction]] = {}
        for r in sc.roles:
            self.actions[r.id] = {
                a.id: CAction(
                    role=r.id,
                    id=a.id,
                    name=a.name,
                    cost={canonical(k): v for k, v in a.cost.items()},
                    points=a.points,
                    when=self._cond(a.when),
                    effects=self._effects(a.effects),
                    origin=f"action:{r.id}:{a.id}",
                    cost_ops=[(canonical(k), float(v), *self._bounds(k)) for k, v in a.cost.items()],
                )
                for a in r.actions
            }
        self.events: dict[str, CEvent] = {}
        for e in sc.events:
            self.events[e.id] = CEvent(
                id=e.id,
                week=self.week_of(e.date) if e.date else None,
                when=self._cond(e.when),
                chance=self._num(e.chance) if e.chance is not None else None,
                effects=self._effects(e.effects),
                origin=f"event:{e.id}",
            )
        self.conditional_events = [e for e in self.events.values() if e.week is None]
        self.dilemmas: dict[str, CDilemma] = {}
        for d in sc.dilemmas:
            if any(o.cost for o in d.options if o.id == d.default):
                # The rulebook charges nothing for a dilemma nobody answers (rules.py).
                raise ValueError(f"dilemma {d.id}: its default option {d.default} has a cost; a default must be free")
            self.dilemmas[d.id] = CDilemma(
                id=d.id,
                role=d.role,
                week=self.week_of(d.date) if d.date else None,
                when=self._cond(d.when),
                default=d.default,
                options={o.id: ({canonical(k): v for k, v in o.cost.items()}, self._effects(o.effects)) for o in d.options},
            )
        self.conditional_dilemmas = [d for d in self.dilemmas.values() if d.week is None]
        self.weeks = [self._week(i) for i in range(max(sc.weeks, calendar or 0))]
        self.budget = {r.id: r.budget for r in sc.roles}
        # strategy -> role -> its actions in order of priority
        self.priorities: dict[str, dict[str, tuple[str, ...]]] = {}
        for r in sc.roles:
            for name, st in r.strategies.items():
                self.priorities.setdefault(name, {})[r.id] = tuple(st.priorities)
        # role -> week -> the actions of the historical plan for that week (often none)
        self.historical_plans: dict[str, list[tuple[str, ...]]] = {
            r.id: [tuple(r.historical.get(wk.start, ())) for wk in self.weeks] for r in sc.roles
        }
        # Which costly derived names env_for must compute (the rest are cheap or unused).
        self.need_killed = {z for z in ("east", "west") if f"killed.{z}" in self.used}
        self.need_hospitals = "hospitals.east" in self.used
        self.need_hazard = frozenset(n for n in self.used if n.startswith("hazard."))
        # `param.<name>`: the parameters some expression reads, constants of the scenario.
        self.param_env: dict[str, float] = {
            key: float(v) for key, v in ((canonical(param_name(k)), v) for k, v in self.p.items()) if key in self.used
        }
        self.hazard_keys = [hazard_name(d) for d in self.district_ids]
        # What `hazard_names` works out, zone by zone: each district whose hazard some
        # expression reads (with its name) or that counts in the east's average (with "").
        average = "hazard.east" in self.need_hazard
        self.hazard_plan: list[tuple[str, list[tuple[int, float, float, float, str]]]] = [
            (
                z,
                [
                    (i, wa, ws, wg, self.hazard_keys[i] if self.hazard_keys[i] in self.need_hazard else "")
                    for i, wa, ws, wg in self.zone_static[z]
                    if self.hazard_keys[i] in self.need_hazard or (z == "east" and average)
                ],
            )
            for z in ("east", "west", "kurdish")
        ]
        # `open.<route>` for expressions: (route, its name, its state variable `route.<id>`
        # or "" where the scenario declares none). See `environment.open_names`.
        self.open_names: list[tuple[str, str, str]] = [
            (r.id, canonical(f"open.{r.id}"), r.var if r.var in self.limits else "") for r in self.routes.values()
        ]

    # -- calendar -----------------------------------------------------------------
    def week_of(self, day: dt.date) -> int:
        return (day - self.sc.start).days // 7

    def phase_on(self, day: dt.date) -> str:
        """The phase of a day: the latest phase begun on or before it."""
        current = self.sc.phases[0].id
        for ph in self.sc.phases:
            if ph.start <= day:
                current = ph.id
        return current

    def intensity_on(self, day: dt.date, zone: str) -> tuple[float, float, float]:
        """The factors the scenario's `intensity` puts on a zone's hazard (air, shelling,
        ground) on a day: the product of every entry that covers it, 1 where none does."""
        fa = fs = fg = 1.0
        for it in self.sc.intensity:
            f = it.hazard.get(zone)  # type: ignore[call-overload]
            if f is not None and it.start <= day <= it.end:
                fa *= f.air
                fs *= f.shelling
                fg *= f.ground
        return fa, fs, fg

    def _week(self, i: int) -> Week:
        start = self.sc.week_start(i)
        phases = {ph.id: ph for ph in self.sc.phases}
        day_phases = [self.phase_on(start + dt.timedelta(days=k)) for k in range(7)]
        rates: dict[str, list[float]] = {z: [0.0, 0.0, 0.0] for z in ("east", "west", "kurdish")}
        route_days: dict[str, float] = {r: 0.0 for r in self.routes}
        for k, pid in enumerate(day_phases):
            ph = phases[pid]
            day = start + dt.timedelta(days=k)
            for z, h in ph.hazard.items():
                fa, fs, fg = self.intensity_on(day, z)
                acc = rates[z]
                acc[0] += h.air * fa
                acc[1] += h.shelling * fs
                acc[2] += h.ground * fg
            for rid, openness in ph.routes.items():
                route_days[rid] += openness
        order: list[str] = []
        for pid in day_phases:
            if pid not in order:
                order.append(pid)
        main = max(order, key=lambda p: (day_phases.count(p), -order.index(p)))
        events = sorted(
            (e for e in self.sc.events if e.date and self.week_of(e.date) == i),
            key=lambda e: e.date or start,
        )
        dilemmas = sorted(
            (d for d in self.sc.dilemmas if d.date and self.week_of(d.date) == i),
            key=lambda d: d.date or start,
        )
        return Week(
            index=i,
            start=start,
            phase=main,
            phases=tuple(order),
            rates={z: (v[0], v[1], v[2]) for z, v in rates.items()},
            route_days=route_days,
            events=[e.id for e in events],
            dilemmas=[d.id for d in dilemmas],
            date=start.isoformat(),
        )

    # -- expressions and effects --------------------------------------------------
    def _cond(self, text: str | None) -> Expr | None:
        if text is None:
            return None
        e = parse_value(text, self.known, expect="bool")
        self.used.update(e.names)
        return e

    def _num(self, value: Any) -> Expr:
        e = parse_value(value, self.known, expect="number")
        self.used.update(e.names)
        return e

    def _bounds(self, name: str) -> tuple[float, float]:
        return self.limits.get(name, UNBOUNDED)

    def _effects(self, effects: list[Effect]) -> list[int]:
        return [self._effect(e) for e in effects]

    def _effect(self, e: Effect) -> int:
        ce = CEffect(kind="", delay=e.delay, note=e.note)
        if e.set is not None:
            ce.kind = "set"
            ce.items = [(canonical(k), self._num(v)) for k, v in e.set.items()]
        elif e.add is not None:
            ce.kind = "add"
            ce.items = [(canonical(k), self._num(v)) for k, v in e.add.items()]
        elif e.damage_hospitals is not None:
            ce.kind = "damage"
            ce.damage_zone = e.damage_hospitals.zone
            ce.damage_count = e.damage_hospitals.count
            ce.damage_permanent = e.damage_hospitals.permanent
        elif e.holder is not None:
            ce.kind = "holder"
            ce.holders = [(self.district_index[d], h) for d, h in e.holder.items()]
        else:
            ce.kind = "chance"
            ce.then = self._effects(e.then or [])
            ce.orelse = self._effects(e.else_ or [])
        ce.ops = [(name, expr.op, *self._bounds(name)) for name, expr in ce.items]
        if e.chance is not None:
            ce.chance = self._num(e.chance)
            if ce.kind != "chance":
                # `chance` on a plain effect: it happens with that probability.
                inner = CEffect(
                    kind=ce.kind,
                    items=ce.items,
                    ops=ce.ops,
                    damage_zone=ce.damage_zone,
                    damage_count=ce.damage_count,
                    damage_permanent=ce.damage_permanent,
                    holders=ce.holders,
                    note=ce.note,
                )
                self.effects.append(inner)
                ce = CEffect(kind="chance", delay=e.delay, chance=ce.chance, then=[len(self.effects) - 1], note=e.note)
        self.effects.append(ce)
        return len(self.effects) - 1


def _picker(members: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    if not members:
        return lambda values: ()
    if len(members) == 1:
        only = members[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*members)


_CACHE: dict[tuple[int, int], Compiled] = {}


def compile_scenario(sc: Scenario, calendar: int | None = None) -> Compiled:
    """Compile once per scenario object and calendar (scenarios are frozen, so this is
    safe). `calendar`: see `Compiled`."""
    key = (id(sc), max(sc.weeks, calendar or 0))
    c = _CACHE.get(key)
    if c is None or c.sc is not sc:
        c = Compiled(sc, calendar)
        _CACHE[key] = c
    return c


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.compiled":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

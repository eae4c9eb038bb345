"""The compiled forms of a scenario's parts, as `game.engine.compiled` makes them and the
engine reads them every week: the parameters as fields, effects, routes, actions,
events, dilemmas and the calendar's weeks. Plain slotted dataclasses, so that the
compiled build (game/accel.py) makes them native classes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from game.scenario.expr import Expr, Op

UNBOUNDED = (-math.inf, math.inf)


@dataclass(frozen=True, slots=True)
class Params:
    """The model's parameters (`PARAMETER_RANGES`) as fields: the engine reads them
    every week, and a field is read much faster than a dictionary's entry."""

    lethality_air: float
    lethality_shelling: float
    lethality_ground: float
    shelter_effect: float
    warning_effect: float
    pressure_effect: float
    weekly_sigma: float
    rescue_max: float
    rescue_per_team: float
    west_rescue_share: float
    hospital_capacity: float
    clinic_capacity: float
    treated_death: float
    untreated_death: float
    no_supplies_factor: float
    no_fuel_factor: float
    hospital_hit_rate: float
    hospital_repair: float
    ration_threshold_days: float
    min_ration: float
    bakery_effect: float
    bakery_max: float
    hunger_threshold_days: float
    hunger_rate: float
    water_disease_rate: float
    push_danger: float
    push_hunger: float
    attention_decay: float
    attention_baseline: float
    fatigue_effect: float
    wait_rescue_cost: float
    wait_safety: float
    rescuer_risk: float
    rescuers_per_team: float
    fuel_split_effect: float


@dataclass(slots=True)
class CEffect:
    kind: str  # set | add | damage | holder | chance
    items: list[tuple[str, Expr]] = field(default_factory=list)
    delay: int = 0
    chance: Expr | None = None
    then: list[int] = field(default_factory=list)
    orelse: list[int] = field(default_factory=list)
    damage_zone: str = "east"
    damage_count: int = 0
    damage_permanent: bool = False
    holders: list[tuple[int, str]] = field(default_factory=list)
    note: str = ""
    # For `set` and `add`, what the engine runs: (variable, its expression's evaluator,
    # the variable's lower and upper bound, -inf and inf where it has none).
    ops: list[tuple[str, Op, float, float]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CRoute:
    """A route as the engine reads it every week."""

    id: str
    name: str
    kind: str
    food_inflow: float
    exit_rate: float
    risk: float
    trust: str | None
    var: str  # its optional state variable, `route.<id>`
    exit: str  # its optional scheduled departures, `exit.<id>`


@dataclass(slots=True)
class CAction:
    role: str
    id: str
    name: str
    cost: dict[str, float]
    points: int
    when: Expr | None
    effects: list[int]
    origin: str = ""  # "action:<role>:<id>", as effects and credit name it
    # What the engine takes when the action is done: (variable, amount, the variable's
    # lower and upper bound), as `CEffect.ops`.
    cost_ops: list[tuple[str, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class CEvent:
    id: str
    week: int | None
    when: Expr | None
    chance: Expr | None
    effects: list[int]
    origin: str = ""  # "event:<id>"


@dataclass(slots=True)
class CDilemma:
    id: str
    role: str
    week: int | None
    when: Expr | None
    default: str
    options: dict[str, tuple[dict[str, float], list[int]]]


@dataclass(slots=True)
class Week:
    index: int
    start: dt.date
    phase: str  # the phase holding most of the week's days
    phases: tuple[str, ...]  # every phase the week touches, in order
    rates: dict[str, tuple[float, float, float]]  # hazard zone -> weekly (air, shelling, ground) per 100k
    route_days: dict[str, float]  # route -> open days this week (0..7) times openness
    events: list[str]  # dated events, by date
    dilemmas: list[str]  # dated dilemmas, by date
    date: str = ""  # `start` in ISO form


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.forms":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

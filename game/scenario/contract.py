"""What the world model reads from a scenario: the parameters it needs and the range each
must lie in, the variables it needs, and the names an expression may read. The loader
checks a scenario against it (game/scenario/loader.py); the engine compiles a scenario
with it (game/engine/compiled.py).
"""

from __future__ import annotations

from game.model.scenario import Scenario

# Names an expression may read besides the declared variables.
SPECIAL_NAMES: dict[str, str] = {
    "phase": "str",
    "week": "number",
    "month": "number",
    "present.east": "number",
    "food_days.east": "number",
    "hospitals.east": "number",
    "killed.east": "number",
    "killed.west": "number",
}

# Parameters the engine reads; a scenario must give each of them.
REQUIRED_PARAMETERS: tuple[str, ...] = (
    "lethality_air",
    "lethality_shelling",
    "lethality_ground",
    "shelter_effect",
    "warning_effect",
    "pressure_effect",
    "weekly_sigma",
    "rescue_max",
    "rescue_per_team",
    "west_rescue_share",
    "hospital_capacity",
    "clinic_capacity",
    "treated_death",
    "untreated_death",
    "no_supplies_factor",
    "no_fuel_factor",
    "hospital_hit_rate",
    "hospital_repair",
    "ration_threshold_days",
    "min_ration",
    "bakery_effect",
    "bakery_max",
    "hunger_threshold_days",
    "hunger_rate",
    "water_disease_rate",
    "push_danger",
    "push_hunger",
    "attention_decay",
    "attention_baseline",
)

# The range each parameter must lie in (inclusive), so that no scenario can make the
# model divide by zero, overflow or turn a share into more than everyone.
PARAMETER_RANGES: dict[str, tuple[float, float]] = {
    "lethality_air": (0.0, 1.0),
    "lethality_shelling": (0.0, 1.0),
    "lethality_ground": (0.0, 1.0),
    "shelter_effect": (0.0, 1.0),
    "warning_effect": (0.0, 1.0),
    "pressure_effect": (0.0, 1.0),
    "weekly_sigma": (0.0, 2.0),
    "rescue_max": (0.0, 1.0),
    "rescue_per_team": (0.0, 1000.0),
    "west_rescue_share": (0.0, 1.0),
    "hospital_capacity": (0.0, 100000.0),
    "clinic_capacity": (0.0, 100000.0),
    "treated_death": (0.0, 1.0),
    "untreated_death": (0.0, 1.0),
    "no_supplies_factor": (0.0, 1.0),
    "no_fuel_factor": (0.0, 1.0),
    "hospital_hit_rate": (0.0, 10.0),
    "hospital_repair": (0.0, 1.0),
    "ration_threshold_days": (1.0, 365.0),
    "min_ration": (0.05, 1.0),
    "bakery_effect": (0.0, 1.0),
    "bakery_max": (0.0, 0.9),
    "hunger_threshold_days": (1.0, 365.0),
    "hunger_rate": (0.0, 0.1),
    "water_disease_rate": (0.0, 0.1),
    "push_danger": (0.0, 100.0),
    "push_hunger": (0.0, 100.0),
    "attention_decay": (0.0, 1.0),
    "attention_baseline": (0.0, 100.0),
    "fatigue_effect": (0.0, 1.0),
    "wait_rescue_cost": (0.0, 1.0),
    "wait_safety": (0.0, 1.0),
    "rescuer_risk": (0.0, 1.0),
    "rescuers_per_team": (1.0, 100.0),
    "fuel_split_effect": (0.0, 1.0),
}

# Parameters the engine reads if a scenario gives them, with the value it uses when one
# does not: each tunes an optional hook (see `rescue_modifiers` in engine/environment.py
# and `rescuer_losses` in engine/world.py), and at its default the hook changes nothing.
OPTIONAL_PARAMETERS: dict[str, float] = {
    "fatigue_effect": 0.0,  # share of rescue capacity lost when crews are exhausted
    "wait_rescue_cost": 0.0,  # share of rescue capacity lost at the longest wait
    "wait_safety": 0.0,  # share of rescuers' exposure avoided at the longest wait
    "rescuer_risk": 0.0,  # rescuers lost per rescuer in the field, per 100 strike casualties per 100k
    "rescuers_per_team": 6.0,  # people in one rescue team
    "fuel_split_effect": 0.0,  # how far the fuel split moves rescue and care capacity
}

# Variables the engine reads or writes; a scenario must declare each of them.
REQUIRED_VARIABLES: tuple[str, ...] = (
    "east.food_stock",
    "east.water",
    "east.clinics",
    "east.rescuers",
    "east.fuel",
    "east.medical_supplies",
    "east.warning",
    "east.bakeries",
    "attention",
)


def known_names(sc: Scenario) -> dict[str, str]:
    names = {v.id: "number" for v in sc.variables}
    names.update(SPECIAL_NAMES)
    for p in (*sc.parameters, *OPTIONAL_PARAMETERS):
        names[param_name(p)] = "number"
    for r in sc.routes:
        names[f"open.{r.id}"] = "number"
    names["hazard.east"] = "number"
    for d in sc.districts:
        names[hazard_name(d.id)] = "number"
    return names


def param_name(parameter: str) -> str:
    """The name an expression reads a scenario parameter by: `param.<name>`, a constant,
    so that a threshold stated in an assumption is one number in `parameters`, written
    once and shown by a placeholder, not copied into every expression that uses it."""
    return "param." + parameter


def hazard_name(district: str) -> str:
    """The derived name of a district's hazard this week: `hazard.<id>`, with the id's
    dashes written as underscores (a dash would read as a minus)."""
    return "hazard." + district.replace("-", "_")

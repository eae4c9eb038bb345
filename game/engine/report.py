"""What a week of the simulation reports, as data (the presentation layer words it):
the ledger before and after, the decisions taken and what became of their effects, and
the causes of each measure's change (`Cause`, of the kinds in `CAUSE_WHATS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine.effects import Outcome


@dataclass(slots=True)
class Cause:
    """Why a measure moved, as data (the presentation layer words it): `amount` people
    (or days) on `measure`, set off by `kind` (phase, event, decision, chance, model)
    named `ref` (a phase, a variable, a route…). `what` says which of the model's
    mechanisms it is (see `CAUSE_WHATS`), `figures` its numbers, and `credit` the last
    few decisions that strengthened it ("role:action" or "role:dilemma=option")."""

    measure: str
    amount: float
    kind: str
    ref: str
    what: str
    figures: dict[str, float]
    credit: list[str]


# Every `Cause.what` the engine reports, with the figures it carries.
CAUSE_WHATS: dict[str, tuple[str, ...]] = {
    "strikes": ("expected",),  # harm the phase would do with no protection (measure's zone)
    "pause": ("share", "averted"),  # a negotiated pause cut air strikes by `share`
    "warning": ("kept",),  # early warning and attention kept people out of harm's way
    "luck": ("luck",),  # the bombardment was heavier (luck > 0) or lighter than average
    "rescue": ("rescued",),
    "care": ("died", "hospitals", "clinics", "treated_share"),
    "clinics": ("treated", "saved"),
    "hunger": ("died", "food_days", "water"),
    "supply": ("days",),  # open routes brought food in (days: -1 with nobody left)
    "bakeries": ("days",),
    "hospital_hits": ("hospitals",),
    "departures": ("people",),  # by route `ref`
    "route_deaths": ("killed",),
    "rescuers_lost": ("rescuers",),
    "wounded": ("injured",),  # people strikes and fighting injured this week (measure's zone)
    "repairs": ("hospitals",),  # damaged hospitals back in service
    "eaten": ("days", "ration"),  # days of food the east ate, at `ration` of a full portion
    "opened_food": ("days",),  # the week's opening (events in `ref`, effects due) moved the food
    "opened_hospitals": ("hospitals",),  # ... or the hospitals
    "decided_food": ("days",),  # the week's decisions (`credit`) moved the food
    "decided_hospitals": ("hospitals",),  # ... or the hospitals
}


@dataclass(slots=True)
class WeekReport:
    week: int
    date: str
    phase: str
    before: dict[str, Any]
    after: dict[str, Any]
    # (role, action, what became of its effects); outcomes are left empty in a batch step
    actions: list[tuple[str, str, tuple[Outcome, ...]]] = field(default_factory=list)
    choices: list[tuple[str, str, str]] = field(default_factory=list)  # (role, dilemma, option)
    # what became of each dilemma option's effects, by dilemma
    choice_outcomes: dict[str, list[Outcome]] = field(default_factory=dict)
    causes: list[Cause] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)  # events that opened the next week

    def change(self, zone: str, metric: str) -> float:
        return float(self.after[zone][metric]) - float(self.before[zone][metric])

# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.report":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

"""The city of a scenario: its variables, districts and routes, and the calendar of
danger (phases and dated intensity entries)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from game.model.basics import Frozen, Holder, Id, Text, VarName, Zone, ends_after_start


class Variable(Frozen):
    """A named number of the world, declared up front with its starting value and range."""

    id: VarName
    label: Text
    # min and max come before initial so that initial is checked against them.
    min: float | None = None
    max: float | None = None
    initial: float
    unit: str = ""
    role: Id | None = None  # the role whose resource this is, if any
    # A short label for the lines that list every resource each turn, the scale and
    # notes left to the full label ("UN standing with Russia"); else the label.
    short: str = Field("", max_length=60)

    @field_validator("max")
    @classmethod
    def _range(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("min")
        if value is not None and low is not None and low > value:
            raise ValueError(f"min {low} is above max {value}")
        return value

    @field_validator("initial")
    @classmethod
    def _initial(cls, value: float, info: ValidationInfo) -> float:
        low, high = info.data.get("min"), info.data.get("max")
        if low is not None and value < low:
            raise ValueError(f"initial {value} is below min {low}")
        if high is not None and value > high:
            raise ValueError(f"initial {value} is above max {high}")
        return value


class Exposure(Frozen):
    air: float = Field(1.0, ge=0, le=5)
    shelling: float = Field(1.0, ge=0, le=5)
    ground: float = Field(0.0, ge=0, le=5)


class District(Frozen):
    id: Id
    name: Text
    zone: Zone
    population: int = Field(ge=0, le=5_000_000)
    shelter: float = Field(ge=0, le=1)
    hospitals: int = Field(0, ge=0, le=100)
    bakeries: int = Field(0, ge=0, le=100)
    water: bool = True
    holder: Holder
    front: bool = False
    exposure: Exposure = Exposure()
    note: str = ""


class HazardRates(Frozen):
    """Casualties (killed and injured) per 100,000 people per day, before shelter,
    warning and rescue."""

    air: float = Field(0.0, ge=0, le=1000)
    shelling: float = Field(0.0, ge=0, le=1000)
    ground: float = Field(0.0, ge=0, le=1000)


class HazardFactors(Frozen):
    """Factors on a phase's hazard rates (1 = as the phase has it, 0 = none)."""

    air: float = Field(1.0, ge=0, le=20)
    shelling: float = Field(1.0, ge=0, le=20)
    ground: float = Field(1.0, ge=0, le=20)


class Intensity(Frozen):
    """A dated statement of how heavy the strikes or the fighting were, from the record:
    factors on the phases' hazard on its days (`start` to `end`, both included), so that
    the weeks follow the record's shape and not a flat rate per phase. Factors of
    overlapping entries multiply."""

    id: Id
    label: Annotated[str, StringConstraints(min_length=1, max_length=40)]  # a chart's mark
    start: dt.date
    end: dt.date
    text: Text
    sources: list[Id] = Field(min_length=1)
    hazard: dict[Zone, HazardFactors] = Field(min_length=1)

    _end = field_validator("end")(ends_after_start("the entry"))


class Phase(Frozen):
    id: Id
    name: Text
    start: dt.date
    end: dt.date
    summary: Text
    summary_gentle: Text | None = None
    sources: list[Id] = Field(min_length=1)
    hazard: dict[Zone, HazardRates] = {}
    routes: dict[Id, float] = {}  # route id -> openness on this phase's days (0..1)

    _end = field_validator("end")(ends_after_start("phase"))

    @model_validator(mode="after")
    def _dates(self) -> Phase:
        for rid, v in self.routes.items():
            if not 0 <= v <= 1:
                raise ValueError(f"route {rid} openness {v} is outside 0..1")
        return self


class Route(Frozen):
    id: Id
    name: Text
    kind: Literal["supply", "exit", "corridor", "medevac"]
    text: Text
    food_inflow: float = Field(0.0, ge=0)  # person-days of food brought in per open day
    exit_rate: float = Field(0.0, ge=0, le=1)  # share of the east leaving per open day at full trust
    risk: float = Field(0.0, ge=0, le=1)  # chance that one crossing person is killed
    trust: VarName | None = None  # variable (0..1) scaling how many dare to use it
    sources: list[Id] = []

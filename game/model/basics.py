"""The field types every part of the scenario schema shares: ids, variable names, texts,
numbers-or-expressions, costs, zones, holders, stances and causes, and `Frozen`, the
base of every schema model (frozen, no unknown fields)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
VarName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Num = float | str  # a number, or an expression in the scenario language
Cost = dict[VarName, Annotated[float, Field(ge=0, allow_inf_nan=False)]]

Zone = Literal["east", "west", "kurdish"]
Holder = Literal["rebels", "government", "kurdish", "contested"]
Stance = Literal[
    "international",
    "monitor",
    "government",
    "opposition",
    "russian-mod",
    "media",
    "research",
    "rebel-faction",
    "us-government",
]
CAUSES = ("air", "shelling", "ground", "hunger", "lack_of_care", "on_route")
Cause = Literal["air", "shelling", "ground", "hunger", "lack_of_care", "on_route"]
ZONES: tuple[Zone, ...] = ("east", "west", "kurdish")


class Frozen(BaseModel):
    # defer_build: the validators are built when first used, not when the module is imported
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", populate_by_name=True)


def probability(value: Num | None) -> Num | None:
    """A constant chance must be a probability; an expression is checked when parsed."""
    if isinstance(value, float | int) and not 0 <= value <= 1:  # also false for NaN
        raise ValueError(f"chance {value} is not a probability between 0 and 1")
    return value


def ends_after_start(what: str) -> Callable[[dt.date, ValidationInfo], dt.date]:
    """A validator of an `end` date: not before the `start` given before it (`what`
    names the thing in the message: "phase", "the entry")."""

    def check(value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise ValueError(f"{what} ends ({value}) before it starts ({start})")
        return value

    return check


def dated_or_conditional(what: str, date: dt.date | None, when: str | None) -> None:
    """A dilemma or an event happens on a date or when a condition holds: it needs one."""
    if date is None and when is None:
        raise ValueError(f"{what} needs a date or a 'when' condition")

"""The record a scenario stands on: its sources and what they claim, the model's stated
assumptions (with placeholders for the numbers it sets), the calibration bands and the
epilogue."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from game.model.basics import Frozen, Id, Stance, Text, VarName


class Source(Frozen):
    id: Id
    name: Text
    stance: Stance
    # Which way the source leans in the war, in words ("pro-government", "works on the
    # opposition side", "a UN body, party to neither side"). The shipped scenario gives
    # every source one (tests/test_record_texts.py).
    lean: str = ""
    note: str = ""
    url: str | None = None
    # A short name for lines that name many sources ("SOHR"); else its name.
    short: str = Field("", max_length=40)


class Claim(Frozen):
    """One source's figure or statement on the question of the topic that holds it."""

    id: Id
    date: dt.date
    # "month": the source gives only the month (a study published in February 2017).
    precision: Literal["day", "month"] = "day"
    text: Text
    text_gentle: Text | None = None
    value: float | None = None
    unit: str = ""
    source: Id


class Topic(Frozen):
    """One question and what each source says on it. A contested topic is a dispute:
    its claims are shown together, side by side, none of them singled out. An
    undisputed fact and a disputed question are two topics, not one; the loader refuses
    an undisputed topic whose claims disagree, and a dispute with only one source."""

    id: Id
    question: Text
    contested: bool = False
    claims: list[Claim] = Field(min_length=1)



PLACEHOLDER = re.compile(r"\{([a-z_](?:[a-z0-9_.-]*[a-z0-9_])?)(?:\*([0-9]*\.?[0-9]+))?(?::(%|1/|,))?\}")


def fill(text: str, values: dict[str, float]) -> str:
    """A text with its placeholders filled (`Scenario.placeholder_values`): `{name}` as
    the value is (0.25, 75), `{name:%}` in per cent (25%), `{name:1/}` as one in so many
    (0.02: 50), `{name:,}` a whole number with thousands separated (290,000); `{name*0.5:%}`
    scales the value first. A name with no value is left as written (the loader refuses
    such a text)."""

    def one(m: re.Match[str]) -> str:
        name, scale, fmt = m.group(1), m.group(2), m.group(3)
        if name not in values:
            return m.group(0)
        value = values[name] * (float(scale) if scale else 1.0)
        if fmt == "%":
            return f"{value * 100:.3g}%"
        if fmt == "1/":
            return f"{1 / value:.3g}" if value else "never"
        if fmt == ",":
            return f"{round(value):,}"
        return f"{value:g}"

    return PLACEHOLDER.sub(one, text)


class Assumption(Frozen):
    """What the model assumes. A number in `text` that the scenario sets is written as a
    placeholder naming it (`fill`, `Scenario.placeholder_values`), filled when shown."""

    id: Id
    title: Text
    text: Text
    text_gentle: Text | None = None
    parameters: list[str] = []
    sources: list[Id] = []


class RecordMeasure(Frozen):
    """A calibration band: what the model must land near, and the record it stands for."""

    id: Id
    label: Text
    # "line": one of a role's ledger lines (`line`, e.g. coordinator.convoys); zone aside
    metric: Literal["present", "killed", "injured", "left", "food_days", "hospitals", "line"]
    zone: Literal["east", "west", "total"] = "total"
    line: VarName | None = None
    kind: Literal["at", "during"]
    week: dt.date | None = None  # kind "at": the value after this week
    start: dt.date | None = None  # kind "during": change over these weeks (inclusive)
    end: dt.date | None = None
    route: Id | None = None  # metric "left": only departures by this route
    band: tuple[float, float]
    record: Text
    sources: list[Id] = Field(min_length=1)
    claims: list[Id] = []  # the sources' own figures, shown side by side in the debrief

    @field_validator("band")
    @classmethod
    def _band(cls, value: tuple[float, float]) -> tuple[float, float]:
        if value[0] > value[1]:
            raise ValueError("band's low end is above its high end")
        return value

    @model_validator(mode="after")
    def _spec(self) -> RecordMeasure:
        if self.kind == "at" and self.week is None:
            raise ValueError("a measure of kind 'at' needs 'week'")
        if self.kind == "during" and (self.start is None or self.end is None):
            raise ValueError("a measure of kind 'during' needs 'start' and 'end'")
        if (self.metric == "line") != (self.line is not None):
            raise ValueError("a measure names a role's ledger 'line' exactly when its metric is 'line'")
        return self


class EpilogueItem(Frozen):
    date: dt.date
    text: Text
    text_gentle: Text | None = None
    sources: list[Id] = Field(min_length=1)
    claims: list[Id] = []  # as for events

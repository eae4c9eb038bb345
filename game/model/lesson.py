"""The debrief's and the lesson's part of a scenario: the measures every finished game
has, the discussion questions and what they are tied to, the glossary, the lesson
calendar's turns and the lengths of game."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from game.model.basics import Frozen, Id, Text

# Ledger measures of a finished game that every scenario has (besides its record
# measures): id -> (zone, metric, label). A question may test them (`measure:`), and the
# debrief compares them with alternative histories.
FINAL_MEASURES: dict[str, tuple[str, str, str]] = {
    "final-east-killed": ("east", "killed", "Civilians killed in the east, whole game"),
    "final-east-injured": ("east", "injured", "Civilians injured in the east, whole game"),
    "final-east-left": ("east", "left", "People who left the east, whole game"),
    "final-east-present": ("east", "present", "People in the east at the end"),
    "final-east-food-days": ("east", "food_days", "Days of food in the east at the end"),
    "final-east-hospitals": ("east", "hospitals", "Hospitals working in the east at the end"),
    "final-west-killed": ("west", "killed", "Civilians killed in the west, whole game"),
}


class ChoseCondition(Frozen):
    dilemma: Id
    option: Id


class UsedCondition(Frozen):
    role: Id
    action: Id
    at_least: int | None = Field(None, ge=0, le=1000)  # default: 1, or 0 with at_most
    at_most: int | None = Field(None, ge=0, le=1000)

    @property
    def low(self) -> int:
        if self.at_least is not None:
            return self.at_least
        return 0 if self.at_most is not None else 1


class MeasureCondition(Frozen):
    id: Id
    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _bound(self) -> MeasureCondition:
        if self.above is None and self.below is None:
            raise ValueError("a measure condition needs 'above' or 'below' (or both)")
        return self


class QuestionCondition(Frozen):
    """One thing a question is tied to. Exactly one of: `chose` (a dilemma's option was
    taken), `used` (a role's action was taken at least / at most so many times),
    `measure` (a ledger measure ended above / below a value) or `expr` (a condition in
    the expression language, read on the final state)."""

    chose: ChoseCondition | None = None
    used: UsedCondition | None = None
    measure: MeasureCondition | None = None
    expr: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> QuestionCondition:
        kinds = [k for k in ("chose", "used", "measure", "expr") if getattr(self, k) is not None]
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "none"
            raise ValueError(f"a condition needs exactly one of chose, used, measure, expr (found: {found})")
        return self


class Question(Frozen):
    """A discussion question for the debrief. With `when`, it is tied to what the players
    did or how the game ended (every condition must hold); without, it is general."""

    id: Id
    text: Text
    text_gentle: Text | None = None
    when: list[QuestionCondition] = []


class GlossaryEntry(Frozen):
    """A word a class meets in the game, explained in the project's own words (the
    printable handouts' glossary), with the sources its facts come from."""

    id: Id
    term: Text
    text: Text
    sources: list[Id] = []


class LessonTurn(Frozen):
    """One turn of a scenario's lesson calendar: a moment the record marks as decisive,
    whose turn covers the weeks from `start` (the first day of a week) to `end` (the last
    day of a week). The loader holds the turns to cover every week of the calendar once,
    in order, none of them empty."""

    id: Id
    name: Text
    start: dt.date
    end: dt.date
    # What happens in the turn's weeks, in a few sentences of the scenario's own words: a
    # lesson turn shows it in place of the phase's summary and the news's full texts
    # (a key away). A summary names its sources, as every fact does.
    summary: Text | None = None
    summary_gentle: Text | None = None
    sources: list[Id] = []

    @model_validator(mode="after")
    def _sourced(self) -> LessonTurn:
        if self.summary is not None and not self.sources:
            raise ValueError("a lesson turn's summary needs its sources ('sources: [...]')")
        if self.summary is None and self.summary_gentle is not None:
            raise ValueError("a lesson turn's gentle summary needs its summary")
        return self


class Length(Frozen):
    """One length of game: its name and the minutes a careful reader needs for it,
    debrief included (what the title screen tells a teacher)."""

    name: Text
    minutes: int = Field(ge=1, le=600)


# The lengths a scenario may describe: the full calendar (every week a turn) and the
# lesson calendar (`lesson`, its turns).
LENGTHS = ("full", "lesson")

"""The static scenario schema: what a scenario's YAML files hold.

Everything here is frozen data, read once when a scenario loads and never saved with a
game. The saved, changing part of a game lives in `game.model.state`.

Expressions (conditions, probabilities, amounts) are kept here as their source text or
as plain numbers; `game.scenario.loader` parses and checks them against the declared
variables, and `game.engine.compiled` turns them into closures.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

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
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _probability(value: Num | None) -> Num | None:
    """A constant chance must be a probability; an expression is checked when parsed."""
    if isinstance(value, float | int) and not 0 <= value <= 1:  # also false for NaN
        raise ValueError(f"chance {value} is not a probability between 0 and 1")
    return value


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

    @field_validator("end")
    @classmethod
    def _end(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise ValueError(f"the entry ends ({value}) before it starts ({start})")
        return value


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

    @field_validator("end")
    @classmethod
    def _end(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start is not None and value < start:
            raise ValueError(f"phase ends ({value}) before it starts ({start})")
        return value

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


class HospitalDamage(Frozen):
    zone: Zone = "east"
    count: int = Field(ge=1, le=50)
    permanent: bool = False


class Effect(Frozen):
    """One change to the world. Exactly one of `set`, `add`, `damage_hospitals`,
    `holder` or `then` (a chance block with optional `else`)."""

    set: dict[VarName, Num] | None = None
    add: dict[VarName, Num] | None = None
    damage_hospitals: HospitalDamage | None = None
    holder: dict[Id, Holder] | None = None
    chance: Num | None = None
    then: list[Effect] | None = None
    else_: list[Effect] | None = Field(None, alias="else")
    delay: int = Field(0, ge=0, le=20)
    note: str = ""
    note_gentle: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Effect:
        kinds = [
            k
            for k in ("set", "add", "damage_hospitals", "holder", "then")
            if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            found = ", ".join(kinds) if kinds else "none"
            raise ValueError(
                "an effect needs exactly one of set, add, damage_hospitals, holder, then"
                f" (found: {found})"
            )
        if self.else_ is not None and self.then is None:
            raise ValueError("'else' needs 'then' and 'chance'")
        if self.then is not None and self.chance is None:
            raise ValueError("'then' needs 'chance'")
        return self

    _chance = field_validator("chance")(_probability)


class Action(Frozen):
    id: Id
    name: Text
    summary: Text
    summary_gentle: Text | None = None
    cost: Cost = {}
    points: int = Field(1, ge=1, le=5)
    when: str | None = None
    effects: list[Effect] = []
    uncertainty: Text
    uncertainty_gentle: Text | None = None
    sources: list[Id] = []


class Strategy(Frozen):
    summary: Text
    priorities: list[Id] = Field(min_length=1)


class RoleCard(Frozen):
    """The role card's lists, beside the role's summary (who you are) and its resources:
    what the player can change, what they cannot, and what to watch."""

    can: list[Text] = Field(min_length=1, max_length=8)
    cannot: list[Text] = Field(min_length=1, max_length=8)
    watch: list[Text] = Field(min_length=1, max_length=8)


class Said(Frozen):
    """A sentence said when its condition (an expression of the state) holds."""

    when: str
    text: Text
    text_gentle: Text | None = None


class Leaving(Frozen):
    """When a role's life in the game has ended (a family that has left the city), as a
    condition of the state: from then on the week offers only the actions still possible
    and shows this epilogue (its title, and every sentence whose condition holds)."""

    when: str
    title: Text
    says: list[Said] = Field(min_length=1)


class Role(Frozen):
    id: Id
    name: Text
    summary: Text
    line: Text | None = None  # the role in one line, for the title screen's list
    card: RoleCard | None = None
    leaving: Leaving | None = None
    fictional: bool = False
    budget: int = Field(ge=1, le=6)
    resources: list[VarName] = []
    income: list[Effect] = []
    actions: list[Action] = Field(min_length=1)
    historical: dict[dt.date, list[Id]] = {}
    historical_choices: dict[Id, Id] = {}
    strategies: dict[Id, Strategy] = {}
    ledger: list[VarName] = []


class DilemmaOption(Frozen):
    id: Id
    label: Text
    label_gentle: Text | None = None
    text: Text
    text_gentle: Text | None = None
    cost: Cost = {}
    effects: list[Effect] = []
    uncertainty: Text
    uncertainty_gentle: Text | None = None


class Dilemma(Frozen):
    id: Id
    role: Id
    date: dt.date | None = None
    when: str | None = None
    title: Text
    title_gentle: Text | None = None
    text: Text
    text_gentle: Text | None = None
    sources: list[Id] = Field(min_length=1)
    # Claims shown with the card; each brings its topic's other claims. A card is
    # contested when one of their topics is.
    claims: list[Id] = []
    options: list[DilemmaOption] = Field(min_length=2, max_length=3)
    default: Id

    @model_validator(mode="after")
    def _trigger(self) -> Dilemma:
        if self.date is None and self.when is None:
            raise ValueError("a dilemma needs a date or a 'when' condition")
        return self

    @field_validator("default")
    @classmethod
    def _default(cls, value: str, info: ValidationInfo) -> str:
        options = info.data.get("options")
        if options is not None and value not in {o.id for o in options}:
            valid = ", ".join(o.id for o in options)
            raise ValueError(f"default {value!r} is not one of its options ({valid})")
        return value


class Event(Frozen):
    id: Id
    date: dt.date | None = None
    when: str | None = None
    chance: Num | None = None
    title: Text
    title_gentle: Text | None = None
    text: Text
    text_gentle: Text | None = None
    sources: list[Id] = Field(min_length=1)
    claims: list[Id] = []  # as for dilemmas: each brings its topic, disputed or not
    effects: list[Effect] = []

    @model_validator(mode="after")
    def _trigger(self) -> Event:
        if self.date is None and self.when is None:
            raise ValueError("an event needs a date or a 'when' condition")
        return self

    _chance = field_validator("chance")(_probability)


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


class Length(Frozen):
    """One length of game: its name and the minutes a careful reader needs for it,
    debrief included (what the title screen tells a teacher)."""

    name: Text
    minutes: int = Field(ge=1, le=600)


# The lengths a scenario may describe: the full calendar (every week a turn) and the
# lesson calendar (`lesson`, its turns).
LENGTHS = ("full", "lesson")


class Scenario(Frozen):
    id: Id
    title: Text
    summary: Text
    content_note: Text
    content_note_gentle: Text | None = None
    start: dt.date
    weeks: int = Field(ge=1, le=104)
    lengths: dict[Id, Length] = {}
    default_role: Id | None = None  # the role a new game gives its player; else the first
    parameters: dict[str, float]
    variables: list[Variable]
    sources: list[Source] = Field(min_length=1)
    topics: list[Topic] = []
    districts: list[District] = Field(min_length=1)
    routes: list[Route] = []
    phases: list[Phase] = Field(min_length=1)
    intensity: list[Intensity] = []
    events: list[Event] = []
    roles: list[Role] = Field(min_length=1)
    dilemmas: list[Dilemma] = []
    assumptions: list[Assumption] = []
    record: list[RecordMeasure] = []
    epilogue: list[EpilogueItem] = []
    questions: list[Question] = []
    # The lesson calendar (about eight turns for one lesson); none: the full game only.
    lesson: list[LessonTurn] = []
    # Words explained for the handouts (corridor, pause, medical evacuation, the law).
    glossary: list[GlossaryEntry] = []

    @property
    def claims(self) -> list[Claim]:
        """Every topic's claims, in order."""
        return [cl for t in self.topics for cl in t.claims]

    def placeholder_values(self) -> dict[str, float]:
        """What an assumption's placeholders may name: every parameter; `initial.<var>`,
        a variable's starting value; `route.<id>.risk` and `route.<id>.exit_rate`; and
        `population.<zone>`, the zone's people at the start."""
        values = dict(self.parameters)
        values.update({f"initial.{v.id}": v.initial for v in self.variables})
        for r in self.routes:
            values[f"route.{r.id}.risk"] = r.risk
            values[f"route.{r.id}.exit_rate"] = r.exit_rate
        for z in ZONES:
            values[f"population.{z}"] = float(sum(d.population for d in self.districts if d.zone == z))
        return values

    def topic_of(self, claim_id: str) -> Topic | None:
        """The topic that holds a claim."""
        for t in self.topics:
            if any(cl.id == claim_id for cl in t.claims):
                return t
        return None

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def week_start(self, week: int) -> dt.date:
        return self.start + dt.timedelta(days=7 * week)

    def week_of(self, day: dt.date) -> int:
        return (day - self.start).days // 7

    def turns(self, length: str) -> list[tuple[int, int]]:
        """The turns of a game of `length` ("full": one a week; "lesson": the lesson
        calendar), each as its first week and the week after its last (0-based)."""
        if length == "lesson" and self.lesson:
            return [(self.week_of(t.start), self.week_of(t.end) + 1) for t in self.lesson]
        return [(w, w + 1) for w in range(self.weeks)]


Effect.model_rebuild()

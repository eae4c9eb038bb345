"""The static scenario schema: what a scenario's YAML files hold. `Scenario` is the
whole; its parts live beside it: `basics` (the shared field types), `world` (variables,
districts, routes, phases), `choices` (effects, roles, dilemmas, events), `record`
(sources, claims, assumptions, calibration bands, epilogue) and `lesson` (questions,
glossary, the lesson calendar).

Everything here is frozen data, read once when a scenario loads and never saved with a
game. The saved, changing part of a game lives in `game.model.state`.

Expressions (conditions, probabilities, amounts) are kept here as their source text or
as plain numbers; `game.scenario.loader` parses and checks them against the declared
variables, and `game.engine.compiled` turns them into closures.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from game.model.basics import ZONES, Frozen, Id, Text
from game.model.choices import Dilemma, Event, Role
from game.model.lesson import GlossaryEntry, Length, LessonTurn, Question
from game.model.record import Assumption, Claim, EpilogueItem, RecordMeasure, Source, Topic
from game.model.world import District, Intensity, Phase, Route, Variable


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


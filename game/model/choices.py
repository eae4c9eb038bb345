"""What changes a scenario's world: effects, the roles and their actions, the dilemmas
put to them, and the events that happen to them."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator, model_validator

from game.model.basics import (
    Cost,
    Frozen,
    Holder,
    Id,
    Num,
    Text,
    VarName,
    Zone,
    dated_or_conditional,
    probability,
)


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

    _chance = field_validator("chance")(probability)


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
    condition of the state: from then on the week offers only the actions still possible,
    puts the role no dilemma, and shows this epilogue (its title, and every sentence
    whose condition holds)."""

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
        dated_or_conditional("a dilemma", self.date, self.when)
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
        dated_or_conditional("an event", self.date, self.when)
        return self

    _chance = field_validator("chance")(probability)



Effect.model_rebuild()

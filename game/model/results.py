"""What a results store keeps: a class's settings, and one result record per game.

Both are versioned documents (`format` and `version`), kept as JSON in the store beside
the few columns a listing needs. A record written by a newer version of the game is
refused with a message, never misread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

CLASS_FORMAT: Literal["corridors-class"] = "corridors-class"
CLASS_VERSION: Literal[1] = 1
RESULT_FORMAT: Literal["corridors-result"] = "corridors-result"
RESULT_VERSION: Literal[3] = 3

Length = Literal["lesson", "full"]
LENGTHS: tuple[str, ...] = ("lesson", "full")
DecidedBy = Literal["player", "computer", "default"]


class ClassSettings(BaseModel):
    """What a class code fixes, so that every game of the class meets the same luck."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    format: Literal["corridors-class"] = CLASS_FORMAT
    version: Literal[1] = CLASS_VERSION
    code: str
    scenario: str  # the scenario's id
    scenario_ref: str  # how to load it (a registry id, or a folder)
    scenario_hash: str  # its content when the class was made
    seed: int = Field(ge=0, le=2**63 - 1)
    roles: tuple[str, ...]  # the roles people play, in turn each week
    content: Literal["standard", "gentle"] = "standard"
    length: Length = "full"
    policy: str = "historical"  # who plays the other roles
    created_at: dt.datetime


class ResultDecision(BaseModel):
    """One decision of a game: an action taken, or a dilemma's option, and who made it:
    the player (a role people play, chosen by them), the computer (a role a policy
    plays) or the default (a dilemma put to people that they left unanswered)."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    week: int = Field(ge=1)  # 1-based
    role: str
    by: DecidedBy
    action: str | None = None
    dilemma: str | None = None
    option: str | None = None


class ResultMeasure(BaseModel):
    """One of the debrief's summary measures, as this game left it (simulated), and the
    record's range where there is one."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: str
    label: str
    value: float
    record: str = ""  # what the record says ("" for a measure with no record)
    band: tuple[float, float] | None = None
    position: Literal["inside", "below", "above", ""] = ""  # "" while the game is unfinished


class ResultTurningPoint(BaseModel):
    """One of the debrief's turning points, as data (the class report counts the ones
    that recur): a decision (a week's actions), a dilemma's option, or chance."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    kind: Literal["decision", "choice", "chance"]
    week: int = Field(ge=1)  # 1-based
    role: str = ""  # "" for chance
    ref: str = ""  # the dilemma (choice), "actions" (decision), the cause's ref (chance)
    option: str = ""  # choice: the option chosen
    actions: tuple[str, ...] = ()  # decision: the actions of that week
    effect_killed: float = 0.0  # simulated: with it rather than without, by the end


class ResultChange(BaseModel):
    """One measure of a finished game against the same game on the same luck with the
    historical decisions for the people's roles (exact, simulated): a civilian ledger
    figure ("zone.metric", `kind` "ledger") or a role's own line (a variable, "line")."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: str
    kind: Literal["ledger", "line"]
    yours: float
    historical: float


class ResultRecord(BaseModel):
    """One game's result, written when it ends or is stopped (and again, replacing it,
    when a stopped game is resumed and stopped or finished)."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    format: Literal["corridors-result"] = RESULT_FORMAT
    version: Literal[3] = RESULT_VERSION
    game: str  # the game's id (its save file's name)
    class_code: str | None = None
    player: str | None = None  # a name, or a team's
    scenario: str
    scenario_hash: str
    seed: int
    roles: tuple[str, ...]
    policy: str
    content: Literal["standard", "gentle"] = "standard"
    length: Length = "full"
    written_at: dt.datetime
    finished: bool
    weeks_played: int = Field(ge=0)
    weeks: int = Field(ge=1)
    decisions: tuple[ResultDecision, ...] = ()
    ledger: tuple[dict[str, Any], ...] = ()  # at the start, then after each week (simulated)
    summary: tuple[ResultMeasure, ...] = ()
    # Version 2: what the debrief of a finished game found (empty in version 1 records,
    # and for a game stopped before its end).
    turning_points: tuple[ResultTurningPoint, ...] = ()
    questions: tuple[str, ...] = ()  # the discussion questions picked, by id
    # Version 3: what the people's choices changed against the historical decisions on
    # the same luck (empty in earlier records, and for a game stopped before its end).
    changed: tuple[ResultChange, ...] = ()

    def measure(self, mid: str) -> float | None:
        for m in self.summary:
            if m.id == mid:
                return m.value
        return None


def migrate_result(data: dict[str, Any]) -> dict[str, Any]:
    """A stored record (parsed JSON) brought to the current version: version 1 had no
    turning points and no questions, version 2 no changes against the historical
    decisions (they read as none)."""
    if data.get("version") in (1, 2):
        data = {**data, "version": RESULT_VERSION}
    return data

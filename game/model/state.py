"""Decisions, and the world state as a save holds it.

`GameState` (game/model/gamestate.py) is a plain dataclass, compiled with the engine
when a build is there. A save's state is checked with pydantic against `SavedState`,
which declares the same fields (a test keeps the two in step), and only then made into
a `GameState`: pydantic cannot build a compiled class itself.
"""

from __future__ import annotations

from typing import Any, NotRequired

from pydantic import BaseModel, ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict  # on Python 3.11 pydantic reads only this TypedDict

from game.model.gamestate import GameState, Pending

__all__ = [
    "Decisions",
    "GameState",
    "Pending",
    "RoleDecision",
    "SavedPending",
    "SavedState",
    "decisions_adapter",
    "state_from_json",
    "state_to_json",
]


class RoleDecision(BaseModel):
    """What one role decides in one week: actions in order, and a choice for each
    dilemma the week put to it."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    actions: tuple[str, ...] = ()
    choices: dict[str, str] = {}


Decisions = dict[str, RoleDecision]


class SavedPending(TypedDict):
    due: int
    effect: int
    origin: str


@with_config(ConfigDict(defer_build=True))  # its validator is built when a save is first read or written
class SavedState(TypedDict):
    """A `GameState` as a save holds it: the same fields, with the same types."""

    scenario: str
    seed: int
    week: int
    vars: dict[str, float]
    present: list[int]
    killed: dict[str, list[int]]
    injured: list[int]
    treated: list[int]
    left: list[int]
    left_by_route: dict[str, int]
    hosp_damaged: list[int]
    hosp_lost: list[int]
    holder: list[str]
    news: NotRequired[list[str]]
    fired: NotRequired[list[str]]
    dilemmas: NotRequired[list[str]]
    choices: NotRequired[dict[str, str]]
    pending: NotRequired[list[SavedPending]]
    credit: NotRequired[dict[str, list[str]]]
    history: NotRequired[list[dict[str, Any]]]


saved_state_adapter: TypeAdapter[SavedState] = TypeAdapter(SavedState)
decisions_adapter: TypeAdapter[dict[str, RoleDecision]] = TypeAdapter(
    dict[str, RoleDecision], config=ConfigDict(defer_build=True)
)


def state_to_json(state: GameState) -> dict[str, Any]:
    fields: dict[str, Any] = {name: getattr(state, name) for name in SavedState.__annotations__}
    fields["pending"] = [{"due": p.due, "effect": p.effect, "origin": p.origin} for p in state.pending]
    data: dict[str, Any] = saved_state_adapter.dump_python(fields, mode="json")  # type: ignore[arg-type]
    return data


def state_from_json(data: Any) -> GameState:
    """Validate a saved state (raises pydantic.ValidationError on anything malformed)."""
    fields: dict[str, Any] = dict(saved_state_adapter.validate_python(data, strict=False))
    fields["pending"] = [Pending(**p) for p in fields.get("pending", [])]
    return GameState(**fields)

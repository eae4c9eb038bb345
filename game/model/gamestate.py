"""The changing part of a game: the world state at a decision point.

A `GameState` always stands at the start of a week, after that week's news (dated and
conditional events) has been applied and before its decisions are taken. The engine's
`step` resolves the week and returns the state at the next decision point.

The state is a plain dataclass so the engine can copy and change it fast. This module
imports nothing but the standard library, so that it is compiled with the engine
(game/accel.py); saves are read and checked in `game.model.state`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Pending:
    """A delayed effect: effect number `effect` of the compiled scenario, due at the
    opening of week `due`, set off by `origin` (e.g. "action:coordinator:request_convoy")."""

    due: int
    effect: int
    origin: str


@dataclass(slots=True)
class GameState:
    scenario: str
    seed: int
    week: int  # index of the week awaiting decisions; == number of weeks when finished
    vars: dict[str, float]
    present: list[int]  # per district
    killed: dict[str, list[int]]  # cause -> per district (cumulative)
    injured: list[int]  # per district (cumulative)
    treated: list[int]  # per district (cumulative)
    left: list[int]  # per district (cumulative)
    left_by_route: dict[str, int]
    hosp_damaged: list[int]  # per district: out of service, may be repaired
    hosp_lost: list[int]  # per district: destroyed for good
    holder: list[str]  # per district
    news: list[str] = field(default_factory=list)  # events that opened this week
    fired: list[str] = field(default_factory=list)  # every event that has fired, in order
    dilemmas: list[str] = field(default_factory=list)  # dilemmas put this week, awaiting a choice
    choices: dict[str, str] = field(default_factory=dict)  # every dilemma answered -> option
    pending: list[Pending] = field(default_factory=list)
    credit: dict[str, list[str]] = field(default_factory=dict)  # variable -> decisions that raised it
    history: list[dict[str, Any]] = field(default_factory=list)  # the ledger after each week

    def copy(self) -> GameState:
        return GameState(
            scenario=self.scenario,
            seed=self.seed,
            week=self.week,
            vars=dict(self.vars),
            present=list(self.present),
            killed={c: list(v) for c, v in self.killed.items()},
            injured=list(self.injured),
            treated=list(self.treated),
            left=list(self.left),
            left_by_route=dict(self.left_by_route),
            hosp_damaged=list(self.hosp_damaged),
            hosp_lost=list(self.hosp_lost),
            holder=list(self.holder),
            news=list(self.news),
            fired=list(self.fired),
            dilemmas=list(self.dilemmas),
            choices=dict(self.choices),
            pending=[Pending(p.due, p.effect, p.origin) for p in self.pending],
            credit={k: list(v) for k, v in self.credit.items()},
            history=list(self.history),  # the weekly entries themselves are never changed
        )


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.model.gamestate":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

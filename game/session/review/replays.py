"""A finished game's decisions played again: the ledger measures of a game, a
logged decision made legal under other luck, and whole games replayed from a log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine.batch import measure
from game.engine.compiled import Compiled
from game.engine.core import WeekReport, new_game, step
from game.engine.policies import Policy
from game.engine.rules import legal_part
from game.model.lesson import FINAL_MEASURES
from game.model.state import GameState, RoleDecision
from game.session.review.common import Plans


def measure_ids(c: Compiled) -> list[str]:
    """Every ledger measure: the record's, then the end-of-game ones."""
    return [m.id for m in c.sc.record] + list(FINAL_MEASURES)


def measure_label(c: Compiled, mid: str) -> str:
    for m in c.sc.record:
        if m.id == mid:
            return m.label
    return FINAL_MEASURES[mid][2]


def measure_place(mid: str) -> tuple[str, str]:
    """An end-of-game ledger measure's zone and metric (("", "") for any other)."""
    zone, metric, _ = FINAL_MEASURES.get(mid, ("", "", ""))
    return zone, metric


def measure_value(c: Compiled, s: GameState, mid: str) -> float:
    for m in c.sc.record:
        if m.id == mid:
            return measure(c, s, m)
    zone, metric, _ = FINAL_MEASURES[mid]
    return float(s.history[-1][zone][metric] or 0.0)


def measure_row(ids: tuple[str, ...], c: Compiled, s: GameState) -> tuple[float, ...]:
    """The measures `ids` of one game, in order (what a batch worker sends back)."""
    return tuple(measure_value(c, s, m) for m in ids)


def legalise(c: Compiled, s: GameState, role: str, d: RoleDecision) -> tuple[RoleDecision, int]:
    """`d` if it is legal this week; else the part of it the rulebook allows (in its
    order, paid from one purse as the engine pays), and how many of its choices and
    actions were left out (`rules.legal_part`)."""
    return legal_part(c, s, role, d)


def week_decisions(
    c: Compiled,
    s: GameState,
    plan: Mapping[str, RoleDecision],
    humans: Sequence[str],
    policy: Policy,
) -> tuple[dict[str, RoleDecision], int]:
    """Every role's decision this week: the humans' `plan` (the part of it that is legal
    under this luck; a human without one does nothing), the policy for the others. Also
    how many of the humans' choices and actions were left out."""
    decisions: dict[str, RoleDecision] = {}
    dropped = 0
    for role in c.roles:
        if role in humans:
            decisions[role], n = legalise(c, s, role, plan.get(role, RoleDecision()))
            dropped += n
        else:
            decisions[role] = policy(c, s, role)
    return decisions, dropped


def replay(
    c: Compiled,
    seed: int,
    plans: Plans,
    humans: Sequence[str],
    policy: Policy,
    *,
    start: GameState | None = None,
    override: tuple[int, str, RoleDecision] | None = None,
    explain: bool = False,
    keep: list[GameState] | None = None,
    reports: list[WeekReport] | None = None,
) -> tuple[GameState, int]:
    """A whole game (or the rest of one, from `start`): the humans' logged decisions,
    made legal under this luck, and the policy for every other role. `override` puts
    another decision for one role in one week. Returns the final state and how many
    logged decisions were left out. `keep` receives the state before each week."""
    s = start if start is not None else new_game(c, seed)
    dropped = 0
    while s.week < c.n_weeks:
        k = s.week
        if keep is not None:
            keep.append(s)
        plan: Mapping[str, RoleDecision] = plans[k] if k < len(plans) else {}
        if override is not None and override[0] == k:
            plan = {**plan, override[1]: override[2]}
        decisions, n = week_decisions(c, s, plan, humans, policy)
        dropped += n
        s, rep = step(c, s, decisions, check=False, explain=explain)
        if reports is not None:
            reports.append(rep)
    return s, dropped


def other_seeds(seed: int, n: int, max_seed: int) -> list[int]:
    """`n` seeds after `seed`, wrapping round within 0..max_seed."""
    return [(seed + 1 + k) % (max_seed + 1) for k in range(n)]


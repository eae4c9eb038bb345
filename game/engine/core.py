"""The simulation's week: `step(state, decisions) -> (state, report)`. The world model
it runs, `resolve_world`, is in `world`, and the report it returns (`WeekReport`, with
its causes as data) in `report`.

Pure and deterministic: no I/O, no clock, and all chance comes from generators derived
from the seed held in the state, the week and what each draw is for (`luck`: keyed,
counter-based draws). The same state and decisions always give the same result, and
other decisions never change the luck of anything else.

Each week: the decisions are checked by the rulebook (`rules`) and applied (dilemma
choices, then each role's actions: `effects`), then the world model resolves the week
district by district (strikes, rescue, care, hunger, departures), the ledger is
recorded (`ledger`), and the next week opens (`opening`: income, delayed effects, dated
and conditional events) so the returned state stands at the next decision point.
`new_game` (from `opening`) and the rulebook's names are importable from here too.
"""

from __future__ import annotations

from typing import Any

from game.engine.compiled import Compiled
from game.engine.effects import Outcome, apply_effect, clamped, set_var
from game.engine.environment import (
    env_for,
    hospitals,
    rescue_modifiers,
)
from game.engine.ledger import ledger
from game.engine.luck import Chance, Luck
from game.engine.opening import new_game, open_week
from game.engine.report import Cause, WeekReport
from game.engine.rules import (
    IllegalDecision,
    Problem,
    affordable,
    available_actions,
    check_decision,
)
from game.engine.world import resolve_world
from game.model.gamestate import GameState
from game.model.state import Decisions

# Names other layers import from here (each defined in the module it is imported from).
__all__ = [
    "Cause",
    "IllegalDecision",
    "Outcome",
    "WeekReport",
    "available_actions",
    "check_decision",
    "env_for",
    "hospitals",
    "ledger",
    "new_game",
    "rescue_modifiers",
    "resolve_world",
    "step",
]

# ---------------------------------------------------------------------------------
# Resolving a week
# ---------------------------------------------------------------------------------


def step(
    c: Compiled,
    state: GameState,
    decisions: Decisions | None = None,
    *,
    check: bool = True,
    explain: bool = True,
    inplace: bool = False,
    record: bool = True,
    env: dict[str, Any] | None = None,
) -> tuple[GameState, WeekReport]:
    """Resolve the week `state` stands at with `decisions` (role -> RoleDecision; roles
    left out do nothing, dilemmas left unanswered take their default option).

    `check=False` skips checking the decisions (for policies, whose plans are legal by
    construction); `explain=False` skips the causes and the actions' outcomes (for batch runs);
    `inplace=True` changes `state` itself rather than a copy (for batch runs, which keep
    only the last state); `record=False` leaves the week's ledger out of the history (for
    batch runs that read only the final ledger, which `final_ledger` then adds); `env`,
    if given, must be `env_for(c, state)`, worked out already: the step takes it over and
    changes it."""
    if state.week >= c.n_weeks:
        raise IllegalDecision([Problem("over", "")])
    decisions = decisions or {}
    if check:
        for role, d in decisions.items():
            check_decision(c, state, role, d)
    s = state if inplace else state.copy()
    w = s.week
    wk = c.weeks[w]
    luck = Luck(s.seed, w)
    rng = Chance(luck, "decide")
    before = s.history[-1] if s.history else {}  # none in a batch that records nothing
    report = WeekReport(week=w, date=wk.date, phase=wk.phase, before=before, after=before)
    if env is None:
        env = env_for(c, s)
    # What the week's opening did to the ledger's food and hospitals (its events, the
    # effects falling due), and then what the decisions did (explained weeks only).
    marks = _marks(c, s) if explain and before else None
    if marks is not None:
        _opened(before, marks, s.news, report.causes)
    moved_by: list[str] = []  # the decisions that moved the food or the hospitals
    mark = marks

    # 1. Dilemmas put this week: the chosen option, or the default.
    for did in s.dilemmas:
        dl = c.dilemmas[did]
        rd = decisions.get(dl.role)
        opt = rd.choices.get(did, dl.default) if rd else dl.default
        cost, effects = dl.options[opt]
        if not affordable(s, cost):
            opt = dl.default
            cost, effects = dl.options[opt]
        for k, v in cost.items():
            set_var(c, s, k, s.vars[k] - v)
            env[k] = s.vars[k]
        log: list[Outcome] | None = [] if explain else None
        for idx in effects:
            apply_effect(c, s, idx, env, rng, f"choice:{dl.role}:{did}={opt}", log)
        if mark is not None and effects and _marks(c, s) != mark:
            moved_by.append(f"{dl.role}:{did}={opt}")
            mark = _marks(c, s)
        s.choices[did] = opt
        report.choices.append((dl.role, did, opt))
        if log:
            report.choice_outcomes[did] = log
    s.dilemmas = []

    # 2. Actions, role by role in the scenario's order.
    for role in c.roles:
        plan = decisions.get(role)
        if plan is None:
            continue
        for aid in plan.actions:
            a = c.actions[role][aid]
            values = s.vars
            for k, amount, lo, hi in a.cost_ops:  # as `set_var`, with the bounds at hand
                left = clamped(values[k] - amount, lo, hi)
                values[k] = left
                env[k] = left
            origin = a.origin
            out: list[Outcome] | None = [] if explain else None
            for idx in a.effects:
                apply_effect(c, s, idx, env, rng, origin, out)
            report.actions.append((role, aid, tuple(out) if out else ()))
            if mark is not None and a.effects and _marks(c, s) != mark:
                if f"{role}:{aid}" not in moved_by:
                    moved_by.append(f"{role}:{aid}")
                mark = _marks(c, s)
    if marks is not None and mark is not None and moved_by:
        _decided(marks, mark, moved_by, report.causes)

    # 3. The world model.
    resolve_world(c, s, wk, luck, report if explain else None)

    # 4. Ledger, then open the next week.
    if record:
        after = ledger(c, s, w)
        s.history.append(after)
        report.after = after
    s.week = w + 1
    open_week(c, s)
    report.opened = list(s.news)
    report.causes.sort(key=lambda x: -abs(x.amount))
    return s, report


Marks = tuple[float, float, int, int]  # food stock, people in the east, hospitals east and west


def _marks(c: Compiled, s: GameState) -> Marks:
    return (s.vars["east.food_stock"], float(sum(c.pick_east(s.present))), hospitals(c, s, "east"), hospitals(c, s, "west"))


def _days(m: Marks) -> float:
    return m[0] / m[1] if m[1] > 0 else 0.0


def _opened(before: dict[str, Any], now: Marks, news: list[str], causes: list[Cause]) -> None:
    """Causes for what the week's opening (its events, `news`, and the effects falling
    due) did to the food and the hospitals since the last ledger (`before`)."""
    ref = ",".join(news)
    food = before["east"]["food_days"]
    if food is not None:
        d = round(_days(now) - float(food), 1)
        if d:
            causes.append(Cause("food_days.east", d, "event", ref, "opened_food", {"days": d}, []))
    for zone, n in (("east", now[2]), ("west", now[3])):
        h = float(n - int(before[zone]["hospitals"]))
        if h:
            causes.append(Cause(f"hospitals.{zone}", h, "event", ref, "opened_hospitals", {"hospitals": h}, []))


def _decided(a: Marks, b: Marks, tags: list[str], causes: list[Cause]) -> None:
    """Causes for what the week's decisions (`tags`, "role:action" or
    "role:dilemma=option") did to the food and the hospitals (marks `a` before, `b` after)."""
    d = round(_days(b) - _days(a), 1)
    if d:
        causes.append(Cause("food_days.east", d, "decision", "decisions", "decided_food", {"days": d}, list(tags)))
    for zone, h in (("east", float(b[2] - a[2])), ("west", float(b[3] - a[3]))):
        if h:
            causes.append(Cause(f"hospitals.{zone}", h, "decision", "decisions", "decided_hospitals", {"hospitals": h}, list(tags)))


# ---------------------------------------------------------------------------------
# The compiled build of this module, when one matches the sources (see game/accel.py)
# ---------------------------------------------------------------------------------

if __name__ == "game.engine.core":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

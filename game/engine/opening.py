"""A new game, and the opening of each week: income, delayed effects falling due, the
week's events and the dilemmas it puts to the roles."""

from __future__ import annotations

from typing import Any

from game.engine.compiled import Compiled
from game.engine.effects import apply_effect
from game.engine.environment import env_for
from game.engine.ledger import ledger
from game.engine.luck import Chance, Luck, code
from game.model.basics import CAUSES
from game.model.gamestate import GameState


def new_game(c: Compiled, seed: int, *, record: bool = True) -> GameState:
    """A game at its first decision point. `record=False` leaves the starting ledger out
    of the history (for batch runs that keep only the final ledger: see `step`)."""
    sc = c.sc
    n = len(sc.districts)
    s = GameState(
        scenario=sc.id,
        seed=int(seed),
        week=0,
        vars={k: float(v.initial) for k, v in zip(c.var_ids, sc.variables, strict=True)},
        present=[d.population for d in sc.districts],
        killed={cause: [0] * n for cause in CAUSES},
        injured=[0] * n,
        treated=[0] * n,
        left=[0] * n,
        left_by_route={r.id: 0 for r in sc.routes},
        hosp_damaged=[0] * n,
        hosp_lost=[0] * n,
        holder=[d.holder for d in sc.districts],
    )
    if record:
        s.history.append(ledger(c, s, -1))
    open_week(c, s)
    return s


def open_week(c: Compiled, s: GameState) -> None:
    """Income, delayed effects falling due, and this week's events; then the dilemmas
    this week puts to the roles."""
    s.news = []
    s.dilemmas = []
    if s.week >= len(c.weeks):  # past the calendar (a game ended early opens the week after)
        return
    luck = Luck(s.seed, s.week)
    rng = Chance(luck, "open")
    env = env_for(c, s)
    for role in c.roles:
        origin = c.income_origin[role]
        for idx in c.income[role]:
            apply_effect(c, s, idx, env, rng, origin, None)
    due = [p for p in s.pending if p.due <= s.week]
    if due:
        s.pending = [p for p in s.pending if p.due > s.week]
        for p in due:
            apply_effect(c, s, p.effect, env, rng, p.origin, None, now=True)
    wk = c.weeks[s.week]
    for eid in wk.events:
        ev = c.events[eid]
        if ev.when is not None and not ev.when(env):
            continue
        if ev.chance is not None and luck.draws("event", code(eid)).random() >= float(ev.chance(env)):
            continue
        _fire(c, s, eid, env, rng)
    for ev in c.conditional_events:
        if ev.id in s.fired:
            continue
        assert ev.when is not None
        if not ev.when(env):
            continue
        if ev.chance is not None and luck.draws("event", code(ev.id)).random() >= float(ev.chance(env)):
            continue
        _fire(c, s, ev.id, env, rng)
    # A role whose life in the game has ended (`leaving`) is put no dilemma.
    gone = {role for role, ended in c.gone.items() if ended(env)} if c.gone else set()
    for did in wk.dilemmas:
        dated = c.dilemmas[did]
        if dated.role not in gone and (dated.when is None or dated.when(env)):
            s.dilemmas.append(did)
    for dl in c.conditional_dilemmas:
        if dl.id in s.choices or dl.id in s.dilemmas or dl.role in gone:
            continue
        assert dl.when is not None
        if dl.when(env):
            s.dilemmas.append(dl.id)


def _fire(c: Compiled, s: GameState, eid: str, env: dict[str, Any], rng: Chance) -> None:
    s.news.append(eid)
    s.fired.append(eid)
    ev = c.events[eid]
    for idx in ev.effects:
        apply_effect(c, s, idx, env, rng, ev.origin, None)


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.opening":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

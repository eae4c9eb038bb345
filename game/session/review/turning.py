"""Turning points: the decisions and chance events that changed the number killed
most, found by paired counterfactual replays on the same luck.

Every draw of the engine is keyed by what it is for (`game.engine.luck`), so a game
replayed without one decision meets exactly the same luck: the replay leaves out only
what that decision did."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.engine.compiled import Compiled
from game.engine.core import WeekReport
from game.engine.policies import Policy
from game.model.state import GameState, RoleDecision
from game.session.review.common import (
    MAX_CHANCE,
    MAX_TURNING_POINTS,
    MIN_TURNING_POINTS,
    Plans,
    TurningPoint,
)
from game.session.review.replays import replay


def _outcome(s: GameState) -> tuple[float, float, float, float]:
    end = s.history[-1]
    return (
        float(end["total"]["killed"]),
        float(end["east"]["injured"]),
        float(end["east"]["left"]),
        float(end["east"]["food_days"] or 0.0),
    )


@dataclass(slots=True)


class _Candidate:
    kind: str
    week: int
    role: str
    ref: str
    title: str
    without: RoleDecision


def turning_points(
    c: Compiled,
    seed: int,
    plans: Plans,
    humans: Sequence[str],
    policy: Policy,
    seeds: list[int],
    *,
    week_news: Callable[[int], list[str]],
    scale: Callable[[str], float] = lambda var: 1.0,
) -> tuple[TurningPoint, ...]:
    """The decisions and chance events that changed the number killed most (three to
    five): the players' decisions first (by week), then at most `MAX_CHANCE` weeks of
    chance (by week).
    A decision's effect: the game against the same game without it (a week's actions
    left out, or a dilemma answered with its default), from the week it was taken, on
    each luck of `seeds` (the game's own first). `week_news(k)`: the events of week k
    (ids); `scale(var)`: the size a variable's change is measured against (its
    starting value), to rank the ones most changed."""
    # The game itself, with its reports and the state before each week.
    states: list[GameState] = []
    reports: list[WeekReport] = []
    base, _ = replay(c, seed, plans, humans, policy, explain=True, keep=states, reports=reports)
    candidates: list[_Candidate] = []
    for k, plan in enumerate(plans[: c.n_weeks]):
        for role in humans:
            d = plan.get(role)
            if d is None:
                continue
            if d.actions:
                candidates.append(
                    _Candidate("decision", k, role, "actions", "", RoleDecision(actions=(), choices=d.choices))
                )
            for did, opt in d.choices.items():
                dl = c.dilemmas.get(did)
                if dl is None or opt == dl.default:
                    continue
                rest = {o: v for o, v in d.choices.items() if o != did}  # the default
                candidates.append(
                    _Candidate("choice", k, role, did, opt, RoleDecision(actions=d.actions, choices=rest))
                )
    # Each candidate's effect: paired replays, from the week it was taken, on each luck.
    effects: list[list[list[float]]] = [[] for _ in candidates]
    # On the game's own luck: how each variable ended up different without it.
    diffs: list[dict[str, float]] = [{} for _ in candidates]
    for j, luck in enumerate(seeds):
        if j == 0 and luck == seed:
            with_states, with_end = states, _outcome(base)
        else:
            with_states = []
            end_state, _ = replay(c, luck, plans, humans, policy, keep=with_states)
            with_end = _outcome(end_state)
        for i, cand in enumerate(candidates):
            if cand.week >= len(with_states):
                continue
            s, _ = replay(
                c,
                luck,
                plans,
                humans,
                policy,
                start=with_states[cand.week],
                override=(cand.week, cand.role, cand.without),
            )
            without = _outcome(s)
            if j == 0:
                diffs[i] = {
                    k: base.vars[k] - s.vars[k]
                    for k in base.vars
                    if abs(base.vars[k] - s.vars.get(k, 0.0)) > 1e-6
                }
            effects[i].append([a - b for a, b in zip(with_end, without, strict=True)])
    points: list[TurningPoint] = []
    for i, (cand, eff) in enumerate(zip(candidates, effects, strict=True)):
        if not eff:
            continue
        n = len(eff)
        mean = [sum(e[x] for e in eff) / n for x in range(4)]
        ranked = sorted(diffs[i].items(), key=lambda kv: -abs(kv[1]) / max(1.0, abs(scale(kv[0]))))
        report = reports[cand.week]
        dl = c.dilemmas.get(cand.ref) if cand.kind == "choice" else None
        points.append(
            TurningPoint(
                kind=cand.kind,
                week=cand.week,
                role=cand.role,
                ref=cand.ref,
                effect_killed=round(mean[0], 1),
                effect_injured=round(mean[1], 1),
                effect_left=round(mean[2], 1),
                effect_food_days=round(mean[3], 1),
                samples=n,
                option=cand.title if cand.kind == "choice" else "",
                default=dl.default if dl is not None else "",
                actions=tuple((a, tuple(o)) for r, a, o in report.actions if r == cand.role)
                if cand.kind == "decision"
                else (),
                changes=tuple(ranked[:6]),
            )
        )
    # Chance: the weeks whose bombardment was much heavier or lighter than the phase's
    # average, as the engine's causes say.
    for k, rep in enumerate(reports):
        for cause in rep.causes:
            if cause.kind != "chance" or not cause.measure.startswith("killed."):
                continue
            points.append(
                TurningPoint(
                    kind="chance",
                    week=k,
                    role="",
                    ref=cause.ref,
                    effect_killed=round(cause.amount, 1),
                    effect_injured=0.0,
                    effect_left=0.0,
                    effect_food_days=0.0,
                    samples=1,
                    news=tuple(week_news(k)),
                    cause=cause,
                )
            )
    # The largest first; chance takes at most MAX_CHANCE places, so that the players'
    # own decisions with the largest effects are shown beside the luck they met.
    points.sort(key=lambda p: (-abs(p.effect_killed), p.week))
    chance = [p for p in points if p.kind == "chance"]
    merged = sorted(
        chance[:MAX_CHANCE] + [p for p in points if p.kind != "chance"],
        key=lambda p: (-abs(p.effect_killed), p.week),
    )
    top = [p for p in merged if abs(p.effect_killed) >= 1.0][:MAX_TURNING_POINTS]
    for p in chance[MAX_CHANCE:]:  # too few decisions: more weeks of chance
        if len(top) >= MIN_TURNING_POINTS:
            break
        top.append(p)
    # The players' own decisions first, week by week, and chance apart after them.
    return tuple(sorted(top, key=lambda p: (p.kind == "chance", p.week, p.kind)))


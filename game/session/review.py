"""The debrief's analyses of a finished game: replays of the players' decisions under
other luck, turning points found by counterfactual replays, the ledger measures, and the
discussion questions tied to what the players did.

Everything here is a pure function of the compiled scenario, a seed and the decision
log (no I/O, no clock); `Session.finish` and `Session.alternatives` call it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from game.engine.batch import measure, percentile, play_through
from game.engine.compiled import Compiled
from game.engine.core import (
    IllegalDecision,
    WeekReport,
    check_decision,
    env_for,
    hospitals,
    new_game,
    step,
)
from game.engine.policies import Policy, get_policy, historical
from game.model.scenario import FINAL_MEASURES, Action, DilemmaOption, Effect, Question, Scenario
from game.model.state import GameState, RoleDecision
from game.parallel import map_seeds
from game.scenario.contract import known_names
from game.scenario.expr import parse_value

Plans = Sequence[Mapping[str, RoleDecision]]  # week -> human role -> its decision
Progress = Callable[[int, int], None]

# Turning points are ranked by their effect on lives: the change in civilians killed in
# every zone (east, west and Sheikh Maqsoud) by the end of the game. No other measure is
# weighed in; injuries, departures and food are reported beside it.
RANK_MEASURE = "civilians killed, every zone, by the end of the game"
MAX_TURNING_POINTS = 5
MIN_TURNING_POINTS = 3
MAX_CHANCE = 2
MIN_QUESTIONS, MAX_QUESTIONS = 3, 5


# ------------------------------------------------------------------------ views


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A decision or an event of chance that changed the outcome.

    `effect_killed` is what it changed in civilians killed (every zone, end of game):
    negative means fewer died with it than without it. For a decision it is the mean of
    paired replays (with and without it, each pair on the same luck) over `samples`
    lucks, the game's own first; for chance it is the engine's own estimate for the
    week. All figures are simulated."""

    kind: str  # "decision" (a week's actions), "choice" (a dilemma option) or "chance"
    week: int  # 0-based week
    role: str  # the role that decided ("" for chance)
    ref: str  # the dilemma id (choice), "actions" (decision) or the cause's ref (chance)
    title: str  # what it was, in words
    effect_killed: float
    effect_injured: float
    effect_left: float
    effect_food_days: float
    samples: int
    why: tuple[str, ...]  # plain explanations, from the engine's notes and causes


@dataclass(frozen=True, slots=True)
class QuestionInfo:
    id: str
    text: str  # at the session's content level
    tied: bool  # tied to this game (False: a general question)
    why: str  # what in this game it is tied to, in words ("" if general)


@dataclass(frozen=True, slots=True)
class Distribution:
    """One measure over many simulated games."""

    runs: int
    median: float
    p10: float
    p90: float
    rank: float  # where this game's value stands: percent of runs below it (ties count half)


@dataclass(frozen=True, slots=True)
class AltMeasure:
    id: str
    label: str
    value: float  # this game (simulated)
    same_decisions: Distribution  # the players' decisions with other luck
    historical: Distribution  # every role played by the historical policy


@dataclass(frozen=True, slots=True)
class Alternatives:
    """This game against alternative histories (every figure simulated)."""

    runs: int  # games in each of the two families
    seeds: tuple[int, int]  # first and last seed used
    measures: tuple[AltMeasure, ...]
    dropped_decisions: int  # logged decisions left out because they were not legal
    dropped_runs: int  # same-decision runs in which at least one was left out


# ------------------------------------------------------------------------ measures


def measure_ids(c: Compiled) -> list[str]:
    """Every ledger measure: the record's, then the end-of-game ones."""
    return [m.id for m in c.sc.record] + list(FINAL_MEASURES)


def measure_label(c: Compiled, mid: str) -> str:
    for m in c.sc.record:
        if m.id == mid:
            return m.label
    return FINAL_MEASURES[mid][2]


def measure_value(c: Compiled, s: GameState, mid: str) -> float:
    for m in c.sc.record:
        if m.id == mid:
            return measure(c, s, m)
    zone, metric, _ = FINAL_MEASURES[mid]
    return float(s.history[-1][zone][metric] or 0.0)


def measure_row(ids: tuple[str, ...], c: Compiled, s: GameState) -> tuple[float, ...]:
    """The measures `ids` of one game, in order (what a batch worker sends back)."""
    return tuple(measure_value(c, s, m) for m in ids)


# ------------------------------------------------------------------------ replays


def legalise(c: Compiled, s: GameState, role: str, d: RoleDecision) -> tuple[RoleDecision, int]:
    """`d` if it is legal this week; else the part of it that is (in its order, paid
    from one purse as the engine pays), and how many of its choices and actions were
    left out."""
    try:
        check_decision(c, s, role, d)
        return d, 0
    except IllegalDecision:
        pass
    dropped = 0
    have = dict(s.vars)

    def pay(cost: Mapping[str, float]) -> bool:
        if not all(have.get(k, 0.0) >= v - 1e-9 for k, v in cost.items()):
            return False
        for k, v in cost.items():
            have[k] = have.get(k, 0.0) - v
        return True

    choices: dict[str, str] = {}
    for did, opt in d.choices.items():
        dl = c.dilemmas.get(did)
        ok = dl is not None and dl.role == role and did in s.dilemmas and opt in dl.options
        if dl is not None and ok and pay(dl.options[opt][0]):
            choices[did] = opt
        else:
            dropped += 1
    env = env_for(c, s)
    budget = c.role_by_id[role].budget
    points = 0
    actions: list[str] = []
    for aid in d.actions:
        a = c.actions[role].get(aid)
        if (
            a is None
            or aid in actions
            or (a.when is not None and not a.when(env))
            or points + a.points > budget
            or not pay(a.cost)
        ):
            dropped += 1
            continue
        actions.append(aid)
        points += a.points
    return RoleDecision(actions=tuple(actions), choices=choices), dropped


def week_decisions(
    c: Compiled,
    s: GameState,
    plan: Mapping[str, RoleDecision],
    humans: Sequence[str],
    policy: Policy,
    policy_compiled: Compiled | None = None,
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
            decisions[role] = policy(policy_compiled or c, s, role)
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
    policy_compiled: Compiled | None = None,
) -> tuple[GameState, int]:
    """A whole game (or the rest of one, from `start`): the humans' logged decisions,
    made legal under this luck, and the policy for every other role. `override` puts
    another decision for one role in one week. Returns the final state and how many
    logged decisions were left out. `keep` receives the state before each week.
    `policy_compiled`: the scenario the policy reads (default `c`; the original when `c`
    is a counterfactual scenario, whose stand-ins no policy may pick)."""
    pc = policy_compiled or c
    s = start if start is not None else new_game(c, seed)
    dropped = 0
    while s.week < c.n_weeks:
        k = s.week
        if keep is not None:
            keep.append(s)
        plan: Mapping[str, RoleDecision] = plans[k] if k < len(plans) else {}
        if override is not None and override[0] == k:
            plan = {**plan, override[1]: override[2]}
        decisions, n = week_decisions(c, s, plan, humans, policy, pc)
        dropped += n
        s, rep = step(c, s, decisions, check=False, explain=explain)
        if reports is not None:
            reports.append(rep)
    return s, dropped


def other_seeds(seed: int, n: int, max_seed: int) -> list[int]:
    """`n` seeds after `seed`, wrapping round within 0..max_seed."""
    return [(seed + 1 + k) % (max_seed + 1) for k in range(n)]


# ------------------------------------------------------------------------ alternatives


def distribution(values: list[float], value: float) -> Distribution:
    n = len(values)
    below = sum(1 for v in values if v < value - 1e-9)
    equal = sum(1 for v in values if abs(v - value) <= 1e-9)
    rank = 100.0 * (below + 0.5 * equal) / n if n else 0.0
    # A measure counted in whole people keeps whole numbers: a percentile that falls
    # between two games is rounded (half up), not shown as "1,832.9 people".
    whole = all(float(v).is_integer() for v in values)

    def q(p: float) -> float:
        x = percentile(values, p)
        return float(math.floor(x + 0.5)) if whole else x

    return Distribution(runs=n, median=q(50), p10=q(10), p90=q(90), rank=rank)


def same_decisions_row(
    plans: Plans, humans: tuple[str, ...], policy: str, ids: tuple[str, ...], c: Compiled, seed: int
) -> tuple[tuple[float, ...], int]:
    """One alternative history with the people's decisions (a task for a batch worker):
    its measures `ids`, and how many logged decisions were not legal under its luck."""
    s, dropped = replay(c, seed, plans, humans, get_policy(c, policy))
    return measure_row(ids, c, s), dropped


def historical_row(ids: tuple[str, ...], c: Compiled, seed: int) -> tuple[float, ...]:
    """One alternative history with every role played as it was historically (a task for
    a batch worker): its measures `ids`."""
    return measure_row(ids, c, play_through(c, seed, {role: historical for role in c.roles}))


def alternatives(
    c: Compiled,
    game: GameState,
    plans: Plans,
    humans: Sequence[str],
    policy: str,
    seeds: list[int],
    progress: Progress | None = None,
) -> Alternatives:
    """This game's measures among two families of alternative histories on `seeds`: the
    people's decisions (`plans`, for the roles `humans`; the other roles played by the
    policy named `policy`) with other luck, and the historical policy for every role.
    Both families are played over the machine's cores; only each game's measures come
    back from the workers."""
    ids = tuple(measure_ids(c))
    total = 2 * len(seeds)

    def told(base: int) -> Progress:
        def tell(k: int, _total: int) -> None:
            if progress is not None:
                progress(base + k, total)

        return tell

    if progress is not None:
        progress(0, total)
    task = partial(same_decisions_row, [dict(p) for p in plans], tuple(humans), policy, ids)
    same_rows = map_seeds(c, seeds, task, progress=told(0))
    hist_rows = map_seeds(c, seeds, partial(historical_row, ids), progress=told(len(seeds)))
    same: dict[str, list[float]] = {m: [] for m in ids}
    hist: dict[str, list[float]] = {m: [] for m in ids}
    dropped = dropped_runs = 0
    for values, n in same_rows:
        dropped += n
        dropped_runs += n > 0
        for m, x in zip(ids, values, strict=True):
            same[m].append(x)
    for values in hist_rows:
        for m, x in zip(ids, values, strict=True):
            hist[m].append(x)
    measures = tuple(
        AltMeasure(
            id=m,
            label=measure_label(c, m),
            value=measure_value(c, game, m),
            same_decisions=distribution(same[m], measure_value(c, game, m)),
            historical=distribution(hist[m], measure_value(c, game, m)),
        )
        for m in ids
    )
    first, last = (seeds[0], seeds[-1]) if seeds else (0, 0)
    return Alternatives(
        runs=len(seeds),
        seeds=(first, last),
        measures=measures,
        dropped_decisions=dropped,
        dropped_runs=dropped_runs,
    )


# ------------------------------------------------------------------------ turning points

WITHOUT = "--without"  # suffix of the stand-ins that counterfactual replays use


def _draws_only(effects: Sequence[Effect]) -> list[Effect]:
    """Effects that draw the same chances as `effects` (in the same order, with the same
    delays) and change nothing."""
    noop = Effect(add={"attention": 0})
    out: list[Effect] = []
    for e in effects:
        if e.chance is None:
            continue  # draws nothing
        if e.then is None:  # a plain effect with a chance: one draw
            out.append(Effect(chance=e.chance, then=[noop], delay=e.delay))
            continue
        rest = _draws_only(e.else_ or [])
        out.append(
            Effect(chance=e.chance, then=_draws_only(e.then) or [noop], else_=rest or None, delay=e.delay)
        )
    return out


def counterfactual_scenario(sc: Scenario) -> Scenario:
    """The scenario with a stand-in for every action (`<id>--without`) and every dilemma
    option but the default (`<option>--without`): free, and drawing the same chances
    as the original while changing nothing (an option's stand-in then does what the
    default does). In the engine every chance of a week comes from one stream, so
    taking a decision out would shift the luck of everything after it that week; its
    stand-in keeps the luck the same and leaves out only what the decision did."""
    roles = [
        r.model_copy(
            update={
                "actions": [
                    *r.actions,
                    *(
                        Action(
                            id=a.id + WITHOUT,
                            name=a.name,
                            summary=a.summary,
                            points=a.points,
                            when=a.when,
                            effects=_draws_only(a.effects),
                            uncertainty=a.uncertainty,
                        )
                        for a in r.actions
                    ),
                ]
            }
        )
        for r in sc.roles
    ]
    dilemmas = []
    for d in sc.dilemmas:
        default = next(o for o in d.options if o.id == d.default)
        stand_ins = [
            DilemmaOption(
                id=o.id + WITHOUT,
                label=o.label,
                text=o.text,
                effects=[*_draws_only(o.effects), *default.effects],
                uncertainty=o.uncertainty,
            )
            for o in d.options
            if o.id != d.default
        ]
        dilemmas.append(d.model_copy(update={"options": [*d.options, *stand_ins]}))
    return sc.model_copy(update={"roles": roles, "dilemmas": dilemmas})



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
    original: Compiled,
    c: Compiled,
    seed: int,
    plans: Plans,
    humans: Sequence[str],
    policy: Policy,
    seeds: list[int],
    *,
    describe: Callable[[_Candidate, WeekReport, dict[str, float]], tuple[str, list[str]]],
    chance_text: Callable[[str], str],
    week_news: Callable[[int], list[str]],
) -> tuple[TurningPoint, ...]:
    """The decisions and chance events that changed the number killed most (three to
    five). `c`: compiled from `counterfactual_scenario(original.sc)`; every replay here
    runs on it, so that a decision's stand-in keeps the luck of the rest of its week.
    `seeds`: the lucks to average decisions' effects over, the game's own first."""
    # The game itself, with its reports and the state before each week.
    states: list[GameState] = []
    reports: list[WeekReport] = []
    base, _ = replay(
        c, seed, plans, humans, policy, explain=True, keep=states, reports=reports, policy_compiled=original
    )
    candidates: list[_Candidate] = []
    for k, plan in enumerate(plans[: c.n_weeks]):
        for role in humans:
            d = plan.get(role)
            if d is None:
                continue
            if d.actions:
                stand_in = tuple(a + WITHOUT for a in d.actions)
                candidates.append(
                    _Candidate(
                        "decision", k, role, "actions", "", RoleDecision(actions=stand_in, choices=d.choices)
                    )
                )
            for did, opt in d.choices.items():
                dl = c.dilemmas.get(did)
                if dl is None or opt == dl.default:
                    continue
                rest = {**d.choices, did: opt + WITHOUT}
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
            end_state, _ = replay(c, luck, plans, humans, policy, keep=with_states, policy_compiled=original)
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
                policy_compiled=original,
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
        title, why = describe(cand, reports[cand.week], diffs[i])
        points.append(
            TurningPoint(
                kind=cand.kind,
                week=cand.week,
                role=cand.role,
                ref=cand.ref,
                title=title,
                effect_killed=round(mean[0], 1),
                effect_injured=round(mean[1], 1),
                effect_left=round(mean[2], 1),
                effect_food_days=round(mean[3], 1),
                samples=n,
                why=tuple(why),
            )
        )
    # Chance: the weeks whose bombardment was much heavier or lighter than the phase's
    # average, as the engine's causes say.
    for k, rep in enumerate(reports):
        for cause in rep.causes:
            if cause.kind != "chance" or not cause.measure.startswith("killed."):
                continue
            news = week_news(k)
            why = [chance_text(cause.text)]
            if news:
                why.append("News that week: " + "; ".join(news) + ".")
            points.append(
                TurningPoint(
                    kind="chance",
                    week=k,
                    role="",
                    ref=cause.ref,
                    title="Chance: a " + ("heavier" if cause.amount > 0 else "lighter") + " week of bombardment",
                    effect_killed=round(cause.amount, 1),
                    effect_injured=0.0,
                    effect_left=0.0,
                    effect_food_days=0.0,
                    samples=1,
                    why=tuple(why),
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
    return tuple(sorted(top, key=lambda p: (p.week, p.kind)))


# ------------------------------------------------------------------------ questions


def question_env(c: Compiled, s: GameState) -> dict[str, Any]:
    """The names an expression may read, on a finished game's final state."""
    env = env_for(c, s)
    env.setdefault("hospitals.east", hospitals(c, s, "east"))
    end = s.history[-1]
    for z in ("east", "west"):
        env.setdefault(f"killed.{z}", end[z]["killed"])
    return env


def select_questions(
    c: Compiled,
    s: GameState,
    plans: Plans,
    humans: Sequence[str],
    text: Callable[[Question], str],
    explain: Callable[[Question], str],
) -> tuple[QuestionInfo, ...]:
    """Three to five questions: those tied to this game whose conditions all hold (what
    the players actively did first, then the most specific, then in the bank's order),
    at most four, then general ones until there are three and at least one general."""
    used: dict[tuple[str, str], int] = {}
    for plan in plans:
        for role in humans:
            d = plan.get(role)
            if d is None:
                continue
            for aid in d.actions:
                used[(role, aid)] = used.get((role, aid), 0) + 1
    env: dict[str, Any] | None = None
    known: dict[str, str] = {}

    def holds(q: Question) -> bool:
        nonlocal env, known
        for cond in q.when:
            if cond.chose is not None:
                dl = c.dilemmas.get(cond.chose.dilemma)
                if dl is None or dl.role not in humans:
                    return False
                if s.choices.get(cond.chose.dilemma) != cond.chose.option:
                    return False
            elif cond.used is not None:
                u = cond.used
                if u.role not in humans:
                    return False
                n = used.get((u.role, u.action), 0)
                if n < u.low or (u.at_most is not None and n > u.at_most):
                    return False
            elif cond.measure is not None:
                m = cond.measure
                v = measure_value(c, s, m.id)
                if (m.above is not None and not v > m.above) or (m.below is not None and not v < m.below):
                    return False
            elif cond.expr is not None:
                if env is None:
                    env = question_env(c, s)
                    known = known_names(c.sc)
                if not bool(parse_value(cond.expr, known, expect="bool")(env)):
                    return False
        return True

    explicit = {did for plan in plans for d in plan.values() for did in d.choices}

    def weight(q: Question) -> int:
        """What the players actively did counts most: an option they picked themselves
        or actions they took (3), then how the game ended (2), then a dilemma left to
        its default (1)."""
        best = 0
        for cond in q.when:
            if cond.chose is not None:
                best = max(best, 3 if cond.chose.dilemma in explicit else 1)
            elif cond.used is not None:
                best = max(best, 3)
            else:
                best = max(best, 2)
        return best

    tied = [q for q in c.sc.questions if q.when and holds(q)]
    tied.sort(key=lambda q: (-weight(q), -len(q.when)))  # stable: the bank's order among equals
    general = [q for q in c.sc.questions if not q.when]
    picked = tied[: MAX_QUESTIONS - 1] if general else tied[:MAX_QUESTIONS]
    for q in general:  # at least one general question, and at least three in all
        if len(picked) >= MAX_QUESTIONS or (
            len(picked) >= MIN_QUESTIONS and any(not p.when for p in picked)
        ):
            break
        picked.append(q)
    return tuple(
        QuestionInfo(id=q.id, text=text(q), tied=bool(q.when), why=explain(q) if q.when else "")
        for q in picked
    )

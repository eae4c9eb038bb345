"""The scenario's cross references and expressions, checked once its schema holds: every
id a part names exists, every expression parses against the declared names, every date
is in the calendar, and the topics, lesson calendar and question bank hold together.
Each problem is reported through the loader's `Checker` at the place it was written.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from game.model.choices import Effect
from game.model.lesson import FINAL_MEASURES, LENGTHS
from game.model.record import PLACEHOLDER
from game.model.scenario import Scenario
from game.scenario.contract import (
    PARAMETER_RANGES,
    REQUIRED_PARAMETERS,
    REQUIRED_VARIABLES,
    known_names,
)
from game.scenario.expr import ExprError, parse_value, phase_literals
from game.scenario.merge import Checker, dupes, dupes_nested, unknown


def cross_check(sc: Scenario, ck: Checker) -> None:
    """Every cross reference (sources, claims, variables, districts, routes, phases,
    roles, actions, dilemmas, measures) names something the scenario declares, every
    expression parses against its names, dates fall in the calendar, and the lesson
    calendar and question bank hold together; each problem goes to `ck`."""
    for field in ("sources", "districts", "routes", "phases", "intensity", "events", "roles", "dilemmas", "assumptions", "record", "variables", "glossary"):
        dupes(ck, field, getattr(sc, field))
    sources = {s.id for s in sc.sources}
    claims = {c.id for c in sc.claims}
    _check_topics(sc, ck, sources)
    districts = {d.id for d in sc.districts}
    routes = {r.id for r in sc.routes}
    roles = {r.id for r in sc.roles}
    variables = {v.id for v in sc.variables}
    params = set(sc.parameters)
    known = known_names(sc)
    start, end = sc.start, sc.end

    def src(loc: tuple[str | int, ...], ids: Sequence[str]) -> None:
        for k, sid in enumerate(ids):
            if sid not in sources:
                ck.at((*loc, k), unknown("source", sid, sorted(sources)))

    def in_calendar(loc: tuple[str | int, ...], day: dt.date | None) -> None:
        if day is not None and not start <= day <= end:
            ck.at(loc, f"date {day} is outside the scenario's calendar ({start} to {end})")

    phase_ids = sorted(p.id for p in sc.phases)

    def expr(loc: tuple[str | int, ...], value: Any, expect: str) -> None:
        if value is None:
            return
        try:
            parsed = parse_value(value, known, expect=expect)
        except ExprError as e:
            ck.at(loc, e.message, offset=e.offset if isinstance(value, str) else None)
            return
        if isinstance(value, str) and not parsed.names:  # a constant: is it a number?
            result = parsed({})
            if isinstance(result, float) and not math.isfinite(result):
                ck.at(loc, f"this expression is always {result}: every number in a scenario must be finite")
        if isinstance(value, str) and "phase" in parsed.names:
            for name, offset in phase_literals(value):
                if name not in phase_ids:
                    ck.at(loc, unknown("phase", name, phase_ids), offset=offset)

    def var(loc: tuple[str | int, ...], name: str, *, key: bool = True) -> None:
        if name not in variables:
            ck.at(loc, unknown("variable", name, sorted(variables)), key=key)

    def effects(loc: tuple[str | int, ...], effs: Sequence[Effect]) -> None:
        for k, e in enumerate(effs):
            here = (*loc, k)
            for op in ("set", "add"):
                items = getattr(e, op)
                if items:
                    for name, value in items.items():
                        var((*here, op, name), name)
                        expr((*here, op, name), value, "number")
            if e.holder:
                for d in e.holder:
                    if d not in districts:
                        ck.at((*here, "holder", d), unknown("district", d, sorted(districts)), key=True)
            if e.chance is not None:
                expr((*here, "chance"), e.chance, "number")
            if e.then:
                effects((*here, "then"), e.then)
            if e.else_:
                effects((*here, "else"), e.else_)

    for name in REQUIRED_PARAMETERS:
        if name not in params:
            ck.at(("parameters",), f"missing parameter {name!r} (the engine needs it)", key=True)
    for name, value in sc.parameters.items():
        lo, hi = PARAMETER_RANGES.get(name, (-1e12, 1e12))
        if not (lo <= value <= hi):  # also false for NaN
            ck.at(("parameters", name), f"parameter {name} = {value} is outside {lo:g} to {hi:g}")
    for name in REQUIRED_VARIABLES:
        if name not in variables:
            ck.at(("variables",), f"missing variable {name!r} (the engine needs it)")
    for name in sc.lengths:
        if name not in LENGTHS:
            ck.at(("lengths", name), unknown("length", name, list(LENGTHS)), key=True)
        elif name == "lesson" and not sc.lesson:
            ck.at(("lengths", name), "a lesson length needs the scenario's lesson calendar ('lesson:')", key=True)
    if sc.default_role is not None and sc.default_role not in roles:
        ck.at(("default_role",), unknown("role", sc.default_role, sorted(roles)))
    for k, v in enumerate(sc.variables):
        if v.role is not None and v.role not in roles:
            ck.at(("variables", k, "role"), unknown("role", v.role, sorted(roles)))
    for k, r in enumerate(sc.routes):
        src(("routes", k, "sources"), r.sources)
        if r.trust is not None:
            var(("routes", k, "trust"), r.trust, key=False)

    prev: dt.date | None = None
    for k, ph in enumerate(sc.phases):
        src(("phases", k, "sources"), ph.sources)
        if prev is not None and ph.start < prev:
            ck.at(("phases", k, "start"), f"phases must be in date order: {ph.start} comes before {prev}")
        prev = ph.start
        for rid in ph.routes:
            if rid not in routes:
                ck.at(("phases", k, "routes", rid), unknown("route", rid, sorted(routes)), key=True)
    if sc.phases and sc.phases[0].start > start:
        ck.at(("phases", 0, "start"), f"the first phase must begin by the scenario's start ({start})")
    for k, it in enumerate(sc.intensity):
        src(("intensity", k, "sources"), it.sources)
        in_calendar(("intensity", k, "start"), it.start)
        in_calendar(("intensity", k, "end"), it.end)

    for k, ev in enumerate(sc.events):
        src(("events", k, "sources"), ev.sources)
        in_calendar(("events", k, "date"), ev.date)
        expr(("events", k, "when"), ev.when, "bool")
        expr(("events", k, "chance"), ev.chance, "number")
        for j, cid in enumerate(ev.claims):
            if cid not in claims:
                ck.at(("events", k, "claims", j), unknown("claim", cid, sorted(claims)))
        effects(("events", k, "effects"), ev.effects)

    dilemma_opts = {d.id: {o.id for o in d.options} for d in sc.dilemmas}
    for k, dl in enumerate(sc.dilemmas):
        src(("dilemmas", k, "sources"), dl.sources)
        in_calendar(("dilemmas", k, "date"), dl.date)
        expr(("dilemmas", k, "when"), dl.when, "bool")
        if dl.role not in roles:
            ck.at(("dilemmas", k, "role"), unknown("role", dl.role, sorted(roles)))
        dupes_nested(ck, ("dilemmas", k, "options"), dl.options)
        for j, cid in enumerate(dl.claims):
            if cid not in claims:
                ck.at(("dilemmas", k, "claims", j), unknown("claim", cid, sorted(claims)))
        for j, o in enumerate(dl.options):
            if o.id == dl.default and o.cost:
                ck.at(
                    ("dilemmas", k, "options", j, "cost"),
                    f"option {o.id} is the default, taken when no one answers, so it cannot have a cost",
                    key=True,
                )
        for j, o in enumerate(dl.options):
            for name in o.cost:
                var(("dilemmas", k, "options", j, "cost", name), name)
            effects(("dilemmas", k, "options", j, "effects"), o.effects)

    strategy_names: set[str] | None = None
    for k, role in enumerate(sc.roles):
        dupes_nested(ck, ("roles", k, "actions"), role.actions)
        actions = {a.id for a in role.actions}
        for j, name in enumerate(role.resources):
            var(("roles", k, "resources", j), name, key=False)
        for j, name in enumerate(role.ledger):
            var(("roles", k, "ledger", j), name, key=False)
        effects(("roles", k, "income"), role.income)
        if role.leaving is not None:
            expr(("roles", k, "leaving", "when"), role.leaving.when, "bool")
            for j, said in enumerate(role.leaving.says):
                expr(("roles", k, "leaving", "says", j, "when"), said.when, "bool")
        for j, a in enumerate(role.actions):
            src(("roles", k, "actions", j, "sources"), a.sources)
            for name in a.cost:
                var(("roles", k, "actions", j, "cost", name), name)
            expr(("roles", k, "actions", j, "when"), a.when, "bool")
            effects(("roles", k, "actions", j, "effects"), a.effects)
        for day, ids in role.historical.items():
            loc = ("roles", k, "historical", day.isoformat())
            if not start <= day <= end or (day - start).days % 7:
                ck.at(loc, f"{day} is not the first day of a week of the calendar (weeks start {start})", key=True)
            for j, aid in enumerate(ids):
                if aid not in actions:
                    ck.at((*loc, j), unknown("action", aid, sorted(actions)))
        for did, oid in role.historical_choices.items():
            loc = ("roles", k, "historical_choices", did)
            _known_pair(ck, (loc, loc), ("dilemma", "option"), (did, oid), dilemma_opts, key=True)
        for name, st in role.strategies.items():
            for j, aid in enumerate(st.priorities):
                if aid not in actions:
                    ck.at(("roles", k, "strategies", name, "priorities", j), unknown("action", aid, sorted(actions)))
        names = set(role.strategies)
        strategy_names = names if strategy_names is None else strategy_names & names
        if "historical" in names or "random" in names:
            ck.at(("roles", k, "strategies"), "'historical' and 'random' are built-in policy names", key=True)
    for k, role in enumerate(sc.roles):
        missing = set().union(*(set(x.strategies) for x in sc.roles)) - set(role.strategies)
        for name in sorted(missing):
            ck.at(("roles", k, "strategies"), f"role {role.id} lacks strategy {name!r} that other roles define")

    fillable = sc.placeholder_values()
    for k, asm in enumerate(sc.assumptions):
        src(("assumptions", k, "sources"), asm.sources)
        for j, name in enumerate(asm.parameters):
            if name not in params:
                ck.at(("assumptions", k, "parameters", j), unknown("parameter", name, sorted(params)))
        for field in ("text", "text_gentle"):
            for hole in PLACEHOLDER.finditer(getattr(asm, field) or ""):
                if hole.group(1) not in fillable:
                    ck.at(("assumptions", k, field), f"placeholder {hole.group(0)}: " + unknown("value", hole.group(1), sorted(fillable)))
    lines = {v for role in sc.roles for v in role.ledger}
    for k, m in enumerate(sc.record):
        src(("record", k, "sources"), m.sources)
        if m.id in FINAL_MEASURES:
            ck.at(("record", k, "id"), f"{m.id!r} is the name of a built-in end-of-game measure; choose another id")
        in_calendar(("record", k, "week"), m.week)
        in_calendar(("record", k, "start"), m.start)
        in_calendar(("record", k, "end"), m.end)
        if m.route is not None and m.route not in routes:
            ck.at(("record", k, "route"), unknown("route", m.route, sorted(routes)))
        if m.line is not None and m.line not in lines:
            ck.at(("record", k, "line"), unknown("ledger line of a role", m.line, sorted(lines)))
        for j, cid in enumerate(m.claims):
            if cid not in claims:
                ck.at(("record", k, "claims", j), unknown("claim", cid, sorted(claims)))
    for k, g in enumerate(sc.glossary):
        src(("glossary", k, "sources"), g.sources)
    for k, item in enumerate(sc.epilogue):
        src(("epilogue", k, "sources"), item.sources)
        for j, cid in enumerate(item.claims):
            if cid not in claims:
                ck.at(("epilogue", k, "claims", j), unknown("claim", cid, sorted(claims)))
    _check_questions(sc, ck, dilemma_opts, expr)
    _check_lesson(sc, ck)


def _check_lesson(sc: Scenario, ck: Checker) -> None:
    """The lesson calendar: its turns cover every week of the calendar once, in order,
    none of them empty; each starts on the first day of a week and ends on the last."""
    dupes(ck, "lesson", sc.lesson)
    sources = {s.id for s in sc.sources}
    found = len(ck.errors)
    due = sc.start  # the day the next turn must start
    for k, t in enumerate(sc.lesson):
        for j, sid in enumerate(t.sources):  # a turn's summary names its sources
            if sid not in sources:
                ck.at(("lesson", k, "sources", j), unknown("source", sid, sorted(sources)))
        if (t.start - sc.start).days % 7:
            ck.at(("lesson", k, "start"), f"the lesson calendar: {t.start} is not the first day of a week (weeks start {sc.start}, every 7 days)")
        elif t.start < due:
            ck.at(("lesson", k, "start"), f"the lesson calendar: turn {t.id!r} starts on {t.start}, inside the turn before it (turns must follow in order, from {due})")
        elif t.start > due:
            ck.at(("lesson", k, "start"), f"the lesson calendar: the weeks from {due} to {t.start - dt.timedelta(days=1)} are in no turn (turn {t.id!r} starts on {t.start})")
        if t.end < t.start:
            ck.at(("lesson", k, "end"), f"the lesson calendar: turn {t.id!r} ends ({t.end}) before it starts ({t.start}): a turn covers at least one week")
        elif (t.end - sc.start).days % 7 != 6:
            ck.at(("lesson", k, "end"), f"the lesson calendar: {t.end} is not the last day of a week (weeks start {sc.start}, every 7 days)")
        elif t.end > sc.end:
            ck.at(("lesson", k, "end"), f"the lesson calendar: turn {t.id!r} ends on {t.end}, after the scenario's calendar ({sc.end})")
        due = max(due, t.end + dt.timedelta(days=1))
    if sc.lesson and due <= sc.end and len(ck.errors) == found:
        ck.at(("lesson", len(sc.lesson) - 1, "end"), f"the lesson calendar: the weeks from {due} to {sc.end} are in no turn (the last turn must end on {sc.end})")


def _check_topics(sc: Scenario, ck: Checker, sources: set[str]) -> None:
    """Topics and their claims. Ids are unique (claim ids across every topic) and every
    claim names a known source. A contested topic is a dispute between sources, so it
    needs claims from at least two of them. A topic not marked contested must not hold
    claims that disagree: two figures in the same unit on the same day that differ."""
    dupes(ck, "topics", sc.topics)
    seen: dict[str, str] = {}
    for k, t in enumerate(sc.topics):
        for j, cl in enumerate(t.claims):
            if cl.id in seen:
                ck.at(("topics", k, "claims", j, "id"), f"duplicate claim id {cl.id!r} (first in topic {seen[cl.id]!r})")
            else:
                seen[cl.id] = t.id
            if cl.source not in sources:
                ck.at(("topics", k, "claims", j, "source"), unknown("source", cl.source, sorted(sources)))
        if t.contested:
            if len({cl.source for cl in t.claims}) < 2:
                ck.at(
                    ("topics", k, "contested"),
                    f"topic {t.id!r} is marked contested but only one source speaks to it:"
                    " a dispute needs the claims of at least two sources",
                )
            continue
        figures: dict[tuple[dt.date, str], tuple[float, str]] = {}
        for j, cl in enumerate(t.claims):
            if cl.value is None:
                continue
            first = figures.setdefault((cl.date, cl.unit), (cl.value, cl.id))
            if first[0] != cl.value:
                ck.at(
                    ("topics", k, "claims", j, "value"),
                    f"claims {first[1]!r} and {cl.id!r} disagree on topic {t.id!r} ({first[0]:g} and"
                    f" {cl.value:g} {cl.unit} on {cl.date}): mark the topic contested, or split it",
                )


Loc = tuple[str | int, ...]


def _known_pair(
    ck: Checker,
    at: tuple[Loc, Loc],
    kinds: tuple[str, str],
    names: tuple[str, str],
    known: dict[str, set[str]],
    *,
    key: bool = False,
) -> None:
    """A reference to a part of a thing (a dilemma's option, a role's action): the thing
    must be known (else reported at `at[0]`) and the part one of its parts (at `at[1]`)."""
    (kind, part_kind), (name, part) = kinds, names
    if name not in known:
        ck.at(at[0], unknown(kind, name, sorted(known)), key=key)
    elif part not in known[name]:
        ck.at(at[1], unknown(f"{part_kind} of {name}", part, sorted(known[name])))


def _check_questions(sc: Scenario, ck: Checker, dilemma_opts: dict[str, set[str]], expr: Any) -> None:
    """The question bank: every id a condition names must exist."""
    dupes(ck, "questions", sc.questions)
    role_actions = {r.id: {a.id for a in r.actions} for r in sc.roles}
    measures = sorted({m.id for m in sc.record} | set(FINAL_MEASURES))
    for k, q in enumerate(sc.questions):
        for j, cond in enumerate(q.when):
            here = ("questions", k, "when", j)
            if cond.chose is not None:
                at = ((*here, "chose", "dilemma"), (*here, "chose", "option"))
                _known_pair(ck, at, ("dilemma", "option"), (cond.chose.dilemma, cond.chose.option), dilemma_opts)
            if cond.used is not None:
                at = ((*here, "used", "role"), (*here, "used", "action"))
                _known_pair(ck, at, ("role", "action"), (cond.used.role, cond.used.action), role_actions)
                if cond.used.at_most is not None and cond.used.at_most < cond.used.low:
                    ck.at((*here, "used", "at_most"), "at_most is below at_least: the condition can never hold")
            if cond.measure is not None:
                m = cond.measure
                if m.id not in measures:
                    ck.at((*here, "measure", "id"), unknown("measure", m.id, measures))
                if m.above is not None and m.below is not None and m.above >= m.below:
                    ck.at((*here, "measure"), f"above {m.above:g} and below {m.below:g}: the condition can never hold")
            if cond.expr is not None:
                expr((*here, "expr"), cond.expr, "bool")

"""A class's report, gathered from the results store as data (`ClassView`) for the
presentation layer to word and draw (game.present.classreport).

    view = class_view(store_spec, "K7M-4QX", names=False, runs=300)
    text = render_report(view, "html")

The alternative histories are the historical policy's games on the seeds after the
class's seed: the same for every game of the class, so they are played once here.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable

from game.classroom.classes import find_class
from game.classroom.errors import ClassroomError
from game.classroom.storeopen import open_store
from game.present import classwords
from game.present.classlist import one_line
from game.present.classview import (
    ChangeView,
    ClassView,
    CountView,
    GameView,
    MeasureView,
    SplitView,
)
from game.session import ClassSettings, ResultRecord, Session, SessionError, lesson_turns
from game.session.records import now

DEFAULT_RUNS = 300
MAX_ACTIONS = 10
MAX_TURNING_POINTS = 8
MAX_QUESTIONS = 6


def class_view(
    store_spec: str | os.PathLike[str] | None,
    code: str,
    *,
    names: bool = False,
    runs: int = DEFAULT_RUNS,
    progress: Callable[[int, int], None] | None = None,
) -> ClassView:
    """The class `code`'s report as data. Raises ClassroomError (one line) for a code
    that cannot be right, a class the store does not have, a class with no games yet, or
    a store that cannot be read."""
    settings, where = find_class(store_spec, code)
    with open_store(store_spec) as store:
        records = store.results(settings.code)
    if not records:
        raise ClassroomError(classwords.no_games_yet(settings.code, where))
    return view_of(settings, records, names=names, runs=runs, progress=progress)


def view_of(
    settings: ClassSettings,
    records: list[ResultRecord],
    *,
    names: bool = False,
    runs: int = DEFAULT_RUNS,
    progress: Callable[[int, int], None] | None = None,
) -> ClassView:
    try:
        probe = Session.new(
            settings.scenario_ref,
            roles=list(settings.roles),
            seed=settings.seed,
            content=settings.content,
            policy=settings.policy,
            autosave=False,
        )
    except SessionError as e:
        raise ClassroomError(classwords.scenario_unopened(settings.code, e)) from e
    sc = probe.scenario
    gentle = settings.content == "gentle"
    role_names = {r.id: r.name for r in sc.roles}
    action_names = {(r.id, a.id): a.name for r in sc.roles for a in r.actions}
    dilemmas = {d.id: d for d in sc.dilemmas}

    def option_label(did: str, oid: str) -> str:
        d = dilemmas.get(did)
        o = next((o for o in d.options if o.id == oid), None) if d is not None else None
        if o is None:
            return oid
        return (o.label_gentle or o.label) if gentle else o.label

    def dilemma_title(did: str) -> str:
        d = dilemmas.get(did)
        if d is None:
            return did
        return (d.title_gentle or d.title) if gentle else d.title

    games = []
    for i, r in enumerate(records, 1):
        label = classwords.game_label(i, one_line(r.player), names=names)
        answers = [d for d in r.decisions if d.dilemma and d.option and d.by != "computer"]
        options = {d.dilemma: option_label(d.dilemma, d.option) for d in answers if d.dilemma and d.option}
        left = frozenset(d.dilemma for d in answers if d.dilemma and d.by == "default")
        games.append(
            GameView(
                label=label,
                finished=r.finished,
                weeks_played=r.weeks_played,
                weeks=r.weeks,
                values={m.id: m.value for m in r.summary},
                history=tuple(r.ledger),
                options=options,
                defaulted=left,
                lesson_turns=lesson_turns(sc, r.length, r.weeks_played, r.weeks),
            )
        )

    family = probe.historical_family(runs, progress=progress) if runs > 0 else None
    hist = {m.id: m.values for m in family.measures} if family is not None else {}
    labels: dict[str, str] = {}
    for r in records:
        for m in r.summary:
            labels.setdefault(m.id, m.label)
    record = {m.id: m for m in sc.record}
    measures = tuple(
        MeasureView(
            id=mid,
            label=label,
            band=(float(record[mid].band[0]), float(record[mid].band[1])) if mid in record else None,
            record=record[mid].record if mid in record else "",
            historical=tuple(hist.get(mid, ())),
        )
        for mid, label in labels.items()
    )

    # what the class's choices changed against the historical decisions, same luck
    deltas: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for r in records:
        for ch in r.changed:
            deltas[ch.id].append(ch.yours - ch.historical)
            kinds.setdefault(ch.id, ch.kind)
    changed = tuple(ChangeView(id=mid, kind=kinds[mid], deltas=tuple(ds)) for mid, ds in deltas.items())

    # how the class answered each dilemma put to its players
    chosen: dict[str, Counter[str]] = defaultdict(Counter)
    defaulted: Counter[str] = Counter()
    for r in records:
        seen: set[str] = set()
        for d in r.decisions:
            if not d.dilemma or d.by == "computer" or d.dilemma in seen:
                continue
            seen.add(d.dilemma)
            if d.by == "default":
                defaulted[d.dilemma] += 1
            elif d.option:
                chosen[d.dilemma][d.option] += 1
    order = [d.id for d in sc.dilemmas if d.id in chosen or d.id in defaulted]
    splits = tuple(
        SplitView(
            dilemma=did,
            title=dilemma_title(did),
            role=role_names.get(dilemmas[did].role, dilemmas[did].role),
            options=tuple(
                (option_label(did, o.id), chosen[did][o.id]) for o in dilemmas[did].options if chosen[did][o.id]
            ),
            defaulted=defaulted[did],
        )
        for did in order
    )

    # the decisions made most (the players' own actions)
    games_with: Counter[tuple[str, str]] = Counter()
    times: Counter[tuple[str, str]] = Counter()
    for r in records:
        mine = [(d.role, d.action) for d in r.decisions if d.action and d.by == "player"]
        times.update(mine)
        games_with.update(set(mine))
    many_roles = len(settings.roles) > 1
    actions = tuple(
        CountView(
            label=(f"{role_names.get(k[0], k[0])}: " if many_roles else "") + action_names.get(k, k[1]),
            games=games_with[k],
            times=times[k],
        )
        for k, _ in sorted(games_with.items(), key=lambda kv: (-kv[1], -times[kv[0]], kv[0]))[:MAX_ACTIONS]
    )

    # the turning points that recurred
    tp_games: Counter[tuple[str, ...]] = Counter()
    tp_effect: dict[tuple[str, ...], list[float]] = defaultdict(list)
    tp_label: dict[tuple[str, ...], str] = {}
    for r in records:
        for tp in r.turning_points:
            if tp.kind == "chance":
                key: tuple[str, ...] = ("chance", str(tp.week), "heavier" if tp.effect_killed > 0 else "lighter")
                label = classwords.chance_turning(tp.week, tp.effect_killed > 0, gentle=gentle)
            elif tp.kind == "choice":
                key = ("choice", str(tp.week), tp.ref, tp.option)
                who = role_names.get(tp.role, tp.role)
                label = classwords.choice_turning(tp.week, who, option_label(tp.ref, tp.option), dilemma_title(tp.ref))
            else:
                key = ("decision", str(tp.week), tp.role, *sorted(tp.actions))
                acts = [action_names.get((tp.role, a), a) for a in tp.actions]
                label = classwords.decision_turning(tp.week, role_names.get(tp.role, tp.role), acts)
            tp_games[key] += 1
            tp_effect[key].append(tp.effect_killed)
            tp_label.setdefault(key, label)
    recurring = sorted(tp_games.items(), key=lambda kv: (-kv[1], int(kv[0][1])))
    turning = tuple(
        CountView(label=tp_label[k], games=n, effect=sum(tp_effect[k]) / len(tp_effect[k]))
        for k, n in recurring[:MAX_TURNING_POINTS]
        if n > 1 or len(records) == 1
    )

    # the questions the class's choices point to
    q_text = {q.id: (q.text_gentle or q.text) if gentle else q.text for q in sc.questions}
    q_games: Counter[str] = Counter(qid for r in records for qid in set(r.questions))
    questions = tuple(
        CountView(label=q_text.get(qid, qid), games=n)
        for qid, n in sorted(q_games.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_QUESTIONS]
    )

    return ClassView(
        code=settings.code,
        title=sc.title,
        roles=tuple(role_names.get(r, r) for r in settings.roles),
        others=classwords.others(settings.policy),
        seed=settings.seed,
        content=settings.content,
        length=settings.length,
        made=now().date(),
        games=tuple(games),
        measures=measures,
        runs=family.runs if family is not None else 0,
        splits=splits,
        actions=actions,
        turning_points=turning,
        questions=questions,
        marks=probe.chart_marks(),
        start_date=sc.start,
        routes={r.id: r.name for r in sc.routes},
        lines={v.id: v.label for v in sc.variables},
        named=names,
        changed=changed,
    )

"""A class as it stands in the results store, for the teacher's watch screen: every game
(playing, stopped or finished), the spread of the finished games' measures, and how the
class split on the dilemmas answered so far (`game.present.watch` words it)."""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections import Counter

from game.classroom.classes import find_class
from game.present.classlist import one_line
from game.present.watch import SPREAD_MEASURES, ClassWatch, Split, Spread, WatchedGame
from game.session import ClassSettings, ResultRecord, Scenario, lesson_turns, open_scenario


def spread(records: list[ResultRecord]) -> tuple[Spread, ...]:
    """Median, lowest and highest of each measure over the finished games."""
    done = [r for r in records if r.finished]
    out = []
    for mid, label in SPREAD_MEASURES:
        values = [v for r in done if (v := r.measure(mid)) is not None]
        if values:
            out.append(Spread(label, len(values), statistics.median(values), min(values), max(values)))
    return tuple(out)


def splits(records: list[ResultRecord], sc: Scenario | None) -> tuple[Split, ...]:
    """For every dilemma put to the class's players so far: how many games took each
    option (the players' own answers) and how many left it to its default."""
    by_dilemma = {d.id: d for d in sc.dilemmas} if sc is not None else {}
    chosen: dict[str, Counter[str]] = {}
    unanswered: Counter[str] = Counter()
    for r in records:
        seen: set[str] = set()
        for d in r.decisions:
            if d.dilemma is None or d.by == "computer" or d.dilemma in seen:
                continue
            seen.add(d.dilemma)
            chosen.setdefault(d.dilemma, Counter())
            if d.by == "default":
                unanswered[d.dilemma] += 1
            elif d.option is not None:
                chosen[d.dilemma][d.option] += 1
    order = [d.id for d in sc.dilemmas] if sc is not None else []
    out = []
    for did in sorted(chosen, key=lambda x: (order.index(x) if x in order else len(order), x)):
        dl = by_dilemma.get(did)
        labels = {o.id: o.label for o in dl.options} if dl is not None else {}
        options = tuple(
            (one_line(labels.get(opt, opt)), n) for opt, n in chosen[did].most_common()
        )
        out.append(Split(one_line(dl.title if dl is not None else did), options, unanswered[did]))
    return tuple(out)


def class_scenario(settings: ClassSettings) -> Scenario | None:
    """The class's scenario, or None if it cannot be loaded now."""
    try:
        return open_scenario(settings.scenario_ref)
    except Exception:  # the words fall back to the ids; the watch still shows the games
        return None


def class_watch(
    settings: ClassSettings, records: list[ResultRecord], sc: Scenario | None, at: dt.datetime | None = None
) -> ClassWatch:
    role_names = {r.id: r.name for r in sc.roles} if sc is not None else {}
    games = tuple(
        WatchedGame(
            player=one_line(r.player),
            finished=r.finished,
            weeks_played=r.weeks_played,
            weeks=r.weeks,
            written_at=r.written_at,
            killed=r.measure("final-east-killed"),
            left=r.measure("final-east-left"),
            lesson_turns=lesson_turns(sc, r.length, r.weeks_played, r.weeks),
        )
        for r in records
    )
    return ClassWatch(
        code=settings.code,
        scenario=one_line(sc.title if sc is not None else settings.scenario),
        seed=settings.seed,
        roles=tuple(one_line(role_names.get(r, r)) for r in settings.roles),
        length=settings.length,
        games=games,
        spread=spread(records),
        splits=splits(records, sc),
        at=at or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


class Watcher:
    """Reads one class from the store each time it is asked (the screen's timer)."""

    def __init__(self, store_spec: str | os.PathLike[str] | None, code_text: str) -> None:
        self.store_spec = store_spec
        self.settings, self.where = find_class(store_spec, code_text)  # CodeError, StoreError
        self.scenario = class_scenario(self.settings)

    def __call__(self) -> ClassWatch:
        from game.classroom.storeopen import open_store

        with open_store(self.store_spec) as store:
            records = store.results(self.settings.code)
        return class_watch(self.settings, records, self.scenario)

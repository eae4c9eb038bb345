"""This game against alternative histories: the players' own decisions with other
luck, and every role played by the historical policy, over the machine's cores."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial

from game.engine.batch import percentile, play_through
from game.engine.compiled import Compiled
from game.engine.policies import get_policy, historical
from game.model.state import GameState
from game.parallel import map_seeds
from game.session.review.common import (
    Alternatives,
    AltMeasure,
    Distribution,
    Plans,
    Progress,
)
from game.session.review.replays import (
    measure_ids,
    measure_label,
    measure_row,
    measure_value,
    replay,
)


def distribution(values: list[float], value: float) -> Distribution:
    n = len(values)
    below = sum(1 for v in values if v < value - 1e-9)
    equal = sum(1 for v in values if abs(v - value) <= 1e-9)
    rank = 100.0 * (below + 0.5 * equal) / n if n else 0.0
    # A measure counted in whole people keeps whole numbers: a percentile that falls
    # between two games is rounded (half up), not shown as "1,832.9 people".
    whole = all(float(v).is_integer() for v in values)

    def q(p: int) -> float:
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


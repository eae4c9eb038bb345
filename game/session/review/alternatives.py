"""This game against alternative histories: the players' own decisions with other
luck, and every role played by the historical policy, over the machine's cores."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
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
    FamilyMeasure,
    HistoricalFamily,
    Plans,
    Progress,
)
from game.session.review.replays import (
    measure_ids,
    measure_label,
    measure_place,
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

    counts, span = histogram(values)
    above = n - below - equal
    return Distribution(
        runs=n, median=q(50), p10=q(10), p90=q(90), rank=rank, counts=counts, span=span, below=below, above=above
    )


HISTOGRAM_BINS = 24


def histogram(values: Sequence[float], bins: int = HISTOGRAM_BINS) -> tuple[tuple[int, ...], tuple[float, float]]:
    """How many of `values` fall in each of equal bins over their range, and the range.
    Whole numbers spread over fewer values than `bins` get one bin per number (centred
    on it); all values equal give one bin."""
    if not values:
        return (), (0.0, 0.0)
    lo, hi = float(min(values)), float(max(values))
    if all(float(v).is_integer() for v in values) and hi - lo + 1 <= bins:
        lo, hi = lo - 0.5, hi + 0.5
        bins = int(hi - lo)
    elif hi <= lo:
        return (len(values),), (lo, hi)
    width = (hi - lo) / bins
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int((float(v) - lo) / width)))] += 1
    return tuple(counts), (lo, hi)


def family_of(c: Compiled, seeds: Sequence[int], rows: Sequence[tuple[float, ...]]) -> HistoricalFamily:
    """The historical policy's games on `seeds` (their measure rows, `historical_rows`)
    as a family of values per measure: what `alternatives` compares a game with."""
    ids = tuple(measure_ids(c))
    first, last = (seeds[0], seeds[-1]) if seeds else (0, 0)
    return HistoricalFamily(
        runs=len(seeds),
        seeds=(first, last),
        measures=tuple(
            FamilyMeasure(id=m, label=measure_label(c, m), values=tuple(r[i] for r in rows))
            for i, m in enumerate(ids)
        ),
    )


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


HistoricalRows = Sequence[tuple[float, ...]]  # one row of measures per seed, in order


def historical_rows(c: Compiled, seeds: Sequence[int], progress: Progress | None = None) -> list[tuple[float, ...]]:
    """The measures (`measure_ids`) of every role played by the historical policy on each
    of `seeds`, in order, played over the machine's cores. They depend only on the
    scenario and the seeds, never on a player's decisions: the same for every game of a
    seed, so a session keeps them (`game.session.histories`)."""
    ids = tuple(measure_ids(c))
    return list(map_seeds(c, list(seeds), partial(historical_row, ids), progress=progress))


def alternatives(
    c: Compiled,
    game: GameState,
    plans: Plans,
    humans: Sequence[str],
    policy: str,
    seeds: list[int],
    progress: Progress | None = None,
    *,
    historical: Callable[[Progress], HistoricalRows] | None = None,
) -> Alternatives:
    """This game's measures among two families of alternative histories on `seeds`: the
    people's decisions (`plans`, for the roles `humans`; the other roles played by the
    policy named `policy`) with other luck, and the historical policy for every role.
    Both families are played over the machine's cores; only each game's measures come
    back from the workers. `historical(progress)` gives the historical family's rows
    (`historical_rows` on `seeds`, perhaps kept from an earlier game of the seed); it is
    asked after the people's family is played, and may tell no progress at all."""
    ids = tuple(measure_ids(c))
    total = 2 * len(seeds)
    shown = [-1]  # the last count told

    def tell_done(done: int) -> None:
        if progress is not None and done != shown[0]:
            shown[0] = done
            progress(done, total)

    def told(base: int) -> Progress:
        return lambda k, _total: tell_done(base + k)

    tell_done(0)
    task = partial(same_decisions_row, [dict(p) for p in plans], tuple(humans), policy, ids)
    same_rows = map_seeds(c, seeds, task, progress=told(0))
    if historical is None:
        hist_rows: HistoricalRows = historical_rows(c, seeds, told(len(seeds)))
    else:
        hist_rows = historical(told(len(seeds)))
    if len(hist_rows) != len(seeds) or any(len(r) != len(ids) for r in hist_rows):
        raise ValueError("the historical family does not match the seeds and measures asked for")
    tell_done(total)
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
            zone=measure_place(m)[0],
            metric=measure_place(m)[1],
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


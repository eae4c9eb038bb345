"""The engine's luck (game/engine/luck.py): every draw a pure function of its key, the
function as its docstring writes it down, numbers that look uniform, and the same luck
for two games of one seed whatever their decisions."""

from __future__ import annotations

import hashlib
import math
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine_properties import PROPS, SEEDS, compiled, legal_decisions

from game.engine import luck
from game.engine.core import new_game, step
from game.model.state import GameState, RoleDecision

W = 2**32


# The function as luck.py's docstring gives it, written out again with nothing but
# Python's integers (as another engine would write it).
def ref_mix(x: int) -> int:
    x %= W
    x ^= x >> 16
    x = x * 0x21F0AAAD % W
    x ^= x >> 15
    x = x * 0x735A2D97 % W
    x ^= x >> 15
    return x


def ref_fold(h: int, x: int) -> int:
    return ref_mix(h ^ ref_mix(x % W))


def ref_code(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest()[:4], "little")


def ref_uniforms(seed: int, week: int, name: str, a: int, b: int, n: int) -> list[float]:
    wk = ref_fold(ref_fold(ref_fold(ref_code("corridors"), seed % W), (seed >> 32) % W), week)
    k = ref_fold(ref_fold(ref_fold(wk, ref_code(name)), a), b)
    return [ref_mix(k ^ ((j + 1) * 0x9E3779B9 % W)) / W for j in range(n)]


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**63 - 1),
    week=st.integers(min_value=0, max_value=60),
    name=st.text(min_size=1, max_size=30),
    a=st.integers(min_value=0, max_value=W - 1),
    b=st.integers(min_value=0, max_value=W - 1),
    n=st.integers(min_value=1, max_value=20),
)
def test_the_draws_are_the_documented_function_of_their_key(seed: int, week: int, name: str, a: int, b: int, n: int) -> None:
    d = luck.Luck(seed, week).draws(name, a, b)
    assert [d.random() for _ in range(n)] == ref_uniforms(seed, week, name, a, b, n)
    # the same key again, by another way in: the same numbers, from the first
    again = luck.Luck(seed, week).named(name).at(a, b)
    assert again.random() == ref_uniforms(seed, week, name, a, b, 1)[0]
    assert luck.key(seed, week, name, a, b) == again.key
    assert all(0.0 <= u < 1.0 for u in ref_uniforms(seed, week, name, a, b, n))


def test_mix_is_a_bijection_of_words_on_a_sample() -> None:
    xs = list(range(0, W, 4099))[:50000]
    assert len({luck.mix(x) for x in xs}) == len(xs)
    assert all(luck.mix(x) == ref_mix(x) for x in xs[:2000])


def test_the_numbers_look_uniform_and_independent() -> None:
    """Across keys (districts, weeks) and along one key: the mean, the spread, 32 bins,
    and neighbours (draw n against n + 1, district i against i + 1) uncorrelated."""
    us: list[float] = []
    for week in range(20):
        lk = luck.Luck(12345, week)
        named = lk.named("casualties")
        for i in range(50):
            d = named.at(i)
            us.extend(d.random() for _ in range(20))
    n = len(us)
    assert abs(statistics.fmean(us) - 0.5) < 4 * math.sqrt(1 / 12 / n)
    assert abs(statistics.pvariance(us) - 1 / 12) < 0.003
    bins = [0] * 32
    for u in us:
        bins[int(u * 32)] += 1
    chi2 = sum((k - n / 32) ** 2 / (n / 32) for k in bins)
    assert chi2 < 70  # 31 degrees of freedom: 70 is beyond the 99.99th percentile
    along = statistics.correlation(us[:-1], us[1:])
    across = statistics.correlation(us[: n - 20], us[20:])
    assert abs(along) < 0.02 and abs(across) < 0.02


@settings(max_examples=200, deadline=None)
@given(seed=SEEDS, n=st.integers(min_value=1, max_value=50))
def test_below_is_in_range_and_draws_nothing_for_one(seed: int, n: int) -> None:
    d = luck.Luck(seed, 0).draws("below")
    assert all(0 <= d.below(n) < n for _ in range(20))
    one = luck.Luck(seed, 0).draws("below")
    assert one.below(1) == 0 and one.n == 0


def test_below_spreads_evenly() -> None:
    d = luck.Luck(7, 3).draws("below")
    counts = [0] * 6
    for _ in range(60000):
        counts[d.below(6)] += 1
    assert max(abs(k - 10000) for k in counts) < 400


# ---------------------------------------------------------------------------------
# Two games of one seed, with other decisions
# ---------------------------------------------------------------------------------


def _play(c, seed: int, plans: list[dict[str, RoleDecision]]) -> tuple[list[GameState], list, dict]:
    """The states before each week, the reports, and every key drawn with its draws."""
    luck.trace(True)
    try:
        s = new_game(c, seed)
        states, reports = [], []
        for plan in plans:
            states.append(s)
            s, rep = step(c, s, plan)
            reports.append(rep)
        states.append(s)
    finally:
        kept = luck.trace(False)
    drawn: dict[tuple, tuple[int, int]] = {}
    for k, d in kept:
        assert k not in drawn, f"one key drawn twice in one game: {k}"
        drawn[k] = (int(d.key), int(d.n))
    return states, reports, drawn


@PROPS
@given(seed=SEEDS, data=st.data())
def test_two_games_of_one_seed_meet_the_same_luck(seed: int, data: st.DataObject) -> None:
    """Game B takes game A's decisions up to a week of its own choosing, then its own.
    Every key both games draw from gives both the same numbers; the games are the same
    up to the first decision that differs; and both meet the same strikes (every week's
    zone luck and casualty draws) all the same."""
    c = compiled("aleppo-2016")
    weeks = data.draw(st.integers(min_value=2, max_value=8), label="weeks")
    fork = data.draw(st.integers(min_value=0, max_value=weeks - 1), label="fork")
    a_plans: list[dict[str, RoleDecision]] = []
    s = new_game(c, seed)
    for _ in range(weeks):
        d = legal_decisions(data, c, s)
        a_plans.append(d)
        s, _ = step(c, s, d)
    b_plans = list(a_plans[:fork])
    s = new_game(c, seed)
    for p in b_plans:
        s, _ = step(c, s, p)
    for _ in range(fork, weeks):
        d = legal_decisions(data, c, s)
        b_plans.append(d)
        s, _ = step(c, s, d)

    a_states, a_reports, a_drawn = _play(c, seed, a_plans)
    b_states, b_reports, b_drawn = _play(c, seed, b_plans)
    for k in a_drawn.keys() & b_drawn.keys():
        (ka, na), (kb, nb) = a_drawn[k], b_drawn[k]
        assert ka == kb
        assert [luck.uniform(ka, j) for j in range(min(na, nb))] == [luck.uniform(kb, j) for j in range(min(na, nb))]
    first = next((w for w in range(weeks) if a_plans[w] != b_plans[w]), weeks)
    for w in range(first + 1):
        assert a_states[w] == b_states[w]
    for w in range(first):
        assert a_reports[w] == b_reports[w]
    strikes = {k for k in a_drawn if k[2] == "zone luck"}
    assert strikes == {k for k in b_drawn if k[2] == "zone luck"}
    assert len({k[1] for k in strikes}) == weeks


def test_leaving_a_decision_out_keeps_the_weeks_luck() -> None:
    """Talks change only standing, which nothing that week reads: with the talks and
    without them the week ends the same (no stand-in needed), but for standing and what
    the talks cost."""
    c = compiled("aleppo-2016")
    s0 = new_game(c, 4)
    talks, _ = step(c, s0, {"coordinator": RoleDecision(actions=("negotiate_access",))})
    nothing, _ = step(c, s0, {"coordinator": RoleDecision()})
    assert talks.history[-1] == nothing.history[-1]
    assert talks.present == nothing.present and talks.killed == nothing.killed
    assert talks.vars["standing.government"] > nothing.vars["standing.government"]

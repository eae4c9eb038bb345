"""Percentiles are statistics.quantiles' inclusive method: linear between closest ranks."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.batch import percentile


def closest_ranks(values: list[float], q: int) -> float:
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=300), st.integers(0, 100))
def test_linear_between_closest_ranks(values: list[float], q: int) -> None:
    assert percentile(values, q) == pytest.approx(closest_ranks(values, q), rel=1e-9, abs=1e-6)
    tol = 1e-9 * max(1.0, *(abs(v) for v in values))  # the library's rounding, not a gap
    assert min(values) - tol <= percentile(values, q) <= max(values) + tol


def test_the_library_does_the_work() -> None:
    values = [float(x) for x in range(1000, 2000, 7)]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    assert [percentile(values, q) for q in (10, 50, 90)] == [cuts[9], cuts[49], cuts[89]]
    assert percentile([], 50) == 0.0
    assert percentile([3.0], 10) == 3.0
    assert (percentile([1.0, 5.0], 0), percentile([1.0, 5.0], 100)) == (1.0, 5.0)
    # exact where the old float arithmetic was not: 1,000 whole numbers, 10th percentile
    assert percentile([float(5 * k) for k in range(1000)], 10) == 499.5

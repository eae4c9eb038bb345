"""The model against the record: the historical policy's medians must fall inside every
band of the fact sheet, and other strategies must change what they claim to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.batch import calibrate, run_batch, summarise
from game.engine.compiled import Compiled, compile_scenario
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
RUNS = 1000  # the issue asks for the median over at least 1,000 seeds


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_scenario(load_scenario(ROOT / "scenarios" / "aleppo-2016"))


def test_record_has_every_band_of_the_fact_sheet(compiled: Compiled) -> None:
    ids = {m.id for m in compiled.sc.record}
    assert ids == {
        "east-population",
        "east-killed-offensive",
        "east-injured-offensive",
        "city-killed-august",
        "east-hospitals",
        "east-food",
        "pause-exits",
        # Dated figures inside those periods (the fact sheet's), and the baseline's deals.
        "west-killed-push",
        "pause-exits-october",
        "pause-exits-november",
        "un-convoys",
        "negotiated-pauses",
    }


def test_historical_medians_inside_every_band(compiled: Compiled) -> None:
    states = run_batch(compiled, "historical", RUNS, seed=1)
    results = calibrate(compiled, states)
    outside = [
        f"{r.measure.id}: median {r.median:g} outside {r.measure.band}" for r in results if not r.inside
    ]
    assert not outside, "; ".join(outside)
    # The spread is real: chance moves the offensive's toll from game to game.
    killed = next(r for r in results if r.measure.id == "east-killed-offensive")
    assert killed.p10 < killed.median < killed.p90


def _median_killed(compiled: Compiled, policy: str, cause: str) -> float:
    summary = summarise(run_batch(compiled, policy, 200, seed=7))
    return float(summary["east"]["killed_by_cause"][cause]["median"])


def test_medical_first_cuts_deaths_for_lack_of_care(compiled: Compiled) -> None:
    assert _median_killed(compiled, "medical-first", "lack_of_care") < 0.5 * _median_killed(
        compiled, "historical", "lack_of_care"
    )


def test_relief_first_cuts_hunger_deaths(compiled: Compiled) -> None:
    assert _median_killed(compiled, "relief-first", "hunger") < 0.5 * _median_killed(
        compiled, "historical", "hunger"
    )

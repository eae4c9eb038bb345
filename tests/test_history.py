"""The historical baseline follows the record: the world answers the historical plans as it
answered them in 2016 (no UN convoy, no pause won by the envoy), expressions see the roads
as they are, and the weeks have the record's shape (the scenario's intensity entries)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine.batch import calibrate, play_through, policies_for, weekly_profile
from game.engine.compiled import Compiled, compile_scenario
from game.engine.core import env_for, new_game, step
from game.scenario.errors import ScenarioErrors
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
ALEPPO = ROOT / "scenarios" / "aleppo-2016"
RUNS = 300


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_scenario(load_scenario(ALEPPO))


@pytest.fixture(scope="module")
def games(compiled: Compiled) -> list:
    pols = policies_for(compiled, "historical")
    return [play_through(compiled, seed, pols) for seed in range(1, RUNS + 1)]


def _week(c: Compiled, day: str) -> int:
    import datetime as dt

    return c.week_of(dt.date.fromisoformat(day))


# ------------------------------------------------------------------ the roads


def test_open_castello_follows_the_road_itself(compiled: Compiled) -> None:
    """The phase keeps Castello Road open all July; the road is under fire from 7 Jul (half
    its traffic) and cut on 17 Jul, and expressions see it so."""
    c = compiled
    s = new_game(c, 3)
    seen: dict[int, float] = {}
    while s.week < _week(c, "2016-08-07"):
        seen[s.week] = env_for(c, s)["open.castello"]
        s, _ = step(c, s, {})
    assert c.weeks[0].route_days["castello"] == 7.0  # what the phase alone gives
    assert seen[0] == pytest.approx(3.5)  # under fire from 7 Jul (its event opens the week): half of 7 days
    assert seen[_week(c, "2016-07-10")] == pytest.approx(3.5)
    for w in range(_week(c, "2016-07-17"), _week(c, "2016-08-07")):
        assert seen[w] == 0.0, c.weeks[w].date


def test_open_routes_without_a_state_variable_are_the_phases_days(compiled: Compiled) -> None:
    c = compiled
    s = new_game(c, 3)
    while s.week < _week(c, "2016-10-23"):
        s, _ = step(c, s, {})
    days = c.weeks[s.week].route_days["pause_exits"]
    assert days > 0 and env_for(c, s)["open.pause_exits"] == pytest.approx(days)


def test_fund_clinics_reads_the_cut_road(compiled: Compiled) -> None:
    """After 17 Jul no road is open until the corridor, so clinics are funded at the siege's
    odds (0.6), not the open road's (0.85)."""
    c = compiled
    a = c.actions["coordinator"]["fund_clinics"]
    effect = c.effects[a.effects[0]]
    assert effect.chance is not None
    s = new_game(c, 3)
    while s.week < _week(c, "2016-07-24"):
        s, _ = step(c, s, {})
    assert float(effect.chance(env_for(c, s))) == pytest.approx(0.6)


# ------------------------------------------------------------------ the baseline


def _share(games: list, line: str) -> float:
    return sum(1 for s in games if s.vars[line] > 0) / len(games)


def test_no_un_convoy_gets_in_under_the_historical_plans(games: list) -> None:
    # The record: none from July to November. Chance may remain, but small.
    assert _share(games, "coordinator.convoys") <= 0.05


def test_the_envoy_wins_no_pause_and_no_evacuation_under_the_historical_plans(games: list) -> None:
    assert _share(games, "envoy.pauses") <= 0.05
    assert _share(games, "envoy.evacuated") <= 0.05
    assert _share(games, "coordinator.medevacs") <= 0.05


def test_the_baseline_bands_hold(compiled: Compiled, games: list) -> None:
    by_id = {r.measure.id: r for r in calibrate(compiled, games)}
    for mid in ("un-convoys", "negotiated-pauses"):
        assert by_id[mid].median == 0 and by_id[mid].p90 == 0, mid


def test_a_convoy_can_still_get_in_with_standing(compiled: Compiled) -> None:
    """The world refuses the historical convoys because of its conditions, not a flag: with
    standing well above 2016's, a request has a real chance."""
    c = compiled
    a = c.actions["coordinator"]["request_convoy"]
    effect = c.effects[a.effects[0]]
    assert effect.chance is not None
    s = new_game(c, 3)
    while s.week < _week(c, "2016-08-14"):
        s, _ = step(c, s, {})
    env = env_for(c, s)
    assert float(effect.chance(env)) == 0.0
    env.update({"standing.government": 0.7, "standing.russia": 0.6})
    assert float(effect.chance(env)) > 0.2
    env["convoys.suspended"] = 1.0
    assert float(effect.chance(env)) == 0.0
    env.update({"convoys.suspended": 0.0, "standing.government": 0.4, "standing.russia": 0.35, "access.permits": 1.0})
    assert float(effect.chance(env)) == pytest.approx(0.8)


def test_the_consent_threshold_is_one_parameter(tmp_path: Path) -> None:
    """The threshold the assumption states is the scenario's `consent_threshold`, read by
    every deal's chance as `param.consent_threshold` and shown by a placeholder: lowering
    it below 2016's standing lets a convoy request through where before it had none."""
    from game.model.record import fill

    c = compile_scenario(load_scenario(ALEPPO))
    asm = next(a for a in c.sc.assumptions if a.id == "consent")
    assert "{consent_threshold}" in asm.text and "consent_threshold" in asm.parameters
    assert "above 0.16 " in fill(asm.text, c.sc.placeholder_values())
    assert c.param_env == {"param.consent_threshold": 0.16, "param.holdout_chance": 0.02}

    folder = _copy(tmp_path)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert "consent_threshold: 0.16\n" in text
    scenario.write_text(text.replace("consent_threshold: 0.16\n", "consent_threshold: 0.10\n"), encoding="utf-8")
    low = compile_scenario(load_scenario(folder))
    effect = low.effects[low.actions["coordinator"]["request_convoy"].effects[0]]
    assert effect.chance is not None
    s = new_game(low, 3)
    while s.week < _week(low, "2016-08-14"):
        s, _ = step(low, s, {})
    assert env_for(low, s)["param.consent_threshold"] == 0.10
    assert float(effect.chance(env_for(low, s))) > 0.0


def test_an_expression_may_read_only_parameters_the_scenario_has(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    role = folder / "roles" / "coordinator.yaml"
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("param.consent_threshold", "param.consent_treshold", 1), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as e:
        load_scenario(folder)
    assert 'unknown variable "param.consent_treshold"' in str(e.value), str(e.value)


# ------------------------------------------------------------------ the weekly profile


def test_air_strikes_on_the_east_stop_from_18_october(compiled: Compiled) -> None:
    c = compiled
    for w in range(_week(c, "2016-10-23"), c.n_weeks):
        assert c.weeks[w].rates["east"][0] == 0.0, c.weeks[w].date
    # The week of 16 Oct keeps only its two days before the 18th.
    w = _week(c, "2016-10-16")
    offensive = c.weeks[_week(c, "2016-10-09")].rates["east"][0]
    assert c.weeks[w].rates["east"][0] == pytest.approx(offensive * 2 / 7)


def test_the_mass_strikes_and_the_truces_end_shape_the_week_of_18_september(compiled: Compiled) -> None:
    c = compiled
    w = _week(c, "2016-09-18")
    sc = c.sc
    phase = {p.id: p for p in sc.phases}
    ceasefire, offensive = phase["ceasefire"].hazard["east"].air, phase["offensive"].hazard["east"].air
    # 18-19 Sep truce; 20-21 Sep the truce is over (x6); 22 and 24 Sep offensive; 23 Sep x3.
    assert c.weeks[w].rates["east"][0] == pytest.approx(2 * ceasefire + 2 * 6 * ceasefire + 2 * offensive + 3 * offensive)


def test_the_profile_has_the_records_shape(compiled: Compiled, games: list) -> None:
    prof = weekly_profile(compiled, games)
    east = [row["east"]["killed"]["median"] for row in prof]
    west = [row["west"]["killed"]["median"] for row in prof]
    c = compiled
    peak = max(range(len(east)), key=east.__getitem__)
    assert _week(c, "2016-09-25") <= peak <= _week(c, "2016-10-09")
    truce = _week(c, "2016-09-11")
    assert east[truce] < min(east[: truce])  # the truce week is the quietest so far
    # After the strikes stop, the east's weeks are a fraction of the offensive's.
    assert max(east[_week(c, "2016-10-23") :]) < 0.3 * east[peak]
    # The push west: the west's heaviest weeks are from 28 Oct.
    assert max(range(len(west)), key=west.__getitem__) >= _week(c, "2016-10-30")
    # August's battle for the colleges: the week of 31 Jul is the west's heaviest of the summer.
    summer = west[: _week(c, "2016-09-04")]
    assert max(range(len(summer)), key=summer.__getitem__) == _week(c, "2016-07-31")


# ------------------------------------------------------------------ validation


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "aleppo"
    shutil.copytree(ALEPPO, folder)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('start: "2016-09-23"\n    end: "2016-09-23"', 'start: "2016-09-23"\n    end: "2016-12-23"', "outside the scenario's calendar"),
        ("    sources: [unicef]\n    hazard:\n      east: {air: 3}", "    sources: [nobody]\n    hazard:\n      east: {air: 3}", "nobody"),
        ("      east: {air: 3}", "      east: {air: 300}", "less than or equal to 20"),
        ("      east: {air: 3}", "      east: {air: -1}", "greater than or equal to 0"),
        ('start: "2016-09-23"\n    end: "2016-09-23"', 'start: "2016-09-23"\n    end: "2016-09-22"', "before it starts"),
    ],
)
def test_intensity_entries_are_checked(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    folder = _copy(tmp_path)
    phases = folder / "phases.yaml"
    text = phases.read_text(encoding="utf-8")
    assert old in text
    phases.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as e:
        load_scenario(folder)
    assert fragment in str(e.value), str(e.value)


def test_a_record_line_must_be_a_roles_ledger_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    record = folder / "record.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("line: coordinator.convoys", "line: coordinator.money"), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as e:
        load_scenario(folder)
    assert "ledger line" in str(e.value)
    record.write_text(text.replace("    line: coordinator.convoys\n", ""), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as e:
        load_scenario(folder)
    assert "'line'" in str(e.value)

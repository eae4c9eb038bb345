"""Every number of a scenario must be finite: NaN and the infinities, in any numeric field
or as a constant expression, are reported by `validate` where they are written (and so
by every command, which loads scenarios the same way)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT, run_corridors

from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioErrors, load_yaml

EXAMPLE = ROOT / "docs" / "example"
FILES = sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.yaml"))


def numbers(value: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [loc]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in numbers(v, (*loc, k))]
    if isinstance(value, list):
        return [p for k, v in enumerate(value) for p in numbers(v, (*loc, k))]
    return []


def replaced(value: Any, new: float) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return new
    if isinstance(value, dict):
        return {k: replaced(v, new) for k, v in value.items()}
    if isinstance(value, list):
        return [replaced(v, new) for v in value]
    return value


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("name", FILES)
def test_every_numeric_field_must_be_finite(tmp_path: Path, name: str, bad: float) -> None:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    target = folder / name
    data = load_yaml(target).data
    where = numbers(data)
    if not where:
        pytest.skip(f"{name} has no numbers")
    target.write_text(yaml.safe_dump(replaced(data, bad), sort_keys=False), encoding="utf-8")
    located = load_yaml(target)
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    reported = {(e.path, e.line, e.col) for e in info.value.errors}
    for loc in where:
        line, col = located.position(loc)
        assert (str(target), line, col) in reported, (loc, line, col, str(info.value))
    for e in info.value.errors:
        assert "\n" not in str(e)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_one_fault_gives_one_line(tmp_path: Path, bad: float) -> None:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    target = folder / "world.yaml"
    data = load_yaml(target).data
    for loc in numbers(data):
        node = data
        for k in loc[:-1]:
            node = node[k]
        node[loc[-1]] = bad
        break
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    assert len(info.value.errors) == 1, str(info.value)


@pytest.mark.parametrize("expression", ["1e999", "-1e999", "1e308 * 10", "(1e999) - (1e999)"])
def test_a_constant_expression_must_be_finite(tmp_path: Path, expression: str) -> None:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    events = folder / "events.yaml"
    data = load_yaml(events).data
    path = find_chance(data)
    assert path is not None
    node = data
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = expression
    events.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    located = load_yaml(events)
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    line, col = located.position(path)
    assert [e for e in info.value.errors if (e.line, e.col) == (line, col)], str(info.value)


def find_chance(value: Any, loc: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "chance":
                return (*loc, k)
            found = find_chance(v, (*loc, k))
            if found:
                return found
    if isinstance(value, list):
        for k, v in enumerate(value):
            found = find_chance(v, (*loc, k))
            if found:
                return found
    return None


# ------------------------------------------------------------ values while playing


def runaway(tmp_path: Path, income: str, bounded: bool) -> Path:
    """The example with the aid agency's income `income` (its funds unbounded above
    unless `bounded`)."""
    folder = tmp_path / "runaway"
    shutil.copytree(EXAMPLE, folder)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    if not bounded:
        text = text.replace('initial: 4, min: 0, max: 20, unit: "million"', 'initial: 4, min: 0, unit: "million"')
        assert 'max: 20, unit: "million"' not in text
    scenario.write_text(text, encoding="utf-8")
    role = folder / "roles" / "aid.yaml"
    text = role.read_text(encoding="utf-8")
    assert '"1 + attention / 50"' in text
    role.write_text(text.replace('"1 + attention / 50"', f'"{income}"'), encoding="utf-8")
    load_scenario(folder)  # validate cannot know: the scenario is valid
    return folder


@pytest.mark.parametrize(
    ("income", "bounded", "value"),
    [
        ("aid.money * 1e200", False, "inf"),  # grows past the largest float
        ("aid.money * 1e200 * 1e200 - aid.money * 1e200 * 1e200", True, "nan"),  # inf - inf, within bounds
    ],
    ids=["infinity", "nan"],
)
def test_a_value_that_stops_being_finite_is_reported_by_name(tmp_path: Path, income: str, bounded: bool, value: str) -> None:
    from game.engine.batch import play_through, policies_for
    from game.engine.compiled import compile_scenario

    folder = runaway(tmp_path, income, bounded)
    c = compile_scenario(load_scenario(folder))
    with pytest.raises(ScenarioErrors) as info:
        play_through(c, 1, policies_for(c, "historical"))
    [problem] = info.value.errors
    assert "aid.money" in problem.message and value in problem.message, problem.message
    assert "income" in problem.message and "finite" in problem.message
    r = run_corridors("simulate", "--scenario", str(folder), "--runs", "2", home=tmp_path / "home")
    assert r.returncode == 1, r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "aid.money" in lines[0] and "internal error" not in lines[0], r.stderr

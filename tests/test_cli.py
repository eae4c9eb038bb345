"""The `corridors` command, run as a user runs it (`python -m game ...` in a subprocess):
exit codes 0, 1 and 2, one-line errors and never a traceback, and the shape of
`simulate --json`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from support import run_corridors

from game.engine.batch import play_through, policies_for, trace
from game.engine.compiled import compile_scenario
from game.scenario.registry import get
from game.session import code_seed

ROOT = Path(__file__).resolve().parents[1]
ALEPPO = ROOT / "scenarios" / "aleppo-2016"
VALID_ROLES = ", ".join(r.id for r in get("aleppo-2016").roles)
CORPUS = ROOT / "tests" / "corpus"
METRICS = ("present", "killed", "injured", "left", "food_days", "hospitals", "killed_by_cause")


def run(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_corridors(*args, home=home, stdin=stdin)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("corridors: error: "), r.stderr
    return lines[0]


# ------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    "args, fragment",
    [
        ((), "no command given (valid: play, debrief, saves, simulate, calibrate, validate, scenarios"),
        (("fly",), "invalid choice: 'fly'"),
        (("simulate", "--policy", "win"), 'unknown policy "win" (valid: historical, random, '),
        (("simulate", "--scenario", "atlantis"), "atlantis: unknown scenario (valid: aleppo-2016"),
        (("simulate", "--runs", "0"), "the number of runs must be a whole number from 1 to"),
        (("simulate", "--runs", "many"), "the number of runs must be a whole number"),
        (("simulate", "--seed", "x" * 41), "a class code has at most 40 characters"),
        (("calibrate", "--seed", "bell\x07"), "a class code is letters, digits, spaces and punctuation only"),
        (("class", "new", "--seed", "x" * 41), "a class code has at most 40 characters"),
        (("calibrate", "--runs", "1.5"), "the number of runs must be a whole number"),
        (("play", "--role", "pilot"), f'unknown role "pilot" (valid: {VALID_ROLES})'),
        (("play", "--content", "loud"), "invalid choice: 'loud' (choose from 'standard', 'gentle')"),
        (("play", "--seed", "x" * 41), "a class code has at most 40 characters"),
        (("play", "--role", "coordinator,pilot"), f'unknown role "pilot" (valid: {VALID_ROLES})'),
        (("play", "--role", "coordinator,"), "an empty role name"),
        (("play", "--others", "win"), 'unknown policy "win" (valid: historical, random, '),
        (("play", "--content", "full"), "invalid choice: 'full' (choose from 'standard', 'gentle')"),
        (("play", "--export", "no/such/folder/debrief.md"), "--export no/such/folder/debrief.md: no such folder"),
        (("play", "--export", "."), "--export .: is a folder, not a file"),
        (("play", "--alternatives", "-1"), "the number of alternative histories must be a whole number"),
        (("debrief",), "the following arguments are required: SAVE"),
        (("debrief", "no-such-save.json"), "no such save file: no-such-save.json"),
        (("debrief", "x.json", "--format", "pdf"), "invalid choice: 'pdf'"),
        (("play", "--scenario", "atlantis"), "unknown scenario"),
        (("play", "--load", "no-such-file.json"), "no such save file: no-such-file.json"),
        (("validate",), "validate needs at least one scenario file or folder"),
        (("validate", "no/such/path"), "no such file or folder: no/such/path"),
        (("simulate", "--frobnicate"), "unrecognized arguments: --frobnicate"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], fragment: str, home: Path) -> None:
    r = run(*args, home=home)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert fragment in one_line_error(r)


def test_load_cannot_change_role_or_seed(home: Path, tmp_path: Path) -> None:
    save = tmp_path / "s.json"
    save.write_text("{}", encoding="utf-8")
    r = run("play", "--load", str(save), "--seed", "3", home=home)
    assert r.returncode == 2
    assert "--load resumes a saved game" in one_line_error(r)


def test_help_exits_0(home: Path) -> None:
    r = run("--help", home=home)
    assert r.returncode == 0
    for cmd in ("play", "simulate", "calibrate", "validate", "scenarios"):
        assert cmd in r.stdout


# ------------------------------------------------------------------ scenarios, validate


def test_scenarios_lists_aleppo(home: Path) -> None:
    r = run("scenarios", home=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("aleppo-2016: ")
    assert "20 weeks" in r.stdout


def test_validate_good_scenario(home: Path) -> None:
    r = run("validate", str(ALEPPO), home=home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ok" in r.stdout
    assert r.stderr == ""


def test_validate_reports_every_problem_on_its_own_line(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nweeks: many\nstart: yesterday\n", encoding="utf-8")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01\x02\xff")
    r = run("validate", str(bad), str(binary), str(ALEPPO), home=home)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) >= 3
    assert all(line.startswith((str(bad), str(binary))) for line in lines), lines
    assert any(line.startswith(f"{bad}:2:") for line in lines)  # "weeks: many" is on line 2


def test_validate_corpus_never_tracebacks(home: Path) -> None:
    files = sorted(CORPUS.glob("*.yaml"))
    if not files:
        pytest.skip("no corpus")
    r = run("validate", *map(str, files), home=home)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr


def test_broken_scenario_for_play_or_simulate_exits_1(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    r = run("simulate", "--scenario", str(bad), "--runs", "1", home=home)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert all(line.startswith(str(bad)) for line in r.stderr.strip().splitlines())


# ------------------------------------------------------------------ simulate


def test_simulate_json_trace_shape(home: Path) -> None:
    r = run("simulate", "--json", "--trace", "--runs", "3", "--seed", "5", home=home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)  # exactly one JSON object
    assert set(out) == {"scenario", "policy", "runs", "seed", "code", "summary"}
    assert out["scenario"] == "aleppo-2016"
    assert out["policy"] == "historical"
    assert out["seed"] == 5 and out["code"] == ""
    for zone in ("east", "west", "total"):
        for m in ("present", "killed", "injured", "left", "hospitals"):
            q = out["summary"][zone][m]
            assert set(q) == {"median", "p10", "p90"}
            assert q["p10"] <= q["median"] <= q["p90"]
        assert "killed_by_cause" in out["summary"][zone]
    # Each role's ledger lines, named without the role's prefix.
    roles = out["summary"]["roles"]
    assert set(roles) == {"coordinator", "civil-defence", "household", "envoy"}
    convoys = roles["coordinator"]["convoys"]
    assert set(convoys) == {"median", "p10", "p90", "mean", "share"}
    assert 0 <= convoys["share"] <= 1
    assert "pauses" in roles["envoy"] and "east.rescued" in roles["civil-defence"]
    runs = out["runs"]
    assert [x["seed"] for x in runs] == [5, 6, 7]
    for x in runs:
        assert set(x) == {"seed", "weeks"}
        assert [w["week"] for w in x["weeks"]] == list(range(1, 21))
        assert x["weeks"][0]["date"] == "2016-07-03"
        assert x["weeks"][-1]["date"] == "2016-11-13"
        for w in x["weeks"]:
            assert set(w) == {"week", "date", "ledger", "lines"}
            assert "coordinator.convoys" in w["lines"]
            assert set(w["ledger"]) == {"east", "west", "total"}
            for zone in ("east", "west", "total"):
                z = w["ledger"][zone]
                assert set(z) == set(METRICS)
                assert set(z["killed_by_cause"]) >= {"air", "shelling", "hunger"}
                assert z["killed"] == sum(z["killed_by_cause"].values())
    # Each traced run is the game its seed gives.
    c = compile_scenario(get("aleppo-2016"))
    s = play_through(c, runs[1]["seed"], policies_for(c, "historical"))
    assert json.loads(json.dumps(trace(c, s))) == runs[1]["weeks"]


def test_simulate_json_without_trace(home: Path) -> None:
    r = run("simulate", "--json", "--runs", "4", "--policy", "random", home=home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["runs"] == 4 and out["policy"] == "random" and out["seed"] == 1


def test_every_seed_option_takes_a_word_and_shows_it(home: Path, tmp_path: Path) -> None:
    # A word is the seed it stands for, as on the title screen and in `play`; what is
    # printed names the word beside the seed.
    seed = code_seed("room 12b")
    by_word = run("simulate", "--json", "--runs", "2", "--seed", " Room 12B ", home=home)
    by_number = run("simulate", "--json", "--runs", "2", "--seed", str(seed), home=home)
    assert by_word.returncode == 0 and by_number.returncode == 0, by_word.stderr + by_number.stderr
    word, number = json.loads(by_word.stdout), json.loads(by_number.stdout)
    assert (word["seed"], word["code"]) == (seed, "Room 12B")
    assert (number["seed"], number["code"]) == (seed, "")
    assert word["summary"] == number["summary"]
    r = run("simulate", "--runs", "2", "--seed", "Room 12B", home=home)
    assert r.returncode == 0, r.stderr
    assert f'seeds {seed} to {seed + 1}, from the word "Room 12B".' in r.stdout
    r = run("calibrate", "--runs", "2", "--seed", "Room 12B", home=home)
    assert r.returncode in (0, 1), r.stderr  # 1: a median outside its band, over 2 runs
    assert f'(seeds {seed} to {seed + 1}, from the word "Room 12B")' in r.stdout
    store = str(tmp_path / "results.db")
    r = run("class", "new", "--seed", "Room 12B", "--store", store, home=home)
    assert r.returncode == 0, r.stderr
    assert f'seed {seed}, from the word "Room 12B",' in r.stdout
    r = run("class", "results", r.stdout.split()[0], "--store", store, home=home)
    assert r.returncode == 0 and f"seed {seed}" in r.stdout, r.stderr


def test_simulate_table_says_simulated(home: Path) -> None:
    r = run("simulate", "--runs", "3", home=home)
    assert r.returncode == 0, r.stderr
    assert "simulated" in r.stdout
    for word in ("median", "p10", "p90", "east", "west", "total", "food days", "hospitals"):
        assert word in r.stdout


# ------------------------------------------------------------------ calibrate


def test_calibrate_table(home: Path) -> None:
    r = run("calibrate", "--runs", "20", home=home)
    assert r.returncode in (0, 1), r.stderr
    assert "record measure" in r.stdout and "model median (p10-p90)" in r.stdout
    outside = "NO" in r.stdout.split()
    assert r.returncode == (1 if outside else 0)


def test_calibrate_draws_the_weekly_profile(home: Path, tmp_path: Path) -> None:
    chart = tmp_path / "profile.svg"
    r = run("calibrate", "--runs", "10", "--profile", str(chart), home=home)
    assert r.returncode in (0, 1), r.stderr
    svg = chart.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    for text in ("Civilians killed each week", "Civilians injured each week", "150+ air strikes", "Air strikes stop", "Simulated"):
        assert text in svg
    import xml.etree.ElementTree as ET

    ET.fromstring(svg)  # well formed


def test_calibrate_profile_to_a_folder_that_is_not_there_exits_2(home: Path, tmp_path: Path) -> None:
    r = run("calibrate", "--runs", "2", "--profile", str(tmp_path / "no" / "such" / "p.svg"), home=home)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_calibrate_exits_1_when_a_median_is_outside(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "aleppo"
    shutil.copytree(ALEPPO, folder)
    record = folder / "record.yaml"
    text = record.read_text(encoding="utf-8")
    assert "band: [250000, 300000]" in text
    record.write_text(text.replace("band: [250000, 300000]", "band: [1, 2]"), encoding="utf-8")
    r = run("calibrate", "--scenario", str(folder), "--runs", "5", home=home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "NO" in r.stdout
    assert "Traceback" not in r.stderr


# ------------------------------------------------------------------ play and saves


def test_corridors_saves_lists_a_lesson_game_by_its_turns(home: Path) -> None:
    from game.session import Session

    lesson = Session.new(seed=8, length="lesson", save_dir=home / "saves")
    for _ in range(3):
        lesson.advance()
    r = run("saves", home=home)
    assert r.returncode == 0, r.stderr
    assert f"turn 4 of {lesson.n_turns} next, the week of" in r.stdout
    assert f"of {lesson.compiled.n_weeks} next" not in r.stdout  # not the weeks the turns cover


def test_play_load_of_a_corrupt_save_exits_1(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "corridors-save", "version": 1, "state": ')
    r = run("play", "--plain", "--load", str(bad), home=home)
    assert r.returncode == 1
    line = one_line_error(r)
    assert str(bad) in line and "truncated" in line
    assert bad.read_bytes() == b'{"format": "corridors-save", "version": 1, "state": '


def test_play_load_of_a_newer_save_exits_1(home: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "corridors-save", "version": 99}', encoding="utf-8")
    r = run("play", "--load", str(newer), home=home)
    assert r.returncode == 1
    assert "newer Corridors" in one_line_error(r)

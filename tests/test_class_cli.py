"""`corridors class new|results|export` and `corridors play --class CODE --name NAME`,
as a teacher and students run them: a class code fixes the game, every game's result is
kept when it ends or is stopped, and a mistyped code, an unknown class or a store that
is not one is one line, exit 1. One student plays in a fresh process, as from a
terminal; the other commands run in this one (`game.cli.main`), which is faster."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_corridors

from game import cli
from game.classroom.codes import ALPHABET, parse_code
from game.classroom.storeopen import open_store

ROLE = "coordinator"


def run(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`corridors ARGS` in this process, with its saves under `home`."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORRIDORS_HOME", str(home))
        mp.delenv("CORRIDORS_DEBUG", raising=False)
        mp.setattr(sys, "stdin", io.StringIO(stdin))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("corridors: error: "), r.stderr
    return lines[0]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("class-home")


@pytest.fixture(scope="module")
def store(home: Path) -> str:
    return str(home / "class.sqlite")


@pytest.fixture(scope="module")
def code(home: Path, store: str) -> str:
    r = run("class", "new", "--seed", "7", "--roles", ROLE, "--store", store, home=home)
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert re.fullmatch(f"[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}", first)
    assert f"corridors play --class {first} --name NAME --store {store}" in r.stdout
    return first


@pytest.fixture(scope="module")
def played(home: Path, store: str, code: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Ana plays the whole game (in a fresh process); Ben plays two weeks and stops."""
    ana = run_corridors("play", "--class", code.lower(), "--name", "Ana", "--store", store, "--plain", "--alternatives", "0",
              home=home, stdin="end\n" * 20)
    ben = run("play", "--class", code, "--name", "Ben", "--store", store, "--plain", "--alternatives", "0",
              home=home, stdin="end\nend\nquit\n")
    return {"ana": ana, "ben": ben}


def test_a_class_game_has_the_class_settings_and_keeps_its_result(played: dict[str, subprocess.CompletedProcess[str]], code: str, store: str) -> None:
    ana, ben = played["ana"], played["ben"]
    assert ana.returncode == 0 and ben.returncode == 0, (ana.stderr, ben.stderr)
    assert "Game seed: 7" in ana.stdout and "You play: Humanitarian coordinator" in ana.stdout
    assert f"Class {code}" in ana.stdout
    assert f"The result (finished) is kept for class {code}, Ana, in {store}." in ana.stdout
    assert f"The result (2 of 20 weeks played) is kept for class {code}, Ben" in ben.stdout
    with open_store(store) as s:
        got = {r.player: r for r in s.results(code)}
    assert got["Ana"].finished and got["Ana"].weeks_played == 20 and got["Ana"].seed == 7
    assert not got["Ben"].finished and got["Ben"].weeks_played == 2
    assert got["Ana"].roles == (ROLE,) and got["Ana"].class_code == code


def test_results_count_a_lesson_game_in_its_lesson_turns(tmp_path: Path) -> None:
    from classgames import lesson_game

    store = tmp_path / "lesson.sqlite"
    klass, s = lesson_game(store, 3, player="Lina")
    r = run("class", "results", klass.code, "--store", str(store), home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "length lesson" in r.stdout and s.week > 3
    assert re.search(rf"Lina\s+coordinator\s+stopped after turn 3 of {s.n_turns}\s", r.stdout), r.stdout


def test_results_and_exports_list_the_runs(played: dict[str, subprocess.CompletedProcess[str]], home: Path, store: str, code: str, tmp_path: Path) -> None:
    r = run("class", "results", code, "--store", store, home=home)
    assert r.returncode == 0, r.stderr
    assert f"Class {code}: scenario aleppo-2016, seed 7, roles {ROLE}" in r.stdout
    assert re.search(r"Ana\s+coordinator\s+finished", r.stdout)
    assert re.search(r"Ben\s+coordinator\s+stopped after week 2 of 20", r.stdout)
    r = run("class", "export", code, "--format", "csv", "--store", store, home=home)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["player"]: row["finished"] for row in rows} == {"Ana": "yes", "Ben": "no"}
    assert all(row["class"] == code for row in rows)
    assert float(next(row for row in rows if row["player"] == "Ana")["final-east-killed"]) > 0
    # a column for each dilemma put: the option each game ended with, marked when left to the default
    with open_store(store) as s:
        records = {x.player: x for x in s.results(code)}
    put = {d.dilemma for x in records.values() for d in x.decisions if d.dilemma and d.by != "computer"}
    assert put and {h for h in rows[0] if h.startswith("dilemma:")} == {f"dilemma:{d}" for d in put}
    for row in rows:
        for d in records[row["player"]].decisions:
            if d.dilemma and d.by != "computer":
                assert row[f"dilemma:{d.dilemma}"] == (f"{d.option} (default)" if d.by == "default" else d.option)
    # "-o -" is standard output, as no -o is: no file named "-" is made
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        dash = run("class", "export", code, "--format", "csv", "-o", "-", "--store", store, home=home)
    assert dash.returncode == 0, dash.stderr
    assert dash.stdout == r.stdout and not (tmp_path / "-").exists()
    out = tmp_path / "class.json"
    r = run("class", "export", code, "-o", str(out), "--store", store, home=home)
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    assert doc["class"]["code"] == code and len(doc["results"]) == 2
    ana = next(x for x in doc["results"] if x["player"] == "Ana")
    assert len(ana["ledger"]) == 21 and {d["by"] for d in ana["decisions"]} <= {"player", "computer", "default"}


def test_a_resumed_class_game_stays_in_its_class(played: dict[str, subprocess.CompletedProcess[str]], home: Path, store: str, code: str) -> None:
    save = re.search(r"Resume with: corridors play --load (\S+)", played["ben"].stdout)
    assert save, played["ben"].stdout
    r = run("play", "--load", save.group(1), "--store", store, "--plain", "--alternatives", "0", home=home, stdin="end\nquit\n")
    assert r.returncode == 0, r.stderr
    assert f"The result (3 of 20 weeks played) is kept for class {code}, Ben" in r.stdout
    with open_store(store) as s:
        bens = [x for x in s.results(code) if x.player == "Ben"]
    assert len(bens) == 1 and bens[0].weeks_played == 3


def test_a_game_without_a_class_keeps_its_result_in_the_default_store(tmp_path: Path) -> None:
    r = run("play", "--plain", "--seed", "3", "--alternatives", "0", home=tmp_path, stdin="quit\n")
    assert r.returncode == 0, r.stderr
    with open_store(tmp_path / "results.sqlite") as s:
        (rec,) = s.results(None)
    assert rec.seed == 3 and rec.class_code is None and rec.weeks_played == 0


def _swap(code: str) -> str:
    raw = code.replace("-", "")
    i = next(k for k in range(len(raw) - 1) if raw[k] != raw[k + 1])
    raw = raw[:i] + raw[i + 1] + raw[i] + raw[i + 2 :]
    return f"{raw[:3]}-{raw[3:]}"


def _unknown(code: str) -> str:
    for a in ALPHABET:
        for b in ALPHABET:
            other = f"{a}{b}{code[2:]}"
            try:
                if parse_code(other) != code:
                    return other
            except ValueError:
                continue
    raise AssertionError


def test_class_errors_are_one_line(code: str, store: str, home: Path) -> None:
    cases = [
        (("play", "--class", _swap(code), "--name", "X", "--store", store, "--plain"), 1, "a character is mistyped or two are swapped"),
        (("play", "--class", _unknown(code), "--name", "X", "--store", store, "--plain"), 1, "in the results store"),
        (("class", "results", _swap(code), "--store", store), 1, "is not a valid class code"),
        (("play", "--class", code, "--store", store, "--plain"), 2, "--class needs --name NAME"),
        (("play", "--class", code, "--name", "X", "--seed", "3", "--store", store), 2, "leave out --seed"),
        (("play", "--class", code, "--name", " ", "--store", store), 2, "give the player's or the team's name"),
        (("play", "--class", code, "--name", "X", "--length", "full", "--store", store), 2, "leave out --length"),
        (("class", "new", "--roles", "pilot", "--store", store), 2, 'unknown role "pilot"'),
        (("class",), 2, "class needs a subcommand"),
        (("class", "results", code, "--store", "mysql://x/y"), 1, "not a kind of store this game uses"),
    ]
    for args, exit_code, fragment in cases:
        r = run(*args, home=home)
        assert r.returncode == exit_code, (args, r.stdout, r.stderr)
        assert fragment in one_line_error(r), args


def test_a_store_that_is_not_one_is_refused_and_left_alone(tmp_path: Path) -> None:
    p = tmp_path / "marks.sqlite"
    p.write_text("student,mark\nAna,5\n")
    before = hashlib.sha256(p.read_bytes()).hexdigest()
    r = run("class", "new", "--store", str(p), home=tmp_path)
    assert r.returncode == 1
    assert "is not a Corridors results store" in one_line_error(r)
    r = run("play", "--plain", "--store", str(p), "--alternatives", "0", home=tmp_path, stdin="quit\n")
    assert r.returncode == 0  # the game itself is not lost; the result is not kept, and it says so
    assert "warning: the result of this game was not kept" in r.stderr
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before


def test_a_lesson_class_plays_the_lesson_calendar(home: Path, tmp_path: Path) -> None:
    st = str(tmp_path / "lesson.sqlite")
    r = run("class", "new", "--length", "lesson", "--seed", "5", "--store", st, home=home)
    assert r.returncode == 0, r.stderr
    code = r.stdout.splitlines()[0]
    assert "length lesson" in r.stdout
    r = run("play", "--class", code, "--name", "Cy", "--store", st, "--plain", "--alternatives", "0",
            home=home, stdin="end\n" * 8)
    assert r.returncode == 0, r.stderr
    assert f"The result (finished) is kept for class {code}, Cy" in r.stdout
    with open_store(st) as s:
        (got,) = s.results(code)
    assert got.finished and got.weeks_played == 20 and got.length == "lesson"


def test_a_gentle_class_stays_gentle(home: Path, tmp_path: Path) -> None:
    st = str(tmp_path / "g.sqlite")
    r = run("class", "new", "--content", "gentle", "--store", st, home=home)
    code = r.stdout.splitlines()[0]
    r = run("play", "--class", code, "--name", "Z", "--content", "standard", "--store", st, "--plain", home=home)
    assert r.returncode == 1 and "gentle content level" in one_line_error(r)


def test_a_class_on_a_postgresql_server(postgres_url: str, tmp_path: Path) -> None:
    from pgserver import drop_tables

    drop_tables(postgres_url)
    try:
        r = run("class", "new", "--seed", "5", "--store", postgres_url, home=tmp_path)
        assert r.returncode == 0, r.stderr
        code = r.stdout.splitlines()[0]
        r = run("play", "--class", code, "--name", "Noor", "--store", postgres_url, "--plain",
                "--alternatives", "0", home=tmp_path, stdin="end\nquit\n")
        assert r.returncode == 0, r.stderr
        assert f"is kept for class {code}, Noor," in r.stdout
        r = run("class", "results", code, "--store", postgres_url, home=tmp_path)
        assert re.search(r"Noor\s+coordinator\s+stopped after week 1 of 20", r.stdout), r.stdout
    finally:
        drop_tables(postgres_url)

"""The results store, on SQLite and on a real PostgreSQL server (started by the tests,
see pgserver.py): result records and classes kept and read back, thirty games ending at
the same moment in thirty processes, and store files that are not a store refused and
left as they were."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgserver import drop_tables

from game.classroom.errors import StoreError
from game.classroom.store import STORE_FORMAT, Store
from game.classroom.storeopen import open_store
from game.model.results import ClassSettings, ResultRecord
from game.session import Session
from game.session.records import now, record_of

GAMES_AT_ONCE = 30
NEW_AT_ONCE = 10  # games that find no store yet, and make it together


# ------------------------------------------------------------------ the servers
# (postgres_url, a server for the whole test run, is in conftest.py)


@pytest.fixture(params=["sqlite", "postgresql"])
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a store is: an SQLite file, or a (cleared) PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "results.sqlite")
        return
    url = request.getfixturevalue("postgres_url")
    drop_tables(url)
    yield url
    drop_tables(url)


# ------------------------------------------------------------------ games


@pytest.fixture(scope="module")
def finished() -> ResultRecord:
    s = Session.new("aleppo-2016", roles=["coordinator"], seed=11, autosave=False)
    while not s.finished:
        s.advance()
    return record_of(s, class_code="K7M-4QC", player="Dana")


@pytest.fixture(scope="module")
def stopped() -> ResultRecord:
    s = Session.new("aleppo-2016", roles=["household"], seed=11, autosave=False)
    for _ in range(3):
        s.advance()
    return record_of(s, class_code="K7M-4QC", player="Eli")


def settings(code: str = "K7M-4QC") -> ClassSettings:
    return ClassSettings(
        code=code, scenario="aleppo-2016", scenario_ref="aleppo-2016", scenario_hash="sha256:x",
        seed=11, roles=("coordinator",), created_at=now(),
    )


# ------------------------------------------------------------------ keeping and reading


def test_results_are_kept_read_back_and_replaced(spec: str, finished: ResultRecord, stopped: ResultRecord) -> None:
    with open_store(spec) as store:
        store.put_result(stopped)
        store.put_result(finished)
        store.put_result(finished.model_copy(update={"game": "other", "class_code": None}))
        got = store.results("K7M-4QC")
        assert {r.game for r in got} == {finished.game, stopped.game}
        assert store.result(finished.game) == finished
        assert [r.game for r in store.results(None)] == ["other"]
        # the same game, resumed and finished: its record replaces the stopped one
        later = stopped.model_copy(update={"finished": True, "weeks_played": 20})
        store.put_result(later)
        assert store.result(stopped.game) == later
        assert len(store.results("K7M-4QC")) == 2
    with open_store(spec) as again:  # a second opening finds the same store
        assert again.result(finished.game) == finished


def test_classes_are_kept_and_a_taken_code_is_made_again(spec: str) -> None:
    codes = iter(["K7M-4QC", "K7M-4QC", "222-222"])
    with open_store(spec) as store:
        first = store.add_class(lambda: settings(next(codes)))
        second = store.add_class(lambda: settings(next(codes)))
        assert first.code == "K7M-4QC" and second.code == "222-222"
        assert store.get_class("K7M-4QC") == first
        assert store.get_class("ABC-DEF") is None
        assert {c.code for c in store.classes()} == {"K7M-4QC", "222-222"}


def test_historical_families_are_kept_by_their_key(spec: str) -> None:
    with open_store(spec) as s:
        assert s.family("k1") is None
        s.put_family("k1", '{"rows": [[1.0]]}')
        s.put_family("k1", '{"rows": "the same key is the same family: kept once"}')
        s.put_family("k2", '{"rows": [[2.0]]}')
    with open_store(spec) as s:  # another server of the class reads them
        assert s.family("k1") == '{"rows": [[1.0]]}' and s.family("k2") == '{"rows": [[2.0]]}'


def test_a_record_says_who_decided(finished: ResultRecord, stopped: ResultRecord) -> None:
    by_role = {(d.role, d.by) for d in finished.decisions}
    assert all(by == "computer" for role, by in by_role if role != "coordinator")
    assert all(by in ("player", "default") for role, by in by_role if role == "coordinator")
    # nobody chose anything, so every dilemma put to the coordinator took its default
    assert {d.by for d in finished.decisions if d.role == "coordinator"} == {"default"}
    assert finished.finished and finished.weeks_played == finished.weeks == 20
    assert len(finished.ledger) == 21
    assert all(m.position for m in finished.summary if m.band is not None)
    assert not stopped.finished and stopped.weeks_played == 3 and len(stopped.ledger) == 4
    assert all(m.position == "" for m in stopped.summary)


def test_the_players_own_choice_is_marked_as_theirs() -> None:
    s = Session.new("aleppo-2016", roles=["coordinator"], seed=5, autosave=False)
    mine = None
    while not s.finished:
        dls = s.dilemmas("coordinator")
        if dls and mine is None:
            d = dls[0]
            other = next(o.id for o in d.options if o.id != d.default and o.affordable)
            s.choose("coordinator", d.id, other)
            mine = (s.week + 1, d.id, other)
        s.advance()
    assert mine is not None
    rec = record_of(s)
    week, did, opt = mine
    assert [x for x in rec.decisions if x.dilemma == did] == [
        x.model_copy() for x in rec.decisions if x.dilemma == did and x.by == "player" and x.week == week and x.option == opt
    ]


# ------------------------------------------------------------------ thirty at once


def _write_one(spec: str, record_json: str, k: int, start: object) -> None:
    record = ResultRecord.model_validate_json(record_json)
    start.wait()  # type: ignore[attr-defined]
    with open_store(spec) as store:
        store.put_result(record.model_copy(update={"game": f"game-{k}", "player": f"student {k}"}))


def test_thirty_games_ending_at_the_same_moment_lose_nothing(spec: str, finished: ResultRecord) -> None:
    with open_store(spec):
        pass  # the store exists, as `class new` leaves it
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [
        ctx.Process(target=_write_one, args=(spec, finished.model_dump_json(), k, start))
        for k in range(GAMES_AT_ONCE)
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * GAMES_AT_ONCE
    with open_store(spec) as store:
        got = store.results(finished.class_code)
    assert sorted(r.player or "" for r in got) == sorted(f"student {k}" for k in range(GAMES_AT_ONCE))


def test_games_make_a_new_store_together(tmp_path: Path, finished: ResultRecord) -> None:
    spec = str(tmp_path / "new.sqlite")
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_write_one, args=(spec, finished.model_dump_json(), k, start)) for k in range(NEW_AT_ONCE)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * NEW_AT_ONCE
    with open_store(spec) as store:
        assert len(store.results(finished.class_code)) == NEW_AT_ONCE
    assert sqlite3.connect(spec).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ------------------------------------------------------------------ not a store


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _foreign_sqlite(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE marks (student TEXT, mark INTEGER)")
    con.execute("INSERT INTO marks VALUES ('a', 1)")
    con.commit()
    con.close()


def _newer_store(p: Path) -> None:
    with open_store(p):
        pass
    con = sqlite3.connect(p)
    con.execute("UPDATE corridors_meta SET value = '99' WHERE key = 'schema'")
    con.commit()
    con.close()


def _other_meta(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE corridors_meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO corridors_meta VALUES ('format', 'something-else')")
    con.commit()
    con.close()


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda p: p.write_text("name,mark\na,1\n"), "is not a Corridors results store (not an SQLite database)"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(4000)), "is a corrupt results store or not one"),
        (_foreign_sqlite, "is an SQLite database of something else"),
        (_other_meta, "its corridors_meta table belongs to something else"),
        (_newer_store, "was made by a newer version of Corridors"),
    ],
    ids=["text", "garbage", "foreign", "other-meta", "newer"],
)
def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path: Path, make: object, fragment: str, finished: ResultRecord) -> None:
    p = tmp_path / "results.sqlite"
    make(p)  # type: ignore[operator]
    before = _digest(p)
    with pytest.raises(StoreError) as e:
        with open_store(p) as store:
            store.put_result(finished)
    assert fragment in str(e.value) and "\n" not in str(e.value)
    assert _digest(p) == before
    wal = tmp_path / "results.sqlite-wal"  # nothing written beside it either
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_postgresql_database_of_something_else_keeps_its_tables(postgres_url: str) -> None:
    from sqlalchemy import create_engine, text

    drop_tables(postgres_url)
    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE someone_elses (x int)"))
        conn.execute(text("INSERT INTO someone_elses VALUES (7)"))
    try:
        with open_store(postgres_url) as store:
            assert store.kind == "postgresql"
        with engine.begin() as conn:
            conn.execute(text("UPDATE corridors_meta SET value = 'else' WHERE key = 'format'"))
        with pytest.raises(StoreError, match="belongs to something else"):
            open_store(postgres_url)
        with engine.begin() as conn:
            assert conn.execute(text("SELECT x FROM someone_elses")).scalar() == 7
    finally:
        engine.dispose()
        drop_tables(postgres_url)


@pytest.mark.parametrize(
    "spec, fragment",
    [
        ("mysql://u@h/db", "not a kind of store this game uses"),
        ("postgresql://nobody:secret@127.0.0.1:1/none", "cannot connect"),
        ("no/such/folder/results.sqlite", "no such folder"),
    ],
)
def test_unusable_stores_are_one_line(spec: str, fragment: str) -> None:
    with pytest.raises(StoreError) as e:
        open_store(spec)
    assert "\n" not in str(e.value)
    assert "secret" not in str(e.value)
    if fragment != "cannot connect":
        assert fragment in str(e.value)


def test_the_store_is_marked_as_this_games(tmp_path: Path) -> None:
    p = tmp_path / "s.sqlite"
    with open_store(p) as store:
        assert isinstance(store, Store) and store.kind == "sqlite"
    con = sqlite3.connect(p)
    assert dict(con.execute("SELECT key, value FROM corridors_meta"))["format"] == STORE_FORMAT


def test_a_store_file_may_have_any_name(tmp_path: Path, finished: ResultRecord) -> None:
    p = tmp_path / "class 7b?mode=ro&x=%20#1.sqlite"
    with open_store(p) as store:
        store.put_result(finished)
    with open_store(p) as store:
        assert store.result(finished.game) == finished
    assert [x.name for x in tmp_path.iterdir() if x.suffix == ".sqlite"] == [p.name]


# ------------------------------------------------------------------ versions


def test_a_finished_game_keeps_its_turning_points_and_questions(finished: ResultRecord, stopped: ResultRecord) -> None:
    assert finished.version == 3
    assert finished.turning_points and finished.questions
    assert all(tp.week >= 1 and tp.kind in ("decision", "choice", "chance") for tp in finished.turning_points)
    assert stopped.turning_points == () and stopped.questions == () and stopped.changed == ()


def test_a_finished_game_keeps_what_its_choices_changed(finished: ResultRecord) -> None:
    """Against the historical decisions on the same luck: every measure the roles touch,
    the civilian ledger first, each with the game's value and the historical one."""
    ids = [ch.id for ch in finished.changed]
    assert ids[:2] == ["east.killed", "east.injured"] and len(ids) == len(set(ids))
    killed = next(ch for ch in finished.changed if ch.id == "east.killed")
    assert killed.kind == "ledger" and killed.yours == finished.measure("final-east-killed")


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_record_is_read_as_the_current_version(tmp_path: Path, finished: ResultRecord, version: int) -> None:
    """A record written before turning points and questions (1) or the changes (2) were
    kept reads with none."""
    path = tmp_path / "results.sqlite"
    with open_store(str(path)) as store:
        store.put_result(finished)
    old = finished.model_dump(mode="json")
    old["version"] = version
    del old["changed"]
    if version == 1:
        del old["turning_points"], old["questions"]
    con = sqlite3.connect(path)
    con.execute("UPDATE corridors_results SET version = ?, record = ?", (version, json.dumps(old)))
    con.commit()
    con.close()
    with open_store(str(path)) as store:
        back = store.result(finished.game)
    assert back is not None and back.version == 3 and back.changed == ()
    assert (back.turning_points == () and back.questions == ()) == (version == 1)
    assert back.summary == finished.summary and back.ledger == finished.ledger

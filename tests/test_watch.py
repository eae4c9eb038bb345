"""`corridors class watch CODE`: the teacher's screen of a class, read again from the
results store as results arrive; a class's game writes its record as it starts and
after every turn (finished=false), so games in progress show; a bad code or an unusable
store is one line, exit 1."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game import cli
from game.classroom import classes
from game.classroom.classes import ResultKeeper, class_session, new_class
from game.classroom.storeopen import open_store
from game.classroom.watch import Watcher, class_watch
from game.model.results import ClassSettings, ResultDecision, ResultMeasure, ResultRecord
from game.present.watch import STALE_MINUTES, status, watch_document
from game.ui.app import CorridorsApp
from game.ui.screens.watch import WatchScreen
from game.ui.widgets.keybar import KeyBar

CODE = "X6Z-RZR"  # a valid class code
AT = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture()
def klass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ClassSettings, Path]:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CORRIDORS_THEME", raising=False)
    monkeypatch.setattr(classes, "make_code", lambda: CODE)  # a fixed code, for the snapshots
    store = tmp_path / "results.sqlite"
    settings, _ = new_class(str(store), "aleppo-2016", ["coordinator"], seed=11)
    return settings, store


def record(s: ClassSettings, n: int, player: str, *, finished: bool, weeks: int, killed: float, left: float,
           option: str | None = None, minutes_ago: int = 1) -> ResultRecord:
    decisions = ()
    if option is not None:
        decisions = (ResultDecision(week=9, role="coordinator", by="player", dilemma="convoy-attack", option=option),)
    return ResultRecord(
        game=f"game-{n}", class_code=s.code, player=player, scenario=s.scenario, scenario_hash=s.scenario_hash,
        seed=s.seed, roles=s.roles, policy=s.policy, written_at=AT - dt.timedelta(minutes=minutes_ago),
        finished=finished, weeks_played=weeks, weeks=20, decisions=decisions,
        summary=(
            ResultMeasure(id="final-east-killed", label="killed", value=killed),
            ResultMeasure(id="final-east-left", label="left", value=left),
        ),
    )


def fill(s: ClassSettings, store: Path) -> None:
    with open_store(str(store)) as st:
        st.put_result(record(s, 1, "Amal", finished=True, weeks=20, killed=1800, left=9000, option="suspend"))
        st.put_result(record(s, 2, "Bilal", finished=True, weeks=20, killed=2100, left=7000, option="keep-going"))
        st.put_result(record(s, 3, "Chen", finished=False, weeks=6, killed=400, left=2000))
        st.put_result(record(s, 4, "Dana", finished=False, weeks=3, killed=200, left=500, minutes_ago=40))


class FixedWatcher(Watcher):
    """The store read as `Watcher` reads it, at a fixed time (for snapshots)."""

    def __call__(self) -> Any:
        with open_store(self.store_spec) as st:
            records = st.results(self.settings.code)
        return class_watch(self.settings, records, self.scenario, at=AT)


def text_of(app: CorridorsApp) -> str:
    """What the watch screen shows, as the plain text of its document (every paragraph,
    list item and table cell)."""
    from game.present.doc import Items, Table

    screen = app.screen
    assert isinstance(screen, WatchScreen) and screen.reading is not None
    out: list[str] = []
    for b in watch_document(screen.reading).blocks:
        if isinstance(b, Table):
            out += ["  ".join(c.text for c in row) for row in b.rows]
        elif isinstance(b, Items):
            out += list(b.texts)
        else:
            out.append(getattr(b, "text", ""))
    return "\n".join(out)


def test_the_watch_shows_the_games_and_a_new_one_after_a_refresh(klass: tuple[ClassSettings, Path]) -> None:
    s, store = klass
    fill(s, store)
    watcher = FixedWatcher(str(store), s.code)

    async def go() -> None:
        app = CorridorsApp(watch=watcher, blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WatchScreen)
            shown = text_of(app)
            for name in ("Amal", "Bilal", "Chen", "Dana"):
                assert name in shown
            assert "finished" in shown and "playing, week 7 of 20" in shown and "stopped after week 3" in shown
            assert "4 games: 1 playing, 2 finished." in shown
            assert "1,950" in shown  # the median of the finished games' killed
            assert "Suspend all convoys 1" in shown and "Keep convoys ready 1" in shown
            assert "Emre" not in shown
            bar = [desc for _, desc, _ in app.screen.query_one(KeyBar)._items()]
            palette = [name for name, _, _ in app.palette_commands()]
            assert "Refresh" in bar and "Save" not in bar + palette  # nothing to save here
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not app._notifications  # and ctrl+s does nothing
            with open_store(str(store)) as st:
                st.put_result(record(s, 5, "Emre", finished=False, weeks=1, killed=10, left=0))
            await pilot.press("r")
            await pilot.pause()
            assert "Emre" in text_of(app) and "5 games: 2 playing" in text_of(app)
            await pilot.press("q")

    asyncio.run(go())


def test_the_timer_reads_the_store_again(klass: tuple[ClassSettings, Path]) -> None:
    s, store = klass
    watcher = Watcher(str(store), s.code)

    async def go() -> None:
        app = CorridorsApp(watch=watcher, blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WatchScreen)
            assert "No game yet" in text_of(app)
            with open_store(str(store)) as st:
                st.put_result(record(s, 1, "Farah", finished=False, weeks=2, killed=50, left=10))
            deadline = time.monotonic() + 30
            while "Farah" not in text_of(app) and time.monotonic() < deadline:
                await pilot.pause(0.5)
            assert "Farah" in text_of(app)

    asyncio.run(go())


def test_a_class_game_writes_its_record_at_every_turn(klass: tuple[ClassSettings, Path]) -> None:
    s, store = klass
    keeper = ResultKeeper(str(store), settings=s, player="Gul")
    session = class_session(s)
    session.autosave = False
    keeper.session = session

    def kept() -> ResultRecord | None:
        with open_store(str(store)) as st:
            return st.result(session.game_id)

    def until(weeks: int) -> ResultRecord:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            r = kept()
            if r is not None and r.weeks_played == weeks:
                return r
            time.sleep(0.05)
        raise AssertionError(f"no record of week {weeks}: {kept()}")

    first = until(0)
    assert not first.finished and first.player == "Gul" and first.class_code == s.code
    session.advance()
    session.advance()
    r = until(2)
    assert not r.finished and len(r.ledger) == 3
    kept_now = keeper.keep()
    assert kept_now is not None and kept_now[0].weeks_played == 2
    final = kept()
    assert final is not None and final.weeks_played == 2 and final == kept_now[0]
    session.advance()  # after the last result, no more turn records
    time.sleep(0.3)
    assert kept() == final


def test_a_resumed_class_game_writes_its_record_at_every_turn(klass: tuple[ClassSettings, Path]) -> None:
    s, store = klass
    session = class_session(s)
    session.autosave = False
    first = ResultKeeper(str(store), settings=s, player="Hana")
    first.session = session
    session.advance()
    first.keep()  # the game is stopped after week 1 ...
    session.after_turn.clear()
    again = ResultKeeper(str(store))  # ... and resumed (play --load): no class given
    again.session = session

    def kept() -> ResultRecord | None:
        with open_store(str(store)) as st:
            return st.result(session.game_id)

    deadline = time.monotonic() + 30
    while again.settings is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert again.class_code == s.code and again.player == "Hana"
    session.advance()
    while time.monotonic() < deadline:
        r = kept()
        if r is not None and r.weeks_played == 2:
            break
        time.sleep(0.05)
    r = kept()
    assert r is not None and r.weeks_played == 2 and not r.finished and r.class_code == s.code and r.player == "Hana"
    again.keep()


def test_a_game_without_a_class_writes_only_at_the_end(tmp_path: Path) -> None:
    from game.session import Session

    store = tmp_path / "r.sqlite"
    keeper = ResultKeeper(str(store))
    session = Session.new(seed=2, autosave=False)
    keeper.session = session
    session.advance()
    time.sleep(0.2)
    with open_store(str(store)) as st:
        assert st.results(None) == []
    keeper.keep()
    with open_store(str(store)) as st:
        assert [r.weeks_played for r in st.results(None)] == [1]


def test_the_document_words_an_empty_class(klass: tuple[ClassSettings, Path]) -> None:
    s, _ = klass
    doc = watch_document(class_watch(s, [], None, at=AT))
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert any("No game yet" in t for t in texts)
    assert any("appears when a game has finished" in t for t in texts)


def test_a_lesson_game_is_counted_in_its_lesson_turns(tmp_path: Path) -> None:
    from classgames import lesson_game

    store = tmp_path / "lesson.sqlite"
    klass, s = lesson_game(store, 3)
    with open_store(str(store)) as st:
        (r,) = st.results(klass.code)
    assert r.length == "lesson" and r.weeks_played == s.week > 3  # the turns cover more weeks
    sc = Watcher(str(store), klass.code).scenario
    now = class_watch(klass, [r], sc, at=r.written_at)
    assert now.games[0].lesson_turns == (s.turn_number - 1, s.n_turns)
    playing = status(now.games[0], now.at)
    assert playing == f"playing, turn {s.turn_number} of {s.n_turns}" and s.n_turns < s.n_weeks
    later = r.written_at + dt.timedelta(minutes=STALE_MINUTES + 1)
    assert status(now.games[0], later) == f"stopped after turn {s.turn_number - 1}"
    # without the scenario the turns are unknown, and the weeks are said
    blind = class_watch(klass, [r], None, at=r.written_at)
    assert status(blind.games[0], blind.at) == f"playing, week {s.week + 1} of {s.n_weeks}"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("CORRIDORS_DEBUG", raising=False)
        mp.setattr(sys, "stdin", io.StringIO(""))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_bad_input_is_one_line(klass: tuple[ClassSettings, Path], tmp_path: Path) -> None:
    s, store = klass
    other = tmp_path / "not-a-store.txt"
    other.write_text("hello")
    wrong = s.code[:-1] + ("A" if s.code[-1] != "A" else "B")
    for args in (
        ("class", "watch", wrong, "--store", str(store)),
        ("class", "watch", "K7M-4QX", "--store", str(store)),
        ("class", "watch", s.code, "--store", str(other)),
        ("class", "watch", s.code, "--store", str(tmp_path / "no" / "such.sqlite")),
        ("class", "watch", s.code, "--store", "mysql://x"),
    ):
        code, out, err = run(*args)
        assert code != 0, args
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("corridors: error: "), (args, err)
        assert "Traceback" not in err


SNAP_SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SNAP_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot(size: tuple[int, int], klass: tuple[ClassSettings, Path], snap_compare: Any) -> None:
    s, store = klass
    fill(s, store)
    watcher = FixedWatcher(str(store), s.code)
    app = CorridorsApp(watch=watcher, blink=False)
    assert snap_compare(app, terminal_size=size)

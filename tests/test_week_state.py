"""The state front ends used to keep for themselves lives in the session and its save:
whose turn it is in hot-seat, the plan being made and the week's dilemma answers, the
class code a seed came from, and the list of saves. Each survives quitting mid-week and
continuing, in the line mode and in the Textual game; a version-2 save migrates to
version 3 and loses nothing."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest
from support import run_corridors

from game.plain import LineGame
from game.present.saves import save_text
from game.present.words import seed_words
from game.session import (
    CURRENT_VERSION,
    SaveError,
    Session,
    SessionError,
    code_seed,
    list_saves,
    parse_seed,
    read_save,
    seed_of,
)
from game.ui.app import CorridorsApp
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.modals import PassScreen
from game.ui.screens.week import WeekScreen

SIZE = (100, 30)
HOT_SEAT = ["coordinator", "civil-defence"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def first_action(s: Session, role: str) -> str:
    return next(a.id for a in s.actions(role) if a.available and a.affordable)


def week_with_dilemma(s: Session, role: str) -> Session:
    """Play weeks until one puts a dilemma to `role`."""
    while not s.dilemmas(role):
        s.advance()
    return s


# -------------------------------------------------------------------- the session


def test_turn_and_plans_are_saved_and_taken_up_again(tmp_path: Path) -> None:
    s = Session.new(roles=HOT_SEAT, seed=5, save_dir=tmp_path)
    week_with_dilemma(s, "coordinator")
    d = s.dilemmas("coordinator")[0]
    other = next(o.id for o in d.options if not o.is_default)
    s.choose("coordinator", d.id, other)
    s.toggle("coordinator", first_action(s, "coordinator"))
    assert s.player == "coordinator" and s.end_turn() is True
    assert s.turn == 1 and s.player == "civil-defence"
    s.toggle("civil-defence", first_action(s, "civil-defence"))
    path = s.save()

    again = Session.load(path)
    assert again.turn == 1 and again.player == "civil-defence"
    assert again.plan("coordinator") == s.plan("coordinator")
    assert again.plan("civil-defence") == s.plan("civil-defence")
    assert again.dilemmas("coordinator")[0].chosen == other
    assert again.end_turn() is False  # the last player: the week is ready
    again.advance()
    assert again.turn == 0 and again.plan("coordinator").actions == ()


def test_a_week_in_progress_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    s = Session.new(roles=HOT_SEAT, seed=5, save_dir=tmp_path)
    path = s.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    for bad in ({"turn": 2}, {"plans": {"coordinator": {"actions": ["no-such-action"]}}}):
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps({**data, **bad}), encoding="utf-8")
        with pytest.raises(SaveError, match="the week in progress"):
            Session.load(broken)


def test_a_version_2_save_migrates_and_loses_nothing(tmp_path: Path) -> None:
    s = Session.new(seed=9, save_dir=tmp_path)
    for _ in range(3):
        s.advance()
    data = json.loads(s.save().read_text(encoding="utf-8"))
    assert data["version"] == CURRENT_VERSION == 4
    old = {k: v for k, v in data.items() if k not in ("turn", "plans", "code", "weeks")}
    old["version"] = 2
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    sf = read_save(path)
    assert (sf.turn, sf.plans, sf.code, sf.weeks) == (0, {}, "", None)
    again = Session.load(path)
    assert again.state == s.state and again.log == s.log and again.seed == 9
    assert {k: v for k, v in again.save_data().items() if k != "saved_at"} == {
        k: v for k, v in data.items() if k != "saved_at"
    }


def test_a_class_code_is_a_seed_and_the_game_keeps_the_word(tmp_path: Path) -> None:
    assert parse_seed(" Room 12B ") == (code_seed("room 12b"), "Room 12B")
    assert parse_seed("7") == (7, "")
    for bad in ("x" * 41, "bell\x07"):
        with pytest.raises(SessionError):
            parse_seed(bad)
    s = Session.new(seed="Room 12B", save_dir=tmp_path)
    assert s.seed == code_seed("ROOM 12b") and s.code == "Room 12B"
    assert '"Room 12B"' in seed_words(s.code, s.seed) and str(s.seed) in seed_words(s.code, s.seed)
    again = Session.load(s.save())
    assert (again.seed, again.code) == (s.seed, "Room 12B")
    seven = Session.new(seed=7, autosave=False)
    assert seed_words(seven.code, seven.seed) == "seed 7"
    # seed_of, for the commands that must have a seed: the same reading, a random seed
    # for nothing typed
    assert seed_of(" Room 12B ") == parse_seed("Room 12B") and seed_of("7") == (7, "")
    for nothing in ("", "  ", None):
        seed, code = seed_of(nothing)
        assert 0 <= seed < 1_000_000 and code == ""
    with pytest.raises(SessionError):
        seed_of("x" * 41)


def test_the_list_of_saves(tmp_path: Path) -> None:
    done = Session.new(seed=1, save_dir=tmp_path)
    while not done.finished:
        done.advance()
    going = Session.new(roles=HOT_SEAT, seed="river", save_dir=tmp_path)
    going.advance()
    going.save()
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    infos = {i.path.name: i for i in list_saves(tmp_path)}
    assert set(infos) == {done.autosave_path.name, going.autosave_path.name, "broken.json"}
    a, b = infos[done.autosave_path.name], infos[going.autosave_path.name]
    assert a.finished is True and a.week == a.weeks == done.n_weeks and not a.problem
    assert b.finished is False and b.week == 1 and b.code == "river"
    assert b.roles == tuple(going.role_info(r).name for r in HOT_SEAT)
    assert b.saved_at is not None
    assert infos["broken.json"].problem and infos["broken.json"].finished is None
    line = save_text(b)
    assert f"turn 2 of {going.n_weeks} next, the week of 10 July 2016" in line and '"river"' in line
    assert line.startswith(", ".join(b.roles))
    assert "finished" in save_text(a) and "cannot be read" in save_text(infos["broken.json"])


# -------------------------------------------------------------------- the command line


def test_corridors_saves_and_seed_words(tmp_path: Path, home: Path) -> None:
    r = run_corridors("saves", home=home)
    assert r.returncode == 0 and "No saved games" in r.stdout, r.stderr
    r = run_corridors("play", "--plain", "--seed", "Room 12B", home=home, stdin="quit\n")
    assert r.returncode == 0, r.stderr
    assert f'Game seed: {code_seed("room 12b")}, from the class code "Room 12B"' in r.stdout
    r = run_corridors("saves", home=home)
    assert r.returncode == 0, r.stderr
    assert "turn 1 of" in r.stdout and '"Room 12B"' in r.stdout
    r = run_corridors("play", "--plain", "--seed", "x" * 41, home=home)
    assert r.returncode == 2 and "class code" in r.stderr


# -------------------------------------------------------------------- the line mode


def play_lines(session: Session, text: str) -> str:
    out = io.StringIO()
    LineGame(session, io.StringIO(text), out).run()
    return out.getvalue()


def test_line_mode_quitting_mid_week_keeps_the_plan_and_the_turn(tmp_path: Path) -> None:
    s = Session.new(roles=HOT_SEAT, seed=5, save_dir=tmp_path)
    play_lines(s, "1\nend\n1\nquit\n")
    planned = s.plan("civil-defence").actions
    assert s.turn == 1 and len(planned) == 1 and len(s.plan("coordinator").actions) == 1
    again = Session.load(s.autosave_path)
    out = play_lines(again, "status\nquit\n")
    assert "Now deciding: " + again.role_info("civil-defence").name in out
    name = next(a.name for a in again.actions("civil-defence") if a.id == planned[0])
    assert f"Your plan: {name}." in out
    assert again.plan("coordinator") == s.plan("coordinator")


# -------------------------------------------------------------------- the Textual game


def test_textual_game_quitting_mid_week_keeps_the_plan_and_the_turn(tmp_path: Path) -> None:
    s = Session.new(roles=HOT_SEAT, seed=5, save_dir=tmp_path)
    week_with_dilemma(s, "coordinator")
    d = s.dilemmas("coordinator")[0]

    async def first() -> None:
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DilemmaScreen)
            await pilot.press("2")  # answer the dilemma with its second option
            await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            await pilot.press("1")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            while not isinstance(app.screen, PassScreen):
                await pilot.press("y")
                await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()

    asyncio.run(first())
    assert s.turn == 1 and s.plan("coordinator").actions
    chosen = s.plan("coordinator").choices.get(d.id)
    assert chosen is not None and chosen != d.default

    async def second() -> None:
        again = Session.load(s.autosave_path)
        app = CorridorsApp(again, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            assert app.screen.role == "civil-defence"
            assert "Turn of player 2 of 2" in app.export_screenshot().replace("&#160;", " ")
            assert again.plan("coordinator") == s.plan("coordinator")

    asyncio.run(second())

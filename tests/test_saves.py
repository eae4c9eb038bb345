"""Saves: the format, atomic writes, autosaves, and one-line errors for every bad file,
with the previous file left exactly as it was."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import game.session.saves as saves
from game.session import (
    CURRENT_VERSION,
    FORMAT,
    SaveError,
    Session,
    default_save_dir,
    read_save,
    scenario_hash,
    write_atomic,
)

ROLE = "coordinator"


@pytest.fixture(autouse=True)
def corridors_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def played() -> Session:
    """A game three weeks in, with a dilemma answered on the way."""
    s = Session.new(seed=11, autosave=False)
    s.decide(ROLE, ["preposition", "advocate"])
    s.advance()
    s.decide(ROLE, ["request_convoy"])
    s.advance()
    s.advance()
    return s


def saved(played: Session, folder: Path, name: str = "game.json") -> Path:
    return played.save(folder / name)


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ format


def test_save_format(played: Session, tmp_path: Path) -> None:
    path = saved(played, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT == "corridors-save"
    assert data["version"] == CURRENT_VERSION == 4
    assert data["scenario"] == "aleppo-2016"
    assert data["scenario_ref"] == "aleppo-2016"
    assert data["scenario_hash"] == scenario_hash(played.scenario)
    assert data["scenario_hash"].startswith("sha256:")
    assert data["seed"] == 11
    assert data["roles"] == [ROLE]
    assert data["content"] == "standard"
    assert data["policy"] == "historical"
    assert data["game"] == played.game_id
    assert [e["week"] for e in data["log"]] == [0, 1, 2]
    assert data["log"][0]["decisions"][ROLE] == {"actions": ["preposition", "advocate"], "choices": {}}
    assert data["state"]["week"] == 3
    assert (data["code"], data["weeks"], data["turn"], data["plans"]) == ("", 20, 0, {})
    assert data["length"] == "full"


def test_load_gives_the_same_game(played: Session, tmp_path: Path) -> None:
    back = Session.load(saved(played, tmp_path), autosave=False)
    assert back.state == played.state
    assert back.log == played.log
    assert back.game_id == played.game_id
    assert (back.seed, back.roles, back.content, back.policy) == (11, (ROLE,), "standard", "historical")
    # A loaded game plays on exactly as the original would.
    a = Session.load(saved(played, tmp_path, "a.json"), autosave=False)
    b = Session.load(saved(played, tmp_path, "b.json"), autosave=False)
    a.decide(ROLE, ["advocate"])
    b.decide(ROLE, ["advocate"])
    assert a.advance().after == b.advance().after
    assert a.state == b.state


def test_finished_game_round_trips(tmp_path: Path) -> None:
    s = Session.new(seed=12, autosave=False)
    while not s.finished:
        s.advance()
    back = Session.load(s.save(tmp_path / "end.json"), autosave=False)
    assert back.finished and back.state == s.state
    assert back.finish() == s.finish()


def test_a_scenario_from_a_path_is_found_again(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1] / "scenarios" / "aleppo-2016"
    s = Session.new(str(root), seed=1, autosave=False)
    s.advance()
    data = json.loads(s.save(tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["scenario_ref"] in ("aleppo-2016", str(root.resolve()))
    assert Session.load(tmp_path / "p.json").state == s.state


# ------------------------------------------------------------------ writing


def test_atomic_write_leaves_no_temporary_file(played: Session, tmp_path: Path) -> None:
    for k in range(3):
        saved(played, tmp_path, f"g{k}.json")
    saved(played, tmp_path, "g0.json")  # over an existing file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g0.json", "g1.json", "g2.json"]


def test_failed_save_leaves_the_previous_file(played: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(played, tmp_path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves.os, "fsync", broken_fsync)
    with pytest.raises(SaveError) as e:
        played.save(path)
    assert str(e.value).startswith(f"{path}: cannot be saved")
    assert "No space left on device" in str(e.value)
    assert "\n" not in str(e.value)
    assert path.read_bytes() == before
    assert no_temp_files(tmp_path)


def test_unstorable_value_fails_before_touching_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("previous", encoding="utf-8")
    with pytest.raises(SaveError, match="cannot be saved"):
        write_atomic(path, {"format": FORMAT, "bad": float("nan")})
    assert path.read_text(encoding="utf-8") == "previous"
    assert no_temp_files(tmp_path)


def test_save_into_a_missing_folder(played: Session, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "game.json"
    with pytest.raises(SaveError) as e:
        played.save(target)
    assert str(e.value).startswith(str(target))
    assert "no such folder" in str(e.value)
    assert not (tmp_path / "nope").exists()


# ------------------------------------------------------------------ autosave


def test_autosave_every_week(corridors_home: Path) -> None:
    s = Session.new(seed=13)
    assert s.autosave_path == corridors_home / "saves" / f"{s.game_id}.json"
    for week in (1, 2):
        s.advance()
        assert s.autosave_error is None
        data = json.loads(s.autosave_path.read_text(encoding="utf-8"))
        assert data["state"]["week"] == week
        assert len(data["log"]) == week
    files = [p.name for p in (corridors_home / "saves").iterdir() if not p.name.endswith(".lock")]
    assert files == [s.autosave_path.name]  # no temporary file left (the game's lock aside)
    # Resuming writes on to the same file.
    back = Session.load(s.autosave_path)
    back.advance()
    assert json.loads(s.autosave_path.read_text(encoding="utf-8"))["state"]["week"] == 3


def test_default_save_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "h"))
    assert default_save_dir() == tmp_path / "h" / "saves"
    monkeypatch.delenv("CORRIDORS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_save_dir() == tmp_path / "home" / ".local" / "share" / "corridors" / "saves"


def test_a_failed_autosave_does_not_stop_the_game(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    s = Session.new(seed=14, save_dir=blocker / "saves")
    s.advance()
    assert s.week == 1
    assert s.autosave_error and "\n" not in s.autosave_error
    assert blocker.read_text(encoding="utf-8") == "not a folder"


# ------------------------------------------------------------------ bad files


def edit(played: Session, folder: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = played.save_data()
    change(data)
    path = folder / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _tamper_log(d: dict[str, Any]) -> None:
    d["log"][0]["decisions"][ROLE]["actions"] = ["advocate"]


def _tamper_state(d: dict[str, Any]) -> None:
    d["state"]["present"][0] += 1


def _drop_a_week(d: dict[str, Any]) -> None:
    d["log"].pop()


def _illegal_log(d: dict[str, Any]) -> None:
    d["log"][0]["decisions"][ROLE]["actions"] = ["fly"]


def _bool_version(d: dict[str, Any]) -> None:
    d["version"] = True


RAW_CASES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "is empty"),
    "blank": (b"  \n\n ", "is empty"),
    "not json": (b"hello, world", "is not a Corridors save (not JSON)"),
    "binary": (b"\x00\xff\xfe\x89PNG\r\n", "not UTF-8"),
    "json list": (b"[1, 2, 3]", "is not a Corridors save"),
    "foreign json": (b'{"format": "someone-else", "version": 1}', "is not a Corridors save"),
    "no format": (b'{"version": 1, "state": {}}', "is not a Corridors save"),
    "newer": (b'{"format": "corridors-save", "version": 5}', "newer Corridors (save format 5; this one reads up to 4)"),
    "version zero": (b'{"format": "corridors-save", "version": 0}', "unknown save format version 0"),
    "version text": (b'{"format": "corridors-save", "version": "1"}', "format version is missing or not a whole number"),
    "shape": (b'{"format": "corridors-save", "version": 1}', "is corrupt: "),
    "deep": (b'{"a":' + b"[" * 100000 + b"]" * 100000 + b"}", "is corrupt: nested too deeply"),
}

EDIT_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "log tampered": (_tamper_log, "does not replay"),
    "state tampered": (_tamper_state, "does not replay"),
    "week missing from log": (_drop_a_week, "does not replay"),
    "illegal log": (_illegal_log, "does not replay"),
    "unknown scenario": (lambda d: d.update(scenario="atlantis", scenario_ref="atlantis"), 'needs scenario "atlantis"'),
    "unknown role": (lambda d: d.update(roles=["pilot"]), 'is corrupt: unknown role "pilot"'),
    "unknown policy": (lambda d: d.update(policy="win"), 'is corrupt: unknown policy "win"'),
    "bad content": (lambda d: d.update(content="loud"), "is corrupt: content"),
    "state mangled": (lambda d: d["state"].update(present="many"), "is corrupt: state.present"),
    "other seed": (lambda d: d.update(seed=d["seed"] + 1), "belongs to another game"),
    "extra key": (lambda d: d.update(cheat=True), "is corrupt: cheat"),
    "bool version": (_bool_version, "not a whole number"),
    "game id with a path": (lambda d: d.update(game="../../elsewhere"), "is corrupt: game"),
}


def check_refused(path: Path, fragment: str, **kwargs: Any) -> None:
    before = path.read_bytes()
    with pytest.raises(SaveError) as e:
        Session.load(path, **kwargs)
    message = str(e.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    assert fragment in message, message
    assert path.read_bytes() == before  # a failed load never touches the file


@pytest.mark.parametrize("case", sorted(RAW_CASES))
def test_bad_files_are_refused_in_one_line(case: str, tmp_path: Path) -> None:
    raw, fragment = RAW_CASES[case]
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    check_refused(path, fragment)


@pytest.mark.parametrize("case", sorted(EDIT_CASES))
def test_edited_saves_are_refused_in_one_line(case: str, played: Session, tmp_path: Path) -> None:
    change, fragment = EDIT_CASES[case]
    check_refused(edit(played, tmp_path, change), fragment)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_truncated_saves(cut: float, played: Session, tmp_path: Path) -> None:
    whole = saved(played, tmp_path).read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(whole[: int(len(whole) * cut)])
    check_refused(path, "is corrupt or truncated")


def test_a_save_of_another_scenario(played: Session, tmp_path: Path) -> None:
    check_refused(saved(played, tmp_path), 'is a save of scenario "aleppo-2016", not "northbank"', expect_scenario="northbank")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such save file"):
        Session.load(tmp_path / "none.json")
    with pytest.raises(SaveError, match="is a folder"):
        Session.load(tmp_path)


def test_failed_load_keeps_the_session_and_autosave(played: Session, tmp_path: Path) -> None:
    """Loading a bad file never overwrites the good autosave it might be mistaken for."""
    good = saved(played, tmp_path, "good.json")
    before = good.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(before[:100])
    with pytest.raises(SaveError):
        Session.load(bad)
    assert good.read_bytes() == before
    assert Session.load(good, autosave=False).state == played.state


# ------------------------------------------------------------------ migrations


def test_migration_hook_upgrades_step_by_step(played: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(played, tmp_path)
    calls: list[int] = []

    def four_to_five(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data["version"])
        data["content"] = "gentle"
        return data

    monkeypatch.setattr(saves, "CURRENT_VERSION", 5)
    monkeypatch.setitem(saves.MIGRATIONS, 4, four_to_five)
    sf = read_save(path)
    assert calls == [4]
    assert sf.version == 5 and sf.content == "gentle"


def test_missing_migration_is_an_error(played: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(played, tmp_path)
    monkeypatch.setattr(saves, "CURRENT_VERSION", 6)
    monkeypatch.setitem(saves.MIGRATIONS, 4, lambda d: d)
    with pytest.raises(SaveError, match="uses save format 5, which this Corridors can no longer read"):
        read_save(path)


def test_unreadable_file(played: Session, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = saved(played, tmp_path)
    path.chmod(0)
    try:
        with pytest.raises(SaveError, match="cannot be read"):
            Session.load(path)
    finally:
        path.chmod(0o644)


def test_a_version_1_save_with_content_full_loads_as_standard(played: Session, tmp_path: Path) -> None:
    """Format 1 called the standard content level "full"; such saves still load."""
    path = saved(played, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 1
    data["content"] = "full"
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    sf = read_save(old)
    assert (sf.version, sf.content) == (saves.CURRENT_VERSION, "standard")
    back = Session.load(old, autosave=False)
    assert back.content == "standard"
    assert back.state == played.state
    assert json.loads(old.read_text(encoding="utf-8"))["content"] == "full"  # reading never writes
    data["content"] = "gentle"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert Session.load(old, autosave=False).content == "gentle"


def test_a_version_3_save_is_a_full_game(played: Session, tmp_path: Path) -> None:
    """Format 4 keeps the game's length; every earlier save is of the full game."""
    path = saved(played, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 3
    del data["length"]
    old = tmp_path / "v3.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    sf = read_save(old)
    assert (sf.version, sf.length) == (saves.CURRENT_VERSION, "full")
    back = Session.load(old, autosave=False)
    assert back.length == "full" and back.state == played.state and back.span == (3, 4)


def test_a_lesson_game_saves_its_length(tmp_path: Path) -> None:
    game = Session.new(seed=4, roles=ROLE, length="lesson", save_dir=tmp_path, autosave=False)
    game.advance()
    path = game.save(tmp_path / "lesson.json")
    assert json.loads(path.read_text(encoding="utf-8"))["length"] == "lesson"
    back = Session.load(path, autosave=False)
    assert (back.length, back.week, back.span, back.turn_number, back.n_turns) == ("lesson", 2, (2, 5), 2, 8)
    assert back.state == game.state


# ------------------------------------------------------------------ a changed scenario


def test_a_save_of_other_scenario_content_is_played_again(played: Session, tmp_path: Path, corridors_home: Path) -> None:
    # The hash says the scenario has changed since (here its content is in fact the same,
    # so playing the log again must give the very same game).
    path = edit(played, tmp_path, lambda d: d.update(scenario_hash="sha256:0"))
    before = path.read_bytes()
    back = Session.load(path)
    assert back.notice is not None and "\n" not in back.notice
    assert "played again" in back.notice and path.name in back.notice and "left out" not in back.notice
    assert back.state == played.state and back.log == played.log
    assert back.game_id != played.game_id
    assert path.read_bytes() == before  # the old save is kept as it was
    assert back.autosave_path.exists() and back.autosave_path != path
    again = Session.load(back.autosave_path)
    assert again.notice is None and again.state == played.state


def test_decisions_no_longer_possible_are_left_out_and_counted(played: Session, tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["scenario_hash"] = "sha256:0"
        d["log"][0]["decisions"][ROLE]["actions"] = ["teleport", *d["log"][0]["decisions"][ROLE]["actions"]]

    back = Session.load(edit(played, tmp_path, change), autosave=False)
    assert back.notice is not None and "1 of your decisions are no longer possible" in back.notice
    assert back.state == played.state  # the rest of the week's plan was played as before


def test_a_save_played_again_on_a_really_changed_scenario(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "aleppo-2016"
    shutil.copytree(Path(__file__).resolve().parents[1] / "scenarios" / "aleppo-2016", root)
    s = Session.new(str(root), seed=4, autosave=False)
    s.decide(ROLE, ["preposition"])
    s.advance()
    s.advance()
    path = s.save(tmp_path / "old.json")
    main = root / "scenario.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace("weekly_sigma: 0.30", "weekly_sigma: 0.45"), encoding="utf-8")
    back = Session.load(path, autosave=False)
    assert back.notice is not None and back.week == s.week == 2
    assert [e.decisions[ROLE] for e in back.log] == [e.decisions[ROLE] for e in s.log]
    assert back.state != s.state  # other luck's spread: other figures
    assert back.replay() == back.state


def test_a_log_out_of_order_is_still_refused_when_played_again(played: Session, tmp_path: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["scenario_hash"] = "sha256:0"
        d["log"][1]["week"] = 0

    check_refused(edit(played, tmp_path, change), "is corrupt: the decision log has week 1 where week 2 was due")


def test_a_save_whose_roles_are_gone_cannot_be_played_again(played: Session, tmp_path: Path) -> None:
    check_refused(
        edit(played, tmp_path, lambda d: d.update(scenario_hash="sha256:0", roles=["pilot"])),
        'cannot be played on it again: unknown role "pilot"',
    )


def test_the_saved_form_declares_every_field_of_the_state() -> None:
    # A save's state is checked against SavedState and then made into a GameState (which
    # may be a compiled class pydantic cannot build): the two must list the same fields,
    # of the same types, and a save may leave out exactly the fields that have defaults.
    import dataclasses
    import typing

    import pydantic

    from game.engine.compiled import compile_scenario
    from game.engine.core import new_game
    from game.model import gamestate
    from game.model.state import GameState, SavedState, state_from_json, state_to_json
    from game.scenario import registry

    fields = {f.name: f for f in dataclasses.fields(GameState)}
    assert list(SavedState.__annotations__) == list(fields)
    saved = typing.get_type_hints(SavedState)
    plain = typing.get_type_hints(GameState, vars(gamestate)) if isinstance(fields["week"].type, str) else None
    for name, f in fields.items():
        if name == "pending":  # list[Pending] is saved as list[SavedPending]
            continue
        want = typing.get_args(saved[name])[0] if typing.get_origin(saved[name]) is typing.NotRequired else saved[name]
        if plain is not None:  # the plain class: its annotations
            assert plain[name] == want, name
        else:  # a compiled class keeps only the runtime class of each field
            assert (typing.get_origin(want) or want) is f.type, name

    data = state_to_json(new_game(compile_scenario(registry.get("aleppo-2016")), 1))
    for name, f in fields.items():
        defaulted = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        less = {k: v for k, v in data.items() if k != name}
        if defaulted:
            assert getattr(state_from_json(less), name) == (f.default_factory() if callable(f.default_factory) else f.default)
        else:
            with pytest.raises(pydantic.ValidationError):
                state_from_json(less)


def test_a_state_with_delayed_effects_round_trips_through_json() -> None:
    from game.engine.compiled import compile_scenario
    from game.engine.core import new_game, step
    from game.engine.policies import get_policy
    from game.model.state import Pending, state_from_json, state_to_json
    from game.scenario import registry

    c = compile_scenario(registry.get("aleppo-2016"))
    pol = get_policy(c, "random")
    s = new_game(c, 5)
    while s.week < c.n_weeks // 2:
        s, _ = step(c, s, {role: pol(c, s, role) for role in c.roles})
    s.pending.append(Pending(due=s.week + 2, effect=0, origin="action:coordinator:request_convoy"))
    back = state_from_json(json.loads(json.dumps(state_to_json(s))))
    assert back == s
    assert type(back) is type(s)
    assert [type(p) for p in back.pending] == [type(p) for p in s.pending]


@pytest.mark.parametrize("length", ["lesson", "full"])
def test_the_list_of_saves_counts_the_games_own_turns(tmp_path: Path, length: str) -> None:
    """A lesson game's save is listed by its lesson turns, not by the weeks they cover."""
    from game.present.saves import save_text
    from game.session import list_saves

    going = Session.new(seed=6, roles=ROLE, length=length, save_dir=tmp_path / "going")
    for _ in range(3):
        going.advance()
    done = Session.new(seed=6, roles=ROLE, length=length, save_dir=tmp_path / "done")
    while not done.finished:
        done.advance()
    if length == "lesson":
        assert going.week > 3 and done.n_turns < done.compiled.n_weeks  # turns are not weeks here
    (info,) = list_saves(tmp_path / "going")
    assert (info.length, info.turn, info.turns) == (length, 3, going.n_turns)
    assert f"turn {going.turn_number} of {going.n_turns} next," in save_text(info)
    (info,) = list_saves(tmp_path / "done")
    assert info.finished and (info.turn, info.turns) == (done.n_turns, done.n_turns)
    assert f"finished ({done.n_turns} turns," in save_text(info)

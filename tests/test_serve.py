"""Browser play: `corridors serve` and the class code and name asked in the game.

- The join screen (Pilot): a code that opens no game is refused there with its reason;
  the right code and a name show the class, the roles and the content note, then the
  week. The words come from game.present.join.
- The door (game.classroom.join): mistyped, unknown or another class's code, a missing
  or long name; a joined game's result is kept under the name.
- `corridors serve`: a port in use, a bad host, a bad code, a store that cannot be used
  or has no class are one line, exit nonzero, no traceback; `play --join` outside a
  full-screen game is a usage error.
- A real server on a free loopback port, driven over the websocket the browser uses (no
  browser here; tests/test_browser.py opens the page in Chromium): the game process
  gets the allow-listed environment only (read from /proc), the student joins, and the
  result is in the store once the tab closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support import ROOT
from wsgame import WsGame

from game import cli, settings
from game.classroom.classes import new_class
from game.classroom.join import ClassDoor, JoinRefused
from game.classroom.serve import check_host, game_command, reach_lines
from game.classroom.storeopen import open_store
from game.present.join import JOIN_WORDS
from game.session.join import Welcome

ROLE = "coordinator"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("serve") / "class.sqlite")


@pytest.fixture(scope="module")
def code(store: str) -> str:
    klass, _ = new_class(store, "aleppo-2016", [ROLE], seed=11)
    return klass.code


@pytest.fixture(scope="module")
def other_code(store: str, code: str) -> str:
    klass, _ = new_class(store, "aleppo-2016", [ROLE], seed=12, content="gentle")
    return klass.code


def mistyped(code: str) -> str:
    from game.classroom.codes import ALPHABET

    first = code[0]
    return ALPHABET[(ALPHABET.index(first) + 1) % len(ALPHABET)] + code[1:]


# ------------------------------------------------------------------ the door


def test_door_refuses_what_opens_no_game(store: str, code: str, other_code: str) -> None:
    door = ClassDoor(store)
    w = JOIN_WORDS
    for typed, name, expect in (
        ("", "Ann", w.no_code),
        ("  ", "Ann", w.no_code),
        (code, "", w.no_name),
        (code, " \t\x07 ", w.no_name),
        (code, "x" * 61, w.name_too_long(60, 61)),
        ("22222", "Ann", "has 5 characters"),
        (mistyped(code), "Ann", "mistyped or two are swapped"),
        ("0OO-000", "Ann", "no O or 0"),
    ):
        with pytest.raises(JoinRefused) as e:
            door.join(typed, name)
        assert expect in str(e.value), (typed, name, str(e.value))
    # a valid code the store does not hold
    from game.classroom.codes import make_code

    with open_store(store) as s:
        known = {c.code for c in s.classes()}
    unknown = next(c for c in iter(make_code, None) if c not in known)
    with pytest.raises(JoinRefused, match="No class has that code here"):
        door.join(unknown, "Ann")
    # a server for one class refuses another class's code, and says no more
    only = ClassDoor(store, code)
    with pytest.raises(JoinRefused) as e:
        only.join(other_code, "Ann")
    assert str(e.value) == w.not_this_class() and other_code not in str(e.value) and code not in str(e.value)


def test_door_opens_the_class_game_and_keeps_its_result(store: str, code: str, other_code: str) -> None:
    door = ClassDoor(store, code)
    joined = door.join(code.lower().replace("-", " "), "  Ann\x1b[31m  B.  ")
    assert joined.name == "Ann [31m B." or joined.name.startswith("Ann")
    assert joined.session.seed == 11 and joined.session.roles == (ROLE,)
    welcome = door.welcome(joined)
    assert isinstance(welcome, Welcome)
    assert code in welcome.heading and code in welcome.text and joined.name in welcome.text
    assert welcome.note.startswith(JOIN_WORDS.content_note) and len(welcome.note) > 40
    kept = joined.keeper.keep()
    assert kept is not None and kept[0].class_code == code and kept[0].player == joined.name
    # the gentle class's content note is the gentle one
    gentle = ClassDoor(store).join(other_code, "Bo")
    sc = gentle.session.scenario
    assert gentle.session.content == "gentle"
    if sc.content_note_gentle:
        assert ClassDoor(store).welcome(gentle).note.endswith(sc.content_note_gentle)


def test_door_checks_the_store_before_a_server_starts(tmp_path: Path, store: str, code: str) -> None:
    classes, where = ClassDoor(store).classes()
    assert code in [c.code for c in classes] and where
    assert [c.code for c in ClassDoor(store, code).classes()[0]] == [code]
    from game.classroom.errors import StoreError

    with pytest.raises(StoreError, match="has no class yet"):
        ClassDoor(str(tmp_path / "empty.sqlite")).classes()
    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("not a database\n" * 20)
    with pytest.raises(StoreError):
        ClassDoor(str(foreign)).classes()
    assert foreign.read_text() == "not a database\n" * 20  # never overwritten


# ------------------------------------------------------------------ the join screen


def offered(app: Any) -> list[str]:
    """What the screen's key bar and the command palette offer."""
    from game.ui.widgets.keybar import KeyBar

    bar = [desc for _, desc, _ in app.screen.query_one(KeyBar)._items()]
    return bar + [name for name, _, _ in app.palette_commands()]


def test_join_screen_refuses_then_plays(store: str, code: str) -> None:
    from game.ui.app import CorridorsApp
    from game.ui.screens.card import RoleCardScreen
    from game.ui.screens.join import JoinScreen
    from game.ui.screens.week import WeekScreen

    door = ClassDoor(store, code)
    kept: list[object] = []

    def join(typed: str, name: str) -> Welcome:
        joined = door.join(typed, name)
        kept.append(joined.keeper)
        return door.welcome(joined)

    async def play() -> None:
        app = CorridorsApp(join=join, blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, JoinScreen)
            text = str(screen.query_one("#join-heading").render())
            assert JOIN_WORDS.heading in text
            assert "Save" not in offered(app)  # nothing to save before the game
            await pilot.press(*mistyped(code), "enter")  # no name yet: the name box is next
            await pilot.pause()
            await pilot.press(*"Ann", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            problem = str(screen.query_one("#join-problem").render())
            assert "mistyped" in problem and not kept and app.session is None
            screen.query_one("#code").value = ""  # type: ignore[attr-defined]
            await pilot.click("#code")
            await pilot.press(*code, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.welcome is not None and "Ann" in screen.welcome.text
            assert str(screen.query_one("#welcome-note").render()).startswith(JOIN_WORDS.content_note.strip())
            assert app.session is None  # nothing is played before Begin
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RoleCardScreen)  # a new game opens with the role card
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WeekScreen)
            assert app.session is not None and app.session.seed == 11
            assert "Save" in offered(app)

    asyncio.run(play())
    assert len(kept) == 1


# ------------------------------------------------------------------ the command line


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORRIDORS_HOME", str(home))
        mp.delenv("CORRIDORS_DEBUG", raising=False)
        mp.delenv("CORRIDORS_STORE", raising=False)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = cli.main(list(args))
    return subprocess.CompletedProcess(list(args), rc, out.getvalue(), err.getvalue())


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode != 0, r
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("corridors: error: "), r.stderr
    return lines[0]


def test_serve_bad_arguments_are_one_line(tmp_path: Path, store: str, code: str) -> None:
    home = tmp_path / "h"
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = str(taken.getsockname()[1])
    try:
        line = one_line_error(run("serve", "--port", port, "--store", store, home=home))
        assert "in use" in line and port in line
    finally:
        taken.close()
    for host, expect in (("not a host!", "not an IP address or a host name"), ("999.1.1.1", "not an IP"), ("", "give an address")):
        r = run("serve", "--host", host, "--port", "0", "--store", store, home=home)
        assert r.returncode == 2 and expect in one_line_error(r)
    r = run("serve", "--port", "70000", "--store", store, home=home)
    assert r.returncode == 2 and "the port" in one_line_error(r)
    r = run("serve", "--host", "192.0.2.7", "--port", "0", "--store", store, home=home)  # not this computer's
    assert "no such address" in one_line_error(r)
    assert "mistyped" in one_line_error(run("serve", "--class", mistyped(code), "--store", store, home=home))
    assert "has no class yet" in one_line_error(run("serve", "--store", str(tmp_path / "new.sqlite"), home=home))
    assert "is a folder" in one_line_error(run("serve", "--store", str(tmp_path), home=home))
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\x00" * 300)
    one_line_error(run("serve", "--store", str(bad), home=home))
    assert bad.read_bytes() == b"\x00" * 300
    r = run("play", "--join", "--seed", "3", "--store", store, home=home)
    assert r.returncode == 2 and "leave out --seed" in one_line_error(r)
    r = run("play", "--join", "--store", store, home=home)  # not a terminal
    assert r.returncode == 2 and "full-screen game" in one_line_error(r)


def test_host_and_reach() -> None:
    assert check_host("127.0.0.1") == "127.0.0.1"
    assert check_host(" 0.0.0.0 ") == "0.0.0.0"
    assert check_host("[::1]") == "::1"
    assert check_host("localhost") == "localhost"
    assert check_host("school-server.local") == "school-server.local"
    loop = "\n".join(reach_lines("127.0.0.1", 8123, "ABC-DEF", ["ABC-DEF"], "store.sqlite"))
    assert "http://127.0.0.1:8123/" in loop and "this computer only" in loop and "ABC-DEF" in loop
    wide = "\n".join(reach_lines("0.0.0.0", 8123, None, ["ABC-DEF", "GHJ-KMN"], "store.sqlite"))
    assert "every computer that can reach this one" in wide and "GHJ-KMN" in wide
    assert game_command("ABC-DEF", "/x/python").startswith("exec /x/python -m game play --join --class ABC-DEF")


def test_game_process_environment_is_an_allow_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEACHERS_TOKEN", "secret")
    monkeypatch.setenv("CORRIDORS_WORKERS", "8")
    monkeypatch.setenv("CORRIDORS_HOME", "/somewhere")
    env = settings.game_process_environment({"CORRIDORS_STORE": "/s.sqlite"})
    assert "TEACHERS_TOKEN" not in env and "CORRIDORS_WORKERS" not in env
    assert env["CORRIDORS_HOME"] == "/somewhere" and env["CORRIDORS_STORE"] == "/s.sqlite"
    assert set(env) <= set(settings.GAME_PROCESS_VARIABLES) | {"CORRIDORS_STORE"}


# ------------------------------------------------------------------ a real server


class Serving:
    """`corridors serve` in a process of its own, on a free loopback port."""

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None) -> None:
        e = {**os.environ, "CORRIDORS_HOME": str(home), **(env or {})}
        e.pop("CORRIDORS_DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--port", "0", "--no-warm", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=e,
        )
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"the server stopped: {self.proc.stderr.read() if self.proc.stderr else ''}")
            self.lines.append(line.rstrip())
            if line.startswith("Stop the server"):
                break
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", "\n".join(self.lines))
        assert m, self.lines
        self.port = int(m.group(1))
        self.url = f"http://127.0.0.1:{self.port}/"

    def games(self) -> list[int]:
        """The game processes: the server's children."""
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def stop(self) -> tuple[str, str]:
        self.proc.terminate()
        out, err = self.proc.communicate(timeout=60)
        return out, err


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads the game process's environment from /proc (Linux)")
def test_served_game_over_the_websocket(tmp_path: Path, store: str, code: str) -> None:
    serving = Serving(tmp_path / "h", "--class", code, "--store", store, env={"TEACHERS_TOKEN": "do-not-pass"})
    try:
        text = "\n".join(serving.lines)
        assert "this computer only" in text and code in text and "Traceback" not in text
        page = asyncio.run(WsGame.page(serving.url))
        assert "textual.js" in page and f"ws://127.0.0.1:{serving.port}/ws" in page and "googleapis" not in page

        async def student() -> None:
            async with WsGame(serving.port) as game:
                await game.wait_for("Join your class")
                pids = serving.games()
                assert len(pids) == 1
                environ = Path(f"/proc/{pids[0]}/environ").read_bytes().split(b"\0")
                names = {item.split(b"=", 1)[0].decode() for item in environ if item}
                assert "TEACHERS_TOKEN" not in names
                assert {"CORRIDORS_STORE", "TEXTUAL_DRIVER", "COLUMNS", "ROWS"} <= names
                assert names <= set(settings.GAME_PROCESS_VARIABLES) | {"CORRIDORS_STORE", "PYTHONIOENCODING", "PWD", *SERVER_VARIABLES}  # PWD: the shell's
                await game.keys(code, "\t")  # tab: to the name box
                await asyncio.sleep(1.0)  # as a person types: the focus has moved
                await game.keys("Websocket Wanda", "\r")
                await game.wait_for("Begin")
                await game.keys("\r")
                await game.wait_for("Week 1 of")

        from game.classroom.gameprocess import SERVER_VARIABLES

        asyncio.run(student())
        deadline = time.monotonic() + 60
        records = []
        while time.monotonic() < deadline:
            with open_store(store) as s:
                records = [r for r in s.results(code) if r.player == "Websocket Wanda"]
            if records:
                break
            time.sleep(0.5)
        assert records and records[0].weeks_played == 0 and not records[0].finished
        deadline = time.monotonic() + 30
        while serving.games() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not serving.games()  # the tab closed, so did its game
    finally:
        out, err = serving.stop()
    assert serving.proc.returncode == 0, err
    assert "Traceback" not in out + err


def test_the_one_private_use_of_textual_serve_still_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    """textual-serve has no public way to give a process its environment; the game
    overrides its private AppService._build_environment (game.classroom.gameprocess).
    If textual-serve renames it, changes its arguments or stops passing what it makes to
    the process, this fails, instead of the game quietly handing on the teacher's."""
    import inspect

    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    from game.classroom.gameprocess import PRIVATE_CALLER, PRIVATE_HOOK, GameProcess

    hook = getattr(AppService, PRIVATE_HOOK, None)
    assert callable(hook), f"textual-serve has no AppService.{PRIVATE_HOOK} any more: see game/classroom/gameprocess.py"
    assert list(inspect.signature(hook).parameters) == ["self", "width", "height"], inspect.signature(hook)
    caller = inspect.getsource(getattr(AppService, PRIVATE_CALLER))
    assert f"self.{PRIVATE_HOOK}(" in caller and "env=environment" in caller, caller
    monkeypatch.setenv("TEACHERS_TOKEN", "secret")

    async def nothing(*_: object) -> None:
        return None

    game = GameProcess("true", write_bytes=nothing, write_str=nothing, close=nothing,
                       download_manager=DownloadManager(), extra={"CORRIDORS_STORE": "/s.sqlite"})
    env = game._build_environment(width=101, height=33)
    assert env["COLUMNS"] == "101" and env["ROWS"] == "33" and env["TEXTUAL_DRIVER"].endswith(":WebDriver")
    assert env["CORRIDORS_STORE"] == "/s.sqlite" and "TEACHERS_TOKEN" not in env


def test_a_full_server_asks_the_next_student_to_wait(tmp_path: Path, store: str, code: str) -> None:
    import aiohttp

    from game.present.serving import FULL_TITLE

    serving = Serving(tmp_path / "h", "--class", code, "--store", store, "--max-games", "1")
    try:
        assert "At most one game at once" in "\n".join(serving.lines)

        async def get() -> tuple[int, str]:
            async with aiohttp.ClientSession() as s, s.get(serving.url) as r:
                return r.status, await r.text()

        async def students() -> None:
            async with WsGame(serving.port) as first:
                await first.wait_for("Join your class")
                status, page = await get()
                assert status == 503 and FULL_TITLE in page and "one game" in page and "<script" not in page
                async with WsGame(serving.port) as second:  # a page opened before the place was taken
                    text = await second.wait_for(FULL_TITLE, timeout=30)
                    assert "Wait until a classmate's game has ended" in text
                    deadline = time.monotonic() + 10
                    while not second.closed and time.monotonic() < deadline:
                        await asyncio.sleep(0.1)
                    assert second.closed and len(serving.games()) == 1
            deadline = time.monotonic() + 30
            while serving.games() and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            status, page = await get()  # the place is free again
            assert status == 200 and "textual.js" in page

        asyncio.run(students())
    finally:
        out, err = serving.stop()
    assert serving.proc.returncode == 0, err
    assert "Traceback" not in out + err


def test_max_games_must_be_a_positive_whole_number(tmp_path: Path, store: str, code: str) -> None:
    for bad in ("0", "lots", "-3"):
        r = run("serve", "--class", code, "--store", store, "--max-games", bad, home=tmp_path)
        assert "--max-games" in one_line_error(r) and "whole number" in r.stderr

"""Bad input tried as a new user would, each as a class: a save that is not a regular
file, an export that could never be written, a dumb terminal, an output that cannot
encode the scenario's text, and two games continued from the same save. Never a
traceback, never a hang, nothing saved lost."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, run_corridors

from game.session import SaveError, Session, read_save

KINDS = ["named pipe", "device", "folder", "socket", "link to a device"]


@pytest.fixture
def special(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """One of each kind of thing that is not a regular file, in a temporary folder."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    sock_path = tmp_path / "sock.json"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    device = tmp_path / "zero.json"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # as /dev/zero
    except (PermissionError, OSError):
        device.symlink_to("/dev/zero")
    link = tmp_path / "link.json"
    link.symlink_to("/dev/zero")
    yield {"named pipe": fifo, "device": device, "folder": folder, "socket": sock_path, "link to a device": link}
    sock.close()


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


# ------------------------------------------------------------------ saves that are not files


@pytest.mark.parametrize("kind", KINDS)
def test_a_save_that_is_not_a_regular_file_is_refused_at_once(special: dict[str, Path], kind: str, tmp_path: Path) -> None:
    path = special[kind]
    with pytest.raises(SaveError, match=r"is a (named pipe|device|folder|socket), not a save file"):
        read_save(path)
    for args in (("play", "--plain", "--load", str(path)), ("debrief", str(path))):
        started = time.monotonic()
        r = run_corridors(*args, home=tmp_path / "h", stdin="end\n")
        assert time.monotonic() - started < 60
        assert r.returncode == 1, (args, r.stderr)
        assert "not a save file" in one_line_error(r)


@pytest.mark.parametrize("kind", ["named pipe", "device", "folder", "socket"])
def test_a_game_never_saves_over_what_is_not_a_regular_file(special: dict[str, Path], kind: str, tmp_path: Path) -> None:
    path = special[kind]
    before = path.lstat()
    s = Session.new(seed=2, save_dir=tmp_path / "saves")
    with pytest.raises(SaveError, match="not a regular file"):
        s.save(path)
    after = path.lstat()
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ exports that cannot be written


def unwritable_exports(tmp_path: Path, special: dict[str, Path]) -> dict[str, Path]:
    a_file = tmp_path / "a-file"
    a_file.write_text("keep me\n", encoding="utf-8")
    return {
        "a missing folder": tmp_path / "no" / "such" / "d.md",
        "a path under a file": a_file / "d.md",
        "a folder": special["folder"],
        "a named pipe": special["named pipe"],
        "a device": special["device"],
        "a read-only place": Path("/proc/self/debrief.md"),
    }


@pytest.mark.parametrize(
    "fault", ["a missing folder", "a path under a file", "a folder", "a named pipe", "a device", "a read-only place"]
)
def test_an_export_that_cannot_be_written_is_refused_before_the_game(
    tmp_path: Path, special: dict[str, Path], fault: str
) -> None:
    target = unwritable_exports(tmp_path, special)[fault]
    home = tmp_path / "h"
    r = run_corridors("play", "--plain", "--seed", "1", "--export", str(target), home=home, stdin="end\n" * 20)
    assert r.returncode == 2, r.stderr
    assert one_line_error(r).startswith(f"corridors: error: --export {target}: ")
    assert r.stdout == "" and not (home / "saves").exists()  # nothing was played
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "keep me\n"
    assert stat.S_ISFIFO(special["named pipe"].lstat().st_mode)


# ------------------------------------------------------------------ TERM=dumb


def run_in_terminal(args: list[str], env: dict[str, str], stdin: str, timeout: float = 90) -> str:
    """Run the command with a pseudo-terminal as its input and output; type `stdin`;
    everything it printed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", *args], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True
    )
    os.close(slave)
    os.write(master, stdin.encode())
    out = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        os.close(master)
    return out.decode("utf-8", "replace")


@pytest.mark.parametrize("args", [["play", "--seed", "1"], []])
def test_a_dumb_terminal_gets_the_line_mode(tmp_path: Path, args: list[str]) -> None:
    env = {**os.environ, "TERM": "dumb", "CORRIDORS_HOME": str(tmp_path / "h")}
    out = run_in_terminal(args, env, "end\nquit\n")
    assert "the terminal is TERM=dumb, so the game runs in line mode" in out
    assert "Week 1 played" in out
    assert "\x1b[" not in out  # no cursor movement, no colour, no full screen


# ------------------------------------------------------------------ output that cannot encode


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A copy of the scenario whose title and first role's name are far from ASCII,
    found first through CORRIDORS_SCENARIOS, and a finished game of it."""
    root = tmp_path_factory.mktemp("foreign")
    folder = root / "scenarios" / "aleppo-2016"
    shutil.copytree(ROOT / "scenarios" / "aleppo-2016", folder)
    main = folder / "scenario.yaml"
    text = main.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    main.write_text(text.replace(title, 'title: "Ḥalab — حلب, 2016 ✓"'), encoding="utf-8")
    env = {"CORRIDORS_SCENARIOS": str(root / "scenarios"), "CORRIDORS_HOME": str(root / "h")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from game.scenario import registry

        registry._load_cached.cache_clear()
        s = Session.new("aleppo-2016", seed=4, save_dir=root / "h" / "saves")
        assert "حلب" in s.scenario.title
        while not s.finished:
            s.advance()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        registry._load_cached.cache_clear()
    return {**env, "save": str(s.autosave_path)}


@pytest.mark.parametrize(
    "args, stdin",
    [
        (("scenarios",), ""),
        (("simulate", "--runs", "3"), ""),
        (("simulate", "--runs", "2", "--json"), ""),
        (("play", "--plain", "--seed", "2"), "1\nend\nstatus\nsources\nquit\n"),
        (("debrief", "SAVE", "--alternatives", "5"), ""),
        (("debrief", "SAVE", "--format", "txt", "--alternatives", "0"), ""),
    ],
)
def test_an_ascii_output_gets_replacements_never_an_error(
    foreign: dict[str, str], tmp_path: Path, args: tuple[str, ...], stdin: str
) -> None:
    args = tuple(foreign["save"] if a == "SAVE" else a for a in args)
    env = {"CORRIDORS_SCENARIOS": foreign["CORRIDORS_SCENARIOS"], "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    r = run_corridors(*args, home=tmp_path / "h", stdin=stdin, env=env)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    r.stdout.encode("ascii")  # all of it ASCII
    if args[0] == "scenarios":
        assert "?alab" in r.stdout  # the letters it cannot show are replaced
    if "--json" in args:
        assert json.loads(r.stdout)["scenario"] == "aleppo-2016"  # still JSON


# ------------------------------------------------------------------ one save, two games


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "game", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env, bufsize=1,
    )


def wait_for(proc: subprocess.Popen[str], marker: str, timeout: float = 120) -> str:
    """Read the game's output until `marker` has been printed."""
    assert proc.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, seen[-2000:]
        line = proc.stdout.readline()
        assert line, seen[-2000:]
        seen += line
    return seen


def test_two_games_from_one_save_never_overwrite_each_other(tmp_path: Path) -> None:
    home = tmp_path / "h"
    env = {**os.environ, "CORRIDORS_HOME": str(home)}
    env.pop("CORRIDORS_DEBUG", None)
    r = run_corridors("play", "--plain", "--seed", "6", home=home, stdin="end\n")
    assert r.returncode == 0, r.stderr
    (save,) = (home / "saves").glob("*.json")
    first = start(["play", "--plain", "--load", str(save)], env)
    assert first.stdin is not None
    try:
        wait_for(first, "Resuming at week 2 of 20.")
        first.stdin.write("end\n")
        wait_for(first, "Week 2 played")
        # A second game continued from the same save while the first is still playing it.
        second = run_corridors("play", "--plain", "--load", str(save), home=home, stdin="end\nend\nend\n")
        assert second.returncode == 0, second.stderr
        assert f"{save.name} is being played in another game of Corridors (process {first.pid})" in second.stdout
        first.stdin.write("end\n")
        wait_for(first, "Week 3 played")
    finally:
        out, err = first.communicate("", timeout=120)
    assert first.returncode == 0, err
    # Both games are kept whole: the first in its save, the second in a file of its own.
    assert Session.load(save, autosave=False).week == 3
    (other,) = [p for p in (home / "saves").glob("*.json") if p != save]
    assert Session.load(other, autosave=False).week == 5  # from week 2, three weeks more
    # Once the first game has ended, its save is free again.
    again = run_corridors("play", "--plain", "--load", str(save), home=home, stdin="end\n")
    assert "another game" not in again.stdout and Session.load(save, autosave=False).week == 4
    assert not list((home / "saves").glob(".*.lock"))

"""Every setting Corridors takes from the environment, and every folder it uses.

This is the only module that reads a `CORRIDORS_*` variable or decides where a file
goes; the README lists the same variables and folders (a test holds the two together).
It sits below every other layer: it imports the standard library and platformdirs only.
Each value is read when it is asked for, so a changed environment (a test's) counts.

Folders follow each platform's convention (platformdirs: the XDG folders on Linux):

    data     $CORRIDORS_HOME, else the user data folder (~/.local/share/corridors)
             saves/           the saved games
             scenarios/       more scenarios, beside the ones that ship with the game
             results.sqlite   the results store of a class's games
    cache    $CORRIDORS_CACHE, else the user cache folder (~/.cache/corridors)
             scenarios/       checked scenarios, as JSON, read back at the next start
             alternatives/    the debrief's historical alternative histories, computed
                              once per scenario and seed and read back by every game
    accel    $CORRIDORS_ACCEL_DIR, else corridors-accel/ inside the virtual environment
             (a compiled build belongs to the environment it was made for), else
             accel/ in the cache folder

A folder that cannot be used (a file in its place, a path under a file, no permission, a
read-only place) is reported by `check` in one line naming the folder and the variable
that set it, before a game starts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "corridors"
RESULTS_FILE = "results.sqlite"  # the results store, in the data folder

# Every variable, with what it does: the README's table lists exactly these.
VARIABLES: dict[str, str] = {
    "CORRIDORS_HOME": "the data folder: saves, more scenarios, the results store",
    "CORRIDORS_CACHE": "the cache folder: checked scenarios, the debrief's historical alternative histories",
    "CORRIDORS_ACCEL_DIR": "the compiled engine's cache",
    "CORRIDORS_SCENARIOS": "more scenario folders, searched first (several: separated by ':')",
    "CORRIDORS_PURE": "1: the plain Python engine, no compiled build and no scenario cache",
    "CORRIDORS_WORKERS": "how many processes a large batch uses (default: one per core)",
    "CORRIDORS_THEME": "the full-screen game's first theme: dark, light or high-contrast",
    "CORRIDORS_DEBUG": "1: an internal error shows its traceback",
    "CORRIDORS_STORE": "the results store when --store is not given: an SQLite file or a postgresql:// address",
}

# What a game process that `corridors serve` starts for a browser tab gets from the
# teacher's environment, and nothing else (the server adds its own terminal variables
# and the store): where the user's folders are, the language and time zone, and the
# game's own settings. CORRIDORS_WORKERS is left out: a served game uses one process.
GAME_PROCESS_VARIABLES: tuple[str, ...] = (
    "HOME", "USER", "LOGNAME", "PATH", "TMPDIR", "TZ",
    "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
    "CORRIDORS_HOME", "CORRIDORS_CACHE", "CORRIDORS_ACCEL_DIR", "CORRIDORS_SCENARIOS",
    "CORRIDORS_PURE", "CORRIDORS_THEME", "CORRIDORS_DEBUG",
)


class SettingsError(Exception):
    """A setting or folder that cannot be used; its message is one line."""


def env(name: str) -> str:
    """The value of one of `VARIABLES` ("" when unset)."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not one of Corridors' variables")
    return os.environ.get(name, "")


def _flag(name: str) -> bool:
    return env(name).strip() not in ("", "0")


# ------------------------------------------------------------------------ switches


def debug() -> bool:
    """CORRIDORS_DEBUG: show an internal error's traceback."""
    return _flag("CORRIDORS_DEBUG")


def pure() -> bool:
    """CORRIDORS_PURE: run the plain Python engine (no compiled build, no scenario cache)."""
    return _flag("CORRIDORS_PURE")


def workers() -> int | None:
    """CORRIDORS_WORKERS: the number of worker processes asked for, or None (one per core)."""
    text = env("CORRIDORS_WORKERS").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def theme() -> str:
    """CORRIDORS_THEME: the full-screen game's first theme ("" for the default)."""
    return env("CORRIDORS_THEME").strip()


def store() -> str | None:
    """CORRIDORS_STORE: the results store to use when --store is not given (None: the
    file in the data folder)."""
    return env("CORRIDORS_STORE").strip() or None


def game_process_environment(extra: dict[str, str]) -> dict[str, str]:
    """The whole environment of a game process started for a browser tab: the variables
    of `GAME_PROCESS_VARIABLES` that are set here, then `extra` (the server's own)."""
    out = {name: os.environ[name] for name in GAME_PROCESS_VARIABLES if name in os.environ}
    out.update(extra)
    return out


def web_page() -> bool:
    """Whether this process draws the full-screen game into a browser page: textual-serve
    started it with Textual's web driver, which speaks to the server over standard
    input and output."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")


def full_screen() -> bool:
    """Whether the full-screen game can run: standard input and output are a terminal,
    and the terminal is not TERM=dumb (no cursor movement: the line mode serves it, as
    it serves a pipe); or the game is drawn into a browser page (`web_page`)."""
    if web_page():
        return True
    try:
        ttys = sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        return False
    return ttys and not dumb_terminal()


def dumb_terminal() -> bool:
    return os.environ.get("TERM", "").strip() == "dumb"


# ------------------------------------------------------------------------ folders


@dataclass(frozen=True)
class Folder:
    """A folder, what it is for, the variable that moves it, and whether that variable
    set it (`explicit`) or it is the default."""

    path: Path
    what: str
    variable: str | None = None
    explicit: bool = False

    def sub(self, name: str, what: str) -> Folder:
        return Folder(self.path / name, what, self.variable, self.explicit)


def _from(variable: str, what: str, default: Path) -> Folder:
    value = env(variable)
    if value:
        return Folder(Path(value).expanduser(), what, variable, True)
    return Folder(default, what, variable)


def data_folder() -> Folder:
    """$CORRIDORS_HOME, else the platform's user data folder for Corridors."""
    return _from("CORRIDORS_HOME", "the data folder", platformdirs.user_data_path(APP))


def saves_folder() -> Folder:
    return data_folder().sub("saves", "the saves folder")


def user_scenarios_folder() -> Folder:
    """scenarios/ in the data folder: read if it is there (it need not be)."""
    return Folder(data_folder().path / "scenarios", "the scenarios folder", "CORRIDORS_HOME")


def results_path() -> Path:
    """The results store's file (SQLite), in the data folder."""
    return data_folder().path / RESULTS_FILE


def cache_folder() -> Folder:
    """$CORRIDORS_CACHE, else the platform's user cache folder for Corridors."""
    return _from("CORRIDORS_CACHE", "the cache folder", platformdirs.user_cache_path(APP))


def scenario_cache_folder() -> Folder:
    return cache_folder().sub("scenarios", "the scenario cache")


def alternatives_cache_folder() -> Folder:
    """alternatives/ in the cache folder: the historical alternative histories of the
    debrief, kept by content (`game.session.histories`)."""
    return cache_folder().sub("alternatives", "the alternative histories' cache")


def accel_folder() -> Folder:
    """The compiled engine's cache: $CORRIDORS_ACCEL_DIR; else inside the virtual
    environment, whose interpreter the build is for; else in the cache folder."""
    default = Path(sys.prefix) / "corridors-accel"
    if sys.prefix == sys.base_prefix:  # not a virtual environment
        default = cache_folder().path / "accel"
    return _from("CORRIDORS_ACCEL_DIR", "the compiled engine's cache", default)


def scenario_folders() -> list[Folder]:
    """Where scenarios are looked for before the ones that ship with the game: the
    folders of $CORRIDORS_SCENARIOS in order, then scenarios/ in the data folder."""
    out = [
        Folder(Path(part).expanduser(), "a scenarios folder", "CORRIDORS_SCENARIOS", True)
        for part in env("CORRIDORS_SCENARIOS").split(os.pathsep)
        if part.strip()
    ]
    out.append(user_scenarios_folder())
    return out


# ------------------------------------------------------------------------ checks


def _where(folder: Folder) -> str:
    if folder.variable and folder.explicit:
        return f" (set by {folder.variable}={env(folder.variable)})"
    if folder.variable:
        return f" ({folder.variable} chooses another place)"
    return ""


def writable(folder: Folder) -> None:
    """Whether files can be made in the folder, or in the folder that would hold it if
    it is missing, found by writing a file there and removing it: the one test that
    holds for every user, root included, and every kind of read-only place. Nothing is
    left on disk. Raises SettingsError, one line naming the folder and the variable
    that set it."""
    p = folder.path
    try:
        if p.exists() and not p.is_dir():
            raise OSError("it is a file, not a folder")
        place = p
        while not place.exists():  # the nearest folder that is there
            if place.parent == place:
                raise OSError("no such folder")
            place = place.parent
        if not place.is_dir():
            raise OSError("part of its path is a file")
        fd, probe = tempfile.mkstemp(dir=place, prefix=".corridors-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        reason = e.strerror or str(e)
        raise SettingsError(f"{folder.what} {p} cannot be used: {reason}{_where(folder)}") from None


def readable(folder: Folder) -> None:
    """A folder that is read from: it must be a folder if it was asked for by a
    variable (a default one may be missing)."""
    p = folder.path
    if folder.explicit and not p.is_dir():
        reason = "no such folder" if not p.exists() else "it is not a folder"
        raise SettingsError(f"{folder.what} {p} cannot be used: {reason}{_where(folder)}")


def check(*, saves: bool) -> None:
    """Before a command runs: every folder a variable sets must be usable, and the
    saves folder too when a game may be saved (`saves`). A default cache that cannot be
    used is no error: the game runs without it."""
    if saves:
        writable(saves_folder())
    if not pure():
        for folder in (cache_folder(), accel_folder()):
            if folder.explicit:
                writable(folder)
    for folder in scenario_folders():
        readable(folder)


"""What every `corridors` command shares: the argument parser that reports usage errors in
one line, the argument types and their limits, and small helpers for output and scenarios."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from game import settings
from game.engine.compiled import Compiled
from game.engine.policies import policy_names
from game.model.scenario import Scenario
from game.present import clihelp
from game.present import cliwords as words
from game.present.words import number as fmt_number
from game.scenario import registry
from game.scenario.errors import ScenarioErrors
from game.session import (
    ALTERNATIVE_RUNS,
    SessionError,
    parse_seed,
)
from game.session.safefile import A_FILE, A_FOLDER, file_kind, write_text_atomic

COMMANDS = ("play", "debrief", "saves", "simulate", "calibrate", "validate", "scenarios", "class", "serve", "handouts")


MAX_HUMAN_ROLES = 4


MAX_ALTERNATIVES = 100_000


MAX_RUNS = 1_000_000


DEFAULT_RUNS = 1000


DEFAULT_SEED = 1  # batch commands: the seed docs/model.md and the calibration test use


class UsageError(Exception):
    """A bad command line: exit 2 with one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(words.see_help(message, self.prog))


# ---------------------------------------------------------------------- argument types


def _whole(text: str, lo: int, hi: int, what: str) -> int:
    try:
        value = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(words.not_whole(what, lo, hi, text)) from None
    if not lo <= value <= hi:
        raise argparse.ArgumentTypeError(words.not_whole(what, lo, hi, text))
    return value


def seed_type(text: str) -> str:
    """A seed, for every command with `--seed`: a number or a class code (any word);
    checked here, read by the session (`seed_of`)."""
    try:
        parse_seed(text)
    except SessionError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def port_type(text: str) -> int:
    return _whole(text, 0, 65535, words.THE_PORT)


def max_games_type(text: str) -> int:
    return _whole(text, 1, 1000, words.THE_GAMES)


def runs_type(text: str) -> int:
    return _whole(text, 1, MAX_RUNS, words.THE_RUNS)


def alternatives_type(text: str) -> int:
    return _whole(text, 0, MAX_ALTERNATIVES, words.THE_ALTERNATIVES)


def add_alternatives(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--alternatives",
        type=alternatives_type,
        metavar="N",
        default=ALTERNATIVE_RUNS,
        help=clihelp.alternatives(ALTERNATIVE_RUNS),
    )


def add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        metavar="PATH|URL",
        help=clihelp.STORE,
    )


def err(message: str) -> None:
    print(words.error(words.one_line(message)), file=sys.stderr)


def load(ref: str) -> Scenario:
    """A scenario by id or path: UsageError if there is no such scenario; ScenarioErrors
    (exit 1, one line per problem) if it is broken."""
    try:
        registry.resolve(ref)
    except ScenarioErrors as e:
        raise UsageError(str(e.errors[0]) if e.errors else words.unknown_scenario(ref)) from None
    return registry.get(ref)


def policy_or_usage(c: Compiled, name: str) -> str:
    valid = policy_names(c)
    if name not in valid:
        raise UsageError(words.unknown("policy", name, valid))
    return name


def table(rows: list[list[str]], right: Sequence[int] = ()) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(r)
        ]
        out.append("  ".join(cells).rstrip())
    return out


def num(x: float | None, digits: int = 0) -> str:
    """A figure for a table: people as whole numbers, days with `digits` decimals."""
    if x is None:
        return "-"
    return fmt_number(round(float(x), digits))


def digits_for(metric: str) -> int:
    return 1 if metric == "food_days" else 0


# ---------------------------------------------------------------------- commands


def split_roles(values: Sequence[str] | None) -> list[str]:
    """`--role a,b --role c` -> [a, b, c] (without repeats)."""
    out: list[str] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if not part:
                raise UsageError(words.empty_role(value))
            if part not in out:
                out.append(part)
    return out


def check_export(path: str | None, option: str = "--export") -> None:
    """Refuse an export file that could never be written, before the game starts: a
    folder or any other thing that is not a regular file (a named pipe, a device, a
    socket) in its place, a folder that is missing, is a file or cannot be written."""
    if path is None or path == "-":
        return
    p = Path(path)
    try:
        kind = file_kind(p)
        if kind == A_FOLDER:
            raise UsageError(words.option_problem(option, path, words.NOT_A_FILE))
        if kind not in (None, A_FILE):
            raise UsageError(words.option_problem(option, path, words.not_regular(kind)))
        if not p.parent.is_dir():
            raise UsageError(words.option_problem(option, path, words.no_such_folder_in(str(p.parent))))
        settings.writable(settings.Folder(p.parent, words.THE_FOLDER))
    except settings.SettingsError as e:
        raise UsageError(words.option_problem(option, path, e)) from None
    except OSError as e:
        raise UsageError(words.option_problem(option, path, words.cannot_be("written", e.strerror or e))) from None


def write_out(text: str, path: str | None) -> Path | None:
    """`text` to standard output when there is no `path` or it is "-" (returns None),
    else to the file, atomically and readable as an export is (returns the file). A file
    that cannot be written raises SaveError: one line naming it, exit 1."""
    if path is None or path == "-":
        sys.stdout.write(text)
        return None
    return write_text_atomic(path, text, shared=True)


def first_given(*options: tuple[str, object]) -> str | None:
    """The first option, of (option, value) pairs, that was given (its value is set),
    or None: what a command names when options it fixes itself were given as well."""
    return next((option for option, given in options if given), None)


def is_terminal() -> bool:
    """Whether the full-screen game can run: input and output are both a terminal, and
    not TERM=dumb."""
    return settings.full_screen()


def utf8_out() -> bool:
    """Whether standard output takes any character."""
    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") in ("utf8", "utf16", "utf32")

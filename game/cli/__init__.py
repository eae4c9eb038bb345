"""The `corridors` command (also `python -m game`).

    corridors play [--scenario ID|PATH] [--role ROLE[,ROLE...]] [--others POLICY] [--seed N|CODE] [--plain]
                   [--load FILE] [--content standard|gentle] [--length lesson|full] [--export FILE]
                   [--alternatives N]
    corridors debrief SAVE [--format md|html|txt|json] [-o FILE] [--alternatives N]
                      (an unfinished game's save: the debrief of the weeks played)
    corridors saves [--dir FOLDER]     (the saved games: roles, week, date, finished or not)
    corridors                         (the full-screen game, at its title screen)
    corridors simulate [--scenario ID|PATH] [--policy NAME] [--runs N] [--seed N|CODE] [--json] [--trace]
    corridors calibrate [--scenario ID|PATH] [--runs N] [--seed N|CODE] [--profile FILE]
    corridors validate PATH...
    corridors scenarios
    corridors handouts -o DIR [--scenario ID|PATH] [--content LEVEL]   (printable role cards, timeline, map, glossary)
    corridors class new [--scenario ID|PATH] [--roles ROLE[,ROLE...]] [--seed N|CODE] [--content LEVEL]
                        [--length lesson|full] [--store PATH|URL]
    corridors class results CODE [--store PATH|URL]
    corridors class export CODE [--format csv|json] [-o FILE] [--store PATH|URL]
    corridors class report CODE [--format html|md|csv] [-o FILE] [--names] [--alternatives N] [--store PATH|URL]
    corridors play --class CODE --name NAME [--store PATH|URL] [--plain] ...
    corridors play --join [--class CODE] [--store PATH|URL]   (the class code and name asked in the game)
    corridors serve [--host 127.0.0.1] [--port 8000] [--class CODE] [--max-games N] [--store PATH|URL]

Every game keeps a result record in the results store when it ends or is stopped (an
SQLite file in the user's data folder unless --store names another file, or a
postgresql:// address).

Exit codes: 0 success; 1 problems found (an invalid scenario, a median outside the
record's band, an unreadable save); 2 a usage error (unknown command, scenario, role or
policy, a bad number, a missing path). Errors are one line on standard error, never a
traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from game import settings
from game.classroom.errors import ClassroomError
from game.cli.args import COMMANDS, UsageError, check_export, err, is_terminal
from game.cli.parser import build_parser
from game.cli.play import keep_results, play_session
from game.present import cliwords as words
from game.scenario.errors import ScenarioErrors
from game.session import SaveError, Session, SessionError
from game.streams import safe_streams

__all__ = ["failure", "keep_results", "main", "play_in_app"]


def argv_given(argv: Sequence[str] | None) -> bool:
    args = list(argv) if argv is not None else sys.argv[1:]
    return bool(args)


def main(argv: Sequence[str] | None = None) -> int:
    safe_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        if not getattr(args, "command", None) and not argv_given(argv):
            if is_terminal():
                from game.ui import run_app

                settings.check(saves=True)
                return run_app()
            if settings.dumb_terminal() and sys.stdin.isatty():
                args = parser.parse_args(["play"])  # a person at a dumb terminal: the line mode
        if not getattr(args, "command", None):
            raise UsageError(words.no_command(COMMANDS))
        settings.check(saves=args.command in ("play", "serve"))
        code: int = args.func(args)
        sys.stdout.flush()
        return code
    except (Exception, KeyboardInterrupt) as e:
        return failure(e)


def failure(e: BaseException) -> int:
    """Report an error the way the command does (one line on standard error, never a
    traceback) and return the exit code."""
    if isinstance(e, UsageError):
        err(str(e))
        return 2
    if isinstance(e, ScenarioErrors):
        for problem in e.errors:
            print(str(problem), file=sys.stderr)
        return 1
    if isinstance(e, SaveError | ClassroomError | settings.SettingsError):
        err(str(e))
        return 1
    if isinstance(e, SessionError):
        err(str(e))
        return 2
    if isinstance(e, KeyboardInterrupt):
        print(file=sys.stderr)
        return 130
    if isinstance(e, BrokenPipeError):
        # The reader went away (e.g. `| head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    if isinstance(e, OSError):
        err(f"{str(e.filename) + ': ' if e.filename else ''}{e.strerror or e}")
        return 1
    if settings.debug():  # never a traceback for the user unless asked
        raise e
    err(words.please_report(e))
    return 1


def play_in_app(argv: Sequence[str], export: dict[str, str | None]) -> Session:
    """`corridors play ARGS` for the full-screen game, run after its first frame: parse,
    check and make the session (errors are raised, for `failure`); `export` receives the
    --export file."""
    args = build_parser().parse_args(list(argv))
    settings.check(saves=True)
    check_export(args.export)
    export["path"] = args.export
    return play_session(args)

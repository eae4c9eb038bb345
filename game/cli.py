"""The `corridors` command (also `python -m game`).

    corridors play [--scenario ID|PATH] [--role ROLE[,ROLE...]] [--others POLICY] [--seed N|CODE] [--plain]
                   [--load FILE] [--content standard|gentle] [--length lesson|full] [--export FILE]
                   [--alternatives N]
    corridors debrief SAVE [--format md|html|txt|json] [-o FILE] [--alternatives N]
                      (an unfinished game's save: the debrief of the weeks played)
    corridors saves [--dir FOLDER]     (the saved games: roles, week, date, finished or not)
    corridors                         (the full-screen game, at its title screen)
    corridors simulate [--scenario ID|PATH] [--policy NAME] [--runs N] [--seed N] [--json] [--trace]
    corridors calibrate [--scenario ID|PATH] [--runs N] [--seed N] [--profile FILE]
    corridors validate PATH...
    corridors scenarios
    corridors class new [--scenario ID|PATH] [--roles ROLE[,ROLE...]] [--seed N] [--content LEVEL]
                        [--length lesson|full] [--store PATH|URL]
    corridors class results CODE [--store PATH|URL]
    corridors class export CODE [--format csv|json] [-o FILE] [--store PATH|URL]
    corridors play --class CODE --name NAME [--store PATH|URL] [--plain] ...
    corridors play --join [--class CODE] [--store PATH|URL]   (the class code and name asked in the game)
    corridors serve [--host 127.0.0.1] [--port 8000] [--class CODE] [--store PATH|URL]

Every game keeps a result record in the results store when it ends or is stopped (an
SQLite file in the user's data folder unless --store names another file, or a
postgresql:// address).

Exit codes: 0 success; 1 problems found (an invalid scenario, a median outside the
record's band, an unreadable save); 2 a usage error (unknown command, scenario, role or
policy, a bad number, a missing path). Errors are one line on standard error, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from game import settings
from game.classroom.errors import ClassroomError
from game.engine.batch import LEDGER_METRICS, calibrate, summarise, trace, weekly_profile
from game.engine.compiled import Compiled, compile_scenario
from game.engine.policies import policy_names
from game.model.results import LENGTHS
from game.model.scenario import Scenario
from game.parallel import run_many
from game.plain.line import DEFAULT_ALTERNATIVES
from game.present.export import FORMATS, format_for, render
from game.scenario import registry
from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioErrors
from game.session import (
    CONTENT_LEVELS,
    SaveError,
    Session,
    SessionError,
    default_save_dir,
    fmt_number,
    list_saves,
    parse_seed,
    save_text,
    write_text_atomic,
)
from game.session.saves import file_kind

COMMANDS = ("play", "debrief", "saves", "simulate", "calibrate", "validate", "scenarios", "class", "serve")
MAX_HUMAN_ROLES = 4
MAX_ALTERNATIVES = 100_000
MAX_SEED = 2**63 - 1
MAX_RUNS = 1_000_000
DEFAULT_RUNS = 1000
DEFAULT_SEED = 1  # batch commands: the seed docs/model.md and the calibration test use


class UsageError(Exception):
    """A bad command line: exit 2 with one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


# ---------------------------------------------------------------------- argument types


def _whole(text: str, lo: int, hi: int, what: str) -> int:
    try:
        value = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{what} must be a whole number from {lo} to {hi}, not {text!r}"
        ) from None
    if not lo <= value <= hi:
        raise argparse.ArgumentTypeError(
            f"{what} must be a whole number from {lo} to {hi}, not {text!r}"
        )
    return value


def seed_type(text: str) -> int:
    return _whole(text, 0, MAX_SEED, "the seed")


def code_type(text: str) -> str:
    """A game's seed: a number or a class code (any word); checked here, read by the
    session."""
    try:
        parse_seed(text)
    except SessionError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def port_type(text: str) -> int:
    return _whole(text, 0, 65535, "the port")


def runs_type(text: str) -> int:
    return _whole(text, 1, MAX_RUNS, "the number of runs")


def alternatives_type(text: str) -> int:
    return _whole(text, 0, MAX_ALTERNATIVES, "the number of alternative histories")


def add_alternatives(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--alternatives",
        type=alternatives_type,
        metavar="N",
        default=DEFAULT_ALTERNATIVES,
        help=f"alternative histories of each kind in the debrief (default: {DEFAULT_ALTERNATIVES}; 0: none)",
    )


def build_parser() -> Parser:
    p = Parser(
        prog="corridors",
        description="Corridors: a decision simulation of the 2016 siege of eastern Aleppo.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    play = sub.add_parser("play", help="play a game, week by week")
    play.add_argument(
        "--scenario",
        metavar="ID|PATH",
        help=f"scenario id or folder (default: {registry.DEFAULT_SCENARIO})",
    )
    play.add_argument(
        "--role",
        action="append",
        metavar="ROLE[,ROLE...]",
        help=f"the role or roles people play, in turn each week (1 to {MAX_HUMAN_ROLES}, comma-separated)",
    )
    play.add_argument(
        "--others",
        metavar="POLICY",
        help="who plays the other roles: historical (default), random, or a strategy",
    )
    play.add_argument(
        "--seed",
        type=code_type,
        metavar="N|CODE",
        help="the game's luck: a number, or a class code (any word; default: a random seed)",
    )
    play.add_argument(
        "--plain", action="store_true", help="plain line mode, for screen readers and scripts"
    )
    play.add_argument("--load", metavar="FILE", help="resume a saved game")
    play.add_argument("--content", choices=CONTENT_LEVELS, help="content level (default: standard)")
    play.add_argument(
        "--length",
        choices=LENGTHS,
        help="lesson (about eight turns, one lesson) or full (a turn a week, 20 weeks; the default)",
    )
    play.add_argument(
        "--export", metavar="FILE", help="write the debrief to FILE when the game ends (.md, .html, .txt, .json)"
    )
    add_alternatives(play)
    play.add_argument(
        "--class", dest="class_code", metavar="CODE", help="play a class's game (the code the teacher gives)"
    )
    play.add_argument("--name", metavar="NAME", help="the player's or the team's name, for the class's results")
    play.add_argument(
        "--join",
        action="store_true",
        help="ask the class code and the player's name in the game before it starts (with --class: only that"
        " class); each browser tab of `corridors serve` runs this",
    )
    add_store(play)
    play.set_defaults(func=cmd_play)

    deb = sub.add_parser("debrief", help="the debrief of a finished game, from its save")
    deb.add_argument("save", metavar="SAVE", help="a finished game's save file")
    deb.add_argument("--format", choices=FORMATS, help="md, html, txt or json (default: from -o's extension, else md)")
    deb.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")
    add_alternatives(deb)
    deb.set_defaults(func=cmd_debrief)

    sim = sub.add_parser("simulate", help="run many seeded games with a policy playing every role")
    sim.add_argument("--scenario", metavar="ID|PATH", default=registry.DEFAULT_SCENARIO)
    sim.add_argument("--policy", metavar="NAME", default="historical")
    sim.add_argument("--runs", type=runs_type, metavar="N", default=DEFAULT_RUNS)
    sim.add_argument(
        "--seed", type=seed_type, metavar="N", default=DEFAULT_SEED, help="seed of the first run"
    )
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument("--trace", action="store_true", help="add every run week by week")
    sim.set_defaults(func=cmd_simulate)

    cal = sub.add_parser("calibrate", help="the historical policy against the record's bands")
    cal.add_argument("--scenario", metavar="ID|PATH", default=registry.DEFAULT_SCENARIO)
    cal.add_argument("--runs", type=runs_type, metavar="N", default=DEFAULT_RUNS)
    cal.add_argument("--seed", type=seed_type, metavar="N", default=DEFAULT_SEED)
    cal.add_argument(
        "--profile", metavar="FILE", help="also draw the weekly profile against the record to FILE: an SVG chart (a table if FILE ends in .md)"
    )
    cal.set_defaults(func=cmd_calibrate)

    val = sub.add_parser("validate", help="check scenario files or folders")
    val.add_argument("paths", nargs="*", metavar="PATH")
    val.set_defaults(func=cmd_validate)

    sc = sub.add_parser("scenarios", help="list the scenarios found")
    sc.set_defaults(func=cmd_scenarios)

    sv = sub.add_parser("saves", help="list the saved games, the latest first")
    sv.add_argument("--dir", metavar="FOLDER", help="the save folder (default: the game's own)")
    sv.set_defaults(func=cmd_saves)

    add_class_commands(sub)

    srv = sub.add_parser("serve", help="the game in a room's browsers: one game per tab, after the class code and a name")
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0: every network it is on)",
    )
    srv.add_argument("--port", type=port_type, default=8000, metavar="N", help="the port (default: 8000; 0: any free port)")
    srv.add_argument("--class", dest="class_code", metavar="CODE", help="only this class plays here (default: any class of the store)")
    add_store(srv)
    srv.set_defaults(func=cmd_serve)
    return p


# ---------------------------------------------------------------------- class commands


def add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        metavar="PATH|URL",
        help="the results store: an SQLite file, or a postgresql:// address (default: a file in the user's data folder)",
    )


def add_class_commands(sub: Any) -> None:
    """`corridors class new|results|export`."""
    from game.classroom.listing import EXPORT_FORMATS

    cls = sub.add_parser("class", help="class sessions: make a class code, list and export its results")
    cls.set_defaults(func=cmd_class_missing)
    csub = cls.add_subparsers(dest="class_command", metavar="SUBCOMMAND", parser_class=Parser)

    new = csub.add_parser("new", help="make a class: a code that fixes the scenario, luck, roles, content and length")
    new.add_argument("--scenario", metavar="ID|PATH", help=f"scenario id or folder (default: {registry.DEFAULT_SCENARIO})")
    new.add_argument(
        "--roles",
        "--role",
        dest="role",
        action="append",
        metavar="ROLE[,ROLE...]",
        help="the role or roles the students play, in turn each week (default: the scenario's)",
    )
    new.add_argument("--seed", type=seed_type, metavar="N", help="the class's luck (default: a random seed)")
    new.add_argument("--content", choices=CONTENT_LEVELS, default="standard", help="content level (default: standard)")
    new.add_argument("--length", choices=LENGTHS, default="full", help="lesson (about eight turns) or full (20 weeks)")
    add_store(new)
    new.set_defaults(func=cmd_class_new)

    res = csub.add_parser("results", help="list a class's games")
    res.add_argument("code", metavar="CODE")
    add_store(res)
    res.set_defaults(func=cmd_class_results)

    exp = csub.add_parser("export", help="a class's results as CSV or JSON")
    exp.add_argument("code", metavar="CODE")
    exp.add_argument("--format", choices=EXPORT_FORMATS, help="csv or json (default: from -o's extension, else csv)")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")
    add_store(exp)
    exp.set_defaults(func=cmd_class_export)


def cmd_class_missing(args: argparse.Namespace) -> int:
    raise UsageError("class needs a subcommand (valid: new, results, export; see: corridors class --help)")


def cmd_class_new(args: argparse.Namespace) -> int:
    from game.classroom.classes import check_length, new_class

    sc = load(args.scenario or registry.DEFAULT_SCENARIO)
    roles = checked_roles(sc, args.role)
    try:
        check_length(args.length)
    except ClassroomError as e:
        raise UsageError(str(e)) from None
    klass, where = new_class(
        args.store, args.scenario or registry.DEFAULT_SCENARIO, roles or None, args.seed, args.content, args.length
    )
    print(klass.code)
    print(
        f"Class {klass.code} is kept in {where}: scenario {klass.scenario}, seed"
        f" {klass.seed}, roles {', '.join(klass.roles)}, content {klass.content},"
        f" length {klass.length}."
    )
    # the store as typed, but never a password (this may be shown to a class)
    store = f" --store {where if '://' in args.store else args.store}" if args.store else ""
    print(f"Students play it with: corridors play --class {klass.code} --name NAME{store}")
    print(f"Its results: corridors class results {klass.code}{store}")
    return 0


def cmd_class_results(args: argparse.Namespace) -> int:
    from game.classroom.classes import find_class
    from game.classroom.listing import results_lines
    from game.classroom.store import open_store

    klass, _ = find_class(args.store, args.code)
    with open_store(args.store) as store:
        records = store.results(klass.code)
    for line in results_lines(klass, records):
        print(line)
    return 0


def cmd_class_export(args: argparse.Namespace) -> int:
    from game.classroom.classes import find_class
    from game.classroom.listing import export
    from game.classroom.store import open_store

    if args.output is not None:
        check_export(args.output, "-o")
    fmt = args.format or ("json" if (args.output or "").lower().endswith(".json") else "csv")
    klass, _ = find_class(args.store, args.code)
    with open_store(args.store) as store:
        records = store.results(klass.code)
    text = export(klass, records, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    where = write_text_atomic(args.output, text, shared=True)
    print(f"{len(records)} result{'s' if len(records) != 1 else ''} of class {klass.code} written to {where}.", file=sys.stderr)
    return 0


# The games `play` made in this process, whose results are kept when they end.
_KEEPERS: list[Any] = []


def keep_results() -> int:
    """Keep the result of every game played in this process (when it ends or is
    stopped). Returns 1 if a class game's result could not be kept, else 0."""
    code = 0
    while _KEEPERS:
        keeper = _KEEPERS.pop(0)
        try:
            kept = keeper.keep()
        except ClassroomError as e:
            err_line = f"the result of this game was not kept: {e}"
            print(f"corridors: {'error' if keeper.class_code else 'warning'}: {' '.join(err_line.split())}", file=sys.stderr)
            if keeper.class_code:
                code = 1
            continue
        except Exception as e:  # never a traceback after the game
            if settings.debug():
                raise
            print(f"corridors: warning: the result of this game was not kept: internal error: {type(e).__name__}: {' '.join(str(e).split())}", file=sys.stderr)
            code = 1 if keeper.class_code else code
            continue
        if kept is not None and kept[0].class_code:
            record, where = kept
            state = "finished" if record.finished else f"{record.weeks_played} of {record.weeks} weeks played"
            who = f", {record.player}," if record.player else ""
            # in a browser page standard output is the page's stream: the server's window
            # (standard error) shows it instead
            out = sys.stderr if settings.web_page() else sys.stdout
            print(f"The result ({state}) is kept for class {record.class_code}{who} in {where}.", file=out)
    return code


# ---------------------------------------------------------------------- helpers


def err(message: str) -> None:
    print(f"corridors: error: {' '.join(message.split())}", file=sys.stderr)


def load(ref: str) -> Scenario:
    """A scenario by id or path: UsageError if there is no such scenario; ScenarioErrors
    (exit 1, one line per problem) if it is broken."""
    try:
        registry.resolve(ref)
    except ScenarioErrors as e:
        raise UsageError(str(e.errors[0]) if e.errors else f"{ref}: unknown scenario") from None
    return registry.get(ref)


def policy_or_usage(c: Compiled, name: str) -> str:
    valid = policy_names(c)
    if name not in valid:
        raise UsageError(f'unknown policy "{name}" (valid: {", ".join(valid)})')
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
                raise UsageError(f"--role {value!r}: an empty role name")
            if part not in out:
                out.append(part)
    return out


def check_export(path: str | None, option: str = "--export") -> None:
    """Refuse an export file that could never be written, before the game starts: a
    folder or any other thing that is not a regular file (a named pipe, a device, a
    socket) in its place, a folder that is missing, is a file or cannot be written."""
    if path is None:
        return
    p = Path(path)
    try:
        kind = file_kind(p)
        if kind == "a folder":
            raise UsageError(f"{option} {path}: is a folder, not a file")
        if kind not in (None, "a file"):
            raise UsageError(f"{option} {path}: is {kind}, not a regular file")
        if not p.parent.is_dir():
            raise UsageError(f"{option} {path}: no such folder {str(p.parent)!r}")
        settings.writable(settings.Folder(p.parent, "the folder"))
    except settings.SettingsError as e:
        raise UsageError(f"{option} {path}: {e}") from None
    except OSError as e:
        raise UsageError(f"{option} {path}: cannot be written: {e.strerror or e}") from None


def cmd_play(args: argparse.Namespace) -> int:
    check_export(args.export)
    try:
        code = _play(args)
    finally:
        kept = keep_results()
    return code or kept


def _play(args: argparse.Namespace) -> int:
    if args.join:
        return play_joined(args)
    if not args.plain and is_terminal():
        from game.ui import run_app

        # The session is made after the first frame; its errors come back from run_app.
        return run_app(loader=lambda: play_session(args), export=args.export)
    session = play_session(args)
    if not args.plain:
        why = "the terminal is TERM=dumb" if settings.dumb_terminal() else "not a terminal"
        print(
            f"corridors: {why}, so the game runs in line mode (--plain chooses it).",
            file=sys.stderr,
        )
    from game.plain import run

    return run(session, sys.stdin, sys.stdout, alternatives=args.alternatives, export=args.export)


def play_session(args: argparse.Namespace) -> Session:
    """The game `play` asks for: a class's game, a save resumed, or a new game; its
    result is kept when it ends or is stopped (see keep_results)."""
    from game.classroom.classes import ResultKeeper, player_name

    name = None
    if args.name is not None:
        try:
            name = player_name(args.name)
        except ClassroomError as e:
            raise UsageError(str(e)) from None
    if args.class_code is not None:
        session, keeper = class_play_session(args, name)
    else:
        session = new_or_loaded_session(args)
        keeper = ResultKeeper(args.store, player=name)
    keeper.session = session
    _KEEPERS.append(keeper)
    return session


def class_play_session(args: argparse.Namespace, name: str | None) -> tuple[Session, Any]:
    """`play --class CODE --name NAME`: a new game with the class's settings."""
    from game.classroom.classes import ResultKeeper, class_session, find_class

    fixed = [
        opt
        for opt, given in (
            ("--load", args.load),
            ("--scenario", args.scenario),
            ("--role", args.role),
            ("--seed", args.seed is not None),
            ("--others", args.others),
            ("--length", args.length),
        )
        if given
    ]
    if fixed:
        raise UsageError(
            f"--class fixes the game's scenario, roles, seed, length and the other roles' players: leave out {fixed[0]}"
        )
    if name is None:
        raise UsageError("--class needs --name NAME (the player's or the team's name)")
    settings, _ = find_class(args.store, args.class_code)
    session = class_session(settings, args.content)
    return session, ResultKeeper(args.store, settings=settings, player=name)


def play_joined(args: argparse.Namespace) -> int:
    """`play --join [--class CODE]`: the full-screen game opens at the class code and the
    player's name; a code that opens no game is refused there, and nothing is played."""
    from game.classroom.join import ClassDoor, JoinRefused
    from game.session.join import Welcome
    from game.ui import run_app

    fixed = [
        opt
        for opt, given in (
            ("--load", args.load),
            ("--scenario", args.scenario),
            ("--role", args.role),
            ("--seed", args.seed is not None),
            ("--others", args.others),
            ("--name", args.name is not None),
            ("--content", args.content),
            ("--plain", args.plain),
        )
        if given
    ]
    if fixed:
        raise UsageError(f"--join asks the class code and the name in the game, which fixes the rest: leave out {fixed[0]}")
    if not is_terminal():
        raise UsageError(
            "--join needs the full-screen game (a terminal, or a browser tab of corridors serve);"
            " in line mode play a class with --class CODE --name NAME"
        )
    door = ClassDoor(args.store, args.class_code)
    door.classes()  # a store that cannot be used, or has no such class: no game at all

    def join(code: str, name: str) -> Welcome:
        try:
            joined = door.join(code, name)
        except JoinRefused:
            raise
        except Exception as e:
            if settings.debug():
                raise
            problem = " ".join(f"internal error: {type(e).__name__}: {e}".split())
            raise JoinRefused(door.words.failed.format(problem=problem)) from None
        _KEEPERS.append(joined.keeper)
        return door.welcome(joined)

    return run_app(join=join, export=args.export, farewell=not settings.web_page())


def cmd_serve(args: argparse.Namespace) -> int:
    """`serve`: the game in the room's browsers, until ctrl+c."""
    from game.classroom.join import ClassDoor
    from game.classroom.serve import Served, ServeError, check_host, reach_lines, serve, url
    from game.classroom.store import default_store_path, is_url

    try:
        host = check_host(args.host)
    except ServeError as e:
        raise UsageError(str(e)) from None
    door = ClassDoor(args.store, args.class_code)
    classes, where = door.classes()
    # the games get the store explicitly (a file as an absolute path), in their environment
    spec = args.store if args.store is not None else settings.store()
    if spec is None:
        spec = str(default_store_path())
    elif not is_url(spec):
        spec = str(Path(spec).expanduser().resolve())
    served = Served(host=host, port=args.port, only=door.only, store=spec)
    codes = [c.code for c in classes]

    def announce(bound_host: str, port: int) -> None:
        print(f"Corridors is being served (listening on {url(bound_host, port)}).")
        for line in reach_lines(bound_host, port, door.only, codes, where):
            print(line)
        sys.stdout.flush()

    return serve(served, announce)


def checked_roles(sc: Scenario, values: Sequence[str] | None) -> list[str]:
    valid = [r.id for r in sc.roles]
    roles = split_roles(values)
    for role in roles:
        if role not in valid:
            raise UsageError(f'unknown role "{role}" (valid: {", ".join(valid)})')
    if len(roles) > MAX_HUMAN_ROLES:
        raise UsageError(f"at most {MAX_HUMAN_ROLES} roles can be played by people, not {len(roles)}")
    return roles


def new_or_loaded_session(args: argparse.Namespace) -> Session:
    """A save resumed, or a new game."""
    if args.load:
        if args.role or args.seed is not None or args.others or args.length:
            raise UsageError(
                "--load resumes a saved game: its --role, --others, --seed and --length cannot be changed"
            )
        path = Path(args.load)
        if not path.exists():
            raise UsageError(f"no such save file: {args.load}")
        expect = load(args.scenario).id if args.scenario else None
        session = Session.load(path, expect_scenario=expect)
        if args.content:
            session.content = "gentle" if args.content == "gentle" else "standard"
        return session
    ref = args.scenario or registry.DEFAULT_SCENARIO
    sc = load(ref)
    roles = checked_roles(sc, args.role)
    others = policy_or_usage(compile_scenario(sc), args.others or "historical")
    return Session.new(
        ref,
        roles=roles or None,
        seed=args.seed,
        content=args.content or "standard",
        policy=others,
        length=args.length or "full",
    )


def is_terminal() -> bool:
    """Whether the full-screen game can run: input and output are both a terminal, and
    not TERM=dumb."""
    return settings.full_screen()


def cmd_debrief(args: argparse.Namespace) -> int:
    path = Path(args.save)
    if not path.exists():
        raise UsageError(f"no such save file: {args.save}")
    if args.output is not None:
        check_export(args.output, "-o")
    fmt = args.format or (format_for(args.output) if args.output else "md")
    session = Session.load(path, autosave=False)
    if session.notice:
        print(f"corridors: note: {session.notice}", file=sys.stderr)
    if not session.finished:
        raise SaveError(
            path,
            f"is not a finished game (week {session.week + 1} of {session.n_weeks} is next);"
            f" finish it with: corridors play --load {path}",
        )
    debrief = session.finish()
    alt = session.alternatives(args.alternatives) if args.alternatives > 0 else None
    text = render(debrief, alt, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    where = write_text_atomic(args.output, text, shared=True)
    print(f"The debrief is written to {where}.", file=sys.stderr)
    return 0


def safe_streams() -> None:
    """Never fail on odd bytes in or on characters out that the streams' encoding
    cannot hold (LANG=C, PYTHONIOENCODING=ascii): they are replaced."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def utf8_out() -> bool:
    """Whether standard output takes any character."""
    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") in ("utf8", "utf16", "utf32")


ZONES = ("east", "west", "total")


def cmd_simulate(args: argparse.Namespace) -> int:
    sc = load(args.scenario)
    c = compile_scenario(sc)
    policy = policy_or_usage(c, args.policy)
    # run k has seed args.seed + k; without --trace only the final ledgers are needed
    states = run_many(c, policy, args.runs, args.seed, keep="all" if args.trace else "final")
    summary = summarise(states, c)
    if args.json:
        obj: dict[str, Any] = {
            "scenario": sc.id,
            "policy": policy,
            "runs": args.runs,
            "seed": args.seed,
            "summary": summary,
        }
        if args.trace:
            obj["runs"] = [
                {"seed": args.seed + k, "weeks": trace(c, s)} for k, s in enumerate(states)
            ]
        print(json.dumps(obj, ensure_ascii=not utf8_out()))
        return 0
    last = args.seed + args.runs - 1
    print(
        f"{args.runs} simulated games of {sc.id} ({sc.title}), every role played by the {policy} policy, seeds {args.seed} to {last}."
    )
    print(
        "All numbers are simulated by the model, not a record: median, 10th and 90th percentile at the end of the game."
    )
    print()
    rows = [["zone", "measure", "median", "p10", "p90"]]
    for zone in ZONES:
        zd = summary[zone]
        for m in LEDGER_METRICS:
            if m in zd:
                k = digits_for(m)
                rows.append(
                    [
                        zone,
                        m.replace("_", " "),
                        num(zd[m]["median"], k),
                        num(zd[m]["p10"], k),
                        num(zd[m]["p90"], k),
                    ]
                )
        for cause, q in zd.get("killed_by_cause", {}).items():
            rows.append(
                [
                    zone,
                    f"  killed: {cause.replace('_', ' ')}",
                    num(q["median"]),
                    num(q["p10"]),
                    num(q["p90"]),
                ]
            )
    for rid, lines in summary["roles"].items():
        for name, q in lines.items():
            rows.append([rid, name.replace("_", " "), num(q["median"]), num(q["p10"]), num(q["p90"])])
    for line in table(rows, right=(2, 3, 4)):
        print(line)
    if args.trace:
        for k, s in enumerate(states):
            print()
            print(f"Run {k + 1} (seed {args.seed + k}), week by week (simulated):")
            rows = [
                [
                    "week",
                    "date",
                    "zone",
                    "present",
                    "killed",
                    "injured",
                    "left",
                    "food days",
                    "hospitals",
                ]
            ]
            for w in trace(c, s):
                for zone in ("east", "west"):
                    led = w["ledger"][zone]
                    rows.append(
                        [
                            str(w["week"]),
                            w["date"],
                            zone,
                            num(led["present"]),
                            num(led["killed"]),
                            num(led["injured"]),
                            num(led["left"]),
                            num(led["food_days"], 1),
                            num(led["hospitals"]),
                        ]
                    )
            for line in table(rows, right=(0, 3, 4, 5, 6, 7, 8)):
                print(line)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    sc = load(args.scenario)
    c = compile_scenario(sc)
    if not sc.record:
        print(f"{sc.id} has no record bands to calibrate against.")
        return 0
    check_export(args.profile, "--profile")
    states = run_many(c, "historical", args.runs, args.seed)
    results = calibrate(c, states)
    if args.profile:
        from game.classroom.profile import profile_markdown, profile_svg

        draw = profile_markdown if args.profile.lower().endswith(".md") else profile_svg
        chart = draw(sc, weekly_profile(c, states), args.runs, args.seed)
        try:
            Path(args.profile).write_text(chart, encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot write {args.profile}: {e.strerror or e}") from None
    print(
        f"{sc.id}: the historical policy over {args.runs} games (seeds {args.seed} to {args.seed + args.runs - 1})."
    )
    print(
        "Model figures are simulated; the band is the record's range (see the scenario's record)."
    )
    print()
    rows = [["record measure", "band", "model median (p10-p90)", "inside?"]]
    for r in results:
        lo, hi = r.measure.band
        k = digits_for(r.measure.metric)
        rows.append(
            [
                r.measure.label,
                f"{num(lo, k)} to {num(hi, k)}",
                f"{num(r.median, k)} ({num(r.p10, k)} to {num(r.p90, k)})",
                "yes" if r.inside else "NO",
            ]
        )
    for line in table(rows):
        print(line)
    outside = [r for r in results if not r.inside]
    print()
    if outside:
        print(f"{len(outside)} of {len(results)} medians fall outside the record's band.")
        return 1
    print(f"All {len(results)} medians fall inside the record's bands.")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    if not paths:
        raise UsageError("validate needs at least one scenario file or folder")
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    problems: list[str] = []
    loaded: list[tuple[str, Scenario]] = []
    for p in paths:
        try:
            loaded.append((p, load_scenario(p)))
        except ScenarioErrors as e:
            problems.extend(str(x) for x in e.errors)
        except (OSError, ValueError, RecursionError, MemoryError) as e:
            problems.append(f"{p}: cannot be read: {type(e).__name__}: {' '.join(str(e).split())}")
    if problems:
        for line in problems:
            print(line)
        return 1
    for p, sc in loaded:
        print(f"{p}: ok ({sc.id}, {sc.weeks} weeks)")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    ids = registry.available()
    if not ids:
        looked = ", ".join(str(p) for p in registry.roots()) or "nowhere"
        err(f"no scenarios found (looked in: {looked})")
        return 1
    code = 0
    for sid in ids:
        try:
            sc = registry.get(sid)
        except ScenarioErrors as e:
            n = len(e.errors)
            print(
                f"{sid}: cannot be loaded ({n} problem{'s' if n != 1 else ''}; run: corridors validate {registry.resolve(sid)})"
            )
            code = 1
            continue
        roles = ", ".join(r.id for r in sc.roles)
        print(f"{sid}: {sc.title}. {sc.weeks} weeks from {sc.start.isoformat()}; roles: {roles}.")
    return code


def cmd_saves(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else default_save_dir()
    if args.dir and not folder.is_dir():
        raise UsageError(f"no such folder: {args.dir}")
    saves = list_saves(folder)
    if not saves:
        print(f"No saved games in {folder}.")
        return 0
    print(f"Saved games in {folder}, the latest first:")
    for info in saves:
        print(save_text(info))
    print("Resume one with: corridors play --load FILE")
    return 0


# ---------------------------------------------------------------------- entry point


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
            raise UsageError(
                f"no command given (valid: {', '.join(COMMANDS)}; see: corridors --help)"
            )
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
    err(f"internal error: {type(e).__name__}: {e} (please report it; CORRIDORS_DEBUG=1 shows details)")
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


if __name__ == "__main__":
    raise SystemExit(main())

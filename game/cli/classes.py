"""`corridors class new|results|export|watch|report` and `corridors serve` (the game in the room's browsers)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game import settings
from game.classroom.errors import ClassroomError
from game.cli.args import UsageError, check_export, load, write_out
from game.cli.play import checked_roles
from game.present import cliwords as words
from game.scenario import registry
from game.session import seed_of


def cmd_class_missing(args: argparse.Namespace) -> int:
    raise UsageError(words.CLASS_NEEDS_SUBCOMMAND)


def cmd_class_new(args: argparse.Namespace) -> int:
    from game.classroom.classes import check_length, new_class

    sc = load(args.scenario or registry.DEFAULT_SCENARIO)
    roles = checked_roles(sc, args.role)
    try:
        check_length(args.length)
    except ClassroomError as e:
        raise UsageError(str(e)) from None
    seed, from_code = seed_of(args.seed)
    klass, where = new_class(
        args.store, args.scenario or registry.DEFAULT_SCENARIO, roles or None, seed, args.content, args.length
    )
    print(klass.code)
    print(
        words.class_made(
            klass.code, where, klass.scenario, klass.seed, from_code, klass.roles, klass.content, klass.length
        )
    )
    # the store as typed, but never a password (this may be shown to a class)
    store = (str(where) if "://" in args.store else args.store) if args.store else None
    for line in words.class_commands(klass.code, store):
        print(line)
    if sys.stdout.isatty():  # a teacher at a terminal: the debrief's histories, before the lesson
        from game.classroom.families import warm

        warm(args.store, klass.code)
    return 0


def cmd_class_results(args: argparse.Namespace) -> int:
    from game.classroom.classes import find_class
    from game.classroom.storeopen import open_store
    from game.classroom.watch import class_scenario
    from game.present.classlist import results_lines

    klass, _ = find_class(args.store, args.code)
    with open_store(args.store) as store:
        records = store.results(klass.code)
    sc = class_scenario(klass) if any(r.length == "lesson" for r in records) else None
    for line in results_lines(klass, records, sc):
        print(line)
    return 0


def cmd_class_export(args: argparse.Namespace) -> int:
    from game.classroom.classes import find_class
    from game.classroom.listing import export
    from game.classroom.storeopen import open_store

    if args.output is not None:
        check_export(args.output, "-o")
    fmt = args.format or ("json" if (args.output or "").lower().endswith(".json") else "csv")
    klass, _ = find_class(args.store, args.code)
    with open_store(args.store) as store:
        records = store.results(klass.code)
    where = write_out(export(klass, records, fmt), args.output)
    if where is not None:
        print(words.results_written(len(records), klass.code, where), file=sys.stderr)
    return 0


def cmd_class_watch(args: argparse.Namespace) -> int:
    """`class watch CODE`: the teacher's screen of a class, read again every few seconds
    until q. A code or a store that cannot be used is one line before the screen opens."""
    from game.classroom.watch import Watcher
    from game.cli.args import is_terminal

    watcher = Watcher(args.store, args.code)  # CodeError, StoreError: one line, exit 1
    watcher()  # the store can be read now, or the screen does not open
    if not is_terminal():
        raise UsageError(words.WATCH_NEEDS_TERMINAL)
    from game.ui import run_app

    return run_app(watch=watcher, farewell=False)


REPORT_RUNS = 300
REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".csv": "csv"}


def cmd_class_report(args: argparse.Namespace) -> int:
    """`class report`: every game of a class against the record and the alternative
    histories (html for a projector, md, csv)."""
    from game.classroom.report import class_view
    from game.present.classreport import render_report

    if args.output is not None:
        check_export(args.output, "-o")
    fmt = args.format or REPORT_FORMATS.get(Path(args.output or "").suffix.lower(), "md")
    view = class_view(args.store, args.code, names=args.names, runs=args.alternatives)
    where = write_out(render_report(view, fmt), args.output)
    if where is not None:
        print(words.report_written(view.code, len(view.games), where), file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """`serve`: the game in the room's browsers, until ctrl+c."""
    from game.classroom.join import ClassDoor
    from game.classroom.serve import Served, ServeError, check_host, reach_lines, serve, url
    from game.classroom.storeopen import default_store_path, is_url

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
    served = Served(host=host, port=args.port, only=door.only, store=spec, max_games=args.max_games)
    codes = [c.code for c in classes]

    if args.warm:  # each class's alternative histories, played while the students arrive
        from game.classroom.families import warm

        for klass in classes if door.only is None else [c for c in classes if c.code == door.only]:
            warm(spec, klass.code)

    def announce(bound_host: str, port: int) -> None:
        print(words.serving(url(bound_host, port)))
        for line in reach_lines(bound_host, port, door.only, codes, where, args.max_games):
            print(line)
        sys.stdout.flush()

    return serve(served, announce)

"""`corridors play` (the line mode or the full-screen game), the result record each game
keeps when it ends, and `corridors debrief`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game import settings
from game.classroom.errors import ClassroomError
from game.cli.args import (
    MAX_HUMAN_ROLES,
    UsageError,
    check_export,
    first_given,
    is_terminal,
    load,
    policy_or_usage,
    split_roles,
    write_out,
)
from game.engine.compiled import compile_scenario
from game.model.scenario import Scenario
from game.present import cliwords as words
from game.scenario import registry
from game.session import SaveError, Session

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
            line = words.error if keeper.class_code else words.warning
            print(line(words.not_kept(str(e))), file=sys.stderr)
            if keeper.class_code:
                code = 1
            continue
        except Exception as e:  # never a traceback after the game
            if settings.debug():
                raise
            print(words.warning(words.not_kept(words.internal(e))), file=sys.stderr)
            code = 1 if keeper.class_code else code
            continue
        if kept is not None and kept[0].class_code:
            record, where = kept
            state = words.weeks_played(record.finished, record.weeks_played, record.weeks)
            # in a browser page standard output is the page's stream: the server's window
            # (standard error) shows it instead
            out = sys.stderr if settings.web_page() else sys.stdout
            print(words.kept(state, record.class_code, record.player, where), file=out)
    return code



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
        print(words.line_mode(settings.dumb_terminal()), file=sys.stderr)
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
    if name and not session.player_name:  # kept in the save: Continue finds their game
        session.player_name = name
    _KEEPERS.append(keeper)
    return session


def _fixed_by_class(args: argparse.Namespace) -> tuple[tuple[str, object], ...]:
    """The options of `play` that a class game's settings fix, with what was given."""
    return (
        ("--load", args.load),
        ("--scenario", args.scenario),
        ("--role", args.role),
        ("--seed", args.seed is not None),
        ("--others", args.others),
    )


def class_play_session(args: argparse.Namespace, name: str | None) -> tuple[Session, Any]:
    """`play --class CODE --name NAME`: a new game with the class's settings."""
    from game.classroom.classes import ResultKeeper, class_session, find_class

    fixed = first_given(*_fixed_by_class(args), ("--length", args.length))
    if fixed:
        raise UsageError(words.class_fixes(fixed))
    if name is None:
        raise UsageError(words.CLASS_NEEDS_NAME)
    settings, _ = find_class(args.store, args.class_code)
    session = class_session(settings, args.content)
    return session, ResultKeeper(args.store, settings=settings, player=name)


def play_joined(args: argparse.Namespace) -> int:
    """`play --join [--class CODE]`: the full-screen game opens at the class code and the
    player's name; a code that opens no game is refused there, and nothing is played."""
    from game.classroom.join import ClassDoor, JoinRefused
    from game.session.join import Welcome
    from game.ui import run_app

    fixed = first_given(
        *_fixed_by_class(args), ("--name", args.name is not None), ("--content", args.content), ("--plain", args.plain)
    )
    if fixed:
        raise UsageError(words.join_fixes(fixed))
    if not is_terminal():
        raise UsageError(words.JOIN_NEEDS_SCREEN)
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
            raise JoinRefused(door.words.failed.format(problem=words.internal(e))) from None
        _KEEPERS.append(joined.keeper)
        return door.welcome(joined)

    return run_app(join=join, export=args.export, farewell=not settings.web_page())


def checked_roles(sc: Scenario, values: Sequence[str] | None) -> list[str]:
    valid = [r.id for r in sc.roles]
    roles = split_roles(values)
    for role in roles:
        if role not in valid:
            raise UsageError(words.unknown("role", role, valid))
    if len(roles) > MAX_HUMAN_ROLES:
        raise UsageError(words.too_many_roles(MAX_HUMAN_ROLES, len(roles)))
    return roles


def new_or_loaded_session(args: argparse.Namespace) -> Session:
    """A save resumed, or a new game."""
    if args.load:
        if args.role or args.seed is not None or args.others or args.length:
            raise UsageError(words.LOAD_FIXES)
        path = Path(args.load)
        if not path.exists():
            raise UsageError(words.no_such_save(args.load))
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


def cmd_debrief(args: argparse.Namespace) -> int:
    from game.present.export import format_for, render  # not needed to play (nor imported)

    path = Path(args.save)
    if not path.exists():
        raise UsageError(words.no_such_save(args.save))
    if args.output is not None:
        check_export(args.output, "-o")
    fmt = args.format or (format_for(args.output) if args.output else "md")
    session = Session.load(path, autosave=False)
    if session.notice:
        print(words.note(session.notice), file=sys.stderr)
    if not session.finished:
        if session.week == 0:
            raise SaveError(path, words.not_begun(path))
        # An unfinished game: the debrief of the weeks played, which says it ended early.
        session = session.ended_now()
    debrief = session.finish()
    alt = session.alternatives(args.alternatives) if args.alternatives > 0 else None
    where = write_out(render(debrief, alt, fmt), args.output)
    if where is not None:
        print(words.debrief_written(where), file=sys.stderr)
    return 0

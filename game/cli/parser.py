"""The `corridors` command line: every command, its options and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from game.cli.args import (
    DEFAULT_RUNS,
    DEFAULT_SEED,
    MAX_HUMAN_ROLES,
    Parser,
    add_alternatives,
    add_store,
    alternatives_type,
    max_games_type,
    port_type,
    runs_type,
    seed_type,
)
from game.cli.classes import (
    REPORT_RUNS,
    cmd_class_export,
    cmd_class_missing,
    cmd_class_new,
    cmd_class_report,
    cmd_class_results,
    cmd_class_watch,
    cmd_serve,
)
from game.cli.play import cmd_debrief, cmd_play
from game.model.results import LENGTHS
from game.present import clihelp
from game.present.formats import FORMATS
from game.scenario import registry
from game.session import (
    CONTENT_LEVELS,
)


def tool(name: str) -> Callable[[argparse.Namespace], int]:
    """The command `name` of `game.cli.tools`, imported when it runs: the scenario checker
    and the batch engine behind those commands are not needed to play (`corridors play`
    parses its command line after the game's first frame, before the week)."""

    def run(args: argparse.Namespace) -> int:
        from game.cli import tools

        command: Callable[[argparse.Namespace], int] = getattr(tools, name)
        return command(args)

    return run


def build_parser() -> Parser:
    p = Parser(
        prog="corridors",
        description=clihelp.DESCRIPTION,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    play = sub.add_parser("play", help=clihelp.PLAY)
    play.add_argument(
        "--scenario",
        metavar="ID|PATH",
        help=clihelp.scenario(registry.DEFAULT_SCENARIO),
    )
    play.add_argument(
        "--role",
        action="append",
        metavar="ROLE[,ROLE...]",
        help=clihelp.play_roles(MAX_HUMAN_ROLES),
    )
    play.add_argument(
        "--others",
        metavar="POLICY",
        help=clihelp.PLAY_OTHERS,
    )
    play.add_argument(
        "--seed",
        type=seed_type,
        metavar="N|CODE",
        help=clihelp.PLAY_SEED,
    )
    play.add_argument("--plain", action="store_true", help=clihelp.PLAY_PLAIN)
    play.add_argument("--load", metavar="FILE", help=clihelp.PLAY_LOAD)
    play.add_argument("--content", choices=CONTENT_LEVELS, help=clihelp.CONTENT)
    play.add_argument(
        "--length",
        choices=LENGTHS,
        help=clihelp.PLAY_LENGTH,
    )
    play.add_argument("--export", metavar="FILE", help=clihelp.PLAY_EXPORT)
    add_alternatives(play)
    play.add_argument("--class", dest="class_code", metavar="CODE", help=clihelp.PLAY_CLASS)
    play.add_argument("--name", metavar="NAME", help=clihelp.PLAY_NAME)
    play.add_argument(
        "--join",
        action="store_true",
        help=clihelp.PLAY_JOIN,
    )
    add_store(play)
    play.set_defaults(func=cmd_play)

    deb = sub.add_parser("debrief", help=clihelp.DEBRIEF)
    deb.add_argument("save", metavar="SAVE", help=clihelp.DEBRIEF_SAVE)
    deb.add_argument("--format", choices=FORMATS, help=clihelp.DEBRIEF_FORMAT)
    deb.add_argument("-o", "--output", metavar="FILE", help=clihelp.WRITE_TO)
    add_alternatives(deb)
    deb.set_defaults(func=cmd_debrief)

    sim = sub.add_parser("simulate", help=clihelp.SIMULATE)
    sim.add_argument("--scenario", metavar="ID|PATH", default=registry.DEFAULT_SCENARIO)
    sim.add_argument("--policy", metavar="NAME", default="historical")
    sim.add_argument("--runs", type=runs_type, metavar="N", default=DEFAULT_RUNS)
    sim.add_argument(
        "--seed", type=seed_type, metavar="N|CODE", default=str(DEFAULT_SEED), help=clihelp.SIMULATE_SEED
    )
    sim.add_argument("--json", action="store_true", help=clihelp.SIMULATE_JSON)
    sim.add_argument("--trace", action="store_true", help=clihelp.SIMULATE_TRACE)
    sim.set_defaults(func=tool("cmd_simulate"))

    cal = sub.add_parser("calibrate", help=clihelp.CALIBRATE)
    cal.add_argument("--scenario", metavar="ID|PATH", default=registry.DEFAULT_SCENARIO)
    cal.add_argument("--runs", type=runs_type, metavar="N", default=DEFAULT_RUNS)
    cal.add_argument(
        "--seed", type=seed_type, metavar="N|CODE", default=str(DEFAULT_SEED), help=clihelp.SIMULATE_SEED
    )
    cal.add_argument("--profile", metavar="FILE", help=clihelp.CALIBRATE_PROFILE)
    cal.set_defaults(func=tool("cmd_calibrate"))

    val = sub.add_parser("validate", help=clihelp.VALIDATE)
    val.add_argument("paths", nargs="*", metavar="PATH")
    val.set_defaults(func=tool("cmd_validate"))

    sc = sub.add_parser("scenarios", help=clihelp.SCENARIOS)
    sc.set_defaults(func=tool("cmd_scenarios"))

    ho = sub.add_parser("handouts", help=clihelp.HANDOUTS)
    ho.add_argument("-o", "--output", metavar="DIR", required=True, help=clihelp.HANDOUTS_OUTPUT)
    ho.add_argument(
        "--scenario", metavar="ID|PATH", help=clihelp.scenario(registry.DEFAULT_SCENARIO)
    )
    ho.add_argument(
        "--content", choices=CONTENT_LEVELS, default="standard", help=clihelp.HANDOUTS_CONTENT
    )
    ho.set_defaults(func=tool("cmd_handouts"))

    sv = sub.add_parser("saves", help=clihelp.SAVES)
    sv.add_argument("--dir", metavar="FOLDER", help=clihelp.SAVES_DIR)
    sv.set_defaults(func=tool("cmd_saves"))

    add_class_commands(sub)

    srv = sub.add_parser("serve", help=clihelp.SERVE)
    srv.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDRESS",
        help=clihelp.SERVE_HOST,
    )
    srv.add_argument("--port", type=port_type, default=8000, metavar="N", help=clihelp.SERVE_PORT)
    srv.add_argument("--class", dest="class_code", metavar="CODE", help=clihelp.SERVE_CLASS)
    srv.add_argument(
        "--no-warm",
        dest="warm",
        action="store_false",
        help=clihelp.SERVE_NO_WARM,
    )
    srv.add_argument(
        "--max-games",
        type=max_games_type,
        default=60,
        metavar="N",
        help=clihelp.SERVE_MAX_GAMES,
    )
    add_store(srv)
    srv.set_defaults(func=cmd_serve)
    return p


# ---------------------------------------------------------------------- class commands


def add_class_commands(sub: Any) -> None:
    """`corridors class new|results|export|watch|report`."""
    from game.classroom.listing import EXPORT_FORMATS

    cls = sub.add_parser("class", help=clihelp.CLASS)
    cls.set_defaults(func=cmd_class_missing)
    csub = cls.add_subparsers(dest="class_command", metavar="SUBCOMMAND", parser_class=Parser)

    new = csub.add_parser("new", help=clihelp.CLASS_NEW)
    new.add_argument(
        "--scenario", metavar="ID|PATH", help=clihelp.scenario(registry.DEFAULT_SCENARIO)
    )
    new.add_argument(
        "--roles",
        "--role",
        dest="role",
        action="append",
        metavar="ROLE[,ROLE...]",
        help=clihelp.CLASS_ROLES,
    )
    new.add_argument("--seed", type=seed_type, metavar="N|CODE", help=clihelp.CLASS_SEED)
    new.add_argument("--content", choices=CONTENT_LEVELS, default="standard", help=clihelp.CONTENT)
    new.add_argument("--length", choices=LENGTHS, default="full", help=clihelp.CLASS_LENGTH)
    add_store(new)
    new.set_defaults(func=cmd_class_new)

    res = csub.add_parser("results", help=clihelp.CLASS_RESULTS)
    res.add_argument("code", metavar="CODE")
    add_store(res)
    res.set_defaults(func=cmd_class_results)

    exp = csub.add_parser("export", help=clihelp.CLASS_EXPORT)
    exp.add_argument("code", metavar="CODE")
    exp.add_argument("--format", choices=EXPORT_FORMATS, help=clihelp.CLASS_EXPORT_FORMAT)
    exp.add_argument("-o", "--output", metavar="FILE", help=clihelp.WRITE_TO)
    add_store(exp)
    exp.set_defaults(func=cmd_class_export)

    watch = csub.add_parser("watch", help=clihelp.CLASS_WATCH)
    watch.add_argument("code", metavar="CODE")
    add_store(watch)
    watch.set_defaults(func=cmd_class_watch)

    rep = csub.add_parser(
        "report",
        help=clihelp.CLASS_REPORT,
    )
    rep.add_argument("code", metavar="CODE")
    rep.add_argument("--format", choices=("html", "md", "csv"), help=clihelp.CLASS_REPORT_FORMAT)
    rep.add_argument("-o", "--output", metavar="FILE", help=clihelp.WRITE_TO)
    rep.add_argument("--names", action="store_true", help=clihelp.CLASS_REPORT_NAMES)
    rep.add_argument(
        "--alternatives",
        type=alternatives_type,
        default=REPORT_RUNS,
        metavar="N",
        help=clihelp.class_report_alternatives(REPORT_RUNS),
    )
    add_store(rep)
    rep.set_defaults(func=cmd_class_report)

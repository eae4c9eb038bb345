"""The `corridors` command line: every command, its options and the function that runs it."""

from __future__ import annotations

from typing import Any

from game.cli.args import (
    DEFAULT_RUNS,
    DEFAULT_SEED,
    MAX_HUMAN_ROLES,
    Parser,
    add_alternatives,
    add_store,
    alternatives_type,
    code_type,
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
from game.cli.tools import (
    cmd_calibrate,
    cmd_handouts,
    cmd_saves,
    cmd_scenarios,
    cmd_simulate,
    cmd_validate,
)
from game.model.results import LENGTHS
from game.present.export import FORMATS
from game.scenario import registry
from game.session import (
    CONTENT_LEVELS,
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

    deb = sub.add_parser("debrief", help="the debrief of a game, from its save (unfinished: of the weeks played)")
    deb.add_argument("save", metavar="SAVE", help="a game's save file")
    deb.add_argument("--format", choices=FORMATS, help="md, html, txt or json (default: from -o's extension, else md)")
    deb.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: print)")
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

    ho = sub.add_parser("handouts", help="printable pages: a role card for each role, a timeline, a map and a glossary")
    ho.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to write the pages to (made if missing)")
    ho.add_argument("--scenario", metavar="ID|PATH", help=f"scenario id or folder (default: {registry.DEFAULT_SCENARIO})")
    ho.add_argument("--content", choices=CONTENT_LEVELS, default="standard", help="content level: gentle uses the gentler wording (default: standard)")
    ho.set_defaults(func=cmd_handouts)

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
    srv.add_argument(
        "--no-warm",
        dest="warm",
        action="store_false",
        help="do not play the classes' alternative histories in the background as the server starts",
    )
    srv.add_argument(
        "--max-games",
        type=max_games_type,
        default=60,
        metavar="N",
        help="at most N games at once; a tab beyond that is asked to wait (default: 60, about 4 GiB of memory)",
    )
    add_store(srv)
    srv.set_defaults(func=cmd_serve)
    return p


# ---------------------------------------------------------------------- class commands


def add_class_commands(sub: Any) -> None:
    """`corridors class new|results|export|watch|report`."""
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
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: print)")
    add_store(exp)
    exp.set_defaults(func=cmd_class_export)

    watch = csub.add_parser(
        "watch", help="a teacher's screen of a class: who is playing, who finished, the spread so far (refreshes)"
    )
    watch.add_argument("code", metavar="CODE")
    add_store(watch)
    watch.set_defaults(func=cmd_class_watch)

    rep = csub.add_parser(
        "report",
        help="a class's report: every game side by side with the record and the alternative histories, for a projector",
    )
    rep.add_argument("code", metavar="CODE")
    rep.add_argument("--format", choices=("html", "md", "csv"), help="html, md or csv (default: from -o's extension, else md)")
    rep.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: print)")
    rep.add_argument("--names", action="store_true", help="show the players' names (default: Game 1, Game 2, ...)")
    rep.add_argument(
        "--alternatives",
        type=alternatives_type,
        default=REPORT_RUNS,
        metavar="N",
        help=f"alternative histories with the historical policy to compare with (default: {REPORT_RUNS}; 0: none)",
    )
    add_store(rep)
    rep.set_defaults(func=cmd_class_report)

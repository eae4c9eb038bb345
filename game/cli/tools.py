"""The batch commands (`simulate`, `calibrate`), `validate`, `scenarios` and `saves`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game import settings
from game.cli.args import (
    UsageError,
    check_export,
    digits_for,
    err,
    load,
    num,
    policy_or_usage,
    table,
    utf8_out,
)
from game.engine.batch import LEDGER_METRICS, calibrate, summarise, trace, weekly_profile
from game.engine.compiled import compile_scenario
from game.model.scenario import Scenario
from game.parallel import run_many
from game.present import cliwords as words
from game.present.saves import save_text
from game.scenario import registry
from game.scenario.errors import ScenarioErrors
from game.scenario.loader import load_scenario
from game.session import (
    default_save_dir,
    list_saves,
    seed_of,
    write_text_atomic,
)
from game.session.safefile import A_FOLDER, file_kind

ZONES = ("east", "west", "total")


def cmd_simulate(args: argparse.Namespace) -> int:
    sc = load(args.scenario)
    c = compile_scenario(sc)
    policy = policy_or_usage(c, args.policy)
    first, code = seed_of(args.seed)
    # run k has seed first + k; without --trace only the final ledgers are needed
    states = run_many(c, policy, args.runs, first, keep="all" if args.trace else "final")
    summary = summarise(states, c)
    if args.json:
        obj: dict[str, Any] = {
            "scenario": sc.id,
            "policy": policy,
            "runs": args.runs,
            "seed": first,
            "code": code,
            "summary": summary,
        }
        if args.trace:
            obj["runs"] = [
                {"seed": first + k, "weeks": trace(c, s)} for k, s in enumerate(states)
            ]
        print(json.dumps(obj, ensure_ascii=not utf8_out()))
        return 0
    last = first + args.runs - 1
    for line in words.simulated(args.runs, sc.id, sc.title, policy, first, last, code):
        print(line)
    print()
    rows = [list(words.SIMULATE_HEADER)]
    for zone in ZONES:
        zd = summary[zone]
        for m in LEDGER_METRICS:
            if m in zd:
                k = digits_for(m)
                rows.append(
                    [
                        zone,
                        words.measure(m),
                        num(zd[m]["median"], k),
                        num(zd[m]["p10"], k),
                        num(zd[m]["p90"], k),
                    ]
                )
        for cause, q in zd.get("killed_by_cause", {}).items():
            rows.append(
                [
                    zone,
                    words.killed_by(cause),
                    num(q["median"]),
                    num(q["p10"]),
                    num(q["p90"]),
                ]
            )
    for rid, lines in summary["roles"].items():
        for name, q in lines.items():
            rows.append([rid, words.measure(name), num(q["median"]), num(q["p10"]), num(q["p90"])])
    for line in table(rows, right=(2, 3, 4)):
        print(line)
    if args.trace:
        for k, s in enumerate(states):
            print()
            print(words.run_heading(k + 1, first + k))
            rows = [list(words.TRACE_HEADER)]
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
        print(words.no_bands(sc.id))
        return 0
    check_export(args.profile, "--profile")
    first, code = seed_of(args.seed)
    states = run_many(c, "historical", args.runs, first)
    results = calibrate(c, states)
    if args.profile:
        from game.present.profile import profile_markdown, profile_svg

        draw = profile_markdown if args.profile.lower().endswith(".md") else profile_svg
        chart = draw(sc, weekly_profile(c, states), args.runs, first)
        try:
            Path(args.profile).write_text(chart, encoding="utf-8")
        except OSError as e:
            raise UsageError(words.cannot_write(args.profile, e.strerror or e)) from None
    for line in words.calibrated(sc.id, args.runs, first, first + args.runs - 1, code):
        print(line)
    print()
    rows = [list(words.CALIBRATE_HEADER)]
    for r in results:
        lo, hi = r.measure.band
        k = digits_for(r.measure.metric)
        rows.append(
            [
                r.measure.label,
                words.band(num(lo, k), num(hi, k)),
                words.median_between(num(r.median, k), num(r.p10, k), num(r.p90, k)),
                words.inside(r.inside),
            ]
        )
    for line in table(rows):
        print(line)
    outside = [r for r in results if not r.inside]
    print()
    if outside:
        print(words.medians_outside(len(outside), len(results)))
        return 1
    print(words.medians_inside(len(results)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    if not paths:
        raise UsageError(words.VALIDATE_NEEDS_PATHS)
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(words.no_such_path(missing[0]))
    problems: list[str] = []
    loaded: list[tuple[str, Scenario]] = []
    for p in paths:
        try:
            loaded.append((p, load_scenario(p)))
        except ScenarioErrors as e:
            problems.extend(str(x) for x in e.errors)
        except (OSError, ValueError, RecursionError, MemoryError) as e:
            problems.append(words.cannot_be_read(p, e))
    if problems:
        for line in problems:
            print(line)
        return 1
    for p, sc in loaded:
        print(words.valid(p, sc.id, sc.weeks))
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    ids = registry.available()
    if not ids:
        err(words.no_scenarios([str(p) for p in registry.roots()]))
        return 1
    code = 0
    for sid in ids:
        try:
            sc = registry.get(sid)
        except ScenarioErrors as e:
            print(words.cannot_be_loaded(sid, len(e.errors), registry.resolve(sid)))
            code = 1
            continue
        print(words.scenario_line(sid, sc.title, sc.weeks, sc.start.isoformat(), [r.id for r in sc.roles]))
    return code


def cmd_saves(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else default_save_dir()
    if args.dir and not folder.is_dir():
        raise UsageError(words.no_such_folder(args.dir))
    saves = list_saves(folder)
    if not saves:
        print(words.no_saves(folder))
        return 0
    print(words.saves_in(folder))
    for info in saves:
        print(save_text(info))
    print(words.RESUME_ONE)
    return 0


# ---------------------------------------------------------------------- entry point


def cmd_handouts(args: argparse.Namespace) -> int:
    """`handouts -o DIR [--content gentle]`: the printable pages, into DIR (made if its
    parent exists)."""
    from game.present.handouts import handout_pages

    folder = Path(args.output)
    try:
        kind = file_kind(folder)
    except OSError as e:
        raise UsageError(words.option_problem("-o", args.output, words.cannot_be("used", e.strerror or e))) from None
    if kind not in (None, A_FOLDER):
        raise UsageError(words.option_problem("-o", args.output, words.not_a_folder(kind)))
    if kind is None:
        if not folder.parent.is_dir():
            raise UsageError(words.option_problem("-o", args.output, words.no_such_folder_in(str(folder.parent))))
        try:
            folder.mkdir()
        except OSError as e:
            raise UsageError(words.option_problem("-o", args.output, words.cannot_be("made", e.strerror or e))) from None
    try:
        settings.writable(settings.Folder(folder, words.THE_FOLDER))
    except settings.SettingsError as e:
        raise UsageError(words.option_problem("-o", args.output, e)) from None
    pages = handout_pages(load(args.scenario or registry.DEFAULT_SCENARIO), args.content)
    for name, text in pages.items():
        write_text_atomic(folder / name, text, shared=True)
    print(words.handouts_written(len(pages), folder, list(pages)), file=sys.stderr)
    return 0

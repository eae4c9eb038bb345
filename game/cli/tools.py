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
from game.present.saves import save_text
from game.scenario import registry
from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioErrors
from game.session import (
    default_save_dir,
    list_saves,
    write_text_atomic,
)
from game.session.safefile import file_kind

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
        from game.present.profile import profile_markdown, profile_svg

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


def cmd_handouts(args: argparse.Namespace) -> int:
    """`handouts -o DIR [--content gentle]`: the printable pages, into DIR (made if its
    parent exists)."""
    from game.present.handouts import handout_pages

    folder = Path(args.output)
    try:
        kind = file_kind(folder)
    except OSError as e:
        raise UsageError(f"-o {args.output}: cannot be used: {e.strerror or e}") from None
    if kind not in (None, "a folder"):
        raise UsageError(f"-o {args.output}: is {kind}, not a folder")
    if kind is None:
        if not folder.parent.is_dir():
            raise UsageError(f"-o {args.output}: no such folder {str(folder.parent)!r}")
        try:
            folder.mkdir()
        except OSError as e:
            raise UsageError(f"-o {args.output}: cannot be made: {e.strerror or e}") from None
    try:
        settings.writable(settings.Folder(folder, "the folder"))
    except settings.SettingsError as e:
        raise UsageError(f"-o {args.output}: {e}") from None
    pages = handout_pages(load(args.scenario or registry.DEFAULT_SCENARIO), args.content)
    for name, text in pages.items():
        write_text_atomic(folder / name, text, shared=True)
    print(f"{len(pages)} handouts written to {folder}: {', '.join(pages)}.", file=sys.stderr)
    return 0

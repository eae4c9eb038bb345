"""Loading a scenario: YAML files -> checked, frozen `Scenario`.

A scenario is a folder of YAML files (or a single file). Each file is a mapping whose
top-level keys are fields of `Scenario`; list fields (sources, districts, events, roles…)
may be spread over several files and are joined in file-name order, every other field is
given once. Every problem found is reported at once, each as `path:line:col: message`:
the YAML itself (`yamlsrc`), the schema (pydantic, with what is valid salvaged to be
checked too: this module), then cross references and expressions (`crosscheck`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.model.plaintext import plain_data
from game.model.scenario import Scenario
from game.scenario.crosscheck import cross_check
from game.scenario.merge import (
    LIST_FIELDS,
    MAX_FILES,
    Checker,
    Origin,
    check_finite,
    merge_files,
    scenario_files,
)
from game.scenario.yamlsrc import Located, ScenarioError, ScenarioErrors, load_yaml


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load and check a scenario folder or file; raise ScenarioErrors listing every problem."""
    root = Path(path)
    if not root.exists():
        raise ScenarioErrors([ScenarioError(str(root), None, None, "no such file or folder")])
    files = scenario_files(root)
    if not files:
        raise ScenarioErrors([ScenarioError(str(root), None, None, "no .yaml files in this folder")])
    if len(files) > MAX_FILES:
        raise ScenarioErrors([ScenarioError(str(root), None, None, f"more than {MAX_FILES} files")])
    errors: list[ScenarioError] = []
    located: list[Located] = []
    for f in files:
        try:
            located.append(load_yaml(f))
        except ScenarioErrors as e:
            errors.extend(e.errors)
    merged, origin = merge_files(located, errors)
    if errors:
        raise ScenarioErrors(errors)
    return check(merged, origin, str(root))


def load_scenario_text(text: str, path: str = "<scenario>") -> Scenario:
    """A single-file scenario from a string (for tests and tools)."""
    from game.scenario.yamlsrc import load_yaml_text

    f = load_yaml_text(text, path)
    errors: list[ScenarioError] = []
    merged, origin = merge_files([f], errors)
    if errors:
        raise ScenarioErrors(errors)
    return check(merged, origin, path)


def _pydantic_message(err: Any) -> str:
    msg = str(err.get("msg", "invalid value"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err.get("type") == "extra_forbidden":
        msg = f"unknown field {err['loc'][-1]!r}"
    elif err.get("type") == "missing":
        msg = f"missing field {err['loc'][-1]!r}"
    return msg.replace("\n", " ")


# What a cross-check's "unknown ..." or "missing ..." message may wrongly say about a list
# whose invalid items were left out to check the rest (see `_salvage`).
_DEPENDENT_WORDS: dict[str, tuple[str, ...]] = {
    "sources": ("unknown source",),
    "topics": ("unknown claim",),
    "variables": ("unknown variable", "missing variable", "variable "),
    "districts": ("unknown district",),
    "routes": ("unknown route", "unknown variable"),
    "phases": ("unknown phase", "phase ", "phases must be", "the first phase"),
    "roles": ("unknown role", "unknown action", "lacks strategy", "unknown variable"),
    "dilemmas": ("unknown dilemma", "unknown option"),
    "events": (),
    "questions": (),
    "record": ("unknown measure",),
    "lesson": ("the lesson calendar",),
}


def check(merged: dict[str, Any], origin: Origin, fallback: str) -> Scenario:
    # Every string of the scenario, once, before anything is checked or shown: no control
    # character, escape sequence or bidirectional control reaches any output.
    merged = plain_data(merged)
    ck = Checker(origin, fallback)
    try:
        sc = Scenario.model_validate(merged)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            key = err.get("type") in ("extra_forbidden",)
            ck.at(loc, _pydantic_message(err), key=key)
        _salvage(merged, origin, fallback, e, ck)
        check_finite(merged, ck)
        raise ScenarioErrors(ck.errors) from None
    cross_check(sc, ck)
    check_finite(merged, ck)
    if ck.errors:
        raise ScenarioErrors(ck.errors)
    return sc


def _salvage(merged: dict[str, Any], origin: Origin, fallback: str, e: ValidationError, ck: Checker) -> None:
    """After schema errors, check the cross references of what is valid, so that one run
    reports every problem: leave out each list item that has a schema error, validate the
    rest, and cross-check it. Messages that could only come from a left-out item (an
    unknown source when a source was left out, say) are not reported."""
    bad: dict[str, set[int]] = {}
    fields_at: dict[tuple[str, int], set[str]] = {}  # item -> its faulty top-level fields
    for err in e.errors():
        loc = err["loc"]
        if len(loc) >= 2 and loc[0] in LIST_FIELDS and isinstance(loc[1], int):
            bad.setdefault(str(loc[0]), set()).add(loc[1])
            name = loc[2] if len(loc) >= 3 and isinstance(loc[2], str) else ""
            fields_at.setdefault((str(loc[0]), loc[1]), set()).add(name)
        else:
            return  # a problem outside the lists: nothing sound to check against

    def optional(field: str, names: set[str]) -> bool:
        """Whether every faulty field of an item may simply be left out."""
        args = getattr(Scenario.model_fields[field].annotation, "__args__", ())
        model = args[0] if args else None
        fields = getattr(model, "model_fields", {})
        return all(n in fields and not fields[n].is_required() for n in names)

    def attempt(patch_fields: bool) -> tuple[Scenario, Origin] | None:
        pruned = dict(merged)
        kept = Origin()
        kept.field_file = dict(origin.field_file)
        for field, items in merged.items():
            if field not in bad or not isinstance(items, list):
                if field in origin.items:
                    kept.items[field] = origin.items[field]
                continue
            new_items, new_origin = [], []
            for k, item in enumerate(items):
                names = fields_at.get((field, k))
                if names is not None:
                    if not (patch_fields and isinstance(item, dict) and optional(field, names)):
                        continue
                    item = {key: value for key, value in item.items() if key not in names}
                new_items.append(item)
                new_origin.append(origin.items[field][k])
            pruned[field] = new_items
            kept.items[field] = new_origin
        try:
            return Scenario.model_validate(pruned), kept
        except ValidationError:
            return None

    # First leave out only the faulty optional fields of an item; failing that, the items.
    found = attempt(True) or attempt(False)
    if found is None:
        return
    sc, kept = found
    inner = Checker(kept, fallback)
    cross_check(sc, inner)
    doubtful = tuple(w for field in bad for w in _DEPENDENT_WORDS.get(field, ("unknown ",)))
    for problem in inner.errors:
        if not problem.message.startswith(doubtful) and problem not in ck.errors:
            ck.errors.append(problem)

"""A scenario's files merged into one mapping of its fields, and where each value came
from, so that every problem can be reported at ``path:line:col``.

Each file is a mapping whose top-level keys are fields of `Scenario`; list fields
(sources, districts, events, roles...) may be spread over several files and are joined
in file-name order, every other field is given once.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from game.model.scenario import Scenario
from game.scenario.files import scenario_files as scenario_files
from game.scenario.yamlsrc import Located, ScenarioError

LIST_FIELDS = {
    name
    for name, f in Scenario.model_fields.items()
    if getattr(f.annotation, "__origin__", None) is list or str(f.annotation).startswith("list[")
}
MAX_FILES = 200


class Origin:
    """Where each merged value came from: field -> file, and list item -> (file, index)."""

    def __init__(self) -> None:
        self.field_file: dict[str, Located] = {}
        self.items: dict[str, list[tuple[Located, int]]] = {}

    def locate(self, loc: Sequence[str | int]) -> tuple[Located | None, tuple[str | int, ...]]:
        if not loc:
            return None, ()
        head = loc[0]
        if isinstance(head, str) and head in self.items and len(loc) > 1 and isinstance(loc[1], int):
            items = self.items[head]
            if 0 <= loc[1] < len(items):
                f, k = items[loc[1]]
                return f, (head, k, *loc[2:])
        if isinstance(head, str) and head in self.field_file:
            return self.field_file[head], tuple(loc)
        return None, tuple(loc)


class Checker:
    def __init__(self, origin: Origin, fallback: str):
        self.origin = origin
        self.fallback = fallback
        self.errors: list[ScenarioError] = []
        self._texts: dict[str, list[str]] = {}

    def at(self, loc: Sequence[str | int], message: str, *, key: bool = False, offset: int | None = None) -> None:
        f, inner = self.origin.locate(loc)
        if f is None:
            self.errors.append(ScenarioError(self.fallback, None, None, message))
            return
        line, col = f.key_position(inner) if key else f.position(inner)
        if offset is not None:
            col += offset + self._quote(f.path, line, col)
        self.errors.append(ScenarioError(f.path, line, col, message))

    def _quote(self, path: str, line: int, col: int) -> int:
        """1 if the scalar at (line, col) starts with a quote, so offsets skip it."""
        if path not in self._texts:
            try:
                self._texts[path] = Path(path).read_text(encoding="utf-8").splitlines()
            except OSError:
                self._texts[path] = []
        lines = self._texts[path]
        if 0 < line <= len(lines) and 0 < col <= len(lines[line - 1]):
            return 1 if lines[line - 1][col - 1] in "'\"" else 0
        return 0


def merge_files(located: list[Located], errors: list[ScenarioError]) -> tuple[dict[str, Any], Origin]:
    merged: dict[str, Any] = {}
    origin = Origin()
    fields = set(Scenario.model_fields)
    for f in located:
        if not isinstance(f.data, dict):
            line, col = f.position(())
            errors.append(ScenarioError(f.path, line, col, "a scenario file must be a mapping of fields (e.g. 'districts:')"))
            continue
        for key, value in f.data.items():
            if not isinstance(key, str) or key not in fields:
                line, col = f.key_position((key,))
                hint = difflib.get_close_matches(str(key), sorted(fields), n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                errors.append(ScenarioError(f.path, line, col, f"unknown field {key!r}{extra}"))
                continue
            if key in LIST_FIELDS and isinstance(value, list):
                merged.setdefault(key, [])
                if not isinstance(merged[key], list):
                    continue
                items = origin.items.setdefault(key, [])
                for k, item in enumerate(value):
                    merged[key].append(item)
                    items.append((f, k))
                origin.field_file.setdefault(key, f)
                continue
            if key in merged:
                line, col = f.key_position((key,))
                first = origin.field_file[key].path
                errors.append(ScenarioError(f.path, line, col, f"{key!r} is given twice (also in {first})"))
                continue
            merged[key] = value
            origin.field_file[key] = f
    return merged, origin


def check_finite(merged: dict[str, Any], ck: Checker) -> None:
    """Every number of a scenario must be finite: each NaN or infinity is reported where
    it is written, unless a problem is reported there already (a probability, say)."""
    taken = {(e.path, e.line, e.col) for e in ck.errors}
    for loc, value in _numbers(merged, ()):
        if not math.isfinite(value):
            ck.at(loc, f"{value} is not allowed: every number in a scenario must be finite")
            new = ck.errors[-1]
            if (new.path, new.line, new.col) in taken:
                ck.errors.pop()


def _numbers(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], float]]:
    if isinstance(value, float):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, (*loc, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _numbers(item, (*loc, k))


def dupes(ck: Checker, field: str, items: Sequence[Any], attr: str = "id") -> None:
    seen: dict[str, int] = {}
    for k, item in enumerate(items):
        ident = getattr(item, attr)
        if ident in seen:
            ck.at((field, k, attr), f"duplicate id {ident!r} (first at item {seen[ident] + 1} of {field})")
        else:
            seen[ident] = k


def dupes_nested(ck: Checker, loc: tuple[str | int, ...], items: Sequence[Any]) -> None:
    seen: set[str] = set()
    for j, item in enumerate(items):
        if item.id in seen:
            ck.at((*loc, j, "id"), f"duplicate id {item.id!r}")
        seen.add(item.id)


def unknown(kind: str, name: str, valid: Sequence[str]) -> str:
    hint = difflib.get_close_matches(name, list(valid), n=1)
    extra = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown {kind} {name!r}{extra}"

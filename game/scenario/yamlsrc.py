"""Safe YAML loading for scenario files, keeping the position of every node.

Scenario files never execute code: only plain YAML values (mappings, lists, strings,
numbers, booleans, null) are accepted. Every node's position is kept so that later
checks (pydantic validation, cross references) can name ``path:line:col``.

The located tree is PyYAML's own: the composer (`yaml.compose`'s machinery) builds the
node graph, each node with its start mark, and `_StrictLoader` adds the checks as it
composes: no anchors or aliases (which also rules out "billion laughs" alias bombs), no
merge keys, no tags but the plain ones, no duplicate or collection keys, a node budget,
and a depth limit checked before each collection is entered, so the recursive composer
never goes deeper than ``max_depth`` (10,000 opening brackets are one error, never a
``RecursionError``). No PyYAML constructor for an arbitrary tag is ever reached.

Scalars are resolved with PyYAML's YAML 1.1 implicit resolvers (``yes``/``no`` are
booleans, ``1:30`` is 90, ``012`` is 10), except that timestamps stay strings:
``2016-12-13`` loads as the string ``"2016-12-13"``, never as a ``datetime.date``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.scenario.errors import ScenarioError, ScenarioErrors
from game.scenario.yamlstrict import MAX_ERRORS, PosNode, StrictLoader, located_tree

__all__ = [
    "MAX_ERRORS",
    "Located",
    "ScenarioError",
    "ScenarioErrors",
    "load_yaml",
    "load_yaml_bytes",
    "load_yaml_text",
]

DEFAULT_MAX_BYTES = 2_000_000
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_NODES = 200_000

# PyYAML's notion of a line break (Reader.forward): keep our own positions consistent.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

Position = tuple[int, int]
Loc = Sequence[str | int]


# --------------------------------------------------------------------- positions


@dataclass
class Located:
    """A loaded YAML file: its plain-Python data and the position of every node."""

    path: str
    data: Any
    _root: PosNode | None = field(default=None, repr=False, compare=False)

    def _walk(self, loc: Loc) -> tuple[Position, Position | None]:
        """(position of the value, position of its key if the last element is a key).

        Elements that match nothing are skipped: a missing key or index leaves the
        position at the deepest existing ancestor, and pydantic's inserted labels
        (union members such as ``'int'`` or ``'function-after[...]'``, a model name in
        a tagged union) don't stop the walk. A trailing ``'[key]'`` (pydantic's marker
        for an invalid dict key) points at the key itself.
        """
        if isinstance(loc, str):  # a single key given bare
            loc = (loc,)
        node = self._root
        if node is None:
            return (1, 1), None
        value_pos = node.pos
        key_pos: Position | None = None
        for elem in loc:
            if elem == "[key]" and key_pos is not None:
                value_pos = key_pos
                continue
            if node.entries is not None:
                found = node.entry(elem)
                if found is not None:
                    key_pos, node = found
                    value_pos = node.pos
                    continue
            elif (
                node.items is not None
                and isinstance(elem, int)
                and not isinstance(elem, bool)
                and 0 <= elem < len(node.items)
            ):
                node = node.items[elem]
                value_pos = node.pos
                key_pos = None
                continue
            key_pos = None  # skipped: the last element is not a key we found
        return value_pos, key_pos

    def position(self, loc: Loc) -> Position:
        """(line, col), 1-based, of the value node at this path of keys/indices.

        ``loc`` is a path as pydantic's error ``loc`` gives it. If the exact path does
        not exist (e.g. a missing field), the position of the deepest existing ancestor
        is returned (for a missing key: the mapping that should hold it).
        """
        return self._walk(loc)[0]

    def key_position(self, loc: Loc) -> Position:
        """Position of the KEY node if the last element is a mapping key, else position()."""
        value_pos, key_pos = self._walk(loc)
        return key_pos if key_pos is not None else value_pos

    def error(self, loc: Loc, message: str) -> ScenarioError:
        """A ScenarioError at position(loc)."""
        line, col = self.position(loc)
        return ScenarioError(self.path, line, col, message)


# --------------------------------------------------------------------- loading


def load_yaml(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Located:
    """Load one YAML file safely; raise ScenarioErrors (and nothing else) on any problem."""
    name = os.fsdecode(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(name, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(name, "is not a regular file")
        if info.st_size > max_bytes:
            raise _fail(name, _too_large(info.st_size, max_bytes))
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise _fail(name, "file not found") from None
    except IsADirectoryError:
        raise _fail(name, "is a directory, not a file") from None
    except PermissionError:
        raise _fail(name, "cannot read file: permission denied") from None
    except OSError as exc:
        raise _fail(name, f"cannot read file: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. an embedded NUL in the path
        raise _fail(name, f"cannot read file: {exc}") from None
    return load_yaml_bytes(
        data, name, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes
    )


def load_yaml_bytes(
    data: bytes,
    path: str = "<bytes>",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Located:
    """Same as load_yaml, from the raw bytes of a file (e.g. a package resource)."""
    if len(data) > max_bytes:
        raise _fail(path, _too_large(len(data), max_bytes))
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _bytes_position(data, nul)
        raise _fail(
            path, "file contains NUL bytes: it looks like a binary file, not YAML text", line, col
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _bytes_position(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        raise _fail(
            path, f"file is not valid UTF-8 text ({exc.reason} at byte 0x{bad})", line, col
        ) from None
    return _load(text, path, max_depth=max_depth, max_nodes=max_nodes)


def load_yaml_text(
    text: str,
    path: str = "<string>",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Located:
    """Same as load_yaml, from a string; ``path`` only names it in messages."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise _fail(path, _too_large(size, max_bytes))
    nul = text.find("\0")
    if nul >= 0:
        line, col = _text_position(text, nul)
        raise _fail(
            path, "text contains NUL characters: it looks like binary data, not YAML", line, col
        )
    return _load(text, path, max_depth=max_depth, max_nodes=max_nodes)


def _fail(
    path: str, message: str, line: int | None = None, col: int | None = None
) -> ScenarioErrors:
    return ScenarioErrors([ScenarioError(path, line, col, message)])


def _too_large(size: int, limit: int) -> str:
    return f"file is too large: {size} bytes (the limit is {limit})"


def _text_position(text: str, index: int) -> Position:
    """1-based (line, col) of a character index, counting line breaks as PyYAML does."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


def _bytes_position(data: bytes, index: int) -> Position:
    prefix = data[:index].decode("utf-8", errors="replace")
    return _text_position(prefix, len(prefix))


def _load(text: str, path: str, *, max_depth: int, max_nodes: int) -> Located:
    if text.startswith("\ufeff"):  # a byte-order mark is not part of line 1's columns
        text = text[1:]
    try:
        loader = StrictLoader(text, path, max_depth=max_depth, max_nodes=max_nodes)
    except yaml.reader.ReaderError as exc:
        line, col = _text_position(text, exc.position)
        message = f"character U+{exc.character:04X} is not allowed in YAML text"
        raise _fail(path, message, line, col) from None
    try:  # what yaml.compose does, with this loader
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if loader.errors:
        raise ScenarioErrors(loader.errors)
    if node is None:
        raise _fail(path, "file is empty")
    data, root = located_tree(node)
    if data is None:
        raise _fail(path, "file is empty")
    return Located(path, data, root)

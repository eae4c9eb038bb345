"""Safe YAML loading for scenario files, keeping the position of every node.

Scenario files never execute code: only plain YAML values (mappings, lists, strings,
numbers, booleans, null) are accepted. Every node's position is kept so that later
checks (pydantic validation, cross references) can name ``path:line:col``.

The loader works on PyYAML's *event* stream and builds the values itself with an
explicit stack, so deep nesting can never raise ``RecursionError`` and no PyYAML
constructor for arbitrary tags is ever reached. Anchors and aliases are rejected
outright, which also rules out "billion laughs" alias bombs.

Scalars are resolved with PyYAML's YAML 1.1 implicit resolvers (``yes``/``no`` are
booleans, ``1:30`` is 90, ``012`` is 10), except that timestamps stay strings:
``2016-12-13`` loads as the string ``"2016-12-13"``, never as a ``datetime.date``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

__all__ = [
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
#: Loading stops after this many problems in one file.
MAX_ERRORS = 100

_YAML_TAG = "tag:yaml.org,2002:"
_STR = _YAML_TAG + "str"
_INT = _YAML_TAG + "int"
_FLOAT = _YAML_TAG + "float"
_BOOL = _YAML_TAG + "bool"
_NULL = _YAML_TAG + "null"
_TIMESTAMP = _YAML_TAG + "timestamp"
_MERGE = _YAML_TAG + "merge"
_VALUE = _YAML_TAG + "value"
_SEQ = _YAML_TAG + "seq"
_MAP = _YAML_TAG + "map"
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})

# PyYAML's notion of a line break (Reader.forward): keep our own positions consistent.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

Position = tuple[int, int]
Loc = Sequence[str | int]


# --------------------------------------------------------------------------- errors


class ScenarioError(Exception):
    """One problem in a scenario file."""

    path: str
    line: int | None
    col: int | None
    message: str

    def __init__(self, path: str, line: int | None, col: int | None, message: str) -> None:
        super().__init__(path, line, col, message)
        self.path = path
        self.line = line
        self.col = col
        self.message = " ".join(str(message).splitlines())

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        if self.col is None:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def __repr__(self) -> str:
        return f"ScenarioError({self.path!r}, {self.line!r}, {self.col!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScenarioError):
            return NotImplemented
        return (self.path, self.line, self.col, self.message) == (
            other.path,
            other.line,
            other.col,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.col, self.message))


class ScenarioErrors(Exception):
    """Many problems at once (all problems of a file are reported in one run)."""

    errors: list[ScenarioError]

    def __init__(self, errors: list[ScenarioError]) -> None:
        super().__init__(errors)
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


# --------------------------------------------------------------------- positions


@dataclass(slots=True)
class _PosNode:
    """Position of one node; for a mapping, its entries; for a sequence, its items."""

    line: int
    col: int
    entries: dict[Any, tuple[Position, _PosNode]] | None = None
    items: list[_PosNode] | None = None

    @property
    def pos(self) -> Position:
        return (self.line, self.col)

    def entry(self, elem: object) -> tuple[Position, _PosNode] | None:
        if self.entries is None:
            return None
        try:
            found = self.entries.get(elem)
        except TypeError:  # unhashable loc element
            return None
        if found is not None or not isinstance(elem, str):
            return found
        # pydantic may report a non-string key (e.g. an int) as a string.
        for key, value in self.entries.items():
            if not isinstance(key, str) and str(key) == elem:
                return value
        return None


@dataclass
class Located:
    """A loaded YAML file: its plain-Python data and the position of every node."""

    path: str
    data: Any
    _root: _PosNode | None = field(default=None, repr=False, compare=False)

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
    builder = _Builder(path, max_depth=max_depth, max_nodes=max_nodes)
    root, positions = builder.run(text)
    if builder.errors:
        raise ScenarioErrors(builder.errors)
    if root is None:
        raise _fail(path, "file is empty")
    return Located(path, root, positions)


# ------------------------------------------------------------------ the builder


class _Stop(Exception):
    """Loading cannot go on (syntax error, a limit reached, too many errors)."""


_INVALID: Any = object()  # a node or key that could not be used (already reported)


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence on the builder's stack."""

    value: dict[Any, Any] | list[Any]
    node: _PosNode
    # mappings: the key waiting for its value, its position, and where keys were first seen
    key: Any = None
    key_pos: Position | None = None
    key_pending: bool = False
    first_line: dict[Any, int] = field(default_factory=dict)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _tag_message(tag: str, kind: str) -> str:
    if tag in _SCALAR_TAGS or tag in (_SEQ, _MAP):  # a standard tag on the wrong kind of node
        return f"tag {_show_tag(tag)} is not allowed on a {kind}"
    return (
        f"tag {_clip(_show_tag(tag))} is not allowed: scenario files hold only plain values "
        "(strings, numbers, booleans, null, lists and mappings)"
    )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show_key(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, str):
        return repr(_clip(key))
    return _clip(repr(key))


class _Builder:
    """Turns PyYAML's event stream into plain values and a position tree, iteratively."""

    def __init__(self, path: str, *, max_depth: int, max_nodes: int) -> None:
        self.path = path
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.errors: list[ScenarioError] = []
        self.nodes = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_pos: _PosNode | None = None
        # PyYAML's parser/resolver methods are untyped in the stubs, hence Any.
        self.loader: Any = None

    # -- reporting

    def report(self, where: Position | Any, message: str) -> None:
        """Record a problem at a (line, col) or at a PyYAML mark (0-based) or nowhere."""
        if where is None:
            line, col = None, None
        elif isinstance(where, tuple):
            line, col = where
        else:
            line, col = where.line + 1, where.column + 1
        self.errors.append(ScenarioError(self.path, line, col, message))
        if len(self.errors) >= MAX_ERRORS:
            self.errors.append(
                ScenarioError(
                    self.path, None, None, f"too many problems; stopped after {MAX_ERRORS}"
                )
            )
            raise _Stop

    # -- driving

    def run(self, text: str) -> tuple[Any, _PosNode | None]:
        try:
            try:
                self.loader = yaml.SafeLoader(text)
            except yaml.reader.ReaderError as exc:
                line, col = _text_position(text, exc.position)
                self.errors.append(
                    ScenarioError(
                        self.path,
                        line,
                        col,
                        f"character U+{exc.character:04X} is not allowed in YAML text",
                    )
                )
                raise _Stop from None
            try:
                self.consume(self.loader)
            except yaml.MarkedYAMLError as exc:
                self.syntax_error(exc)
            except yaml.YAMLError as exc:
                self.errors.append(ScenarioError(self.path, None, None, f"YAML error: {exc}"))
            finally:
                self.loader.dispose()
        except _Stop:
            pass
        return self.root, self.root_pos

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        problem = exc.problem or "invalid YAML"
        message = f"YAML syntax error: {problem}"
        where: Any = exc.problem_mark
        context: Any = exc.context_mark
        if exc.context:
            if where is not None and context is not None:
                message += (
                    f" ({exc.context} at line {context.line + 1}, column {context.column + 1})"
                )
            else:
                message += f" ({exc.context})"
        if exc.note:
            message += f" ({exc.note})"
        self.report(where if where is not None else context, message)

    def consume(self, loader: Any) -> None:
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, StreamEndEvent):
                return
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.report(event.start_mark, "only one YAML document per file is supported")
                    raise _Stop
            elif isinstance(event, ScalarEvent):
                self.count(event)
                self.check_anchor(event)
                value, is_merge = self.scalar(event)
                self.attach(value, self.leaf(event), is_merge=is_merge)
            elif isinstance(event, AliasEvent):
                self.count(event)
                self.report(
                    event.start_mark,
                    f"anchors and aliases are not supported (found alias *{event.anchor})",
                )
                self.attach(_INVALID, self.leaf(event))
            elif isinstance(event, CollectionStartEvent):
                self.open(event)
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                frame = self.stack.pop()
                self.attach(frame.value, frame.node)
            # StreamStart / DocumentEnd carry nothing

    def count(self, event: Event) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            self.report(event.start_mark, f"too many nodes: more than {self.max_nodes}")
            raise _Stop

    def check_anchor(self, event: ScalarEvent | CollectionStartEvent) -> None:
        if event.anchor is not None:
            self.report(
                event.start_mark,
                f"anchors and aliases are not supported (found anchor &{event.anchor})",
            )

    @staticmethod
    def leaf(event: Event) -> _PosNode:
        mark: Any = event.start_mark
        return _PosNode(mark.line + 1, mark.column + 1)

    # -- collections

    def open(self, event: CollectionStartEvent) -> None:
        self.count(event)
        if len(self.stack) >= self.max_depth:
            self.report(event.start_mark, f"nesting is too deep: more than {self.max_depth} levels")
            raise _Stop
        self.check_anchor(event)
        is_map = isinstance(event, MappingStartEvent)
        kind = "mapping" if is_map else "list"
        expected = _MAP if is_map else _SEQ
        if event.tag not in (None, "!", expected):
            self.report(event.start_mark, _tag_message(event.tag, kind))
        node = self.leaf(event)
        if is_map:
            node.entries = {}
            self.stack.append(_Frame({}, node))
        else:
            node.items = []
            self.stack.append(_Frame([], node))

    def attach(self, value: Any, node: _PosNode, *, is_merge: bool = False) -> None:
        """Put a finished node into its parent (or make it the document root)."""
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and not frame.key_pending:
            frame.key_pending = True
            frame.key_pos = node.pos
            frame.key = self.check_key(frame, value, node, is_merge)
            return
        if value is _INVALID:
            value = None  # the problem is already reported: the file will not load
        if frame is None:
            self.root, self.root_pos = value, node
        elif isinstance(frame.value, list):
            frame.value.append(value)
            assert frame.node.items is not None
            frame.node.items.append(node)
        else:
            frame.key_pending = False
            if frame.key is not _INVALID and frame.key_pos is not None:
                frame.value[frame.key] = value
                assert frame.node.entries is not None
                frame.node.entries[frame.key] = (frame.key_pos, node)

    def check_key(self, frame: _Frame, key: Any, node: _PosNode, is_merge: bool) -> Any:
        if key is _INVALID:
            return _INVALID
        if isinstance(key, dict | list):
            kind = "mapping" if isinstance(key, dict) else "list"
            self.report(node.pos, f"mapping keys must be plain values, not a {kind}")
            return _INVALID
        if is_merge:
            self.report(node.pos, "merge keys (<<) are not supported")
            return _INVALID
        first = frame.first_line.get(key)
        if first is not None:
            self.report(node.pos, f"duplicate key {_show_key(key)} (first at line {first})")
            return _INVALID
        frame.first_line[key] = node.line
        return key

    # -- scalars

    def scalar(self, event: ScalarEvent) -> tuple[Any, bool]:
        """The scalar's value, and whether it is a plain ``<<`` (a YAML merge key)."""
        tag = event.tag
        value = event.value
        if tag == "!":  # the non-specific tag: a string
            return value, False
        if tag is None:
            assert self.loader is not None
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
            if tag in (_MERGE, _VALUE):  # "<<" and "=": strings, except "<<" as a key
                return value, tag == _MERGE
        return self.construct(event, tag), False

    def construct(self, event: ScalarEvent, tag: str) -> Any:
        value = event.value
        if tag not in _SCALAR_TAGS:
            self.report(event.start_mark, _tag_message(tag, "single value"))
            return _INVALID
        if tag in (_STR, _TIMESTAMP):
            return value
        convert = self.converters[tag]
        node = yaml.ScalarNode(tag, value)
        try:
            return convert(self.loader, node)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            self.report(event.start_mark, f"invalid {_show_tag(tag)} value {_clip(value)!r}")
            return _INVALID

    converters: dict[str, Callable[[Any, yaml.ScalarNode], Any]] = {
        _INT: yaml.SafeLoader.construct_yaml_int,
        _FLOAT: yaml.SafeLoader.construct_yaml_float,
        _BOOL: yaml.SafeLoader.construct_yaml_bool,
        _NULL: yaml.SafeLoader.construct_yaml_null,
    }

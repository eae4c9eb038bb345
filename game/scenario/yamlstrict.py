"""The strict composer behind `yamlsrc`: PyYAML's safe loader whose composer checks
every node as it composes it, and the located tree made from what it composed.

Problems are recorded, not raised, so that one run reports them all (up to MAX_ERRORS):
anchors and aliases (never recorded, so no alias is ever followed and an alias bomb
expands nothing), merge keys, tags other than the plain ones, invalid scalars, duplicate
and collection keys. The node budget is counted and the depth limit is checked before
the recursive composer enters each collection, so it never goes deeper than
``max_depth``: 10,000 opening brackets are one error, never a ``RecursionError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.scenario.errors import ScenarioError

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

Position = tuple[int, int]


@dataclass(slots=True)
class PosNode:
    """Position of one node; for a mapping, its entries; for a sequence, its items."""

    line: int
    col: int
    entries: dict[Any, tuple[Position, PosNode]] | None = None
    items: list[PosNode] | None = None

    @property
    def pos(self) -> Position:
        return (self.line, self.col)

    def entry(self, elem: object) -> tuple[Position, PosNode] | None:
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


def located_tree(node: Node) -> tuple[Any, PosNode]:
    """The plain value of a composed node and its position tree (depth <= max_depth)."""
    mark: Any = node.start_mark
    where = PosNode(mark.line + 1, mark.column + 1)
    if isinstance(node, MappingNode):
        mapping: dict[Any, Any] = {}
        where.entries = {}
        for key_node, value_node in node.value:
            key = key_node.data  # StrictLoader keeps only plain, unique keys
            mapping[key], item = located_tree(value_node)
            key_mark: Any = key_node.start_mark
            where.entries[key] = ((key_mark.line + 1, key_mark.column + 1), item)
        return mapping, where
    if isinstance(node, SequenceNode):
        items = [located_tree(item) for item in node.value]
        where.items = [item for _, item in items]
        return [value for value, _ in items], where
    assert isinstance(node, _Scalar)
    return node.data, where


class _Stop(Exception):
    """Loading cannot go on (a limit reached, too many errors)."""


class _Scalar(ScalarNode):
    """A scalar node with its Python value. ``usable`` is false when the node was reported
    (a bad tag or value, an alias): the file will not load, and the node is not a key."""

    data: Any = None
    usable: bool = True
    merge: bool = False  # a plain ``<<``: a YAML merge key when it is a key


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


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader whose composer checks every node as it composes it and
    records each problem, so that one run reports them all (up to MAX_ERRORS)."""

    def __init__(self, text: str, path: str, *, max_depth: int, max_nodes: int) -> None:
        super().__init__(text)
        self.path = path
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.errors: list[ScenarioError] = []
        self.nodes = 0
        self.depth = 0

    def report(self, mark: Any, message: str) -> None:
        """Record a problem at a PyYAML mark (0-based), or nowhere."""
        line, col = (None, None) if mark is None else (mark.line + 1, mark.column + 1)
        self.errors.append(ScenarioError(self.path, line, col, message))
        if len(self.errors) >= MAX_ERRORS:
            stop = f"too many problems; stopped after {MAX_ERRORS}"
            self.errors.append(ScenarioError(self.path, None, None, stop))
            raise _Stop

    def get_single_node(self) -> Node | None:
        node = None
        try:
            self.get_event()  # the stream's start
            if not self.check_event(StreamEndEvent):
                node = self.compose_document()
            if not self.check_event(StreamEndEvent):
                event = self.get_event()
                self.report(event.start_mark, "only one YAML document per file is supported")
        except _Stop:
            pass
        except yaml.MarkedYAMLError as exc:
            self.syntax_error(exc)
        except yaml.YAMLError as exc:
            self.errors.append(ScenarioError(self.path, None, None, f"YAML error: {exc}"))
        return node

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> None:
        message = f"YAML syntax error: {exc.problem or 'invalid YAML'}"
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
        try:
            self.report(where if where is not None else context, message)
        except _Stop:
            pass

    # -- composing

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()
        self.nodes += 1
        if self.nodes > self.max_nodes:
            self.report(event.start_mark, f"too many nodes: more than {self.max_nodes}")
            raise _Stop
        if isinstance(event, AliasEvent):
            self.get_event()
            self.report(
                event.start_mark,
                f"anchors and aliases are not supported (found alias *{event.anchor})",
            )
            return self.unusable(event)
        if not isinstance(event, CollectionStartEvent):
            self.check_anchor(event)
            return super().compose_node(parent, index)
        if self.depth >= self.max_depth:  # before the composer goes one level deeper
            self.report(event.start_mark, f"nesting is too deep: more than {self.max_depth} levels")
            raise _Stop
        self.check_anchor(event)
        is_map = isinstance(event, MappingStartEvent)
        if event.tag not in (None, "!", _MAP if is_map else _SEQ):
            self.report(event.start_mark, _tag_message(event.tag, "mapping" if is_map else "list"))
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def check_anchor(self, event: Any) -> None:
        if event.anchor is not None:  # reported, and never recorded: no alias can use it
            self.report(
                event.start_mark,
                f"anchors and aliases are not supported (found anchor &{event.anchor})",
            )

    @staticmethod
    def unusable(event: Any) -> _Scalar:
        node = _Scalar(_NULL, "", event.start_mark, event.end_mark)
        node.usable = False
        return node

    def compose_scalar_node(self, anchor: Any) -> _Scalar:
        event: Any = self.get_event()
        node = _Scalar(_STR, event.value, event.start_mark, event.end_mark, event.style)
        tag = event.tag
        if tag == "!":  # the non-specific tag: a string
            node.data = event.value
            return node
        if tag is None:
            tag = self.resolve(ScalarNode, event.value, event.implicit)
            if tag in (_MERGE, _VALUE):  # "<<" and "=": strings, except "<<" as a key
                node.data, node.merge = event.value, tag == _MERGE
                return node
        node.tag = tag
        if tag not in _SCALAR_TAGS:
            self.report(event.start_mark, _tag_message(tag, "single value"))
            node.usable = False
        elif tag in (_STR, _TIMESTAMP):
            node.data = event.value
        else:
            try:
                node.data = self.yaml_constructors[tag](self, node)
            except (ValueError, KeyError, IndexError, TypeError, OverflowError):
                invalid = f"invalid {_show_tag(tag)} value {_clip(event.value)!r}"
                self.report(event.start_mark, invalid)
                node.usable = False
        return node

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        """As the composer's, keeping only the entries whose key is a plain, usable and
        not yet seen value (every other key is reported)."""
        start: Any = self.get_event()
        node = MappingNode(_MAP, [], start.start_mark, None, flow_style=start.flow_style)
        first_line: dict[Any, int] = {}
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            usable = self.usable_key(key, first_line)
            value = self.compose_node(node, key)
            if usable:
                node.value.append((key, value))
        node.end_mark = self.get_event().end_mark
        return node

    def usable_key(self, key: Node | None, first_line: dict[Any, int]) -> bool:
        mark: Any = key.start_mark if key is not None else None
        if not isinstance(key, _Scalar):
            kind = "mapping" if isinstance(key, MappingNode) else "list"
            self.report(mark, f"mapping keys must be plain values, not a {kind}")
            return False
        if not key.usable:
            return False
        if key.merge:
            self.report(mark, "merge keys (<<) are not supported")
            return False
        first = first_line.get(key.data)
        if first is not None:
            self.report(mark, f"duplicate key {_show_key(key.data)} (first at line {first})")
            return False
        first_line[key.data] = mark.line + 1
        return True

"""A tiny, safe expression language for scenario files.

Scenario YAML uses it for conditions and for numeric values::

    when: phase == "corridor" and coordinator.money >= 2
    chance: 0.05 + 0.4 * standing.government

Nothing here runs Python code. The text is *parsed* with ``ast.parse(text, mode="eval")``
(which only builds a syntax tree), the tree is checked against a strict whitelist, and
each allowed node is turned once into a small evaluator object (an ``Op``: ``Add``,
``Name``, ``Clamp``...), with constant parts folded. Evaluating an expression calls
``ev`` on the root with a plain mapping of variable values; nothing is parsed or
checked per evaluation.

The language
------------
* constants: numbers (all numbers are floats), strings, ``true``/``false``
  (``True``/``False`` too);
* variables: names and dotted names (``standing.government``); every part is an ASCII
  identifier that does not start with ``_``; a dotted name is one variable, looked up
  as ``env["standing.government"]``;
* arithmetic on numbers: unary ``-``/``+``, ``+ - * / // % **``; the exponent of ``**``
  must be a constant between -4 and 4;
* conditions: comparisons ``< <= > >= == !=``, chains such as ``0 < x <= 3``,
  ``x in ("a", "b")`` / ``not in`` against a literal list of constants, ``and``, ``or``,
  ``not``; these always give ``True`` or ``False``;
* ``a if condition else b``;
* the pure functions ``abs(x)``, ``min(a, b, ...)``, ``max(a, b, ...)``,
  ``clamp(x, lo, hi)`` and ``round(x)`` / ``round(x, digits)``.

Kinds are checked when parsing, against the kinds of the known variables: arithmetic
needs numbers, ``and``/``or``/``not``/``if`` need conditions (a number is *not* a
condition), ``==`` compares values of the same kind and ordering needs numbers.

Evaluation never raises for an environment that holds every name with a value of its
declared kind (finite or not; ints of ordinary size). Where the maths is undefined the
result is ``0.0`` instead of an exception, because scenario authors cannot catch one:

* ``x / 0``, ``x // 0`` and ``x % 0`` give ``0.0``;
* ``0 ** -1`` gives ``0.0``, and so does a negative number to a fractional power
  (Python would give a complex number);
* a power too large for a float gives ``inf`` (as ``*`` does for floats).

``round`` rounds half to even, like Python (``round(2.5) == 2.0``) and gives a float.
``clamp(x, lo, hi)`` is ``min(max(x, lo), hi)``: if ``lo > hi`` the result is ``hi``.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from game.scenario.exprcompile import Compiler
from game.scenario.exprlang import (
    BAD_CHARACTER,
    FUNCTIONS,
    KIND_WORDS,
    KINDS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    WHITESPACE,
    Env,
    ExprError,
)
from game.scenario.exprops import Const, Op, canonical

__all__ = [
    "FUNCTIONS",
    "KINDS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "Env",
    "Expr",
    "ExprError",
    "Op",
    "canonical",
    "parse_expr",
    "parse_value",
    "phase_literals",
]

Fn: TypeAlias = Callable[[Env], Any]


@dataclass(frozen=True)
class Expr:
    """A parsed expression.

    ``kind`` is ``"bool"``, ``"number"`` or ``"str"``; it is ``"any"`` only when the
    expression's value is a bare variable of unknown kind (``parse_expr`` without
    ``known``). Call the expression (or its ``op.ev``, or its ``fn``) with an
    environment mapping every name in ``names`` to its value.
    """

    source: str
    names: frozenset[str]
    op: Op = field(compare=False, repr=False)
    kind: str

    def __call__(self, env: Env) -> Any:
        return self.op.ev(env)

    @property
    def fn(self) -> Fn:
        """The expression as a plain function of an environment (its root evaluator)."""
        return self.op


# ------------------------------------------------------------------------ public API


def parse_expr(
    text: str, known: Mapping[str, str] | None = None, *, expect: str | None = None
) -> Expr:
    """Parse ``text`` into an :class:`Expr`, or raise :class:`ExprError`.

    ``known`` maps each allowed variable name to its kind (``"number"``, ``"str"`` or
    ``"bool"``); with it, any other name is an error, with a suggestion when one is
    close. Without it every name is allowed and has kind ``"any"``, so fewer mistakes
    are caught and evaluation can raise on values of the wrong kind.

    ``expect`` (``"bool"``, ``"number"`` or ``"str"``) requires the result kind: a
    number is not accepted as a condition, nor a condition as a number.

    Any text either parses or raises ``ExprError``; a bad ``known`` or ``expect``
    (a programming error, not an authoring one) raises ``ValueError``.
    """
    if expect is not None and expect not in KINDS:
        raise ValueError(f"expect must be one of {sorted(KINDS)} or None, not {expect!r}")
    if known is not None:
        for name, kind in known.items():
            if kind not in KINDS:
                raise ValueError(f"known[{name!r}] must be one of {sorted(KINDS)}, not {kind!r}")
    if not isinstance(text, str):
        raise ExprError(f"an expression must be text, not {type(text).__name__}", 0)
    if len(text) > MAX_LENGTH:
        raise ExprError(
            f"the expression is too long ({len(text)} characters; the limit is {MAX_LENGTH})",
            MAX_LENGTH,
        )
    bad = BAD_CHARACTER.search(text)
    if bad is not None:
        raise ExprError(f"invalid character {bad.group()!r}", bad.start())
    # One line, so offsets are simple: newlines (e.g. from YAML block scalars) and tabs
    # become spaces, which keeps every character offset.
    flat = text.translate(WHITESPACE)
    body = flat.lstrip(" ")
    if not body.strip(" "):
        raise ExprError("the expression is empty", 0)
    shift = len(flat) - len(body)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(body, mode="eval")
    except SyntaxError as error:
        if error.offset:
            offset = shift + error.offset - 1
            message = f"syntax error: {error.msg}"
        else:
            offset = len(text)
            message = f"syntax error: {error.msg} (the expression ends too early)"
        raise ExprError(message, max(0, min(offset, len(text)))) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise ExprError(f"cannot read this expression: {error}", 0) from None
    compiler = Compiler(body, shift, known)
    root = compiler.compile(tree.body, 1)
    if expect is not None and root.kind not in (expect, "any"):
        raise ExprError(
            f"expected {KIND_WORDS[expect]}, but this expression gives {KIND_WORDS[root.kind]}",
            compiler.offset(tree.body),
        )
    return Expr(source=text, names=frozenset(compiler.names), op=root.op, kind=root.kind)


def parse_value(
    value: object, known: Mapping[str, str] | None = None, *, expect: str | None = "number"
) -> Expr:
    """Turn a YAML scalar into an :class:`Expr`.

    An int or float (not a bool) is a constant number (as a float); a bool is a constant
    condition where ``expect`` is ``"bool"`` (or None); a string is parsed with
    :func:`parse_expr`. Anything else, NaN, a number where a condition is expected and
    a bool where a number is expected raise ``ExprError`` at offset 0.
    """
    if expect is not None and expect not in KINDS:
        raise ValueError(f"expect must be one of {sorted(KINDS)} or None, not {expect!r}")
    if isinstance(value, str):
        return parse_expr(value, known, expect=expect)
    if isinstance(value, bool):
        if expect not in ("bool", None):
            raise ExprError(f"expected {KIND_WORDS[expect]}, not {str(value).lower()}", 0)
        return Expr(source=str(value).lower(), names=frozenset(), op=Const(value), kind="bool")
    if isinstance(value, int | float):
        if expect not in ("number", None):
            raise ExprError(f"expected {KIND_WORDS[expect]}, not the number {value}", 0)
        try:
            number = float(value)
        except OverflowError:
            raise ExprError("this number is too large", 0) from None
        if math.isnan(number):
            raise ExprError("NaN is not allowed as a value", 0)
        return Expr(source=str(value), names=frozenset(), op=Const(number), kind="number")
    raise ExprError(f"expected a number or an expression, not {type(value).__name__}", 0)



def phase_literals(text: str) -> list[tuple[str, int]]:
    """The strings an expression compares `phase` with (`phase == 'x'`, `phase in ('x',
    'y')`), each with its offset in the text. The text has already parsed as an
    expression, so `ast.parse` only reads it."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return []
    shift = len(text) - len(text.lstrip())
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        if not any(isinstance(x, ast.Name) and x.id == "phase" for x in sides):
            continue
        for x in sides:
            items = x.elts if isinstance(x, ast.Tuple | ast.List) else [x]
            for item in items:
                if isinstance(item, ast.Constant) and isinstance(item.value, str) and item.lineno == 1:
                    found.append((item.value, shift + item.col_offset))
    return found


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.scenario.expr":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

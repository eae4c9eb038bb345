"""A tiny, safe expression language for scenario files.

Scenario YAML uses it for conditions and for numeric values::

    when: phase == "corridor" and coordinator.money >= 2
    chance: 0.05 + 0.4 * standing.government

Nothing here runs Python code. The text is *parsed* with ``ast.parse(text, mode="eval")``
(which only builds a syntax tree), the tree is checked against a strict whitelist, and
each allowed node is turned into a small Python closure once. Evaluating an expression
then calls those closures with a plain mapping of variable values; there is no tree
walking per evaluation.

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
import difflib
import math
import operator
import re
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NoReturn, TypeAlias

__all__ = [
    "FUNCTIONS",
    "KINDS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "Env",
    "Expr",
    "ExprError",
    "canonical",
    "parse_expr",
    "parse_value",
]

MAX_LENGTH: Final = 500
"""Longest accepted expression text, in characters."""
MAX_DEPTH: Final = 30
"""Deepest accepted nesting of the syntax tree (a dotted name counts as one level)."""
MAX_EXPONENT: Final = 4.0
"""The exponent of ``**`` must be a constant in ``[-MAX_EXPONENT, MAX_EXPONENT]``."""
FUNCTIONS: Final = ("abs", "clamp", "max", "min", "round")
"""The functions an expression may call."""
KINDS: Final = frozenset({"bool", "number", "str"})
"""The kinds a known variable may have (``Expr.kind`` may also be ``"any"``)."""

Scalar: TypeAlias = float | int | str | bool
Env: TypeAlias = Mapping[str, Scalar]
Fn: TypeAlias = Callable[[Env], Any]
# A closure over variables already checked to be numbers (`Env`'s values, seen as Any).
_NumFn: TypeAlias = Callable[[Mapping[str, Any]], Any]


class ExprError(Exception):
    """A problem in an expression's text.

    ``offset`` is the 0-based character offset in the source text where the problem is.
    ``str(error)`` includes it; a loader reporting ``file:line:col`` should use
    ``message`` and ``offset`` separately.
    """

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message, offset)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return f"{self.message} (at character {self.offset})"


@dataclass(frozen=True)
class Expr:
    """A parsed expression.

    ``kind`` is ``"bool"``, ``"number"`` or ``"str"``; it is ``"any"`` only when the
    expression's value is a bare variable of unknown kind (``parse_expr`` without
    ``known``). Call the expression (or, a little faster, its ``fn``) with an
    environment mapping every name in ``names`` to its value.
    """

    source: str
    names: frozenset[str]
    fn: Fn = field(compare=False, repr=False)
    kind: str

    def __call__(self, env: Env) -> Any:
        return self.fn(env)


# --------------------------------------------------------------------------- errors

_KIND_WORDS: Final = {
    "number": "a number",
    "str": "text",
    "bool": "a condition (true/false)",
    "any": "a value",
}

_NODE_WORDS: Final[dict[type[ast.AST], str]] = {
    ast.Subscript: "indexing (x[...])",
    ast.Slice: "slicing",
    ast.Lambda: "lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.JoinedStr: "an f-string",
    ast.FormattedValue: "an f-string",
    ast.NamedExpr: "assignment (:=)",
    ast.Starred: "unpacking (*)",
    ast.Dict: "a dict",
    ast.Set: "a set (outside 'in (...)')",
    ast.List: "a list (outside 'in [...]')",
    ast.Tuple: "a tuple (outside 'in (...)')",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}

_ARITH_SYMBOLS: Final[dict[type[ast.operator], str]] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
}
_OTHER_SYMBOLS: Final[dict[type[ast.AST], str]] = {
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
    ast.Invert: "~",
    ast.Is: "is",
    ast.IsNot: "is not",
}
_COMPARE_SYMBOLS: Final[dict[type[ast.cmpop], str]] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}
_ORDERING: Final = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_COMPARE_FUNCS: Final[dict[type[ast.cmpop], Callable[[Any, Any], Any]]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}

_ARITY: Final[dict[str, tuple[int, int | None]]] = {
    "abs": (1, 1),
    "clamp": (3, 3),
    "max": (2, None),
    "min": (2, None),
    "round": (1, 2),
}
_IDENTIFIER: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_WHITESPACE: Final = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})
_BAD_CHARACTER: Final = re.compile(f"[\x00{chr(0xD800)}-{chr(0xDFFF)}]")  # NUL and lone surrogates


# ----------------------------------------------------------- safe numeric operations
# Used both by the closures and for constant folding, so both agree.


def _div(a: Any, b: Any) -> Any:
    return a / b if b else 0.0


def _floordiv(a: Any, b: Any) -> Any:
    return a // b if b else 0.0


def _mod(a: Any, b: Any) -> Any:
    return a % b if b else 0.0


def _pow(a: Any, b: Any) -> Any:
    """``a ** b`` in floats; 0.0 where undefined, +-inf on overflow; ``|b| <= 4``."""
    try:
        base = float(a)
    except OverflowError:  # an int beyond the float range
        base = math.inf if a > 0 else -math.inf
    try:
        result = base**b
    except ZeroDivisionError:
        return 0.0
    except OverflowError:
        odd = float(b).is_integer() and int(b) % 2 == 1
        return -math.inf if base < 0 and odd else math.inf
    if isinstance(result, complex):
        return 0.0
    return result


def _round(x: Any, digits: int | None) -> Any:
    try:
        return float(round(x, digits or 0))
    except (OverflowError, ValueError):
        return float(x)


def canonical(name: str) -> str:
    """The one string object for a name (interned): environments whose keys come from
    here are searched by identity, which is faster than comparing the text."""
    return sys.intern(name)


def _constant_fn(value: Any) -> Fn:
    return lambda env: value


# ------------------------------------------------------------------- closure makers


def _named_arith_closure(op: type[ast.operator], left: _Node, right: _Node) -> _NumFn | None:
    """The closures of the commonest shapes, a variable with a constant or with another
    variable, reading the variables themselves (one call where there were three). None
    for any other shape."""
    ln, rn = left.name, right.name
    lc: Any = left.const
    rc: Any = right.const
    if ln is not None and right.is_const:
        if op is ast.Add:
            return lambda env: env[ln] + rc
        if op is ast.Sub:
            return lambda env: env[ln] - rc
        if op is ast.Mult:
            return lambda env: env[ln] * rc
        if op is ast.Div and rc:
            return lambda env: env[ln] / rc
    if rn is not None and left.is_const:
        if op is ast.Add:
            return lambda env: lc + env[rn]
        if op is ast.Sub:
            return lambda env: lc - env[rn]
        if op is ast.Mult:
            return lambda env: lc * env[rn]
    if ln is not None and rn is not None:
        if op is ast.Add:
            return lambda env: env[ln] + env[rn]
        if op is ast.Sub:
            return lambda env: env[ln] - env[rn]
        if op is ast.Mult:
            return lambda env: env[ln] * env[rn]
    return None


def _arith_closure(op: type[ast.operator], left: _Node, right: _Node) -> Fn:
    named = _named_arith_closure(op, left, right)
    if named is not None:
        return named
    lf, rf = left.fn, right.fn
    lc: Any = left.const
    rc: Any = right.const
    rconst = right.is_const
    lconst = left.is_const
    if op is ast.Add:
        if rconst:
            return lambda env: lf(env) + rc
        if lconst:
            return lambda env: lc + rf(env)
        return lambda env: lf(env) + rf(env)
    if op is ast.Sub:
        if rconst:
            return lambda env: lf(env) - rc
        if lconst:
            return lambda env: lc - rf(env)
        return lambda env: lf(env) - rf(env)
    if op is ast.Mult:
        if rconst:
            return lambda env: lf(env) * rc
        if lconst:
            return lambda env: lc * rf(env)
        return lambda env: lf(env) * rf(env)
    if op is ast.Pow:
        return lambda env: _pow(lf(env), rc)
    # Division-like: a constant non-zero divisor needs no zero check.
    if rconst and not rc:
        return _constant_fn(0.0)
    if op is ast.Div:
        if rconst:
            return lambda env: lf(env) / rc
        return lambda env: _div(lf(env), rf(env))
    if op is ast.FloorDiv:
        if rconst:
            return lambda env: lf(env) // rc
        return lambda env: _floordiv(lf(env), rf(env))
    assert op is ast.Mod
    if rconst:
        return lambda env: lf(env) % rc
    return lambda env: _mod(lf(env), rf(env))


def _compare_closure(op: type[ast.cmpop], left: _Node, right: _Node) -> Fn:
    lf, rf = left.fn, right.fn
    c: Any = right.const
    ln = left.name
    if ln is not None and right.is_const:
        # A variable against a constant, the commonest condition: read it directly.
        if op is ast.Lt:
            return lambda env: env[ln] < c
        if op is ast.LtE:
            return lambda env: env[ln] <= c
        if op is ast.Gt:
            return lambda env: env[ln] > c
        if op is ast.GtE:
            return lambda env: env[ln] >= c
        if op is ast.Eq:
            return lambda env: env[ln] == c
        assert op is ast.NotEq
        return lambda env: env[ln] != c
    if right.is_const:
        if op is ast.Lt:
            return lambda env: lf(env) < c
        if op is ast.LtE:
            return lambda env: lf(env) <= c
        if op is ast.Gt:
            return lambda env: lf(env) > c
        if op is ast.GtE:
            return lambda env: lf(env) >= c
        if op is ast.Eq:
            return lambda env: lf(env) == c
        assert op is ast.NotEq
        return lambda env: lf(env) != c
    if op is ast.Lt:
        return lambda env: lf(env) < rf(env)
    if op is ast.LtE:
        return lambda env: lf(env) <= rf(env)
    if op is ast.Gt:
        return lambda env: lf(env) > rf(env)
    if op is ast.GtE:
        return lambda env: lf(env) >= rf(env)
    if op is ast.Eq:
        return lambda env: lf(env) == rf(env)
    assert op is ast.NotEq
    return lambda env: lf(env) != rf(env)


def _chain_closure(first: Fn, steps: Sequence[tuple[Callable[[Any, Any], Any], Fn]]) -> Fn:
    if len(steps) == 2:
        (test1, f1), (test2, f2) = steps

        def chain2(env: Env) -> bool:
            middle = f1(env)
            return True if test1(first(env), middle) and test2(middle, f2(env)) else False

        return chain2
    pairs = tuple(steps)

    def chain(env: Env) -> bool:
        a = first(env)
        for test, f in pairs:
            b = f(env)
            if not test(a, b):
                return False
            a = b
        return True

    return chain


def _and_closure(fns: Sequence[Fn]) -> Fn:
    if len(fns) == 2:
        a, b = fns
        return lambda env: True if a(env) and b(env) else False
    parts = tuple(fns)

    def all_of(env: Env) -> bool:
        for f in parts:
            if not f(env):
                return False
        return True

    return all_of


def _or_closure(fns: Sequence[Fn]) -> Fn:
    if len(fns) == 2:
        a, b = fns
        return lambda env: True if a(env) or b(env) else False
    parts = tuple(fns)

    def any_of(env: Env) -> bool:
        for f in parts:
            if f(env):
                return True
        return False

    return any_of


def _call_closure(name: str, args: Sequence[_Node], digits: int | None) -> Fn:
    fns = tuple(a.fn for a in args)
    if name == "abs":
        (x,) = fns
        return lambda env: abs(x(env))
    if name == "round":
        x = fns[0]
        return lambda env: _round(x(env), digits)
    if name == "clamp" and args[1].is_const and args[2].is_const:
        x = fns[0]
        low_c: Any = args[1].const
        high_c: Any = args[2].const

        def clamp_const(env: Env) -> Any:
            # As `clamp` below, with constant bounds.
            value = x(env)
            if value < low_c:
                value = low_c
            return high_c if value > high_c else value

        return clamp_const
    if name == "clamp":
        x, lo, hi = fns

        def clamp(env: Env) -> Any:
            # min(max(x, lo), hi), inlined; NaN passes through as it does there.
            value = x(env)
            low = lo(env)
            if value < low:
                value = low
            high = hi(env)
            return high if value > high else value

        return clamp
    pick: Callable[..., Any] = min if name == "min" else max
    if len(fns) == 2:
        a, b = fns
        return lambda env: pick(a(env), b(env))
    return lambda env: pick([f(env) for f in fns])


# ------------------------------------------------------------------------- compiler

_NOT_CONSTANT: Final = object()


class _Node:
    """A compiled subtree: its closure, kind and, if it folded, its constant value."""

    __slots__ = ("fn", "kind", "const", "name")

    def __init__(self, fn: Fn, kind: str, const: Any = _NOT_CONSTANT, name: str | None = None) -> None:
        self.fn = fn
        self.kind = kind
        self.const = const
        self.name = name  # the variable, if the subtree is one bare name

    @property
    def is_const(self) -> bool:
        return self.const is not _NOT_CONSTANT


def _constant(value: Any, kind: str) -> _Node:
    return _Node(_constant_fn(value), kind, value)


def _folded(fn: Fn, kind: str, parts: Sequence[_Node]) -> _Node:
    """Fold ``fn`` to a constant when all its parts are constants."""
    if all(p.is_const for p in parts):
        # Constant parts never look at the environment.
        return _constant(fn({}), kind)
    return _Node(fn, kind)


def _unify(a: str, b: str) -> str | None:
    if a == "any":
        return b
    if b == "any" or a == b:
        return a
    return None


class _Compiler:
    def __init__(self, text: str, shift: int, known: Mapping[str, str] | None) -> None:
        self.encoded = text.encode("utf-8")
        self.shift = shift
        self.known = known
        self.names: set[str] = set()

    # -- positions and errors

    def offset(self, node: ast.AST) -> int:
        col = node.col_offset if isinstance(node, ast.expr) else 0
        return self.shift + len(self.encoded[:col].decode("utf-8", errors="ignore"))

    def fail(self, message: str, node: ast.AST) -> NoReturn:
        raise ExprError(message, self.offset(node))

    def need(self, part: _Node, kind: str, node: ast.AST, what: str) -> None:
        if part.kind not in (kind, "any"):
            wanted = "numbers" if kind == "number" else "conditions (true/false)"
            self.fail(f"{what} needs {wanted}, but this is {_KIND_WORDS[part.kind]}", node)

    # -- dispatch

    def compile(self, node: ast.AST, depth: int) -> _Node:
        if depth > MAX_DEPTH:
            self.fail(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)", node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name | ast.Attribute):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.BoolOp):
            return self.boolean(node, depth)
        if isinstance(node, ast.Compare):
            return self.compare(node, depth)
        if isinstance(node, ast.IfExp):
            return self.conditional(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        what = _NODE_WORDS.get(type(node), f"'{type(node).__name__}'")
        self.fail(f"{what} is not allowed in an expression", node)

    # -- leaves

    def constant(self, node: ast.Constant) -> _Node:
        value = node.value
        if isinstance(value, bool):
            return _constant(value, "bool")
        if isinstance(value, int | float):
            try:
                return _constant(float(value), "number")
            except OverflowError:
                self.fail("this number is too large", node)
        if isinstance(value, str):
            return _constant(value, "str")
        if value is None:
            what = "None"
        elif value is Ellipsis:
            what = "..."
        elif isinstance(value, complex):
            what = "a complex number"
        else:
            what = f"a {type(value).__name__} constant"
        self.fail(f"{what} is not allowed in an expression", node)

    def name(self, node: ast.Name | ast.Attribute) -> _Node:
        parts: list[str] = []
        current: ast.expr = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if not isinstance(current, ast.Name):
            self.fail(
                "attribute access (.name) is not allowed in an expression, "
                "except in dotted variable names",
                node,
            )
        parts.append(current.id)
        dotted = ".".join(reversed(parts))
        if dotted in ("true", "false"):
            return _constant(dotted == "true", "bool")
        for part in parts:
            if part.startswith("_"):
                self.fail(
                    f'"{dotted}" is not allowed in an expression (names may not start with "_")',
                    node,
                )
            if not _IDENTIFIER.fullmatch(part):
                self.fail(
                    f'"{dotted}" is not allowed in an expression '
                    "(names use ASCII letters, digits and _)",
                    node,
                )
        if self.known is None:
            kind = "any"
        else:
            known_kind = self.known.get(dotted)
            if known_kind is None:
                close = difflib.get_close_matches(dotted, list(self.known), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else ""
                self.fail(f'unknown variable "{dotted}"{hint}', node)
            kind = known_kind
        dotted = canonical(dotted)
        self.names.add(dotted)
        return _Node(operator.itemgetter(dotted), kind, name=dotted)

    # -- operators

    def unary(self, node: ast.UnaryOp, depth: int) -> _Node:
        operand = self.compile(node.operand, depth + 1)
        f = operand.fn
        if isinstance(node.op, ast.Not):
            self.need(operand, "bool", node.operand, '"not"')
            return _folded(lambda env: not f(env), "bool", [operand])
        if isinstance(node.op, ast.USub):
            self.need(operand, "number", node.operand, '"-"')
            return _folded(lambda env: -f(env), "number", [operand])
        if isinstance(node.op, ast.UAdd):
            self.need(operand, "number", node.operand, '"+"')
            return _Node(f, "number", operand.const)
        symbol = _OTHER_SYMBOLS.get(type(node.op), type(node.op).__name__)
        self.fail(f'the operator "{symbol}" is not allowed in an expression', node)

    def binary(self, node: ast.BinOp, depth: int) -> _Node:
        op = type(node.op)
        symbol = _ARITH_SYMBOLS.get(op)
        if symbol is None:
            other = _OTHER_SYMBOLS.get(op, op.__name__)
            self.fail(f'the operator "{other}" is not allowed in an expression', node)
        left = self.compile(node.left, depth + 1)
        right = self.compile(node.right, depth + 1)
        self.need(left, "number", node.left, f'"{symbol}"')
        self.need(right, "number", node.right, f'"{symbol}"')
        if op is ast.Pow and not (right.is_const and -MAX_EXPONENT <= right.const <= MAX_EXPONENT):
            shown = ast.unparse(node.right) if right.is_const else "a variable"
            self.fail(
                f"a power with exponent {shown} is not allowed in an expression "
                f"(the exponent must be a constant between {-MAX_EXPONENT:g} "
                f"and {MAX_EXPONENT:g})",
                node.right,
            )
        return _folded(_arith_closure(op, left, right), "number", [left, right])

    def boolean(self, node: ast.BoolOp, depth: int) -> _Node:
        word = '"and"' if isinstance(node.op, ast.And) else '"or"'
        parts = [self.compile(v, depth + 1) for v in node.values]
        for part, value in zip(parts, node.values, strict=True):
            self.need(part, "bool", value, word)
        fns = [p.fn for p in parts]
        fn = _and_closure(fns) if isinstance(node.op, ast.And) else _or_closure(fns)
        return _folded(fn, "bool", parts)

    def compare(self, node: ast.Compare, depth: int) -> _Node:
        for op in node.ops:
            if type(op) not in _COMPARE_SYMBOLS:
                symbol = _OTHER_SYMBOLS.get(type(op), type(op).__name__)
                hint = " (use == or !=)" if isinstance(op, ast.Is | ast.IsNot) else ""
                self.fail(f'"{symbol}" is not allowed in an expression{hint}', node)
        if any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            if len(node.ops) > 1:
                self.fail('"in" / "not in" cannot be part of a comparison chain', node)
            return self.membership(node, depth)
        left = self.compile(node.left, depth + 1)
        operands = [left]
        left_ast: ast.expr = node.left
        for op, right_ast in zip(node.ops, node.comparators, strict=True):
            right = self.compile(right_ast, depth + 1)
            symbol = _COMPARE_SYMBOLS[type(op)]
            if isinstance(op, _ORDERING):
                self.need(left, "number", left_ast, f'"{symbol}"')
                self.need(right, "number", right_ast, f'"{symbol}"')
            elif _unify(left.kind, right.kind) is None:
                self.fail(
                    f"cannot compare {_KIND_WORDS[left.kind]} with {_KIND_WORDS[right.kind]}",
                    right_ast,
                )
            operands.append(right)
            left, left_ast = right, right_ast
        if len(node.ops) == 1:
            fn = _compare_closure(type(node.ops[0]), operands[0], operands[1])
        else:
            steps = [
                (_COMPARE_FUNCS[type(op)], part.fn)
                for op, part in zip(node.ops, operands[1:], strict=True)
            ]
            fn = _chain_closure(operands[0].fn, steps)
        return _folded(fn, "bool", operands)

    def membership(self, node: ast.Compare, depth: int) -> _Node:
        op = node.ops[0]
        word = '"not in"' if isinstance(op, ast.NotIn) else '"in"'
        left = self.compile(node.left, depth + 1)
        options = node.comparators[0]
        if not isinstance(options, ast.Tuple | ast.List | ast.Set):
            self.fail(f'{word} needs a literal list of constants, like ("a", "b")', options)
        values: list[Any] = []
        for element in options.elts:
            part = self.compile(element, depth + 2)
            if not part.is_const:
                self.fail(f"the list after {word} may only hold constants", element)
            if _unify(left.kind, part.kind) is None:
                self.fail(
                    f"cannot compare {_KIND_WORDS[left.kind]} with {_KIND_WORDS[part.kind]}",
                    element,
                )
            values.append(part.const)
        choices = frozenset(values)
        f = left.fn
        if isinstance(op, ast.NotIn):
            fn: Fn = lambda env: f(env) not in choices  # noqa: E731
        else:
            fn = lambda env: f(env) in choices  # noqa: E731
        return _folded(fn, "bool", [left])

    def conditional(self, node: ast.IfExp, depth: int) -> _Node:
        test = self.compile(node.test, depth + 1)
        body = self.compile(node.body, depth + 1)
        orelse = self.compile(node.orelse, depth + 1)
        self.need(test, "bool", node.test, '"if"')
        kind = _unify(body.kind, orelse.kind)
        if kind is None:
            self.fail(
                "both branches of 'if ... else' must give the same kind of value, "
                f"not {_KIND_WORDS[body.kind]} and {_KIND_WORDS[orelse.kind]}",
                node.orelse,
            )
        if test.is_const:
            chosen = body if test.const else orelse
            return _Node(chosen.fn, kind, chosen.const)
        t, b, o = test.fn, body.fn, orelse.fn
        return _Node(lambda env: b(env) if t(env) else o(env), kind)

    def call(self, node: ast.Call, depth: int) -> _Node:
        func = node.func
        allowed = ", ".join(FUNCTIONS)
        if not isinstance(func, ast.Name) or func.id not in FUNCTIONS:
            if isinstance(func, ast.Name | ast.Attribute):
                shown = ast.unparse(func)
                close = difflib.get_close_matches(shown, FUNCTIONS, n=1)
                hint = f'; did you mean "{close[0]}"?' if close else ""
                self.fail(
                    f'calling "{shown}" is not allowed in an expression '
                    f"(allowed functions: {allowed}{hint})",
                    node,
                )
            self.fail(
                f"this call is not allowed in an expression (allowed functions: {allowed})",
                node,
            )
        name = func.id
        if node.keywords:
            self.fail(f"{name}() does not take keyword arguments", node.keywords[0].value)
        low, high = _ARITY[name]
        count = len(node.args)
        if count < low or (high is not None and count > high):
            if high is None:
                expected = f"at least {low} arguments"
            elif low == high:
                expected = f"{low} argument{'s' if low > 1 else ''}"
            else:
                expected = f"{low} or {high} arguments"
            self.fail(f"{name}() takes {expected}, not {count}", node)
        args = [self.compile(a, depth + 1) for a in node.args]
        for part, arg in zip(args, node.args, strict=True):
            self.need(part, "number", arg, f"{name}()")
        digits: int | None = None
        if name == "round" and count == 2:
            d = args[1].const
            if not (args[1].is_const and float(d).is_integer() and -15 <= d <= 15):
                self.fail(
                    "round()'s second argument must be a whole-number constant between -15 and 15",
                    node.args[1],
                )
            digits = int(d)
            args = args[:1]
        return _folded(_call_closure(name, args, digits), "number", args)


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
    bad = _BAD_CHARACTER.search(text)
    if bad is not None:
        raise ExprError(f"invalid character {bad.group()!r}", bad.start())
    # One line, so offsets are simple: newlines (e.g. from YAML block scalars) and tabs
    # become spaces, which keeps every character offset.
    flat = text.translate(_WHITESPACE)
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
    compiler = _Compiler(body, shift, known)
    root = compiler.compile(tree.body, 1)
    if expect is not None and root.kind not in (expect, "any"):
        raise ExprError(
            f"expected {_KIND_WORDS[expect]}, but this expression gives {_KIND_WORDS[root.kind]}",
            compiler.offset(tree.body),
        )
    return Expr(source=text, names=frozenset(compiler.names), fn=root.fn, kind=root.kind)


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
            raise ExprError(f"expected {_KIND_WORDS[expect]}, not {str(value).lower()}", 0)
        return Expr(
            source=str(value).lower(), names=frozenset(), fn=_constant_fn(value), kind="bool"
        )
    if isinstance(value, int | float):
        if expect not in ("number", None):
            raise ExprError(f"expected {_KIND_WORDS[expect]}, not the number {value}", 0)
        try:
            number = float(value)
        except OverflowError:
            raise ExprError("this number is too large", 0) from None
        if math.isnan(number):
            raise ExprError("NaN is not allowed as a value", 0)
        return Expr(source=str(value), names=frozenset(), fn=_constant_fn(number), kind="number")
    raise ExprError(f"expected a number or an expression, not {type(value).__name__}", 0)


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.scenario.expr":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

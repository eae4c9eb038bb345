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
# Used both by the evaluators and for constant folding, so both agree.


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


# ----------------------------------------------------------------------- evaluators
# A parsed expression is a tree of these small objects, each evaluating its part of the
# expression with `ev(env)`. Compiled with the engine (game/accel.py), a call of `ev`
# from one to another, or from the engine, is a direct call; they are also callable, so
# an expression's `fn` is its root.


class Op:
    """One node of a parsed expression."""

    def ev(self, env: Env) -> Any:
        raise NotImplementedError

    def __call__(self, env: Env) -> Any:
        return self.ev(env)


class Const(Op):
    def __init__(self, value: Any) -> None:
        self.value = value

    def ev(self, env: Env) -> Any:
        return self.value


class Name(Op):
    def __init__(self, name: str) -> None:
        self.name = name

    def ev(self, env: Env) -> Any:
        return env[self.name]


class Unary(Op):
    def __init__(self, a: Op) -> None:
        self.a = a


class Neg(Unary):
    def ev(self, env: Env) -> Any:
        return -self.a.ev(env)


class Not(Unary):
    def ev(self, env: Env) -> Any:
        return not self.a.ev(env)


class Abs(Unary):
    def ev(self, env: Env) -> Any:
        return abs(self.a.ev(env))


class Round(Unary):
    def __init__(self, a: Op, digits: int | None) -> None:
        self.a = a
        self.digits = digits

    def ev(self, env: Env) -> Any:
        return _round(self.a.ev(env), self.digits)


class Binary(Op):
    """Two operands, both evaluated, the left first."""

    def __init__(self, a: Op, b: Op) -> None:
        self.a = a
        self.b = b


class Add(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) + self.b.ev(env)


class Sub(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) - self.b.ev(env)


class Mul(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) * self.b.ev(env)


class Div(Binary):
    def ev(self, env: Env) -> Any:
        return _div(self.a.ev(env), self.b.ev(env))


class FloorDiv(Binary):
    def ev(self, env: Env) -> Any:
        return _floordiv(self.a.ev(env), self.b.ev(env))


class Mod(Binary):
    def ev(self, env: Env) -> Any:
        return _mod(self.a.ev(env), self.b.ev(env))


class WithConst(Op):
    """An operand and a constant (the commonest shape of arithmetic)."""

    def __init__(self, a: Op, c: Any) -> None:
        self.a = a
        self.c = c


class AddConst(WithConst):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) + self.c


class ConstAdd(WithConst):
    def ev(self, env: Env) -> Any:
        return self.c + self.a.ev(env)


class SubConst(WithConst):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) - self.c


class ConstSub(WithConst):
    def ev(self, env: Env) -> Any:
        return self.c - self.a.ev(env)


class MulConst(WithConst):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) * self.c


class ConstMul(WithConst):
    def ev(self, env: Env) -> Any:
        return self.c * self.a.ev(env)


class DivConst(WithConst):
    """`a / c` for a constant c other than 0 (by 0 the whole is the constant 0.0)."""

    def ev(self, env: Env) -> Any:
        return self.a.ev(env) / self.c


class FloorDivConst(WithConst):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) // self.c


class ModConst(WithConst):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) % self.c


class Pow(WithConst):
    def ev(self, env: Env) -> Any:
        return _pow(self.a.ev(env), self.c)


class Less(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) < self.b.ev(env)


class LessEqual(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) <= self.b.ev(env)


class Greater(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) > self.b.ev(env)


class GreaterEqual(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) >= self.b.ev(env)


class Equal(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) == self.b.ev(env)


class NotEqual(Binary):
    def ev(self, env: Env) -> Any:
        return self.a.ev(env) != self.b.ev(env)


class Chain(Op):
    """`a < b <= c ...`: each operand against its neighbours, evaluated once."""

    def __init__(self, first: Op, steps: list[tuple[Callable[[Any, Any], Any], Op]]) -> None:
        self.first = first
        self.steps = steps

    def ev(self, env: Env) -> Any:
        a = self.first.ev(env)
        for test, op in self.steps:
            b = op.ev(env)
            if not test(a, b):
                return False
            a = b
        return True


class And(Op):
    def __init__(self, parts: list[Op]) -> None:
        self.parts = parts

    def ev(self, env: Env) -> Any:
        for part in self.parts:
            if not part.ev(env):
                return False
        return True


class Or(Op):
    def __init__(self, parts: list[Op]) -> None:
        self.parts = parts

    def ev(self, env: Env) -> Any:
        for part in self.parts:
            if part.ev(env):
                return True
        return False


class In(Op):
    def __init__(self, a: Op, choices: frozenset[Any], negate: bool) -> None:
        self.a = a
        self.choices = choices
        self.negate = negate

    def ev(self, env: Env) -> Any:
        found = self.a.ev(env) in self.choices
        return not found if self.negate else found


class IfElse(Op):
    def __init__(self, test: Op, body: Op, orelse: Op) -> None:
        self.test = test
        self.body = body
        self.orelse = orelse

    def ev(self, env: Env) -> Any:
        return self.body.ev(env) if self.test.ev(env) else self.orelse.ev(env)


class Clamp(Op):
    """min(max(x, lo), hi), inlined; NaN passes through as it does there."""

    def __init__(self, x: Op, lo: Op, hi: Op) -> None:
        self.x = x
        self.lo = lo
        self.hi = hi

    def ev(self, env: Env) -> Any:
        value = self.x.ev(env)
        low = self.lo.ev(env)
        if value < low:
            value = low
        high = self.hi.ev(env)
        return high if value > high else value


class Pick(Op):
    """min or max (`pick`) of the operands."""

    def __init__(self, parts: list[Op], pick: Callable[..., Any]) -> None:
        self.parts = parts
        self.pick = pick

    def ev(self, env: Env) -> Any:
        if len(self.parts) == 2:
            return self.pick(self.parts[0].ev(env), self.parts[1].ev(env))
        return self.pick([p.ev(env) for p in self.parts])


_ARITH_OPS: Final[dict[type[ast.operator], type[Binary]]] = {
    ast.Add: Add,
    ast.Sub: Sub,
    ast.Mult: Mul,
    ast.Div: Div,
    ast.FloorDiv: FloorDiv,
    ast.Mod: Mod,
}
# with a constant right operand / left operand
_CONST_RIGHT: Final[dict[type[ast.operator], type[WithConst]]] = {
    ast.Add: AddConst,
    ast.Sub: SubConst,
    ast.Mult: MulConst,
    ast.Div: DivConst,
    ast.FloorDiv: FloorDivConst,
    ast.Mod: ModConst,
}
_CONST_LEFT: Final[dict[type[ast.operator], type[WithConst]]] = {
    ast.Add: ConstAdd,
    ast.Sub: ConstSub,
    ast.Mult: ConstMul,
}
_COMPARE_OPS: Final[dict[type[ast.cmpop], type[Binary]]] = {
    ast.Lt: Less,
    ast.LtE: LessEqual,
    ast.Gt: Greater,
    ast.GtE: GreaterEqual,
    ast.Eq: Equal,
    ast.NotEq: NotEqual,
}


def _arith(op: type[ast.operator], left: _Node, right: _Node) -> Op:
    if op is ast.Pow:
        return Pow(left.op, right.const)
    if right.is_const:
        if op in (ast.Div, ast.FloorDiv, ast.Mod) and not right.const:
            return Const(0.0)  # by a constant 0: 0.0, as _div and the others give
        return _CONST_RIGHT[op](left.op, right.const)
    if left.is_const and op in _CONST_LEFT:
        return _CONST_LEFT[op](right.op, left.const)
    return _ARITH_OPS[op](left.op, right.op)


def _call(name: str, args: Sequence[_Node], digits: int | None) -> Op:
    if name == "abs":
        return Abs(args[0].op)
    if name == "round":
        return Round(args[0].op, digits)
    if name == "clamp":
        return Clamp(args[0].op, args[1].op, args[2].op)
    return Pick([a.op for a in args], min if name == "min" else max)


# ------------------------------------------------------------------------- compiler

_NOT_CONSTANT: Final = object()


class _Node:
    """A compiled subtree: its evaluator, kind and, if it folded, its constant value."""

    __slots__ = ("op", "kind", "const")

    def __init__(self, op: Op, kind: str, const: Any = _NOT_CONSTANT) -> None:
        self.op = op
        self.kind = kind
        self.const = const

    @property
    def is_const(self) -> bool:
        return self.const is not _NOT_CONSTANT


def _constant(value: Any, kind: str) -> _Node:
    return _Node(Const(value), kind, value)


def _folded(op: Op, kind: str, parts: Sequence[_Node]) -> _Node:
    """Fold ``op`` to a constant when all its parts are constants."""
    if all(p.is_const for p in parts):
        # Constant parts never look at the environment.
        return _constant(op.ev({}), kind)
    return _Node(op, kind)


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
        return _Node(Name(dotted), kind)

    # -- operators

    def unary(self, node: ast.UnaryOp, depth: int) -> _Node:
        operand = self.compile(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            self.need(operand, "bool", node.operand, '"not"')
            return _folded(Not(operand.op), "bool", [operand])
        if isinstance(node.op, ast.USub):
            self.need(operand, "number", node.operand, '"-"')
            return _folded(Neg(operand.op), "number", [operand])
        if isinstance(node.op, ast.UAdd):
            self.need(operand, "number", node.operand, '"+"')
            return _Node(operand.op, "number", operand.const)
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
        return _folded(_arith(op, left, right), "number", [left, right])

    def boolean(self, node: ast.BoolOp, depth: int) -> _Node:
        word = '"and"' if isinstance(node.op, ast.And) else '"or"'
        parts = [self.compile(v, depth + 1) for v in node.values]
        for part, value in zip(parts, node.values, strict=True):
            self.need(part, "bool", value, word)
        ops = [p.op for p in parts]
        return _folded(And(ops) if isinstance(node.op, ast.And) else Or(ops), "bool", parts)

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
        test: Op
        if len(node.ops) == 1:
            test = _COMPARE_OPS[type(node.ops[0])](operands[0].op, operands[1].op)
        else:
            steps = [
                (_COMPARE_FUNCS[type(cmp)], part.op)
                for cmp, part in zip(node.ops, operands[1:], strict=True)
            ]
            test = Chain(operands[0].op, steps)
        return _folded(test, "bool", operands)

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
        return _folded(In(left.op, frozenset(values), isinstance(op, ast.NotIn)), "bool", [left])

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
            return _Node(chosen.op, kind, chosen.const)
        return _Node(IfElse(test.op, body.op, orelse.op), kind)

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
        return _folded(_call(name, args, digits), "number", args)


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
            raise ExprError(f"expected {_KIND_WORDS[expect]}, not {str(value).lower()}", 0)
        return Expr(
            source=str(value).lower(), names=frozenset(), op=Const(value), kind="bool"
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
        return Expr(source=str(value), names=frozenset(), op=Const(number), kind="number")
    raise ExprError(f"expected a number or an expression, not {type(value).__name__}", 0)


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.scenario.expr":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

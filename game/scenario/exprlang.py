"""The expression language's limits, kinds, words and error (see game/scenario/expr.py
for the language itself)."""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeAlias

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


# ----------------------------------------------------------- words for messages

KIND_WORDS: Final = {
    "number": "a number",
    "str": "text",
    "bool": "a condition (true/false)",
    "any": "a value",
}

NODE_WORDS: Final[dict[type[ast.AST], str]] = {
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

ARITH_SYMBOLS: Final[dict[type[ast.operator], str]] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
}
OTHER_SYMBOLS: Final[dict[type[ast.AST], str]] = {
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
COMPARE_SYMBOLS: Final[dict[type[ast.cmpop], str]] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}
ORDERING: Final = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
COMPARE_FUNCS: Final[dict[type[ast.cmpop], Callable[[Any, Any], Any]]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}

ARITY: Final[dict[str, tuple[int, int | None]]] = {
    "abs": (1, 1),
    "clamp": (3, 3),
    "max": (2, None),
    "min": (2, None),
    "round": (1, 2),
}
IDENTIFIER: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
WHITESPACE: Final = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})
BAD_CHARACTER: Final = re.compile(f"[\x00{chr(0xD800)}-{chr(0xDFFF)}]")  # NUL and lone surrogates

# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.scenario.exprlang":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

"""The evaluators of a parsed expression (see game/scenario/expr.py): a tree of small
objects, each working out its part with ``ev(env)``, and the safe numeric operations
they and constant folding share."""

from __future__ import annotations

import ast
import math
import sys
from collections.abc import Callable
from typing import Any, Final

from game.scenario.exprlang import Env

# ----------------------------------------------------------- safe numeric operations
# Used both by the evaluators and for constant folding, so both agree.


def safe_div(a: Any, b: Any) -> Any:
    return a / b if b else 0.0


def safe_floordiv(a: Any, b: Any) -> Any:
    return a // b if b else 0.0


def safe_mod(a: Any, b: Any) -> Any:
    return a % b if b else 0.0


def safe_pow(a: Any, b: Any) -> Any:
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


def safe_round(x: Any, digits: int | None) -> Any:
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
        return safe_round(self.a.ev(env), self.digits)


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
        return safe_div(self.a.ev(env), self.b.ev(env))


class FloorDiv(Binary):
    def ev(self, env: Env) -> Any:
        return safe_floordiv(self.a.ev(env), self.b.ev(env))


class Mod(Binary):
    def ev(self, env: Env) -> Any:
        return safe_mod(self.a.ev(env), self.b.ev(env))


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
        return safe_pow(self.a.ev(env), self.c)


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


# The evaluator for each operator of the syntax tree
ARITH_OPS: Final[dict[type[ast.operator], type[Binary]]] = {
    ast.Add: Add,
    ast.Sub: Sub,
    ast.Mult: Mul,
    ast.Div: Div,
    ast.FloorDiv: FloorDiv,
    ast.Mod: Mod,
}
# with a constant right operand / left operand
CONST_RIGHT: Final[dict[type[ast.operator], type[WithConst]]] = {
    ast.Add: AddConst,
    ast.Sub: SubConst,
    ast.Mult: MulConst,
    ast.Div: DivConst,
    ast.FloorDiv: FloorDivConst,
    ast.Mod: ModConst,
}
CONST_LEFT: Final[dict[type[ast.operator], type[WithConst]]] = {
    ast.Add: ConstAdd,
    ast.Sub: ConstSub,
    ast.Mult: ConstMul,
}
COMPARE_OPS: Final[dict[type[ast.cmpop], type[Binary]]] = {
    ast.Lt: Less,
    ast.LtE: LessEqual,
    ast.Gt: Greater,
    ast.GtE: GreaterEqual,
    ast.Eq: Equal,
    ast.NotEq: NotEqual,
}


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.scenario.exprops":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

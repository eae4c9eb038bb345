"""The compiler of the expression language (see game/scenario/expr.py): a checked
Python syntax tree becomes a tree of evaluators (game/scenario/exprops.py), kinds
checked and constant parts folded."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Mapping, Sequence
from typing import Any, Final, NoReturn

from game.scenario.exprlang import (
    ARITH_SYMBOLS,
    ARITY,
    COMPARE_FUNCS,
    COMPARE_SYMBOLS,
    FUNCTIONS,
    IDENTIFIER,
    KIND_WORDS,
    MAX_DEPTH,
    MAX_EXPONENT,
    NODE_WORDS,
    ORDERING,
    OTHER_SYMBOLS,
    ExprError,
)
from game.scenario.exprops import (
    ARITH_OPS,
    COMPARE_OPS,
    CONST_LEFT,
    CONST_RIGHT,
    Abs,
    And,
    Chain,
    Clamp,
    Const,
    IfElse,
    In,
    Name,
    Neg,
    Not,
    Op,
    Or,
    Pick,
    Pow,
    Round,
    canonical,
)


def _arith(op: type[ast.operator], left: _Node, right: _Node) -> Op:
    if op is ast.Pow:
        return Pow(left.op, right.const)
    if right.is_const:
        if op in (ast.Div, ast.FloorDiv, ast.Mod) and not right.const:
            return Const(0.0)  # by a constant 0: 0.0, as safe_div and the others give
        return CONST_RIGHT[op](left.op, right.const)
    if left.is_const and op in CONST_LEFT:
        return CONST_LEFT[op](right.op, left.const)
    return ARITH_OPS[op](left.op, right.op)


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


class Compiler:
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
            self.fail(f"{what} needs {wanted}, but this is {KIND_WORDS[part.kind]}", node)

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
        what = NODE_WORDS.get(type(node), f"'{type(node).__name__}'")
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
            if not IDENTIFIER.fullmatch(part):
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
        symbol = OTHER_SYMBOLS.get(type(node.op), type(node.op).__name__)
        self.fail(f'the operator "{symbol}" is not allowed in an expression', node)

    def binary(self, node: ast.BinOp, depth: int) -> _Node:
        op = type(node.op)
        symbol = ARITH_SYMBOLS.get(op)
        if symbol is None:
            other = OTHER_SYMBOLS.get(op, op.__name__)
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
            if type(op) not in COMPARE_SYMBOLS:
                symbol = OTHER_SYMBOLS.get(type(op), type(op).__name__)
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
            symbol = COMPARE_SYMBOLS[type(op)]
            if isinstance(op, ORDERING):
                self.need(left, "number", left_ast, f'"{symbol}"')
                self.need(right, "number", right_ast, f'"{symbol}"')
            elif _unify(left.kind, right.kind) is None:
                self.fail(
                    f"cannot compare {KIND_WORDS[left.kind]} with {KIND_WORDS[right.kind]}",
                    right_ast,
                )
            operands.append(right)
            left, left_ast = right, right_ast
        test: Op
        if len(node.ops) == 1:
            test = COMPARE_OPS[type(node.ops[0])](operands[0].op, operands[1].op)
        else:
            steps = [
                (COMPARE_FUNCS[type(cmp)], part.op)
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
                    f"cannot compare {KIND_WORDS[left.kind]} with {KIND_WORDS[part.kind]}",
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
                f"not {KIND_WORDS[body.kind]} and {KIND_WORDS[orelse.kind]}",
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
        low, high = ARITY[name]
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


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.scenario.exprcompile":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

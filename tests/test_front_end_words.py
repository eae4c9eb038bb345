"""The front ends word nothing themselves: every word a person reads is made in
game/present, and the full-screen game (game/ui), the line mode (game/plain), the
classroom (game/classroom) and the `corridors` command (game/cli, game/launch.py: its
help, its errors and the lines it prints) only show it.

The test reads each front-end module's syntax tree (nothing is imported) and looks at
every string literal, and at the literal parts of every f-string. A literal is *words*
if it holds a capitalised word (a capital letter followed by a small one: "Saved",
"No game") or a word of two letters or more beside a space ("weekly turns", " below",
"pt "). Names are not words: an id, a key, an action, a file, a selector, a CSS class,
a format, a theme's id ("escape,enter", "pick(1)", "#actions", "week.tcss",
"textual-dark") are written without capitals and without spaces.

A key's short name and sentence are words too: a binding takes them from
game/present/keys.py.

These literals are not words for this test, because of where they stand:
- docstrings, and assignments to `__all__`;
- the CSS of a class (`DEFAULT_CSS`, `CSS`, `CSS_PATH`);
- a binding's key, action, id and key display (`Binding("y", "answer(True)", ...)`,
  and game/ui/keys.py's `bound(key, action, id, ...)`), which are names;
- the `classes=` of a widget, the selectors given to `query`, `query_one`,
  `query_exactly_one` and `query_children`, the patterns given to `re`'s functions, and
  the SQL given to `execute`, `exec_driver_sql` and SQLAlchemy's `text`;
- type expressions: annotations and the insides of a subscript (`Callable[["Welcome"],
  ...]`);
- a format spec inside an f-string;
- the message of an error that only a programmer meets (`ValueError`, `TypeError`,
  `KeyError`, `AttributeError`, `RuntimeError`, `NotImplementedError`, `AssertionError`,
  an `assert`'s message).

A single word in small letters ("turns", "chosen") cannot be told from a name, so it
passes; keep those in game/present too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

GAME = Path(__file__).parents[1] / "game"
FRONT_ENDS = ("ui", "plain", "classroom", "cli")
COMMAND = ("launch.py", "__main__.py")  # the command's entry points, beside the packages
WORDS = re.compile(r"[A-Z][a-z]|[A-Za-z]{2} | [A-Za-z]{2}")
NOT_WORDS_CLASS_ATTRIBUTES = {"DEFAULT_CSS", "CSS", "CSS_PATH", "__all__"}
NOT_WORDS_CALLS = {"query", "query_one", "query_exactly_one", "query_children"}
REGULAR_EXPRESSIONS = {"compile", "sub", "search", "match", "fullmatch", "findall", "finditer"}
SQL = {"execute", "exec_driver_sql", "text"}  # a statement for the database
NOT_WORDS_KEYWORDS = {"classes"}
BINDINGS = {"Binding": 2, "bound": 3}  # how many of the first arguments are names
BINDING_NAMES = {"key", "action", "id", "key_display"}
PROGRAMMERS_ERRORS = {
    "ValueError", "TypeError", "KeyError", "AttributeError", "RuntimeError",
    "NotImplementedError", "AssertionError",
}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _set_aside(tree: ast.Module) -> set[int]:
    """The ids of the nodes whose literals are not words (see the module's docstring)."""
    aside: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                aside.append(first)
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in NOT_WORDS_CLASS_ATTRIBUTES for t in targets):
                aside.append(node)
            if isinstance(node, ast.AnnAssign):
                aside.append(node.annotation)
        elif isinstance(node, ast.Call):
            if _name(node.func) in NOT_WORDS_CALLS | REGULAR_EXPRESSIONS | SQL:
                aside.append(node)
            aside.extend(k.value for k in node.keywords if k.arg in NOT_WORDS_KEYWORDS)
            if _name(node.func) in BINDINGS:
                aside.extend(node.args[: BINDINGS[_name(node.func)]])
                aside.extend(k.value for k in node.keywords if k.arg in BINDING_NAMES)
        elif isinstance(node, ast.Subscript):
            aside.append(node.slice)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            aside.extend(a.annotation for a in every if a is not None and a.annotation is not None)
            if node.returns is not None:
                aside.append(node.returns)
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            aside.append(node.format_spec)
        elif isinstance(node, ast.Raise) and node.exc is not None and _name(node.exc) in PROGRAMMERS_ERRORS:
            aside.append(node.exc)
        elif isinstance(node, ast.Assert) and node.msg is not None:
            aside.append(node.msg)
    return {id(n) for a in aside for n in ast.walk(a)}


def words_in(path: Path) -> Iterator[tuple[int, str]]:
    """(line, literal) for every literal of the module that is words."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aside = _set_aside(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in aside:
            if WORDS.search(node.value):
                yield node.lineno, node.value


def modules() -> list[Path]:
    return sorted([*(p for d in FRONT_ENDS for p in (GAME / d).rglob("*.py")), *(GAME / m for m in COMMAND)])


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(GAME)))
def test_front_ends_word_nothing(path: Path) -> None:
    name = str(path.relative_to(GAME))
    found = sorted(words_in(path))
    shown = "\n".join(f"  {name}:{line}: {text[:70]!r}" for line, text in found)
    assert not found, f"{name} words {len(found)} things itself; make them in game/present:\n{shown}"


def test_the_rule_finds_words_and_passes_names(tmp_path: Path) -> None:
    """The rule at work on a module made for it: what it must find, what it must pass."""
    module = tmp_path / "screen.py"
    module.write_text(
        '"""A screen."""\n'
        "from textual.binding import Binding\n"
        "class S:\n"
        '    DEFAULT_CSS = "S #a { height: auto; }"\n'
        '    BINDINGS = [Binding("e", "end_turn", "End week", tooltip="end your turn"),\n'
        '                Binding("y", "answer(True)", "Yes", id="yes"), bound("n", "answer(False)", "no", NO)]\n'
        "    def f(self, n: int, where: 'Path') -> None:\n"
        '        self.notify("No game to save yet.")\n'
        '        self.notify(f"Saved to {where}.")\n'
        '        pts = f"{n} pt"\n'
        '        self.query_one("#length-label, #length").remove()\n'
        '        Static(id="latest", classes="note section-title")\n'
        '        kind = "weekly turns" if n else "turns"\n'
        '        key = f"{n:>2} {self.theme}-dark"\n'
        '        conn.execute(text("SELECT key FROM corridors_meta"))\n'
        '        raise ValueError(f"no screen called {n!r}")\n',
        encoding="utf-8",
    )
    found = sorted(text for _, text in words_in(module))
    assert found == [" pt", "End week", "No game to save yet.", "Saved to ", "Yes", "end your turn", "weekly turns"]

"""The simulation core stands alone and runs no code from scenario files.

- `game.model`, `game.engine` and `game.scenario` import neither textual nor rich: a fresh
  interpreter imports every one of their modules, loads the real scenario, plays a game,
  and then looks at `sys.modules`.
- None of their source files calls eval/exec/compile/__import__ or reaches for an
  unsafe YAML loader (checked on the syntax tree, so comments and strings do not count).
- The engine is pure: no file, network, clock or process calls, and no chance from the
  global random generator.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("model", "engine", "scenario")
FORBIDDEN_UI = ("textual", "rich")

SCRIPT = r"""
import importlib, json, pkgutil, sys
import game
names = []
for sub in ("model", "engine", "scenario"):
    pkg = importlib.import_module("game." + sub)
    names.append(pkg.__name__)
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)

from game.scenario.loader import load_scenario
from game.engine.compiled import compile_scenario
from game.engine.batch import play_through, policies_for

c = compile_scenario(load_scenario(sys.argv[1]))
state = play_through(c, 7, policies_for(c, "random"))
ui = sorted(
    m for m in sys.modules
    if m.split(".")[0] in ("textual", "rich")
)
print(json.dumps({"imported": names, "weeks": state.week, "ui": ui}))
"""


def test_core_imports_no_ui_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "scenarios" / "aleppo-2016")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["weeks"] > 0
    for sub in CORE_PACKAGES:
        assert f"game.{sub}" in out["imported"]
    assert "game.engine.core" in out["imported"]
    assert "game.scenario.loader" in out["imported"]
    assert out["ui"] == [], f"the simulation core pulled in: {out['ui']}"


def core_files() -> Iterator[Path]:
    for sub in CORE_PACKAGES:
        yield from sorted((ROOT / "game" / sub).rglob("*.py"))


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def dotted(node: ast.AST) -> str:
    """`a.b.c` for a Name/Attribute chain, else ''."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


CODE_RUNNERS = {"eval", "exec", "compile", "__import__", "breakpoint"}
UNSAFE_YAML = {
    "load",
    "load_all",
    "full_load",
    "full_load_all",
    "unsafe_load",
    "unsafe_load_all",
    "Loader",
    "FullLoader",
    "UnsafeLoader",
    "CLoader",
    "CFullLoader",
    "CUnsafeLoader",
    "add_constructor",
    "add_multi_constructor",
}


def code_problems(tree: ast.Module) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    yaml_aliases = {"yaml"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "yaml" and alias.asname:
                    yaml_aliases.add(alias.asname)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            last = name.rsplit(".", 1)[-1]
            if name in CODE_RUNNERS or (name.startswith("builtins.") and last in CODE_RUNNERS):
                found.append((node.lineno, f"calls {name}()"))
            if isinstance(node.func, ast.Attribute) and last in ("eval", "exec"):
                found.append((node.lineno, f"calls {name}()"))
            if name in ("getattr", "vars") and any(
                isinstance(a, ast.Constant) and a.value in CODE_RUNNERS for a in node.args
            ):
                found.append((node.lineno, "reaches a code runner through getattr"))
        elif isinstance(node, ast.Attribute):
            name = dotted(node)
            head, _, last = name.rpartition(".")
            if head in yaml_aliases and last in UNSAFE_YAML:
                found.append((node.lineno, f"uses {name}"))
            if last in ("UnsafeLoader", "FullLoader", "CUnsafeLoader", "CFullLoader"):
                found.append((node.lineno, f"uses {name}"))
        elif isinstance(node, ast.Name) and node.id in ("UnsafeLoader", "FullLoader"):
            found.append((node.lineno, f"uses {node.id}"))
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "yaml"
        ):
            for alias in node.names:
                if alias.name in UNSAFE_YAML or alias.name == "*":
                    found.append((node.lineno, f"imports {alias.name} from {node.module}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("pickle", "marshal", "shelve", "dill"):
                    found.append((node.lineno, f"imports {alias.name}"))
    return found


def test_core_runs_no_code_and_no_unsafe_yaml() -> None:
    files = list(core_files())
    assert len(files) >= 8
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in files
        for line, what in code_problems(parse(path))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("eval('1')", "calls eval()"),
        ("x = exec", ""),
        ("import builtins\nbuiltins.exec('1')", "calls builtins.exec()"),
        ("import yaml\nyaml.load(s)", "uses yaml.load"),
        ("import yaml as y\ny.load(s, Loader=y.Loader)", "uses y.Loader"),
        ("from yaml import UnsafeLoader", "imports UnsafeLoader from yaml"),
        ("import yaml\nyaml.SafeLoader(s).get_event()", ""),
        ("import ast\nast.parse(s, mode='eval')", ""),
        ("# eval(x) and yaml.load(x) in a comment\ns = 'exec(1)'", ""),
        ("getattr(__builtins__, 'eval')('1')", "reaches a code runner through getattr"),
    ],
)
def test_the_code_check_itself(source: str, expected: str) -> None:
    whats = [what for _, what in code_problems(ast.parse(source))]
    if expected:
        assert expected in whats
    else:
        assert whats == []


IMPURE_MODULES = {
    "os",
    "sys",
    "io",
    "pathlib",
    "socket",
    "subprocess",
    "time",
    "shutil",
    "tempfile",
    "urllib",
    "http",
    "threading",
    "asyncio",
    "secrets",
}
IMPURE_CALLS = {"open", "print", "input"}
GLOBAL_RANDOM_OK = {"Random"}


def test_engine_is_pure() -> None:
    problems: list[str] = []
    for path in sorted((ROOT / "game" / "engine").rglob("*.py")):
        tree = parse(path)
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in IMPURE_MODULES:
                        problems.append(f"{where}:{node.lineno}: imports {alias.name}")
            elif isinstance(node, ast.ImportFrom) and node.module:
                top = node.module.split(".")[0]
                if top in IMPURE_MODULES:
                    problems.append(f"{where}:{node.lineno}: imports from {node.module}")
                if top == "random" and any(a.name not in GLOBAL_RANDOM_OK for a in node.names):
                    problems.append(f"{where}:{node.lineno}: imports the global random generator")
            elif isinstance(node, ast.Call):
                name = dotted(node.func)
                if name in IMPURE_CALLS:
                    problems.append(f"{where}:{node.lineno}: calls {name}()")
                head, _, last = name.rpartition(".")
                if head == "random" and last not in GLOBAL_RANDOM_OK:
                    problems.append(
                        f"{where}:{node.lineno}: draws from the global generator ({name})"
                    )
                if name.endswith(
                    ("datetime.now", "date.today", "datetime.today", "datetime.utcnow")
                ):
                    problems.append(f"{where}:{node.lineno}: reads the clock ({name})")
    assert not problems, "\n".join(problems)

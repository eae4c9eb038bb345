"""Optional compiled builds of the engine's hot modules, never stale ones.

The engine's modules (`MODULES`) are plain Python and are the reference. `make` also
compiles them with mypyc (which comes with mypy) into a cache keyed by a hash of the
engine's sources: every module of `game.engine`, `game.model` and `game.scenario` they
may rely on. They are compiled together, as one group, so that their classes are native
classes to each other and calls between them are direct (each module's copy is renamed,
and its imports of the others with it, so a build never shadows a plain module).

At import, each module looks for a build whose key matches the sources as they are now
and, if there is one, takes its functions and classes (`adopt`); if there is none (no
compiler, a source edited since the build, `CORRIDORS_PURE=1`) the plain Python runs. A
build can therefore never run code older than the sources, and both give the same games
(a test compares them).

    python -m game.accel build     # compile if the cache has no build for the sources
    python -m game.accel status    # which build, if any, the sources would use

Cache: `game.settings.accel_folder()`: `$CORRIDORS_ACCEL_DIR`, else `corridors-accel/`
inside the virtual environment, else `accel/` in the user cache folder.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from game import settings

PACKAGE_ROOT = Path(__file__).resolve().parent  # the `game` package
PROJECT_ROOT = PACKAGE_ROOT.parent
SOURCE_DIRS = ("engine", "model", "scenario")
# module -> the compiled module's own name (a build never shadows the plain module)
# module -> the compiled module's own name (a build never shadows the plain module), in
# the order they import each other
MODULES = {
    "game.scenario.exprlang": "corridors_exprlang_native",
    "game.scenario.exprops": "corridors_exprops_native",
    "game.scenario.exprcompile": "corridors_exprcompile_native",
    "game.scenario.expr": "corridors_expr_native",
    "game.model.gamestate": "corridors_gamestate_native",
    "game.engine.forms": "corridors_forms_native",
    "game.engine.compiled": "corridors_compiled_native",
    "game.engine.luck": "corridors_luck_native",
    "game.engine.effects": "corridors_effects_native",
    "game.engine.environment": "corridors_environment_native",
    "game.engine.ledger": "corridors_ledger_native",
    "game.engine.rules": "corridors_rules_native",
    "game.engine.opening": "corridors_opening_native",
    "game.engine.report": "corridors_report_native",
    "game.engine.world": "corridors_world_native",
    "game.engine.core": "corridors_core_native",
    "game.engine.policies": "corridors_policies_native",
    "game.engine.batch": "corridors_batch_native",
}


def cache_dir() -> Path:
    return settings.accel_folder().path


def sources() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (PACKAGE_ROOT / d).glob("*.py"))


# Keys already computed in this process, by the files' paths, sizes and modification
# times: every accelerated module asks for the key as it is imported, and reading and
# hashing the sources each time was a noticeable part of the game's start. A key is kept
# only when every file is older than RACY seconds, so that two writes within one tick of
# the file system's clock (the same size and time) are never mistaken for one.
_keys: dict[tuple[tuple[str, int, int], ...], str] = {}
RACY = 2.0


def source_key(paths: list[Path] | None = None) -> str:
    """A hash of the sources a build depends on, and of the interpreter it runs in."""
    files = paths if paths is not None else sources()
    try:
        stamp = tuple((str(p), st.st_size, st.st_mtime_ns) for p in files for st in (p.stat(),))
    except OSError:
        stamp = None
    if stamp is not None and stamp in _keys:
        return _keys[stamp]
    h = hashlib.sha256()
    h.update(f"{sys.implementation.cache_tag}|{platform.machine()}|{sorted(MODULES.items())}".encode())
    for p in files:
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    key = h.hexdigest()[:24]
    if stamp is not None and all(m < (time.time() - RACY) * 1e9 for _, _, m in stamp):
        _keys[stamp] = key
    return key


def _built(key: str, build_name: str) -> Path | None:
    d = cache_dir() / key
    if not d.is_dir():
        return None
    for p in d.glob(f"{build_name}.*"):
        if p.suffix in (".so", ".pyd"):
            return p
    return None


def _group(key: str) -> dict[str, Path] | None:
    """The files of the build for `key`, by module name: one per module of `MODULES`
    and the group's shared library; None unless every one is there."""
    d = cache_dir() / key
    if not d.is_dir():
        return None
    files = {name: _built(key, name) for name in MODULES.values()}
    shared = [p for p in d.glob("*__mypyc.*") if p.suffix in (".so", ".pyd")]
    if len(shared) != 1 or any(p is None for p in files.values()):
        return None
    out = {name: p for name, p in files.items() if p is not None}
    out[shared[0].name.split(".", 1)[0]] = shared[0]
    return out


class _BuildFinder(importlib.abc.MetaPathFinder):
    """Finds the modules of one build, by their exact names and nothing else (the
    compiled modules import each other and their shared library by name)."""

    def __init__(self, key: str, files: dict[str, Path]) -> None:
        self.key = key
        self.files = files

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        p = self.files.get(fullname)
        return importlib.util.spec_from_file_location(fullname, p) if p is not None else None


def _finder(key: str) -> _BuildFinder | None:
    for f in sys.meta_path:
        if isinstance(f, _BuildFinder) and f.key == key:
            return f
    files = _group(key)
    if files is None:
        return None
    f = _BuildFinder(key, files)
    sys.meta_path.append(f)
    return f


def load(module: str) -> ModuleType | None:
    """The compiled build of `module` for the sources as they are now, or None."""
    if settings.pure() or module not in MODULES:
        return None
    try:
        if _finder(source_key()) is None:
            return None
        return importlib.import_module(MODULES[module])
    except (OSError, ImportError):
        return None


def adopt(module: str) -> bool:
    """Called at the end of an accelerated module with its `__name__`: replace its
    functions and classes by the compiled build's, if there is one. True if it did."""
    native = load(module)
    if native is None:
        return False
    vars(sys.modules[module]).update({k: v for k, v in vars(native).items() if not k.startswith("__")})
    return True


def _rename_imports(text: str) -> str:
    """A module's source as its compiled copy: imports of the other compiled modules
    name their copies."""
    for module, build_name in MODULES.items():
        text = re.sub(rf"^(\s*)from {re.escape(module)} import ", rf"\1from {build_name} import ", text, flags=re.M)
    return text


def build(quiet: bool = False) -> int:
    """Compile the accelerated modules into the cache unless a build for the current
    sources is there. Always returns 0: without a compiler the plain Python engine runs,
    only slower."""
    key = source_key()
    if _group(key) is not None:
        if not quiet:
            print(f"compiled engine up to date ({key})")
        return 0
    mypyc = shutil.which("mypyc", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if mypyc is None:
        print("note: mypyc not found; the engine runs as plain Python (slower batches)")
        return 0
    out = cache_dir() / key
    with tempfile.TemporaryDirectory(prefix="corridors-accel-") as tmp:
        names = []
        for module, build_name in MODULES.items():
            text = PACKAGE_ROOT.joinpath(*module.split(".")[1:]).with_suffix(".py").read_text(encoding="utf-8")
            (Path(tmp) / f"{build_name}.py").write_text(_rename_imports(text), encoding="utf-8")
            names.append(f"{build_name}.py")
        cmd = [mypyc, *names]
        config = PROJECT_ROOT / "pyproject.toml"
        if config.is_file():
            cmd[1:1] = ["--config-file", str(config)]
        env = {**os.environ, "MYPYPATH": str(PROJECT_ROOT)}
        done = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
        built = [p for p in Path(tmp).iterdir() if p.suffix in (".so", ".pyd")]
        if done.returncode != 0 or len(built) != len(MODULES) + 1:
            lines = (done.stdout + done.stderr).strip().splitlines()
            shown = ([line for line in lines if "error" in line] or lines[-1:] or ["no output"])[0]
            print(f"note: compiling the engine failed ({shown}); it runs as plain Python (slower batches)")
            return 0
        out.mkdir(parents=True, exist_ok=True)
        # The shared library last: a build counts (`_group`) only once every file is in.
        for p in sorted(built, key=lambda p: "__mypyc." in p.name):
            partial = out / (p.name + ".part")
            shutil.copyfile(p, partial)
            os.replace(partial, out / p.name)
    for old in cache_dir().iterdir() if cache_dir().is_dir() else ():
        if old.is_dir() and old.name != key and len(old.name) == len(key):
            shutil.rmtree(old, ignore_errors=True)  # builds of older sources are never used again
    if not quiet:
        print(f"compiled engine built ({key})")
    return 0


def status() -> str:
    if settings.pure():
        return "plain Python (CORRIDORS_PURE is set)"
    key = source_key()
    files = _group(key)
    lines = []
    for module, build_name in MODULES.items():
        path = files[build_name] if files else None
        lines.append(f"{module}: " + (f"compiled ({path})" if path else f"plain Python (no build for {key} in {cache_dir()})"))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        return build(quiet="--quiet" in argv)
    if argv[:1] == ["status"]:
        print(status())
        return 0
    print("usage: python -m game.accel build [--quiet] | status", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Optional compiled builds of the engine's hot modules, never stale ones.

`game/engine/core.py` and `game/engine/policies.py` are plain Python and are the
reference. `make` also compiles each with mypyc (which comes with mypy) into a cache keyed
by a hash of the engine's sources: every module of `game.engine`, `game.model` and
`game.scenario` they may rely on. At import, each module looks for a build whose key
matches the sources as they are now and, if there is one, takes its functions and classes
(`adopt`); if there is none (no compiler, a source edited since the build,
`CORRIDORS_PURE=1`) the plain Python runs. A build can therefore never run code older
than the sources, and both give the same games (a test compares them).

    python -m game.accel build     # compile if the cache has no build for the sources
    python -m game.accel status    # which build, if any, the sources would use

Cache: `$CORRIDORS_ACCEL_DIR`, else `corridors-accel/` inside the virtual environment,
else `~/.cache/corridors/accel`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

PACKAGE_ROOT = Path(__file__).resolve().parent  # the `game` package
PROJECT_ROOT = PACKAGE_ROOT.parent
SOURCE_DIRS = ("engine", "model", "scenario")
# module -> the compiled module's own name (a build never shadows the plain module)
MODULES = {
    "game.engine.core": "corridors_core_native",
    "game.engine.policies": "corridors_policies_native",
    "game.scenario.expr": "corridors_expr_native",
}


def cache_dir() -> Path:
    env = os.environ.get("CORRIDORS_ACCEL_DIR")
    if env:
        return Path(env)
    if sys.prefix != sys.base_prefix:  # a virtual environment
        return Path(sys.prefix) / "corridors-accel"
    return Path.home() / ".cache" / "corridors" / "accel"


def sources() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (PACKAGE_ROOT / d).glob("*.py"))


def source_key(paths: list[Path] | None = None) -> str:
    """A hash of the sources a build depends on, and of the interpreter it runs in."""
    h = hashlib.sha256()
    h.update(f"{sys.implementation.cache_tag}|{platform.machine()}|{sorted(MODULES.items())}".encode())
    for p in paths if paths is not None else sources():
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:24]


def _built(key: str, build_name: str) -> Path | None:
    d = cache_dir() / key
    if not d.is_dir():
        return None
    for p in d.glob(f"{build_name}.*"):
        if p.suffix in (".so", ".pyd"):
            return p
    return None


def load(module: str) -> ModuleType | None:
    """The compiled build of `module` for the sources as they are now, or None."""
    if os.environ.get("CORRIDORS_PURE") or module not in MODULES:
        return None
    try:
        path = _built(source_key(), MODULES[module])
        if path is None:
            return None
        spec = importlib.util.spec_from_file_location(MODULES[module], path)
        if spec is None or spec.loader is None:
            return None
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
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


def build(quiet: bool = False) -> int:
    """Compile the accelerated modules into the cache unless a build for the current
    sources is there. Always returns 0: without a compiler the plain Python engine runs,
    only slower."""
    key = source_key()
    todo = {m: b for m, b in MODULES.items() if _built(key, b) is None}
    if not todo:
        if not quiet:
            print(f"compiled engine up to date ({key})")
        return 0
    mypyc = shutil.which("mypyc", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if mypyc is None:
        print("note: mypyc not found; the engine runs as plain Python (slower batches)")
        return 0
    out = cache_dir() / key
    for module, build_name in todo.items():
        with tempfile.TemporaryDirectory(prefix="corridors-accel-") as tmp:
            src = Path(tmp) / f"{build_name}.py"
            shutil.copyfile(PACKAGE_ROOT.joinpath(*module.split(".")[1:]).with_suffix(".py"), src)
            cmd = [mypyc, src.name]
            config = PROJECT_ROOT / "pyproject.toml"
            if config.is_file():
                cmd[1:1] = ["--config-file", str(config)]
            env = {**os.environ, "MYPYPATH": str(PROJECT_ROOT)}
            done = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
            built = [p for p in Path(tmp).iterdir() if p.name.startswith(build_name + ".") and p.suffix in (".so", ".pyd")]
            if done.returncode != 0 or not built:
                last = (done.stdout + done.stderr).strip().splitlines()[-1:] or ["no output"]
                print(f"note: compiling {module} failed ({last[0]}); it runs as plain Python (slower batches)")
                continue
            out.mkdir(parents=True, exist_ok=True)
            partial = out / (built[0].name + ".part")
            shutil.copyfile(built[0], partial)
            os.replace(partial, out / built[0].name)
    for old in cache_dir().iterdir() if cache_dir().is_dir() else ():
        if old.is_dir() and old.name != key and len(old.name) == len(key):
            shutil.rmtree(old, ignore_errors=True)  # builds of older sources are never used again
    if not quiet:
        print(f"compiled engine built ({key})")
    return 0


def status() -> str:
    if os.environ.get("CORRIDORS_PURE"):
        return "plain Python (CORRIDORS_PURE is set)"
    key = source_key()
    lines = []
    for module, build_name in MODULES.items():
        path = _built(key, build_name)
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

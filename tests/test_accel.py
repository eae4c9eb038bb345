"""The compiled engine: used only when built from the sources as they are, and it plays
exactly the same games as the plain Python engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from game import accel


def _python(code: str, **env: str) -> str:
    full = dict(os.environ, **env)
    for k in ("CORRIDORS_PURE",):
        if k not in env:
            full.pop(k, None)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=full, check=True, timeout=60
    ).stdout.strip()


# Whether each accelerated module runs its compiled build, in a fresh process.
NATIVE = f"import importlib; print(*(importlib.import_module(m).NATIVE for m in {list(accel.MODULES)!r}))"
ALL_PLAIN = " ".join(["False"] * len(accel.MODULES))
ALL_NATIVE = " ".join(["True"] * len(accel.MODULES))


def test_the_key_follows_every_source(tmp_path: Path) -> None:
    files = []
    for name, text in (("a.py", "x = 1\n"), ("b.py", "y = 2\n")):
        p = tmp_path / name
        p.write_text(text)
        files.append(p)
    key = accel.source_key(files)
    assert accel.source_key(files) == key
    files[1].write_text("y = 3\n")
    assert accel.source_key(files) != key
    files[1].write_text("y = 2\n")
    assert accel.source_key(files) == key
    assert accel.source_key(files[:1]) != key


def test_a_kept_key_follows_a_changed_source(tmp_path: Path) -> None:
    """Keys are kept for files older than a few seconds; a file written again (the same
    size, another time) gets its own key, and the first comes back with the first text."""
    p = tmp_path / "a.py"
    p.write_text("x = 1\n")
    os.utime(p, (1_000_000, 1_000_000))
    key = accel.source_key([p])
    assert accel.source_key([p]) == key
    p.write_text("x = 2\n")
    os.utime(p, (1_000_100, 1_000_100))
    assert accel.source_key([p]) != key
    p.write_text("x = 1\n")
    os.utime(p, (1_000_000, 1_000_000))
    assert accel.source_key([p]) == key


def test_the_engine_sources_are_all_in_the_key() -> None:
    names = {p.relative_to(accel.PACKAGE_ROOT).as_posix() for p in accel.sources()}
    assert {"engine/core.py", "engine/compiled.py", "model/state.py", "scenario/expr.py"} <= names
    # and every compiled module is one of them
    assert {"/".join(m.split(".")[1:]) + ".py" for m in accel.MODULES} <= names


@pytest.mark.skipif(any(accel.load(m) is None for m in accel.MODULES), reason="no compiled engine built for these sources (make builds it)")
def test_a_build_missing_a_file_is_not_used(tmp_path: Path) -> None:
    # A build is one group: its modules and their shared library. Without any one of its
    # files (an interrupted copy, say) none of it is used.
    import shutil

    key = accel.source_key()
    for missing in ["corridors_core_native", "__mypyc"]:
        cache = tmp_path / missing
        shutil.copytree(accel.cache_dir() / key, cache / key)
        for p in (cache / key).iterdir():
            if missing in p.name:
                p.unlink()
        assert _python(NATIVE, CORRIDORS_ACCEL_DIR=str(cache)) == ALL_PLAIN


def test_the_compiled_modules_import_each_other_by_their_build_names() -> None:
    source = "from game.engine.compiled import Compiled\n    from game.model.gamestate import GameState\nfrom game.model.state import RoleDecision\n"
    assert accel._rename_imports(source) == (
        "from corridors_compiled_native import Compiled\n"
        "    from corridors_gamestate_native import GameState\n"
        "from game.model.state import RoleDecision\n"
    )


def test_no_build_for_these_sources_means_plain_python(tmp_path: Path) -> None:
    # An empty cache (or one holding only builds of other sources) is never used.
    (tmp_path / "0123456789abcdef01234567").mkdir()
    assert _python(NATIVE, CORRIDORS_ACCEL_DIR=str(tmp_path)) == ALL_PLAIN


def test_pure_can_be_forced() -> None:
    assert _python(NATIVE, CORRIDORS_PURE="1") == ALL_PLAIN


PLAY = """
import json
from game.scenario import registry
from game.engine.compiled import compile_scenario
from game.engine.core import NATIVE, new_game, step
from game.engine.policies import NATIVE as NATIVE_POLICIES, get_policy
c = compile_scenario(registry.get("aleppo-2016"))
pol = get_policy(c, "random")
out = [NATIVE and NATIVE_POLICIES]
for seed in (3, 4, 5):
    s = new_game(c, seed)
    while s.week < c.n_weeks:
        s, r = step(c, s, {role: pol(c, s, role) for role in c.roles})
        outcomes = [[(o.kind, o.effect, o.note, o.hit, o.chance, o.due) for o in x] for _, _, x in r.actions]
        outcomes += [[(o.kind, o.effect, o.note, o.hit, o.chance, o.due) for o in x] for x in r.choice_outcomes.values()]
        causes = [(x.measure, x.amount, x.kind, x.ref, x.what, x.figures, x.credit) for x in r.causes]
        out.append([[a[:2] for a in r.actions], r.choices, outcomes, causes])
    out.append([s.vars, s.history, s.fired, s.choices])
print(json.dumps(out))
"""


@pytest.mark.skipif(any(accel.load(m) is None for m in accel.MODULES), reason="no compiled engine built for these sources (make builds it)")
def test_compiled_and_plain_engines_play_the_same_games() -> None:
    assert _python(NATIVE) == ALL_NATIVE
    native = json.loads(_python(PLAY))
    plain = json.loads(_python(PLAY, CORRIDORS_PURE="1"))
    assert native[0] is True and plain[0] is False
    assert len(native) > 60 and native[1:] == plain[1:]

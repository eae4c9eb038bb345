"""The one sanitiser for scenario text (game/model/plaintext.py), and a scenario whose
every text carries escape sequences, every control character and every bidirectional
control, played through every command: none of them reaches stdout, stderr or a file."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT, run_corridors

from game.model.plaintext import BIDI_CONTROLS, plain_data, plain_text
from game.scenario.errors import ScenarioError
from game.scenario.expr import ExprError, parse_expr
from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import load_yaml

EXAMPLE = ROOT / "docs" / "example"

# The class: every control character (Unicode category Cc) and every bidi control.
CONTROLS = [chr(i) for i in range(0x110000) if unicodedata.category(chr(i)) == "Cc"]
BAD = sorted((set(CONTROLS) - {"\n", "\t"}) | set(BIDI_CONTROLS) | {"\u2066", "\u202e"})
# Escape sequences, whole: colour, clear screen, a window title (OSC), a hyperlink, DCS,
# 8-bit CSI, cursor moves; then every control and bidi control one by one.
SEQUENCES = [
    "\x1b[31;1m",
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "\x1b]8;;http://example.invalid\x1b\\link\x1b]8;;\x1b\\",
    "\x1bP+q544e\x1b\\",
    "\x9b6n",
    "\x1b7\x1b8\x1bc",
]
PAYLOAD = " [" + "".join(SEQUENCES) + "".join(BAD) + "\u202eevil\u2066x\u2069]"


def dirty(text: str) -> bool:
    return any(ch in text for ch in BAD) or "\x1b" in text


def assert_clean(text: str, where: str) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in text if ch in BAD})
    assert not found, f"{where}: {found}"
    for leftover in ("[31;1m", "pwned", "544e", "[2J"):
        assert leftover not in text, f"{where}: {leftover!r}"


# ------------------------------------------------------------------ the function


def test_every_control_and_bidi_character_is_removed() -> None:
    for ch in BAD:
        out = plain_text(f"a{ch}b")
        assert not any(c in BAD for c in out), f"U+{ord(ch):04X}"
        # removed; CR and NEL are line breaks; ESC and CSI take the next character with it
        assert out == ("a\nb" if ch in "\r\x85" else "a" if ch in "\x1b\x9b" else "ab"), f"U+{ord(ch):04X}"
    assert plain_text("tab\tand\nline") == "tab\tand\nline"


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_escape_sequences_are_removed_whole(sequence: str) -> None:
    assert plain_text(f"before{sequence}after") in ("beforeafter", "beforelinkafter")


def test_other_line_breaks_become_line_feeds() -> None:
    assert plain_text("a\r\nb\rc\x85d\u2028e\u2029f") == "a\nb\nc\nd\ne\nf"


@given(st.text())
def test_any_text_comes_out_plain(text: str) -> None:
    out = plain_text(text)
    assert not any(ch in BAD for ch in out)
    assert plain_text(out) == out


@given(st.text(st.characters(exclude_categories=["Cc", "Cs"]).filter(lambda c: c not in BIDI_CONTROLS)))
def test_plain_text_is_left_as_it_is(text: str) -> None:
    lines = text.replace("\u2028", "\n").replace("\u2029", "\n")
    assert plain_text(text) == lines


def test_data_keys_and_values_are_cleaned() -> None:
    assert plain_data({"a\x1b[1m": ["x\u202e", 3, None, {"k": "\x07v"}]}) == {"a": ["x", 3, None, {"k": "v"}]}


def test_messages_and_paths_of_errors_are_clean() -> None:
    err = ScenarioError("f\x1b[31m.yaml", 1, 2, "unknown source 'a\u202eb\x9b2J'")
    assert str(err) == "f.yaml:1:2: unknown source 'ab'"


# ------------------------------------------------------------ a dirty scenario


def is_expression(text: str) -> bool:
    try:
        parse_expr(text)
    except ExprError:
        return False
    return True


def poison(value: Any) -> Any:
    """Every prose string (one with a space that is not an expression) gets the payload."""
    if isinstance(value, dict):
        return {k: poison(v) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v) for v in value]
    if isinstance(value, str) and " " in value.strip() and not is_expression(value):
        return value + PAYLOAD
    return value


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scenarios") / "dirty"
    shutil.copytree(EXAMPLE, folder)
    poisoned = 0
    for path in sorted(folder.rglob("*.yaml")):
        data = load_yaml(path).data
        new = poison(data)
        poisoned += json.dumps(new) != json.dumps(data)
        path.write_text(yaml.safe_dump(new, allow_unicode=False, sort_keys=False), encoding="utf-8")
    assert poisoned >= 5
    return folder


def test_every_string_of_the_loaded_scenario_is_clean(scenario_dir: Path) -> None:
    sc = load_scenario(scenario_dir)
    seen = 0
    for text in strings(sc.model_dump(mode="json")):
        assert_clean(text, "scenario")
        seen += "evil" in text
    assert seen >= 10  # the payload's plain part is kept: the text was cleaned, not dropped


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_every_command_prints_and_writes_clean_text(scenario_dir: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    sc = str(scenario_dir)
    outputs: dict[str, str] = {}

    def run(name: str, *args: str, stdin: str = "", **env: str) -> None:
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            r = run_corridors(*args, home=home, stdin=stdin)
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        assert "Traceback" not in r.stderr, r.stderr
        outputs[f"{name} stdout"] = r.stdout
        outputs[f"{name} stderr"] = r.stderr

    run("validate", "validate", sc)
    run("simulate", "simulate", "--scenario", sc, "--runs", "3")
    run("simulate --json", "simulate", "--scenario", sc, "--runs", "2", "--json")
    run("simulate --trace", "simulate", "--scenario", sc, "--runs", "1", "--trace")
    run("calibrate", "calibrate", "--scenario", sc, "--runs", "3")
    run("scenarios", "scenarios", CORRIDORS_SCENARIOS=str(scenario_dir.parent))
    export = tmp_path / "debrief.md"
    script = "1\n2\n10\nend\n" * 6
    run("play", "play", "--plain", "--scenario", sc, "--seed", "3", "--export", str(export), "--alternatives", "5", stdin=script)
    assert "evil" in outputs["play stdout"]  # the scenario's text was shown, cleaned
    files = {"play --export": export}
    saves = sorted(home.rglob("*.json"))
    assert saves
    for fmt in ("md", "html", "txt", "json"):
        out = tmp_path / f"debrief.{fmt}"
        run(f"debrief {fmt}", "debrief", str(saves[0]), "--format", fmt, "-o", str(out), "--alternatives", "5")
        files[f"debrief {fmt}"] = out
    run("debrief stdout", "debrief", str(saves[0]), "--alternatives", "5")
    for name, path in files.items():
        assert path.is_file(), name
        outputs[name] = path.read_text(encoding="utf-8")
    for save in saves:
        outputs[f"save {save.name}"] = save.read_text(encoding="utf-8")
    for name, text in outputs.items():
        assert_clean(text, name)
        if name.endswith((" json", "simulate --json stdout")) or name.startswith("save"):
            assert_clean(json.dumps(json.loads(text), ensure_ascii=False), name)


def test_the_full_screen_game_shows_clean_text(scenario_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    from game.session import Session
    from game.ui.app import CorridorsApp

    session = Session.new(str(scenario_dir), seed=4, autosave=False)
    screens: list[str] = []

    async def go() -> None:
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            for key in ("escape", "1", "e", "y", "enter", "escape", "e", "y", "enter"):
                await pilot.pause()
                screens.append(app.export_screenshot())
                await pilot.press(key)
            await pilot.pause()
            screens.append(app.export_screenshot())

    asyncio.run(go())
    shown = "".join(screens)
    assert "evil" in shown
    assert_clean(shown, "screen")
    for ch in BAD:
        assert f"&#{ord(ch)};" not in shown and f"&#x{ord(ch):x};" not in shown.lower()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))

"""Safe YAML loading with positions (game.scenario.yamlsrc)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.yamlsrc import (
    MAX_ERRORS,
    Located,
    ScenarioError,
    ScenarioErrors,
    load_yaml,
    load_yaml_bytes,
    load_yaml_text,
)

DOC = """\
title: Corridors
start: 2016-11-15
actors:
  - id: government
    strength: 70
  - id: opposition
    strength: 30
    allies: [jaish, nour]
events:
  truce:
    date: 2016-12-13
    note:
"""


def errors_of(text: str, **limits: int) -> list[ScenarioError]:
    with pytest.raises(ScenarioErrors) as info:
        load_yaml_text(text, "s.yaml", **limits)
    return info.value.errors


def only_error(text: str, **limits: int) -> str:
    errors = errors_of(text, **limits)
    assert len(errors) == 1, errors
    return str(errors[0])


def write(tmp_path: Path, content: bytes | str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# ------------------------------------------------------------------ error classes


def test_scenario_error_str() -> None:
    assert str(ScenarioError("a.yaml", 3, 7, "bad")) == "a.yaml:3:7: bad"
    assert str(ScenarioError("a.yaml", None, None, "bad")) == "a.yaml: bad"
    assert str(ScenarioError("a.yaml", 3, None, "bad")) == "a.yaml:3: bad"


def test_scenario_error_message_is_one_line() -> None:
    err = ScenarioError("a.yaml", 1, 2, "first\nsecond\r\nthird")
    assert err.message == "first second third"
    assert str(err) == "a.yaml:1:2: first second third"


def test_scenario_error_fields_and_pickling() -> None:
    err = ScenarioError("a.yaml", 4, 5, "bad")
    assert (err.path, err.line, err.col, err.message) == ("a.yaml", 4, 5, "bad")
    assert pickle.loads(pickle.dumps(err)) == err
    many = ScenarioErrors([err, ScenarioError("b.yaml", None, None, "worse")])
    assert str(many) == "a.yaml:4:5: bad\nb.yaml: worse"
    assert pickle.loads(pickle.dumps(many)).errors == many.errors


# --------------------------------------------------------------------- loading


def test_plain_data_and_dates_stay_strings() -> None:
    loaded = load_yaml_text(DOC, "doc.yaml")
    assert loaded.path == "doc.yaml"
    assert loaded.data == {
        "title": "Corridors",
        "start": "2016-11-15",
        "actors": [
            {"id": "government", "strength": 70},
            {"id": "opposition", "strength": 30, "allies": ["jaish", "nour"]},
        ],
        "events": {"truce": {"date": "2016-12-13", "note": None}},
    }


def test_timestamps_with_time_stay_strings() -> None:
    data = load_yaml_text(
        "a: 2016-12-13 10:30:00\nb: 2016-12-13T10:30:00Z\nc: !!timestamp 2016-01-02\n"
    ).data
    assert data == {"a": "2016-12-13 10:30:00", "b": "2016-12-13T10:30:00Z", "c": "2016-01-02"}


def test_yaml_core_scalars() -> None:
    data = load_yaml_text(
        "i: 12\nneg: -3\nhex: 0x1f\nf: 1.5\nexp: 1.0e+3\nexp2: 1.0e3\nt: true\nyes: yes\nn: ~\nnull2: null\n"
        "q: '12'\ndq: \"true\"\ns: !!str 12\nexplicit: !!int '7'\nbare: ! 12\nlt: <<\neq: =\n"
    ).data
    assert data == {
        "i": 12,
        "neg": -3,
        "hex": 31,
        "f": 1.5,
        "exp": 1000.0,
        "exp2": "1.0e3",  # YAML 1.1: an exponent needs its sign to make a float
        "t": True,
        True: True,  # YAML 1.1: the key `yes` is a boolean too
        "n": None,
        "null2": None,
        "q": "12",
        "dq": "true",
        "s": "12",
        "explicit": 7,
        "bare": "12",
        "lt": "<<",
        "eq": "=",
    }
    assert type(data["f"]) is float and type(data["i"]) is int


def test_int_keys_are_kept() -> None:
    loaded = load_yaml_text("scores:\n  1: low\n  2: high\n")
    assert loaded.data == {"scores": {1: "low", 2: "high"}}
    assert loaded.position(("scores", 2)) == (3, 6)
    # pydantic may report the key as a string
    assert loaded.key_position(("scores", "2")) == (3, 3)


def test_top_level_list_and_scalar() -> None:
    assert load_yaml_text("- 1\n- 2\n").data == [1, 2]
    assert load_yaml_text("hello\n").data == "hello"


def test_load_yaml_from_file(tmp_path: Path) -> None:
    path = write(tmp_path, DOC)
    loaded = load_yaml(path)
    assert loaded.path == str(path)
    assert loaded.data["events"]["truce"]["date"] == "2016-12-13"
    assert loaded.position(("actors", 1, "allies", 1)) == (8, 21)
    assert load_yaml(str(path)).data == loaded.data


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, "\ufeffa: 1\nb: 2\n"))
    assert loaded.data == {"a": 1, "b": 2}
    assert loaded.key_position(("a",)) == (1, 1)


# ------------------------------------------------------------------- positions


def test_positions_of_nested_keys_and_items() -> None:
    loaded = load_yaml_text(DOC, "doc.yaml")
    assert loaded.position(()) == (1, 1)
    assert loaded.position(("title",)) == (1, 8)
    assert loaded.position(("start",)) == (2, 8)
    # a block sequence/mapping value starts at its first entry
    assert loaded.position(("actors",)) == (4, 3)
    assert loaded.position(("actors", 0)) == (4, 5)
    assert loaded.position(("actors", 0, "strength")) == (5, 15)
    assert loaded.position(("actors", 1, "id")) == (6, 9)
    assert loaded.position(("actors", 1, "allies")) == (8, 13)
    assert loaded.position(("actors", 1, "allies", 0)) == (8, 14)
    assert loaded.position(("events", "truce")) == (11, 5)
    assert loaded.position(("events", "truce", "date")) == (11, 11)
    # an empty value sits just after its colon
    assert loaded.position(("events", "truce", "note")) == (12, 10)


def test_key_positions() -> None:
    loaded = load_yaml_text(DOC)
    assert loaded.key_position(("title",)) == (1, 1)
    assert loaded.key_position(("actors",)) == (3, 1)
    assert loaded.key_position(("actors", 1, "allies")) == (8, 5)
    assert loaded.key_position(("events", "truce", "note")) == (12, 5)
    # the last element is a list index: same as position()
    assert loaded.key_position(("actors", 1)) == loaded.position(("actors", 1)) == (6, 5)
    assert loaded.key_position(()) == (1, 1)
    assert loaded.key_position("actors") == (3, 1)  # a bare key, not its characters


def test_missing_paths_fall_back_to_the_deepest_ancestor() -> None:
    loaded = load_yaml_text(DOC)
    # a missing field: the mapping that should hold it
    assert loaded.position(("actors", 0, "name")) == (4, 5)
    assert loaded.key_position(("actors", 0, "name")) == (4, 5)
    assert loaded.position(("nope",)) == (1, 1)
    # an index past the end, a key into a scalar, an index into a mapping
    assert loaded.position(("actors", 5)) == (4, 3)
    assert loaded.position(("title", "x", 3)) == (1, 8)
    assert loaded.position(("events", 0)) == (10, 3)


def test_pydantic_labels_in_loc_are_skipped() -> None:
    loaded = load_yaml_text(DOC)
    # a tagged union puts the member's name into loc
    assert loaded.position(("actors", 0, "Actor", "strength")) == (5, 15)
    assert loaded.position(("actors", 1, "strength", "int")) == (7, 15)
    assert loaded.position(("title", "function-after[check(), str]")) == (1, 8)
    # '[key]' marks a bad dict key: point at the key
    assert loaded.position(("events", "truce", "[key]")) == (10, 3)


def test_flow_style_positions() -> None:
    loaded = load_yaml_text("m: {a: 1, b: [x, {c: y}]}\n")
    assert loaded.position(("m",)) == (1, 4)
    assert loaded.position(("m", "b")) == (1, 14)
    assert loaded.position(("m", "b", 1, "c")) == (1, 22)
    assert loaded.key_position(("m", "b", 1, "c")) == (1, 19)


def test_positions_count_columns_in_characters() -> None:
    loaded = load_yaml_text("ville: Alep\nnom: «Ḥalab»\nx: 1\n")
    assert loaded.position(("nom",)) == (2, 6)
    assert loaded.position(("x",)) == (3, 4)


def test_located_error() -> None:
    loaded = load_yaml_text(DOC, "doc.yaml")
    err = loaded.error(("actors", 1, "strength"), "must be\nbelow 10")
    assert str(err) == "doc.yaml:7:15: must be below 10"
    assert str(loaded.error(("actors", 0, "name"), "field required")) == (
        "doc.yaml:4:5: field required"
    )


def test_located_without_positions() -> None:
    assert Located("x.yaml", {"a": 1}).position(("a",)) == (1, 1)


# ------------------------------------------------------------------ bad inputs


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "# only a comment\n", "~\n", "null", "---\n", "--- ~\n...\n", "\ufeff"],
)
def test_empty_files(text: str) -> None:
    assert only_error(text) == "s.yaml: file is empty"


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(path)
    assert str(info.value) == f"{path}: file is empty"


def test_binary_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\nb: \x00\x01\x02\xff")
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(path)
    assert str(info.value) == (
        f"{path}:2:4: file contains NUL bytes: it looks like a binary file, not YAML text"
    )


def test_utf16_file_is_reported_as_binary() -> None:
    with pytest.raises(ScenarioErrors, match="NUL bytes"):
        load_yaml_bytes("a: 1\n".encode("utf-16"))


def test_nul_character_in_text() -> None:
    assert only_error("a: b\x00") == (
        "s.yaml:1:5: text contains NUL characters: it looks like binary data, not YAML"
    )


def test_invalid_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nnom: Ḥ".encode() + b"\xe9t\xe9\n")
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(path)
    [err] = info.value.errors
    assert (err.line, err.col) == (2, 7)
    assert err.message == "file is not valid UTF-8 text (invalid continuation byte at byte 0xe9)"


def test_control_character() -> None:
    assert only_error("a: 1\nb: x\x07y\n") == (
        "s.yaml:2:5: character U+0007 is not allowed in YAML text"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n b: 2\n", "s.yaml:2:3: YAML syntax error: mapping values are not allowed here"),
        (
            "a: 1\nb: [1, 2\nc: 3\n",
            "s.yaml:3:2: YAML syntax error: expected ',' or ']', but got ':'"
            " (while parsing a flow sequence at line 2, column 4)",
        ),
        (
            "a: 'unterminated\n",
            "s.yaml:2:1: YAML syntax error: found unexpected end of stream"
            " (while scanning a quoted scalar at line 1, column 4)",
        ),
        (
            "a: 1\n\tb: 2\n",
            "s.yaml:2:1: YAML syntax error: found character '\\t' that cannot start any token"
            " (while scanning for the next token)",
        ),
    ],
)
def test_syntax_errors(text: str, expected: str) -> None:
    assert only_error(text) == expected


def test_syntax_error_after_other_problems_reports_both() -> None:
    assert [str(e) for e in errors_of("a: !x 1\nb: [\n")] == [
        "s.yaml:1:4: tag !x is not allowed: scenario files hold only plain values"
        " (strings, numbers, booleans, null, lists and mappings)",
        "s.yaml:3:1: YAML syntax error: expected the node content, but found '<stream end>'"
        " (while parsing a flow node at line 3, column 1)",
    ]


def test_python_tag_is_rejected_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"ok: 1\nrun: !!python/object/apply:os.system ['touch {marker}']\n"
    assert only_error(text) == (
        "s.yaml:2:6: tag !!python/object/apply:os.system is not allowed: scenario files hold"
        " only plain values (strings, numbers, booleans, null, lists and mappings)"
    )
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "tag", "col"),
    [
        ("a: !custom 1\n", "!custom", 4),
        ("a: !custom {b: 1}\n", "!custom", 4),
        ("a: !!binary aGVsbG8=\n", "!!binary", 4),
        ("a: !!set {b}\n", "!!set", 4),
        ("a: !!omap [b: 1]\n", "!!omap", 4),
        ("a: !!python/name:os.system ''\n", "!!python/name:os.system", 4),
        ("a: !<tag:example.com,2024:thing> x\n", "tag:example.com,2024:thing", 4),
        ("%TAG !! tag:evil.com:\n---\na: !!str 1\n", "tag:evil.com:str", 4),
    ],
)
def test_other_tags_are_rejected(text: str, tag: str, col: int) -> None:
    [err] = errors_of(text)
    assert err.col == col
    assert err.message.startswith(f"tag {tag} is not allowed: ")


def test_standard_tag_on_the_wrong_node() -> None:
    assert only_error("a: !!str [1]\n") == "s.yaml:1:4: tag !!str is not allowed on a list"
    assert only_error("a: !!seq x\n") == "s.yaml:1:4: tag !!seq is not allowed on a single value"
    assert only_error("a: !!map [1]\n") == "s.yaml:1:4: tag !!map is not allowed on a list"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int abc\n", "invalid !!int value 'abc'"),
        ("a: !!int ''\n", "invalid !!int value ''"),
        ("a: !!float x\n", "invalid !!float value 'x'"),
        ("a: !!bool maybe\n", "invalid !!bool value 'maybe'"),
    ],
)
def test_invalid_explicit_scalars(text: str, message: str) -> None:
    assert only_error(text) == f"s.yaml:1:4: {message}"


def test_huge_int_is_an_error_with_a_short_message() -> None:
    err = only_error("a: " + "9" * 5000 + "\n")
    assert err.startswith("s.yaml:1:4: invalid !!int value '999")
    assert len(err) < 120


def test_duplicate_keys() -> None:
    text = "a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\na: 4\n"
    assert [str(e) for e in errors_of(text)] == [
        "s.yaml:5:3: duplicate key 'x' (first at line 3)",
        "s.yaml:6:1: duplicate key 'a' (first at line 1)",
    ]


def test_keys_equal_in_python_are_duplicates() -> None:
    assert only_error("1: a\ntrue: b\n") == "s.yaml:2:1: duplicate key true (first at line 1)"


def test_collection_keys_are_rejected() -> None:
    assert [str(e) for e in errors_of("{[1]: 2, {a: 1}: 3}\n")] == [
        "s.yaml:1:2: mapping keys must be plain values, not a list",
        "s.yaml:1:10: mapping keys must be plain values, not a mapping",
    ]


def test_rejected_keys_are_not_reported_again_as_duplicates() -> None:
    assert [e.message for e in errors_of("!x a: 1\n!x b: 2\n*q : 3\n*r : 4\n")] == [
        "tag !x is not allowed: scenario files hold only plain values"
        " (strings, numbers, booleans, null, lists and mappings)",
    ] * 2 + [
        "anchors and aliases are not supported (found alias *q)",
        "anchors and aliases are not supported (found alias *r)",
    ]


def test_merge_key_is_rejected() -> None:
    assert only_error("a: 1\n<<: {b: 1}\n") == "s.yaml:2:1: merge keys (<<) are not supported"


def test_anchors_and_aliases_are_rejected() -> None:
    assert [str(e) for e in errors_of("a: &x [1]\nb: *x\n")] == [
        "s.yaml:1:4: anchors and aliases are not supported (found anchor &x)",
        "s.yaml:2:4: anchors and aliases are not supported (found alias *x)",
    ]


def test_alias_bomb() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    errors = errors_of("\n".join(lines) + "\n")
    # 10 anchors and 81 aliases: all reported, none expanded
    assert len(errors) == 91
    assert {e.message.split(" (")[0] for e in errors} == {"anchors and aliases are not supported"}
    assert str(errors[0]) == "s.yaml:1:5: anchors and aliases are not supported (found anchor &a0)"
    assert str(errors[2]) == "s.yaml:2:10: anchors and aliases are not supported (found alias *a0)"


def test_too_many_problems_stops() -> None:
    text = "".join(f"k{i}: !x {i}\n" for i in range(500))
    errors = errors_of(text)
    assert len(errors) == MAX_ERRORS + 1
    assert str(errors[-1]) == f"s.yaml: too many problems; stopped after {MAX_ERRORS}"


def test_more_than_one_document() -> None:
    assert only_error("a: 1\n---\nb: 2\n") == (
        "s.yaml:2:1: only one YAML document per file is supported"
    )


def test_too_deep_flow() -> None:
    assert only_error("[" * 10_000) == "s.yaml:1:65: nesting is too deep: more than 64 levels"


def test_too_deep_block() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(1_000))
    assert only_error(text) == "s.yaml:65:65: nesting is too deep: more than 64 levels"


def test_depth_limit_is_inclusive() -> None:
    assert load_yaml_text("[" * 64 + "]" * 64).data is not None
    assert only_error("[[[]]]", max_depth=2) == (
        "s.yaml:1:3: nesting is too deep: more than 2 levels"
    )


def test_too_many_nodes() -> None:
    text = "a: [" + ", ".join(["x"] * 20) + "]\n"
    # the mapping, the key "a", the list, then the items: the 11th node is the 8th item
    assert only_error(text, max_nodes=10) == "s.yaml:1:26: too many nodes: more than 10"
    assert only_error(text, max_nodes=22) == "s.yaml:1:62: too many nodes: more than 22"
    assert len(load_yaml_text(text, max_nodes=23).data["a"]) == 20


def test_too_big_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "x" * 100 + "\n")
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(path, max_bytes=50)
    assert str(info.value) == f"{path}: file is too large: 104 bytes (the limit is 50)"
    assert load_yaml(path, max_bytes=104).data == {"a": "x" * 100}


def test_too_big_text_counts_utf8_bytes() -> None:
    assert only_error("a: ééé", max_bytes=8) == (
        "s.yaml: file is too large: 9 bytes (the limit is 8)"
    )


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a file"


def test_nonexistent_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(path)
    assert str(info.value) == f"{path}: file not found"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioErrors) as info:
        load_yaml(fifo)  # must not block reading the pipe
    assert str(info.value) == f"{fifo}: is not a regular file"


# ------------------------------------------------------------------ properties


YAML_PIECES = [*"ab01 .:-,[]{}&*!|>'\"#?%@`~\n\t\r\\<=+e", "\u2028", "\x85", "\ufeff", "é"]
YAML_PIECES += ["---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x:\n", "!!int ", "!!float ", "!!bool "]
YAML_PIECES += ["!!str ", "!!timestamp ", "!!python/none ", "<<: ", "- ", ": ", "? ", "\n  ", "0x"]
YAML_PIECES += ["1:20", ".inf", "2016-12-13", "yes", "~"]
YAMLISH = st.lists(st.sampled_from(YAML_PIECES), max_size=60).map("".join)


def check_never_crashes(call: Any) -> None:
    try:
        loaded = call()
    except ScenarioErrors as exc:
        assert exc.errors
        for err in exc.errors:
            assert "\n" not in str(err)
            assert err.line is None or (err.line >= 1 and err.col is not None and err.col >= 1)
    else:
        assert isinstance(loaded, Located)
        assert loaded.data is not None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), YAMLISH))
def test_any_text_loads_or_raises_scenario_errors(text: str) -> None:
    check_never_crashes(lambda: load_yaml_text(text, max_depth=8, max_nodes=50))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_raise_scenario_errors(data: bytes) -> None:
    check_never_crashes(lambda: load_yaml_bytes(data))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=100))
def test_any_file_loads_or_raises_scenario_errors(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data, "fuzz.yaml")
    check_never_crashes(lambda: load_yaml(path))


KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda k: yaml.safe_load(k) == k  # not a YAML 1.1 boolean/null such as "no" or "y"
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


def paths(data: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=5), st.booleans())
def test_dumped_data_round_trips_with_key_positions(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, width=10**6)
    loaded = load_yaml_text(text)
    assert loaded.data == data
    lines = text.splitlines()
    for loc in paths(data):
        line, col = loaded.position(loc)
        assert 1 <= line <= len(lines) + 1 and col >= 1
        if loc and isinstance(loc[-1], str):
            key_line, key_col = loaded.key_position(loc)
            assert lines[key_line - 1][key_col - 1 :].startswith(loc[-1])

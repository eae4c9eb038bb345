"""Validation: broken scenario files are reported with `path:line:col`, never a traceback.

The corpus
----------
Every file in `tests/corpus/` is one file of the example scenario in `docs/example/`
with one or a few deliberate faults. Its first lines say what it is::

    # expect: 12:24: unknown source 'army-pres'
    # replaces: events.yaml
    # xfail: why the loader does not report it yet (optional)
    # more: why other errors may be reported as well (optional)

For each file, the test copies the example to a temporary folder, puts the corpus file in
place of the example file it `replaces` (under the corpus file's own name, so errors name
it) and loads the folder once. Every `expect` line must match one reported error: that
line and column of the corpus file, with the fragment in its message (`-: fragment`
means an error with no position). Unless the file says `more`, every reported error must
be one of the expected ones, so that one fault gives one line. A file with several
`expect` lines checks that all problems of a file come out in one run.

`xfail` marks a case the loader does not handle yet; it is a strict xfail, so fixing the
loader makes the test fail until the line is removed.
"""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.engine.batch import calibrate, policies_for, run_batch
from game.engine.compiled import compile_scenario
from game.engine.core import check_decision, new_game, step
from game.engine.policies import get_policy, policy_names
from game.model import basics, choices, lesson, record, world
from game.model import scenario as scenario_schema
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario, load_scenario_text
from game.scenario.yamlsrc import ScenarioError, ScenarioErrors

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "example"
CORPUS = Path(__file__).resolve().parent / "corpus"
AUTHORING = ROOT / "docs" / "authoring.md"

# The example's files in an order that makes one valid single-file scenario.
EXAMPLE_FILES = (
    "scenario.yaml",
    "sources.yaml",
    "world.yaml",
    "events.yaml",
    "roles/aid.yaml",
    "questions.yaml",
)

HEADER = re.compile(r"^# (expect|replaces|xfail|more): (.*)$")
EXPECT = re.compile(r"^(?:(?P<line>\d+):(?P<col>\d+)|-): (?P<fragment>.+)$")


# ---------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    line: int | None
    col: int | None
    fragment: str

    def matches(self, err: ScenarioError) -> bool:
        return (err.line, err.col) == (self.line, self.col) and self.fragment in err.message

    def __str__(self) -> str:
        where = "-" if self.line is None else f"{self.line}:{self.col}"
        return f"{where}: {self.fragment}"


@dataclass(frozen=True)
class Case:
    path: Path
    replaces: str
    expects: tuple[Expected, ...]
    xfail: str | None
    more: str | None


def read_case(path: Path) -> Case:
    data = path.read_bytes()
    fields: dict[str, list[str]] = {"expect": [], "replaces": [], "xfail": [], "more": []}
    for raw in data.splitlines():
        line = raw.decode("ascii", errors="replace")
        if not line.startswith("#"):
            break
        m = HEADER.match(line)
        if m:
            fields[m.group(1)].append(m.group(2).strip())
    expects = []
    for text in fields["expect"]:
        m = EXPECT.match(text)
        assert m, f"{path.name}: malformed expect line {text!r}"
        line_no = int(m.group("line")) if m.group("line") else None
        col = int(m.group("col")) if m.group("col") else None
        expects.append(Expected(line_no, col, m.group("fragment")))
    assert expects, f"{path.name}: no '# expect:' line"
    assert len(fields["replaces"]) == 1, f"{path.name}: needs exactly one '# replaces:' line"
    return Case(
        path=path,
        replaces=fields["replaces"][0],
        expects=tuple(expects),
        xfail=fields["xfail"][0] if fields["xfail"] else None,
        more=fields["more"][0] if fields["more"] else None,
    )


def corpus_params() -> list[Any]:
    params = []
    for path in sorted(CORPUS.glob("*.yaml")):
        case = read_case(path)
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        params.append(pytest.param(case, id=path.stem, marks=marks))
    return params


def example_with(tmp_path: Path, case: Case) -> tuple[Path, Path]:
    """The example scenario with one file replaced by a corpus file; (folder, new file)."""
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    (folder / case.replaces).unlink()
    target = folder / case.path.name
    target.write_bytes(case.path.read_bytes())
    return folder, target


def errors_of(path: Path) -> list[ScenarioError]:
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(path)
    return info.value.errors


@pytest.mark.parametrize("case", corpus_params())
def test_corpus(tmp_path: Path, case: Case) -> None:
    folder, target = example_with(tmp_path, case)
    errors = errors_of(folder)
    shown = "\n".join(str(e).replace(str(folder) + "/", "") for e in errors)
    for err in errors:
        text = str(err)
        assert "\n" not in text
        assert text.startswith(err.path)
    ours = [e for e in errors if e.path == str(target)]
    missing = [str(x) for x in case.expects if not any(x.matches(e) for e in ours)]
    assert not missing, f"expected but not reported: {missing}\nreported:\n{shown}"
    if case.more is None:
        extra = [str(e) for e in errors if not any(x.matches(e) for x in case.expects)]
        assert not extra, f"reported but not expected: {extra}\nreported:\n{shown}"


def test_the_validate_command_reports_the_corpus_without_a_traceback(tmp_path: Path) -> None:
    """`corridors validate` on every corpus file (each alone, so most are also missing
    whole sections) and a huge file: exit status 1 and only `path:line:col: message` lines."""
    huge = tmp_path / "huge.yaml"
    huge.write_text("notes: [" + "1," * 1_500_000 + "1]\n", encoding="utf-8")
    paths = [str(p) for p in sorted(CORPUS.glob("*.yaml"))] + [str(huge)]
    result = subprocess.run(
        [sys.executable, "-m", "game", "validate", *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    named = set()
    for line in result.stdout.splitlines():
        m = re.match(r"^(.+?\.yaml)(?::\d+(?::\d+)?)?: \S", line)
        assert m, f"not a problem line: {line!r}"
        named.add(m.group(1))
    assert named == set(paths)


def test_the_corpus_covers_the_required_faults() -> None:
    names = {p.stem for p in CORPUS.glob("*.yaml")}
    required = {
        "empty-file",
        "binary-nul",
        "not-utf8",
        "not-yaml",
        "python-tag",
        "alias-bomb",
        "deeply-nested",
        "duplicate-keys",
        "duplicate-ids",
        "unknown-variable",
        "expression-syntax",
        "unknown-source",
        "unknown-role",
        "unknown-district",
        "unknown-route",
        "historical-unknown-option",
        "historical-unknown-action",
        "date-outside-calendar",
        "historical-not-week-start",
        "probability-above-one",
        "missing-field",
        "wrong-type",
        "phase-ends-before-start",
        "record-band-reversed",
        "many-problems",
    }
    assert required <= names, sorted(required - names)
    for path in CORPUS.iterdir():
        assert path.suffix == ".yaml", f"{path.name}: corpus files end in .yaml"
        case = read_case(path)
        assert (EXAMPLE / case.replaces).is_file(), f"{path.name}: no example file {case.replaces}"


def test_the_example_itself_is_valid() -> None:
    sc = load_scenario(EXAMPLE)
    assert sc.id == "northbank-example"


# ---------------------------------------------------------------------------------
# Files too large, too deep, too many; paths that are not scenarios
# ---------------------------------------------------------------------------------


def only_error(path: Path) -> ScenarioError:
    errors = errors_of(path)
    assert len(errors) == 1, errors
    return errors[0]


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as f:
        f.write("notes:\n")
        line = "  - " + "x" * 95 + "\n"
        for _ in range(60_000):  # about 6 MB
            f.write(line)
    err = only_error(path)
    assert "too large" in err.message
    assert err.path == str(path)


def test_too_many_nodes(tmp_path: Path) -> None:
    path = tmp_path / "nodes.yaml"
    path.write_text("notes: [" + ",".join(["0"] * 300_000) + "]\n", encoding="utf-8")
    err = only_error(path)
    assert "too many nodes" in err.message
    assert (err.line, err.path) == (1, str(path))


def test_very_long_text_field(tmp_path: Path) -> None:
    text = (EXAMPLE / "scenario.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    long_title = "title: " + "a" * 1_000_000 + "\n"
    lines = [long_title if ln.startswith("title:") else ln for ln in text.splitlines(keepends=True)]
    (folder / "scenario.yaml").write_text("".join(lines), encoding="utf-8")
    row = next(k for k, ln in enumerate(lines) if ln.startswith("title:")) + 1
    err = only_error(folder)
    assert (err.line, err.col) == (row, 8)
    assert "at most" in err.message


def test_very_deep_nesting_does_not_recurse(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    err = only_error(path)
    assert "nesting is too deep" in err.message


def test_deep_block_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("".join(" " * k + f"k{k}:\n" for k in range(200)), encoding="utf-8")
    err = only_error(path)
    assert "nesting is too deep" in err.message


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda p: p / "missing", "no such file or folder"),
        (lambda p: p, "no .yaml files"),
    ],
    ids=["missing", "empty-folder"],
)
def test_paths_that_are_not_scenarios(tmp_path: Path, make: Any, fragment: str) -> None:
    err = only_error(make(tmp_path))
    assert fragment in err.message


def test_a_folder_of_many_broken_files_reports_each_file(tmp_path: Path) -> None:
    """Problems in several files come out together, each naming its own file."""
    folder = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, folder)
    (folder / "a.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (folder / "b.yaml").write_bytes(b"\x00\x01")
    (folder / "c.yaml").write_text("districts: {a: 1}\ndistricts: []\n", encoding="utf-8")
    errors = errors_of(folder)
    paths = {Path(e.path).name for e in errors}
    assert {"a.yaml", "b.yaml", "c.yaml"} <= paths, errors


# ---------------------------------------------------------------------------------
# Never anything but ScenarioErrors
# ---------------------------------------------------------------------------------


def example_text() -> str:
    return "".join((EXAMPLE / name).read_text(encoding="utf-8") for name in EXAMPLE_FILES)


def check_errors_are_well_formed(errors: list[ScenarioError], path: str, text: str) -> None:
    assert errors
    n_lines = max(1, len(text.splitlines()) + 1)
    for err in errors:
        assert isinstance(err, ScenarioError)
        assert err.path == path
        assert err.message and "\n" not in err.message
        if err.line is not None:
            assert 1 <= err.line <= n_lines, (err, n_lines)
            assert err.col is None or err.col >= 1


def load_or_errors(text: str) -> Scenario | None:
    """The scenario, or None after checking the errors' form. Anything else propagates."""
    try:
        return load_scenario_text(text, "fuzz.yaml")
    except ScenarioErrors as e:
        check_errors_are_well_formed(e.errors, "fuzz.yaml", text)
        return None


def play_one(sc: Scenario, seed: int) -> None:
    c = compile_scenario(sc)
    for name in ("random", "historical"):
        pol = get_policy(c, name)
        s = new_game(c, seed)
        while s.week < c.n_weeks:
            decisions = {role: pol(c, s, role) for role in c.roles}
            s, _ = step(c, s, decisions)
        assert len(s.history) == c.n_weeks + 1


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@FUZZ
@given(st.text(max_size=400))
def test_random_text_gives_only_scenario_errors(text: str) -> None:
    assert load_or_errors(text) is None


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_give_only_scenario_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.yaml"
        path.write_bytes(data)
        try:
            load_scenario(path)
        except ScenarioErrors as e:
            for err in e.errors:
                assert err.path == str(path) and "\n" not in err.message
        else:
            pytest.fail("random bytes loaded as a scenario")


SCHEMA = (basics, choices, lesson, record, scenario_schema, world)
FIELD_NAMES = sorted(
    {
        (f.alias or name)
        for schema in SCHEMA
        for model in vars(schema).values()
        if isinstance(model, type) and issubclass(model, BaseModel) and model is not BaseModel
        for name, f in model.model_fields.items()
    }
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["2010-05-02", "2010-13-01", "east", "aid", "monitor", "phase == 'x'", "1 +", ""]
    ),
    st.text(string.ascii_lowercase + "._- ", max_size=12),
)
KEYS = st.one_of(
    st.sampled_from(FIELD_NAMES), st.text(string.ascii_lowercase + "_", min_size=1, max_size=8)
)
DOCS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(Scenario.model_fields)), DOCS, max_size=8))
def test_random_documents_give_only_scenario_errors(doc: dict[str, Any]) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    sc = load_or_errors(text)
    if sc is not None:
        play_one(sc, 1)


MUTANT_VALUES = [
    "0",
    "-1",
    "1",
    "2",
    "0.5",
    "1e308",
    "-1e308",
    ".inf",
    "-.inf",
    ".nan",
    "999999999",
    '""',
    "[]",
    "{}",
    "null",
    "true",
    "x",
    '"2010-05-02"',
    '"2010-05-29"',
    '"2099-01-01"',
    '"1 / 0"',
    '"attention ** 4"',
    '"abs(-attention)"',
    '"open.bridge"',
    '"phase"',
    '"week > 2"',
    "[monitor]",
    "{east: {air: 1000}}",
    "!!str 5",
    "&a 1",
    "*a",
    "'",
]


def parameter_lines(lines: list[str]) -> range:
    start = lines.index("parameters:") + 1
    end = next(k for k in range(start, len(lines)) if not lines[k].startswith("  "))
    return range(start, end)


@st.composite
def mutants(draw: st.DrawFn) -> str:
    lines = example_text().splitlines()
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(["value", "value", "value", "delete", "duplicate", "swap", "chars"])
        )
        line = lines[k]
        if op == "value" and ": " in line:
            head = line[: line.index(": ") + 2]
            lines[k] = head + draw(st.sampled_from(MUTANT_VALUES))
        elif op == "delete":
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, line)
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        elif op == "chars":
            at = draw(st.integers(0, len(line)))
            lines[k] = line[:at] + draw(st.text(max_size=3)) + line[at:]
    return "\n".join(lines) + "\n"


@settings(FUZZ, max_examples=100)
@given(mutants(), st.integers(0, 2**31))
def test_mutated_example_loads_or_reports_and_what_loads_plays(text: str, seed: int) -> None:
    sc = load_or_errors(text)
    assume(sc is not None)
    assert sc is not None
    play_one(sc, seed)


@pytest.mark.parametrize(
    "name, value",
    [
        ("hunger_threshold_days", "0"),
        ("ration_threshold_days", "0"),
        ("lethality_air", ".nan"),
        ("lethality_air", "1e308"),
        ("rescue_max", ".inf"),
        ("clinic_capacity", "-.inf"),
        ("west_rescue_share", "-1e308"),
    ],
)
def test_out_of_range_parameters(name: str, value: str) -> None:
    """A parameter the model cannot use (it would divide by zero, overflow or break the
    ledger) is a load-time error."""
    lines = example_text().splitlines()
    row = next(k for k in parameter_lines(lines) if lines[k].startswith(f"  {name}:"))
    lines[row] = f"  {name}: {value}"
    text = "\n".join(lines) + "\n"
    sc = load_or_errors(text)
    assert sc is None, f"{name}: {value} was accepted"


@pytest.mark.parametrize(
    "old, new, item",
    [
        (
            '    date: "2010-05-13"\n',
            '    date: "2010-05-13"\n    when: "week > 100"\n    chance: 0\n',
            "bridge-shelled",
        ),
        (
            '    date: "2010-05-16"\n',
            '    date: "2010-05-16"\n    when: "week > 100"\n',
            "night-convoy",
        ),
    ],
    ids=["event", "dilemma"],
)
def test_a_dated_item_with_a_condition_is_refused_or_honoured(
    old: str, new: str, item: str
) -> None:
    text = example_text()
    assert text.count(old) == 1
    sc = load_or_errors(text.replace(old, new))
    if sc is None:
        return  # refused at load time: that is one good answer
    c = compile_scenario(sc)
    for seed in range(10):
        s = new_game(c, seed)
        seen = set(s.news) | set(s.dilemmas)
        while s.week < c.n_weeks:
            s, _ = step(c, s, {})
            seen |= set(s.news) | set(s.dilemmas)
        assert item not in seen, f"{item} happened although its condition never holds"


# ---------------------------------------------------------------------------------
# The documented example
# ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Any:
    return compile_scenario(load_scenario(EXAMPLE))


def test_the_single_file_form_of_the_example_loads() -> None:
    sc = load_scenario_text(example_text(), "example.yaml")
    assert sc == load_scenario(EXAMPLE)


def test_the_example_is_as_small_as_the_doc_says(example: Any) -> None:
    sc = example.sc
    assert 3 <= sc.weeks <= 4
    assert 2 <= len(sc.districts) <= 3
    assert len(sc.phases) == 2
    assert sc.routes and len(sc.events) >= 2 and sc.dilemmas and sc.record and sc.assumptions
    assert len(sc.roles) == 1 and len(sc.roles[0].actions) == 3
    assert all(e.sources for e in sc.events)


def test_the_example_plays_to_the_end_with_every_policy(example: Any) -> None:
    c = example
    names = policy_names(c)
    assert {"historical", "random"} < set(names)
    for name in names:
        pols = policies_for(c, name)
        for seed in range(10):
            s = new_game(c, seed)
            while s.week < c.n_weeks:
                decisions = {role: pol(c, s, role) for role, pol in pols.items()}
                for role, d in decisions.items():
                    check_decision(c, s, role, d)
                s, report = step(c, s, decisions)
                assert report.week == s.week - 1
            assert s.week == c.n_weeks
            assert len(s.history) == c.n_weeks + 1


def test_the_example_reaches_all_its_content(example: Any) -> None:
    c = example
    fired: set[str] = set()
    taken: set[str] = set()
    chosen: set[str] = set()
    for name in policy_names(c):
        pols = policies_for(c, name)
        for seed in range(30):
            s = new_game(c, seed)
            fired.update(s.news)
            while s.week < c.n_weeks:
                s, report = step(c, s, {r: p(c, s, r) for r, p in pols.items()})
                fired.update(report.opened)
                taken.update(a for _, a, _ in report.actions)
                chosen.update(f"{d}={o}" for _, d, o in report.choices)
    sc = c.sc
    assert fired == {e.id for e in sc.events}
    assert taken == {a.id for r in sc.roles for a in r.actions}
    assert chosen == {f"{d.id}={o.id}" for d in sc.dilemmas for o in d.options}


def test_the_historical_example_lands_in_its_record_band(example: Any) -> None:
    states = run_batch(example, "historical", 300, seed=0)
    for cal in calibrate(example, states):
        assert cal.inside, (cal.measure.id, cal.median, cal.measure.band)


# ---------------------------------------------------------------------------------
# The authoring guide
# ---------------------------------------------------------------------------------


def test_the_authoring_guide_names_every_field() -> None:
    doc = AUTHORING.read_text(encoding="utf-8")
    missing = [name for name in FIELD_NAMES if f"`{name}`" not in doc]
    assert not missing, f"docs/authoring.md does not explain: {missing}"


def test_the_authoring_guide_error_lines_have_the_right_form() -> None:
    doc = AUTHORING.read_text(encoding="utf-8")
    lines = [ln for ln in doc.splitlines() if re.match(r"^\S+\.yaml:\d+:\d+: ", ln)]
    assert len(lines) >= 3


def test_schema_errors_and_cross_references_are_reported_together() -> None:
    """A faulty item is left out to check the rest, and what cites it is not blamed."""
    text = example_text()
    bad_source = '{id: army-press, name: "Press office of the besieging army (invented)", stance: government}'
    assert bad_source in text
    text = text.replace(bad_source, bad_source.replace("stance: government", "stance: partisan"))
    assert "add: {attention: 10}" in text
    text = text.replace("add: {attention: 10}", "add: {atention: 10}", 1)
    try:
        load_scenario_text(text, "both.yaml")
    except ScenarioErrors as e:
        messages = [err.message for err in e.errors]
    else:
        raise AssertionError("the faulty scenario loaded")
    assert any(m.startswith("Input should be 'international'") for m in messages), messages
    assert any(m.startswith("unknown variable 'atention'") for m in messages), messages
    # army-press is cited by claims and events, but it exists: it is only faulty.
    assert not any("army-press" in m for m in messages), messages

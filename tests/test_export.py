"""The debrief as text and files: `game.present.export.render` in every format (HTML
escapes scenario text, JSON keeps its documented shape), `corridors debrief SAVE`, and
`corridors play --export FILE`, with one-line errors that lose nothing already saved."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from support import run_corridors

from game.present.export import FORMATS, format_for, render, to_json
from game.session import Alternatives, Debrief, QuestionInfo, Session

ALEPPO = Path(__file__).resolve().parents[1] / "scenarios" / "aleppo-2016"
MARKUP = "<script>alert('x')</script> *bold* [link](http://example.org) & #1 [red]x[/red]"


@pytest.fixture(scope="module")
def game(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("saves")
    s = Session.new(seed=6, save_dir=folder)
    while not s.finished:
        if s.week == 3:
            s.decide("coordinator", ["fund_clinics"])
        s.advance()
    return s


@pytest.fixture(scope="module")
def debrief(game: Session) -> Debrief:
    return game.finish()


@pytest.fixture(scope="module")
def alt(game: Session) -> Alternatives:
    return game.alternatives(40)


def marked(d: Debrief) -> Debrief:
    """The debrief with markup-looking text wherever scenario text goes."""
    q = QuestionInfo(id="q", text=MARKUP, tied=False, why="")
    epi = replace(d.epilogue[0], text=MARKUP)
    return replace(d, title=MARKUP, questions=(q,), epilogue=(epi, *d.epilogue[1:]))


# ------------------------------------------------------------------ render


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_says_the_same_things(fmt: str, debrief: Debrief, alt: Alternatives) -> None:
    text = render(debrief, alt, fmt)
    assert "\x1b" not in text
    for line in debrief.ledger:
        assert line.label.split(" (")[0] in text
    for q in debrief.questions:
        assert q.text.split(",")[0] in text
    for e in debrief.epilogue:
        assert e.sources[0].name in text
    if fmt != "json":
        for heading in ("The ledger against the record", "Against other histories", "Turning points",
                        "Questions for discussion", "What happened next (the record)"):
            assert heading in text
        assert "simulated" in text
        assert f"{alt.runs} games with your decisions and other luck" in text


def test_plain_text_is_plain(debrief: Debrief, alt: Alternatives) -> None:
    text = render(marked(debrief), alt, "txt")
    assert MARKUP in text  # printed as written: nothing interprets it
    bad = replace(debrief, title="bell \x07 and escape \x1b[31m")
    assert "\x07" not in render(bad, None, "txt") and "\x1b" not in render(bad, None, "txt")
    assert "Alternative histories were not run for this debrief." in render(debrief, None, "txt")


def test_html_escapes_scenario_text_and_stands_alone(debrief: Debrief, alt: Alternatives) -> None:
    page = render(marked(debrief), alt, "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&amp; #1" in page
    assert "<title>Debrief: &lt;script&gt;" in page
    # Self-contained: no outside style sheets, scripts, images or fonts (a chart's
    # url(#...) names a pattern inside the page itself).
    for outside in ("<link", "src=", "@import", "href="):
        assert outside not in page
    assert not re.search(r"url\((?!#)", page)
    assert page.count("<svg") >= 5
    assert '<meta charset="utf-8">' in page


def test_markdown_escapes_markup(debrief: Debrief) -> None:
    text = render(marked(debrief), None, "md")
    assert "\\<script\\>" in text and "\\*bold\\*" in text and "\\[link\\]" in text
    assert "<script>" not in text
    assert text.startswith("# Debrief: ")
    assert "| measure | East | West | Total |" in text


def test_markdown_escapes_line_starts_only_where_a_line_starts() -> None:
    # "159.5" opening a paragraph would read as a numbered list; in a table cell it cannot.
    from game.present.doc import Cell, Document, Paragraph, Table, spans
    from game.present.render import to_markdown

    doc = Document("t", (Paragraph(spans("159.5 people")), Table(("n", "x"), ((Cell("159.5"), Cell("- 3")),))))
    text = to_markdown(doc)
    assert text.splitlines()[2] == "159\\.5 people"
    assert "| 159.5 | - 3 |" in text


def test_json_has_the_documented_structure(debrief: Debrief, alt: Alternatives, game: Session) -> None:
    data = json.loads(render(debrief, alt, "json"))
    assert data == json.loads(json.dumps(to_json(debrief, alt)))
    assert data["format"] == "corridors-debrief" and data["version"] == 1
    assert set(data) == {
        "format", "version", "scenario", "seed", "weeks", "content", "roles", "ledger", "changed", "final",
        "choices", "turning_points", "turning_points_ranked_by", "questions", "epilogue", "alternatives",
    }
    assert data["scenario"]["id"] == "aleppo-2016" and data["seed"] == 6 and data["weeks"] == 20
    assert {"id": "coordinator", "name": "Humanitarian coordinator", "played_by": "people"} in data["roles"]
    assert {r["id"] for r in data["roles"]} == set(debrief.role_names)
    assert all(r["played_by"] == "historical" for r in data["roles"] if r["id"] != "coordinator")
    assert len(data["ledger"]) == len(debrief.ledger)
    for item, line in zip(data["ledger"], debrief.ledger, strict=True):
        assert item["simulated"] is True and item["value"] == line.value
        if line.band is None:
            assert item["record"] is None
        else:
            assert set(item["record"]) == {"text", "band", "position", "sources", "claims"}
            for cl in item["record"]["claims"]:
                assert set(cl) == {"date", "text", "value", "unit", "contested", "topic", "question", "source"}
            assert all(set(s) == {"id", "name", "stance", "lean", "url"} for s in item["record"]["sources"])
    population = next(x for x in data["ledger"] if x["id"] == "east-population")["record"]["claims"]
    assert [c["source"]["id"] for c in population] == ["new-arab", "un", "un-envoy", "atlantic-council"]
    # A dispute: every claim of the topic is marked alike, none singled out.
    assert all(c["contested"] for c in population)
    assert len({c["question"] for c in population}) == 1
    assert data["final"]["east"]["killed"] == game.state.history[-1]["east"]["killed"]
    for tp in data["turning_points"]:
        assert set(tp) == {"kind", "week", "role", "title", "samples", "why", "effect"}
        assert set(tp["effect"]) == {"killed", "injured", "left", "food_days"}
        assert 1 <= tp["week"] <= 20
    assert 3 <= len(data["questions"]) <= 5
    assert [e["date"] for e in data["epilogue"]][0] == "2016-11-15"
    a = data["alternatives"]
    assert a["runs"] == 40 and a["seeds"] == [7, 46]
    for m in a["measures"]:
        for dist in (m["same_decisions"], m["historical"]):
            assert set(dist) == {"runs", "median", "p10", "p90", "rank"} and dist["runs"] == 40
    assert json.loads(render(debrief, None, "json"))["alternatives"] is None


def test_unknown_format_and_formats_from_names(debrief: Debrief) -> None:
    with pytest.raises(ValueError, match='unknown format "pdf"'):
        render(debrief, None, "pdf")
    assert [format_for(n) for n in ("a.md", "b.HTML", "c.htm", "d.txt", "e.json", "f.pdf", "noext")] == [
        "md", "html", "html", "txt", "json", "md", "md",
    ]


# ------------------------------------------------------------------ the commands


def one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("corridors: error: ")
    return lines[0]


@pytest.mark.parametrize("name, check", [
    ("debrief.html", lambda t: t.startswith("<!DOCTYPE html>")),
    ("debrief.md", lambda t: t.startswith("# Debrief: ")),
    ("debrief.txt", lambda t: t.startswith("Debrief: ")),
    ("debrief.json", lambda t: json.loads(t)["format"] == "corridors-debrief"),
    ("debrief.out", lambda t: t.startswith("# Debrief: ")),
])
def test_debrief_command_writes_the_format_its_name_asks_for(name: str, check: object, game: Session, tmp_path: Path) -> None:
    out = tmp_path / name
    r = run_corridors("debrief", str(game.autosave_path), "-o", str(out), "--alternatives", "5", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert callable(check) and check(out.read_text(encoding="utf-8"))


def test_debrief_of_a_save_of_a_changed_scenario_says_so(game: Session, tmp_path: Path) -> None:
    data = json.loads(game.autosave_path.read_text(encoding="utf-8"))
    data["scenario_hash"] = "sha256:0"  # as if the scenario had changed since
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    r = run_corridors("debrief", str(old), "--format", "json", "--alternatives", "0", home=tmp_path)
    assert r.returncode == 0, r.stderr
    (note,) = r.stderr.strip().splitlines()
    assert note.startswith("corridors: note: old.json was saved with other content of scenario")
    assert json.loads(r.stdout)["seed"] == game.seed
    assert json.loads(old.read_text(encoding="utf-8")) == data


def test_debrief_command_prints_and_format_wins(game: Session, tmp_path: Path) -> None:
    r = run_corridors("debrief", str(game.autosave_path), "--format", "json", "--alternatives", "0", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["alternatives"] is None
    out = tmp_path / "x.md"
    r = run_corridors("debrief", str(game.autosave_path), "-o", str(out), "--format", "txt",
                      "--alternatives", "0", home=tmp_path)
    assert r.returncode == 0 and out.read_text(encoding="utf-8").startswith("Debrief: ")


def test_debrief_of_an_unfinished_save_is_of_the_weeks_played(tmp_path: Path) -> None:
    s = Session.new(seed=2, save_dir=tmp_path)
    s.save()
    r = run_corridors("debrief", str(s.autosave_path), home=tmp_path)
    assert r.returncode == 1
    assert "is a game not yet begun" in one_line_error(r)
    s.advance()
    before = s.autosave_path.read_bytes()
    r = run_corridors("debrief", str(s.autosave_path), "--format", "json", "--alternatives", "0", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["weeks"] == 1
    assert s.autosave_path.read_bytes() == before


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "is corrupt or truncated"),
    ('{"format": "corridors-save", "version": 9}', "newer Corridors"),
    ("plain words", "is not a Corridors save"),
])
def test_debrief_of_a_bad_save_is_one_line(content: str, fragment: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    r = run_corridors("debrief", str(bad), home=tmp_path)
    assert r.returncode == 1
    assert fragment in one_line_error(r)
    assert bad.read_text(encoding="utf-8") == content


def test_a_bad_output_is_refused_and_nothing_is_lost(game: Session, tmp_path: Path) -> None:
    save = game.autosave_path
    before = save.read_bytes()
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me", encoding="utf-8")
    cases = [
        (str(tmp_path / "no" / "such" / "x.md"), 2, "no such folder"),
        (str(tmp_path), 2, "is a folder, not a file"),
        (str(a_file / "x.md"), 2, "no such folder"),
    ]
    for target, code, fragment in cases:
        r = run_corridors("debrief", str(save), "-o", target, "--alternatives", "0", home=tmp_path)
        assert r.returncode == code, r.stderr
        assert fragment in one_line_error(r)
    assert save.read_bytes() == before
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_a_version_1_save_that_says_full_gives_a_debrief(game: Session, tmp_path: Path) -> None:
    data = json.loads(game.autosave_path.read_text(encoding="utf-8"))
    data["version"], data["content"] = 1, "full"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    r = run_corridors("debrief", str(old), "--format", "json", "--alternatives", "0", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["content"] == "standard"


def test_play_exports_the_debrief_when_the_game_ends(tmp_path: Path) -> None:
    out = tmp_path / "class" / "debrief.json"
    out.parent.mkdir()
    r = run_corridors("play", "--plain", "--seed", "8", "--others", "random", "--export", str(out),
                      "--alternatives", "10", home=tmp_path / "h", stdin="end\n" * 20)
    assert r.returncode == 0, r.stderr
    assert f"The debrief is written to {out}." in r.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["seed"] == 8 and data["alternatives"]["runs"] == 10
    assert "Comparing your game with 10 alternative histories" in r.stdout


def test_play_refuses_an_export_it_could_never_write_before_the_game(tmp_path: Path) -> None:
    home = tmp_path / "h"
    r = run_corridors("play", "--plain", "--seed", "8", "--export", str(tmp_path / "nope" / "d.md"),
                      home=home, stdin="end\n")
    assert r.returncode == 2
    assert "--export" in one_line_error(r)
    assert not (home / "saves").exists()  # nothing was played, nothing saved


def test_hot_seat_roles_from_the_command_line(tmp_path: Path) -> None:
    r = run_corridors("play", "--plain", "--seed", "8", "--role", "coordinator,coordinator",
                      "--others", "relief-first", home=tmp_path, stdin="quit\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("You play: Humanitarian coordinator") == 1


def with_observers(folder: Path, n: int) -> list[str]:
    """A copy of the scenario with `n` small extra roles; their ids."""
    shutil.copytree(ALEPPO, folder)
    strategies = "".join(
        f"      {name}: {{summary: \"Report.\", priorities: [report]}}\n"
        for name in ("relief-first", "medical-first", "protect-first", "advocacy-first", "quiet-diplomacy")
    )
    ids = [f"observer{k}" for k in range(1, n + 1)]
    (folder / "roles" / "observers.yaml").write_text(
        "roles:\n"
        + "".join(
            f"  - id: {rid}\n"
            f"    name: Observer {rid[-1]}\n"
            "    summary: Watches and reports.\n"
            "    budget: 1\n"
            "    actions:\n"
            "      - {id: report, name: Report, summary: Tell the world., uncertainty: Sure.,"
            " effects: [{add: {attention: 1}}]}\n"
            "    strategies:\n" + strategies
            for rid in ids
        ),
        encoding="utf-8",
    )
    return ids


def test_four_people_share_one_world_and_a_fifth_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "five"
    ids = with_observers(folder, 4)
    four = ",".join(["coordinator", *ids[:3]])
    r = run_corridors("play", "--plain", "--scenario", str(folder), "--seed", "3", "--role", four,
                      "--others", "random", "--alternatives", "0", home=tmp_path / "h",
                      stdin="end\n1\nend\n1\nend\n1\nend\nquit\n")
    assert r.returncode == 0, r.stderr
    for name in ("Humanitarian coordinator", "Observer 1", "Observer 2", "Observer 3"):
        assert f"Now deciding: {name}." in r.stdout
    (computer,) = [ln for ln in r.stdout.splitlines() if ln.startswith("Played by the computer (random policy): ")]
    assert computer.endswith(", Observer 4.") and "Observer 3" not in computer
    (save,) = (tmp_path / "h" / "saves").glob("*.json")
    log = Session.load(save).log
    assert [log[0].decisions[i].actions for i in ids[:3]] == [("report",)] * 3
    five = ",".join(["coordinator", *ids])
    r = run_corridors("play", "--scenario", str(folder), "--role", five, home=tmp_path / "h")
    assert r.returncode == 2
    assert "at most 4 roles can be played by people, not 5" in one_line_error(r)


def test_a_failed_export_at_the_end_is_reported_and_the_game_is_kept(tmp_path: Path) -> None:
    import io

    from game.plain import LineGame

    s = Session.new(seed=9, save_dir=tmp_path / "saves")
    while s.week < s.n_weeks - 1:
        s.advance()
    gone = tmp_path / "gone"
    gone.mkdir()
    target = gone / "debrief.md"
    game = LineGame(s, io.StringIO("end\n"), io.StringIO(), alternatives=0, export=str(target))
    gone.rmdir()  # the folder disappears while the game is played
    assert game.run() == 0
    out = game.out.getvalue()  # type: ignore[attr-defined]
    assert f"Could not write the debrief: {target}: cannot be saved" in out
    assert out.rstrip().endswith("The end.")
    assert Session.load(s.autosave_path).finished

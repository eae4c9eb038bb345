"""`corridors class report CODE --format html|md|csv -o FILE [--names]`: every game of a
class side by side with the record and the alternative histories, how the class split on
each dilemma, the decisions it made most, the turning points that recurred and the
questions its choices point to; anonymous unless --names; and its errors, one line each,
losing nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from classgames import NAMES, lesson_game, make_class
from support import run_corridors

from game.classroom.classes import new_class
from game.classroom.report import view_of
from game.classroom.storeopen import open_store
from game.model.results import ClassSettings, ResultRecord
from game.present.classreport import class_report_document, render_report
from game.present.doc import Chart

GAMES = 5


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ClassSettings, list[ResultRecord]]:
    home = tmp_path_factory.mktemp("report")
    store = home / "results.sqlite"
    klass = make_class(store, GAMES)
    with open_store(str(store)) as st:
        records = st.results(klass.code)
    return store, klass, records


def test_the_report_gathers_the_class(made: tuple[Path, ClassSettings, list[ResultRecord]]) -> None:
    _, klass, records = made
    v = view_of(klass, records, runs=20)
    assert [g.label for g in v.games] == [f"Game {i}" for i in range(1, GAMES + 1)]
    assert sum(g.finished for g in v.games) == GAMES - 1
    assert v.runs == 20 and all(len(m.historical) == 20 for m in v.measures)
    # every dilemma put: the games that answered it and the games that left it
    for sp in v.splits:
        assert 0 < sum(n for _, n in sp.options) + sp.defaulted <= GAMES
    assert len(v.splits) >= 3
    assert v.actions and all(1 <= a.games <= GAMES and a.times >= a.games for a in v.actions)
    assert v.turning_points and all(t.games >= 2 for t in v.turning_points)
    assert v.questions and all(1 <= q.games <= GAMES - 1 for q in v.questions)
    # what the class's choices changed: every finished game against its historical twin
    finished = [r for r in records if r.finished]
    assert v.changed and [c.id for c in v.changed][:2] == ["east.killed", "east.injured"]
    for c in v.changed:
        assert len(c.deltas) == len(finished) and c.fewer + c.same + c.more == len(finished)
    killed = next(c for c in v.changed if c.id == "east.killed")
    assert sorted(killed.deltas) == sorted(
        r.measure("final-east-killed") - next(ch.historical for ch in r.changed if ch.id == "east.killed")  # type: ignore[operator]
        for r in finished
    )
    assert any(c.fewer or c.more for c in v.changed)  # the students' random play is not the record's
    named = view_of(klass, records, names=True, runs=0)
    # each game by its player's name, in the store's order (games written in the same
    # second come in the order of their ids, not of their playing)
    assert [g.label for g in named.games] == [r.player for r in records] and named.runs == 0
    assert sorted(g.label for g in named.games) == sorted(NAMES[:GAMES])


def test_the_report_in_three_formats(made: tuple[Path, ClassSettings, list[ResultRecord]]) -> None:
    _, klass, records = made
    v = view_of(klass, records, runs=20)
    doc = class_report_document(v)
    ids = [b.id for b in doc.blocks if b.id]
    for section in ("games", "week-by-week", "spread", "changed", "dilemmas", "decisions", "turning-points", "questions"):
        assert section in ids, section
    spread = next(b for b in doc.blocks if isinstance(b, Chart) and b.kind == "spread")
    assert all(len(s.games) >= GAMES - 1 for s in spread.series)
    page = render_report(v, "html")
    assert page.count("<svg") >= 6 and 'class="projector"' in page and "<script" not in page
    assert all(name not in page for name in NAMES[:GAMES])  # anonymous
    md = render_report(v, "md")
    assert "<svg" not in md and "How the class split on each dilemma" in md
    assert "What the class's choices changed" in md and "on the same luck" in md
    rows = list(csv.reader(io.StringIO(render_report(v, "csv"))))
    assert rows[1][0] == "Game 1" and rows[1 + GAMES + 5] == [] and rows[1 + GAMES + 6] == ["How the class split on each dilemma"]
    assert "final-east-killed" in rows[0] and [h for h in rows[0] if h.startswith("dilemma:")] == [f"dilemma: {sp.title}" for sp in v.splits]
    # the second table: each dilemma's answers with their games, adding up to the games it was put to
    split = rows[1 + GAMES + 8 :]
    assert rows[1 + GAMES + 7][:4] == ["dilemma", "role", "answer", "games"]
    for sp in v.splits:
        mine = {r[2]: int(r[3]) for r in split if r[0] == sp.title}
        assert mine == {**dict(sp.options), **({"left to the default": sp.defaulted} if sp.defaulted else {})}
        column = rows[0].index(f"dilemma: {sp.title}")
        answers = [r[column] for r in rows[1 : 1 + GAMES]]
        assert sum(1 for a in answers if a.endswith("(left to the default)")) == sp.defaulted


def test_a_lesson_game_is_reported_in_its_lesson_turns(tmp_path: Path) -> None:
    klass, s = lesson_game(tmp_path / "lesson.sqlite", 2)
    with open_store(str(tmp_path / "lesson.sqlite")) as st:
        records = st.results(klass.code)
    v = view_of(klass, records, runs=0)
    (g,) = v.games
    assert g.lesson_turns == (2, s.n_turns) and g.weeks_played == s.week > 2
    md = render_report(v, "md")
    assert f"stopped after turn 2 of {s.n_turns}" in md and "stopped after week" not in md


def run(*args: str, home: Path) -> tuple[int, str, str]:
    r = run_corridors(*args, home=home)
    return r.returncode, r.stdout, r.stderr


def test_the_command_writes_the_report(made: tuple[Path, ClassSettings, list[ResultRecord]], tmp_path: Path) -> None:
    store, klass, records = made
    out = tmp_path / "report.html"
    code, _, err = run("class", "report", klass.code, "--store", str(store), "-o", str(out), "--alternatives", "10", home=tmp_path)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").count("<svg") >= 6
    assert f"class {klass.code}" in err and str(out) in err
    code, text, _ = run("class", "report", klass.code.lower(), "--store", str(store), "--format", "csv", "--names", "--alternatives", "0", home=tmp_path)
    # a row a game by its player's name, in the store's order (games written in the same
    # second come in the order of their ids)
    rows = text.splitlines()[1 : 1 + len(records)]
    assert code == 0 and [row.split(",")[0] for row in rows] == [r.player for r in records]
    assert sorted(r.player for r in records) == sorted(NAMES[:GAMES])


def one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_bad_input_is_one_line_and_loses_nothing(made: tuple[Path, ClassSettings, list[ResultRecord]], tmp_path: Path) -> None:
    store, klass, _ = made
    kept = tmp_path / "kept.html"
    kept.write_text("the teacher's earlier report\n", encoding="utf-8")
    before = store.read_bytes()

    def refused(*args: str, status: int = 1) -> str:
        code, out, err = run("class", "report", *args, home=tmp_path)
        assert code == status, (args, code, err)
        assert kept.read_text(encoding="utf-8") == "the teacher's earlier report\n"
        return one_line(err)

    # a code that cannot be right, and one no class has
    assert "corridors: error:" in refused("K7M-4Q", "--store", str(store), "-o", str(kept))
    wrong = klass.code[:-1] + ("A" if klass.code[-1] != "A" else "B")
    refused(wrong, "--store", str(store), "-o", str(kept))
    empty, _ = new_class(str(store), "aleppo-2016", ["coordinator"], 9, "standard", "full")
    assert "no games" in refused(empty.code, "--store", str(store), "-o", str(kept))
    # a store that is not a store
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n", encoding="utf-8")
    assert "not a Corridors results store" in refused(klass.code, "--store", str(junk), "-o", str(kept))
    assert junk.read_text(encoding="utf-8") == "not a database\n"
    # an -o that cannot be written
    assert "no such folder" in refused(klass.code, "--store", str(store), "-o", str(tmp_path / "nowhere" / "r.html"), status=2)
    assert "is a folder" in refused(klass.code, "--store", str(store), "-o", str(tmp_path), status=2)
    assert "--format" in refused(klass.code, "--store", str(store), "--format", "pdf", status=2)
    with open_store(str(store)) as st:
        assert len(st.results(klass.code)) == GAMES  # nothing lost
    assert store.read_bytes()[:16] == before[:16]

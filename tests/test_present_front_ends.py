"""One seeded game's week reports and debrief, rendered by every front end (the line
mode, the Textual screens through the Pilot, and the md/html/txt/json exports), carry
the same facts: the same outcomes under the same role, the same causes, the same
numbers, and each dilemma answer marked as the player's, the computer's or the default.

The facts are read from the presentation layer's documents and looked for in each
rendering; front ends are compared with each other, not with frozen numbers (scenario
numbers may change)."""

from __future__ import annotations

import asyncio
import html
import io
import json
import re
from pathlib import Path

import pytest
from support import screen_text

from game.plain.line import LineGame
from game.present import WeekReport
from game.present.debrief import debrief_document
from game.present.doc import Document, Heading, Items, Paragraph, Table
from game.present.export import render, to_json
from game.present.week import week_report
from game.session import Debrief, Session
from game.ui.app import CorridorsApp
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.report import ReportScreen

ROLE = "household"
SEED = 11
SHOWN_WEEKS = (0, 1, 5, 11)  # the Textual reports looked at (Pilot runs are slow)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def play(content: str) -> tuple[Session, list[WeekReport]]:
    """A household game: two actions a week; the first dilemma put to the household is
    answered (with its default option, so that the family stays), the rest are not."""
    s = Session.new(roles=[ROLE], seed=SEED, content=content, autosave=False)
    reports = []
    answered = 0
    while not s.finished:
        acts = [a.id for a in s.actions(ROLE) if a.available and a.affordable][:2]
        for a in acts:
            try:
                s.toggle(ROLE, a)
            except Exception:
                pass
        for d in s.dilemmas(ROLE):
            if answered == 0:
                s.choose(ROLE, d.id, d.default)
            answered += 1
        reports.append(s.advance())
    return s, reports


@pytest.fixture(scope="module", params=["standard", "gentle"])
def game(request: pytest.FixtureRequest) -> tuple[Session, list[WeekReport]]:
    return play(request.param)


def report_facts(doc: Document) -> tuple[list[tuple[str, list[str]]], list[str], list[str]]:
    """(role heading, its items) in order; the causes; the change cells."""
    roles: list[tuple[str, list[str]]] = []
    causes: list[str] = []
    cells: list[str] = []
    head = None
    for b in doc.blocks:
        if isinstance(b, Heading) and b.id.startswith("role:"):
            head = b.text
        elif isinstance(b, Items) and b.id.startswith("acts:"):
            assert head is not None
            roles.append((head, list(b.texts)))
        elif isinstance(b, Items) and b.id == "causes":
            causes = list(b.texts)
        elif isinstance(b, Table) and b.id == "changes":
            cells = [c.text for row in b.rows for c in row]
    return roles, causes, cells


def sections_in(text: str, heads: list[str]) -> dict[str, str]:
    """The text under each role heading ("You:" ...) up to the next one or the table."""
    out = {}
    for i, h in enumerate(heads):
        start = text.index(f"{h}:")
        ends = [text.index(f"{n}:", start + 1) for n in heads[i + 1 :]] + [text.index("Changes this week (simulated)")]
        out[h] = text[start : min(ends)]
    return out


def check_report(doc: Document, text: str, where: str) -> None:
    roles, causes, cells = report_facts(doc)
    text = " ".join(text.split())
    heads = [h for h, _ in roles]
    under = sections_in(text, heads)
    for h, items in roles:
        for item in items:
            flat = " ".join(item.split())
            assert flat in under[h], f"{where}: {flat!r} is not under {h!r}"
            # the same outcome nowhere else (under no other role, not twice)
            assert text.count(flat) == sum(flat in " ".join(i.split()) for _, its in roles for i in its), (where, flat)
    for c in causes:
        assert " ".join(c.split()) in text, f"{where}: cause {c!r} missing"
    for cell in cells:
        assert cell in text, f"{where}: figure {cell!r} missing"


def line_text(s: Session, r: WeekReport) -> str:
    out = io.StringIO()
    LineGame(s, io.StringIO(), out, alternatives=0).report(r)
    return out.getvalue()


widget_text = screen_text


def test_week_reports_say_the_same_in_line_mode_and_on_screen(game: tuple[Session, list[WeekReport]]) -> None:
    s, reports = game
    docs = [week_report(s, r) for r in reports]
    for doc, r in zip(docs, reports, strict=True):
        check_report(doc, line_text(s, r), f"line mode, week {r.week + 1}")
        roles, _, _ = report_facts(doc)
        # outcomes of the computer's roles never appear under the player
        you = dict(roles).get("You", [])
        others = [i for h, its in roles if h != "You" for i in its if "chance" in i]
        assert not set(you) & set(others)

    async def screens() -> list[str]:
        app = CorridorsApp(s, blink=False)
        texts = []
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            for k in SHOWN_WEEKS:
                await app.push_screen(ReportScreen(s, reports[k]))
                await pilot.pause()
                texts.append(widget_text(app.screen))
                app.pop_screen()
                await pilot.pause()
        return texts

    for k, text in zip(SHOWN_WEEKS, asyncio.run(screens()), strict=True):
        check_report(docs[k], text, f"Textual, week {k + 1}")
        if s.content == "gentle":  # the screen shows the gentle wording too
            assert "Strikes and fighting of this phase" not in text


def debrief_facts(d: Debrief) -> list[str]:
    doc = debrief_document(d, None)
    facts = []
    for b in doc.blocks:
        if isinstance(b, Items) and b.id in ("answer-items", "turning-point-items", "question-items"):
            facts += list(b.texts)
        if isinstance(b, Paragraph) and b.id.startswith("measure:"):
            facts.append(b.text)
        if isinstance(b, Table) and b.id == "final-table":
            facts += [c.text for row in b.rows for c in row if c.kind == "number"]
    assert len([f for f in facts if f]) > len(d.ledger)
    return [" ".join(f.split()) for f in facts]


def test_the_debrief_says_the_same_in_every_front_end(game: tuple[Session, list[WeekReport]]) -> None:
    s, _ = game
    d = s.finish()
    facts = debrief_facts(d)
    # Whose answer: the household's own ones are the player's or the default; the
    # other roles' ones the computer's or the default.
    assert {a.by for a in d.answers if a.role == ROLE} <= {"player", "default"}
    own = [a for a in d.answers if a.role == ROLE]
    assert len(own) >= 2 and {a.by for a in own} == {"player", "default"}, own
    assert all(a.by in ("computer", "default") for a in d.answers if a.role != ROLE)

    out = io.StringIO()
    LineGame(s, io.StringIO("full\n"), out, alternatives=0).debrief()  # the full debrief is a key away
    texts = {
        "line mode": out.getvalue(),
        "txt": render(d, None, "txt"),
        "md": re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*", "", render(d, None, "md"))),
        "html": html.unescape(re.sub(r"<[^>]+>", "", render(d, None, "html"))),
    }

    async def screen() -> str:
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=(160, 60)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            await pilot.press("f")  # the full debrief is a key away, as in the line mode
            await pilot.pause()
            return widget_text(app.screen)

    texts["Textual"] = asyncio.run(screen())
    for where, text in texts.items():
        flat = " ".join(text.split())
        for fact in facts:
            assert fact in flat, f"{where}: {fact!r} missing"

    data = to_json(d, None)
    assert [(c["dilemma"], c["by"], c["week"]) for c in data["choices"]] == [(a.dilemma, a.by, a.week + 1) for a in d.answers]
    assert [line["value"] for line in data["ledger"]] == [line.value for line in d.ledger]
    assert len(data["turning_points"]) == len(d.turning_points)
    # the players' decisions, then chance apart
    lists = [b for b in debrief_document(d, None).blocks if b.id in ("turning-point-items", "turning-point-chance")]
    items = [x for b in lists if isinstance(b, Items) for x in b.texts]
    assert len(items) == len(data["turning_points"])
    for tp, item in zip(data["turning_points"], items, strict=True):
        assert tp["title"] in item and all(w in item for w in tp["why"])
    assert json.loads(render(d, None, "json")) == json.loads(json.dumps(data))

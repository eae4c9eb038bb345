"""The Textual game's edges: the alternative histories worker, NO_COLOR, bad saves from
the title, the command palette's commands per screen, and the command line's fallback
to the line mode when there is no terminal."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from support import run_corridors

from game.session import Session, parse_seed
from game.ui.app import CorridorsApp
from game.ui.screens.debrief import DebriefScreen, session_alternatives
from game.ui.screens.title import TitleScreen

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def finished() -> Session:
    s = Session.new(seed=3, autosave=False)
    while not s.finished:
        s.advance()
    return s


def test_alternative_histories_run_in_a_worker_with_progress() -> None:
    calls: list[tuple[int, int]] = []

    def runner(session: Session, runs: int, progress: Any) -> Any:
        def told(done: int, total: int) -> None:
            calls.append((done, total))
            progress(done, total)

        return session_alternatives(session, runs, told)

    async def go() -> None:
        session = finished()
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DebriefScreen)
            screen.alternatives = runner
            screen.runs = 40
            await pilot.press("h")
            await app.workers.wait_for_complete()
            await pilot.pause()
            alt = screen.summary
            assert alt is not None and alt.runs == 40 and alt.measures
            for m in alt.measures:
                assert m.historical.p10 <= m.historical.median <= m.historical.p90
            screen.query_one("#doc-alt-spread").scroll_visible(animate=False)
            await pilot.pause()
            shot = app.export_screenshot()
            assert "▲" in shot  # this game, marked among the others
            await pilot.press("g")  # the charts now show the spread at the end
            await pilot.pause()
            from game.ui.screens.charts import ChartsScreen

            assert isinstance(app.screen, ChartsScreen) and app.screen.alternatives is alt
            assert "other&#160;luck" in app.export_screenshot()

    asyncio.run(go())
    assert calls[-1][0] == calls[-1][1] and len(calls) > 1


def test_the_spread_strip_marks_this_game_among_the_others() -> None:
    from game.ui.widgets.document import spread_strip

    inside = spread_strip(5, 0, 4, 10).plain
    assert inside.count("▲") == 1 and "│" in inside and "═" in inside and "below" not in inside
    assert inside.index("│") < inside.index("▲")
    below = spread_strip(-5, 0, 4, 10).plain
    assert below.startswith("▲") and below.endswith(" below")
    assert spread_strip(20, 0, 4, 10).plain.endswith("▲ above")


def played() -> Session:
    """A finished game in which the coordinator acted every week it could."""
    s = Session.new(seed=3, autosave=False)
    while not s.finished:
        for a in s.actions("coordinator"):
            if s.points_left("coordinator") >= a.points and a.available and a.affordable and a.problem is None:
                s.toggle("coordinator", a.id)
        s.advance()
    return s


def test_the_debrief_works_out_turning_points_in_a_worker_and_exports(home: Path) -> None:
    session = played()

    async def go() -> None:
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DebriefScreen)
            await app.workers.wait_for_complete()
            await pilot.pause()
            points = screen.turning_points
            assert points is not None and points == screen.debrief.turning_points
            await pilot.press("f")
            await pilot.pause()
            screen.query_one("#sec-turning-points").scroll_visible(animate=False, top=True)
            await pilot.pause()
            shot = app.export_screenshot()
            assert f"Week&#160;{points[0].week + 1}:" in shot if points else "No&#160;single" in shot
            assert screen.debrief.questions
            screen.query_one("#doc-question-items").scroll_visible(animate=False, top=True)
            await pilot.pause()
            first = screen.debrief.questions[0].text.split()[:3]
            assert "&#160;".join(first) in app.export_screenshot()
            await pilot.press("x")
            await pilot.pause()
            (out,) = (home / "saves").glob("*-debrief.md")
            text = out.read_text(encoding="utf-8")
            assert "Turning points" in text and screen.debrief.questions[0].text.split()[0] in text

    asyncio.run(go())


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def go() -> None:
        app = CorridorsApp(Session.new(seed=1, autosave=False), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.no_color

    asyncio.run(go())


def test_a_broken_save_gives_one_line_and_keeps_the_title(home: Path) -> None:
    saves = home / "saves"
    saves.mkdir()
    bad = saves / "broken.json"
    bad.write_text("{not json", encoding="utf-8")

    async def go() -> None:
        app = CorridorsApp(blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            messages = [n.message for n in app._notifications]
            assert any(m.startswith("Cannot load:") and "\n" not in m for m in messages), messages

    asyncio.run(go())
    assert bad.read_text(encoding="utf-8") == "{not json"  # nothing saved is lost


def test_class_codes_give_the_same_seed() -> None:
    assert parse_seed("") == (None, "")
    assert parse_seed("42") == (42, "")
    assert parse_seed("Room 12B")[0] == parse_seed(" room 12b ")[0]
    assert parse_seed(" Room 12B ")[1] == "Room 12B"
    assert parse_seed("Room 12B")[0] != parse_seed("Room 12C")[0]


def test_palette_commands_follow_the_screen() -> None:
    async def go() -> None:
        session = Session.new(seed=1, autosave=False)
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while type(app.screen).__name__ == "DilemmaScreen":
                names = [n for n, _, _ in app.screen.palette_commands()]  # type: ignore[attr-defined]
                assert names[0].startswith("Choose 1")
                await pilot.press("escape")
                await pilot.pause()
            week = [n for n, _, _ in app.screen.palette_commands()]  # type: ignore[attr-defined]
            assert "End week" in week and any(n.startswith("Plan: ") for n in week)
            await pilot.press("s")
            await pilot.pause()
            sources = [n for n, _, _ in app.screen.palette_commands()]  # type: ignore[attr-defined]
            assert sources == ["Back"]

    asyncio.run(go())


def test_play_without_a_terminal_falls_back_to_the_line_mode(home: Path) -> None:
    r = run_corridors("play", "--seed", "3", home=home, stdin="quit\n")
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == (
        "corridors: not a terminal, so the game runs in line mode (--plain chooses it)."
    )
    assert "Week 1 of" in r.stdout
    saved = list((home / "saves").glob("*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text(encoding="utf-8"))["seed"] == 3


def test_markup_in_scenario_text_is_shown_as_written() -> None:
    from game.scenario import registry
    from game.ui.screens.dilemma import DilemmaScreen

    sc = registry.get(registry.DEFAULT_SCENARIO)
    k = next(i for i, r in enumerate(sc.roles) if r.id == "coordinator")  # the role played
    role = sc.roles[k]
    actions = [role.actions[0].model_copy(update={"name": "[b]Stage[/b]"}), *role.actions[1:]]
    roles = [*sc.roles[:k], role.model_copy(update={"actions": actions}), *sc.roles[k + 1 :]]
    j = next(i for i, d in enumerate(sc.dilemmas) if d.role == "coordinator")
    dilemma = sc.dilemmas[j].model_copy(update={"title": "[red]Corridor[/red]"})
    marked = sc.model_copy(update={"roles": roles, "dilemmas": [*sc.dilemmas[:j], dilemma, *sc.dilemmas[j + 1 :]]})
    session = Session.new(marked, seed=2, autosave=False)
    while dilemma.id not in session.state.dilemmas:
        session.advance()

    async def go() -> None:
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DilemmaScreen)
            assert "[red]Corridor[/red]" in app.export_screenshot()
            await pilot.press("escape")
            await pilot.pause()
            assert "[b]Stage[/b]" in app.export_screenshot()

    asyncio.run(go())


def test_the_key_bar_lists_the_keys_and_runs_them_on_click() -> None:
    from game.ui.widgets.keybar import KeyBar

    async def go() -> None:
        app = CorridorsApp(Session.new(seed=1, autosave=False), blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            while type(app.screen).__name__ == "DilemmaScreen":
                await pilot.press("escape")
                await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            shown = str(bar.render())
            for words in ("End week", "Dilemma", "Charts", "Sources", "Help", "Save", "Quit"):
                assert words in shown, words  # every key listed, none cut off at 80 columns
            line, first, _, _ = next(h for h in bar._hits if h[3] and h[3].binding.action == "help")
            await pilot.click(KeyBar, offset=(first + 1, line))
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"

    asyncio.run(go())


def test_the_map_views_agree_with_the_ledger() -> None:
    s = Session.new(seed=4, autosave=False)
    assert all(d.week_killed == 0 for d in s.districts())  # nothing played yet
    for _ in range(6):
        before = s.ledger()
        s.advance()
        after = s.ledger()
        districts = s.districts()
        assert sum(d.present for d in districts) == after["total"]["present"]
        assert sum(d.killed for d in districts) == after["total"]["killed"]
        assert sum(d.week_killed for d in districts) == after["total"]["killed"] - before["total"]["killed"]
        assert sum(d.hospitals for d in districts) == after["total"]["hospitals"]
        assert all(0 <= r.open_days <= 7 for r in s.routes())
    assert {m.metric for m in s.record_marks()} <= {"present", "killed", "injured", "left", "food_days", "hospitals"}
    ids = {src.id for src in s.all_sources()}
    assert all(cl.source.id in ids for cl in s.all_claims())


def test_play_in_a_terminal_reports_a_bad_argument_after_the_first_frame(home: Path) -> None:
    # `corridors play` on a terminal opens the app first and parses after; a bad argument
    # still ends as the command line's one-line error and exit code.
    import os
    import pty
    import subprocess
    import sys
    import threading

    from support import ROOT

    master, slave = pty.openpty()
    out = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = dict(os.environ, TERM="xterm-256color", CORRIDORS_HOME=str(home))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--role", "pilot"],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True,
    )
    code = proc.wait(timeout=60)
    os.close(slave)
    reader.join(timeout=5)
    os.close(master)
    text = out.decode(errors="replace")
    assert code == 2
    assert 'corridors: error: unknown role "pilot" (valid: ' in text
    assert "Traceback" not in text


def test_alternative_histories_use_worker_processes_from_inside_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    # Enough runs for the historical family to go to worker processes, which the app
    # (it has threads) must spawn; the results are those of the serial batch.
    from game.parallel import MIN_PARALLEL_RUNS

    monkeypatch.setenv("CORRIDORS_WORKERS", "2")
    runs = MIN_PARALLEL_RUNS

    async def go() -> Any:
        app = CorridorsApp(finished(), blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DebriefScreen)
            screen.runs = runs
            await pilot.press("h")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.summary is not None
            return screen.summary

    alt = asyncio.run(go())
    monkeypatch.setenv("CORRIDORS_WORKERS", "1")
    assert alt.runs == runs
    assert alt == finished().alternatives(runs)


def test_notifications_are_plain_text_and_an_earlier_save_is_told() -> None:
    # Notifications carry scenario text and file names: markup in them shows as written
    # (and a stray closing tag cannot break the app).
    session = Session.new(seed=2, autosave=False)
    session.notice = "game [b]old[/b].json was saved with other content [/oops]"

    async def go() -> None:
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            told = {n.message: n for n in app._notifications}
            assert session.notice in told and told[session.notice].title == "Note"
            # Screens ask for markup by default; the app never gives it.
            app.screen.notify("Added to your plan: [red]Send[/red] a convoy.")
            await pilot.pause()
            told = {n.message: n for n in app._notifications}
            assert "Added to your plan: [red]Send[/red] a convoy." in told
            assert all(n.markup is False for n in told.values())

    asyncio.run(go())


def test_the_debrief_opens_short_and_f_shows_the_full_one(home: Path) -> None:
    session = played()

    async def go() -> None:
        app = CorridorsApp(session, blink=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DebriefScreen)
            assert screen.query("#short") and not screen.query("#sec-answers")
            assert "f&#160;" in app.export_screenshot()  # the key is in the footer
            await pilot.press("f")
            await pilot.pause()
            assert not screen.query("#short") and screen.query("#sec-answers")
            await pilot.press("f")
            await pilot.pause()
            assert screen.query("#short")

    asyncio.run(go())

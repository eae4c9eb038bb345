"""The line mode: a whole game from a pipe, plain text only, a hint for what it does not
understand, a save at end of input, and the week's report and debrief."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_corridors

from game.plain import LineGame
from game.plain.line import clean
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
ROLE = "coordinator"


def run(*args: str, stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_corridors("play", *args, home=home, stdin=stdin)


def saves_in(home: Path) -> list[Path]:
    folder = home / "saves"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@pytest.fixture(autouse=True)
def corridors_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def play(session: Session, text: str) -> tuple[int, str]:
    out = io.StringIO()
    code = LineGame(session, io.StringIO(text), out).run()
    return code, out.getvalue()


# ------------------------------------------------------------------ through the command


def test_a_scripted_game_plays_to_the_debrief(tmp_path: Path) -> None:
    home = tmp_path / "h"
    script = "1\n2\n10\nend\n" * 20 + "full\n"  # 10 picks a dilemma option in the weeks that have one
    r = run("--plain", "--seed", "3", stdin=script, home=home)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    out = r.stdout
    assert "\x1b" not in out
    assert all(ch == "\n" or ch.isprintable() for ch in out)
    assert out.startswith("Corridors: eastern Aleppo")
    assert "Content note: " in out
    for week in range(1, 21):
        assert f"Week {week} of 20: " in out
        assert f"Week {week} played " in out
    assert "Debrief: your game against the record." in out
    assert "What happened next (the record)\n" in out
    assert "The dilemmas, and whose answer each was\n" in out
    assert "Turning points\n" in out and "Questions for discussion\n" in out
    assert "1,000 games with your decisions and other luck" in out
    assert out.rstrip().endswith("The end.")
    (save,) = saves_in(home)
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["state"]["week"] == 20 and data["seed"] == 3
    assert Session.load(save).finished


def test_play_without_plain_also_runs_the_line_mode(tmp_path: Path) -> None:
    r = run("--seed", "2", stdin="end\n", home=tmp_path / "h")
    assert r.returncode == 0, r.stderr
    assert "Week 1 played" in r.stdout and "End of input." in r.stdout
    assert "\x1b" not in r.stdout


def test_end_of_input_saves_and_exits_0(tmp_path: Path) -> None:
    home = tmp_path / "h"
    r = run("--plain", "--seed", "4", stdin="1\nend\n2\n", home=home)
    assert r.returncode == 0, r.stderr
    assert "End of input. The game is saved to " in r.stdout
    (save,) = saves_in(home)
    s = Session.load(save)
    assert s.week == 1
    assert s.log[0].decisions[ROLE].actions == ("preposition",)
    # ... and it resumes where it stopped.
    r2 = run("--plain", "--load", str(save), stdin="end\n", home=home)
    assert r2.returncode == 0, r2.stderr
    assert "Resuming at week 2 of 20." in r2.stdout
    assert "Week 2 played" in r2.stdout
    assert Session.load(save).week == 2


def test_a_save_of_a_changed_scenario_resumes_with_a_note_and_is_kept(tmp_path: Path) -> None:
    home = tmp_path / "h"
    run("--plain", "--seed", "4", stdin="1\nend\n", home=home)
    (save,) = saves_in(home)
    data = json.loads(save.read_text(encoding="utf-8"))
    data["scenario_hash"] = "sha256:0"  # as if the scenario had changed since
    save.write_text(json.dumps(data), encoding="utf-8")
    before = save.read_bytes()
    r = run("--plain", "--load", str(save), stdin="end\n", home=home)
    assert r.returncode == 0, r.stderr
    assert f"Note: {save.name} was saved with other content of scenario" in r.stdout
    assert "Resuming at week 2 of 20." in r.stdout and "Week 2 played" in r.stdout
    assert save.read_bytes() == before
    (new,) = [p for p in saves_in(home) if p != save]
    assert Session.load(new).week == 2 and Session.load(new).notice is None


def test_garbage_gets_a_hint_and_the_game_goes_on(tmp_path: Path) -> None:
    r = run("--plain", "--seed", "5", stdin="fly me to the moon\n\x00\x07\n99\nend\nquit\n", home=tmp_path / "h")
    assert r.returncode == 0
    assert "Traceback" not in r.stderr
    assert 'Not understood: "fly me to the moon".' in r.stdout
    assert "There is no choice 99; the choices run from 1 to 9." in r.stdout
    assert "Week 1 played" in r.stdout  # the game went on
    assert "Leaving the game. The game is saved to" in r.stdout
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout


def test_binary_input_does_not_crash(tmp_path: Path) -> None:
    env = dict(os.environ, CORRIDORS_HOME=str(tmp_path / "h"))
    r = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--seed", "1"],
        input=b"\xff\xfe\x80garbage\nend\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0
    assert b"Traceback" not in r.stderr
    assert b"Not understood" in r.stdout and b"Week 1 played" in r.stdout


# ------------------------------------------------------------------ in process


def test_situation_report_and_menu() -> None:
    s = Session.new(seed=3, autosave=False)
    code, out = play(s, "")
    assert code == 0
    assert "Week 1 of 20: 3 July to 9 July 2016." in out
    assert "Phase: The siege closes." in out
    assert "News this week:" in out and "Castello Road under fire" in out
    assert "Sources: Syrian Observatory for Human Rights" in out
    assert "East (simulated): 291,000 people present" in out
    assert "West (simulated): " in out
    assert "Your resources (Humanitarian coordinator): Funds: " in out
    assert "  1. Stage food at the border. Cost: Funds USD 1 million; 1 action point. Sure." in out
    assert "You play: Humanitarian coordinator (a fictional composite)." in out


def test_contested_news_is_marked_with_every_side() -> None:
    s = Session.new(seed=3, autosave=False)
    _, out = play(s, "end\n" * 3)
    assert "- Russia announces corridors (28 July 2016) [contested]" in out
    assert (
        "  Contested: Could civilians use the corridors Russia announced on 28 July?"
        " How many people were in the besieged east?\n"
    ) in out
    # The dispute is marked once, on its question; both sides follow, neither marked.
    assert "  Disputed: Could civilians use the corridors Russia announced on 28 July? What each source says:" in out
    assert "Russian Ministry of Defence and General Staff (russian-mod; pro-government; Russia fought on the government's side), 28 July 2016:" in out
    assert "Syrian Observatory for Human Rights, based in the UK (monitor; leans to the opposition), 28 July 2016:" in out
    assert "[contested]" not in "".join(line for line in out.splitlines() if line.startswith("    "))


def test_toggling_and_refusals() -> None:
    s = Session.new(seed=3, autosave=False)
    _, out = play(s, "1\n4\n3\n1\n3\nstatus\n1 9\n")
    assert "Added to your plan: Stage food at the border." in out
    assert "Added to your plan: Speak out." in out
    assert 'Not possible: "Negotiate access" needs 1 action point; 0 of 2 left this week.' in out
    assert "Taken out of your plan: Stage food at the border." in out
    assert "Your plan: Speak out, Negotiate access. Action points left: 0." in out
    assert "Dilemma" not in out.split("status")[-1]  # no dilemma this week
    assert s.plan(ROLE).actions == ("advocate", "negotiate_access")


def test_commands() -> None:
    s = Session.new(seed=3, autosave=False)
    _, out = play(s, "help\nsources\nassumptions\ninfo 2\nmenu\n")
    for word in ("help", "status", "sources", "save", "end", "quit"):
        assert f"  {word}" in out
    assert "- Syrian Observatory for Human Rights, based in the UK. Stance: monitor. Lean: leans to the opposition." in out
    assert "What the model assumes:" in out
    assert "2. Send a convoy" in out and "How sure: Uncertain" in out
    assert out.count("Your choices this week") == 2


def test_dilemma_options_are_numbered_after_the_actions() -> None:
    s = Session.new(seed=3, autosave=False)
    _, out = play(s, "end\n" * 6 + "11\n11\n12\n")
    assert "Dilemma: Trucks through the corridor?" in out
    assert "  12. Wait for guarantees: " in out and "(What happens if you choose nothing.)" in out
    assert "Chosen for \"Trucks through the corridor?\": Pay traders to carry food in." in out
    assert "Choice taken back for \"Trucks through the corridor?\"" in out
    assert s.dilemmas(ROLE)[0].chosen == "wait"


def test_week_report_explains_changes() -> None:
    s = Session.new(seed=3, autosave=False)
    _, out = play(s, "1\n2\nend\n")
    assert "Week 1 played (3 July to 9 July 2016): what changed and why." in out
    assert "  - Stage food at the border: done." in out
    assert "  - Send a convoy: Convoy allowed in: " in out
    assert "Changes this week (simulated):" in out
    assert "  - killed: East: +" in out
    assert "Why, biggest first (simulated):" in out


def test_save_command(tmp_path: Path) -> None:
    s = Session.new(seed=3, autosave=False)
    target = tmp_path / "mine.json"
    _, out = play(s, f"end\nsave {target}\nsave {tmp_path / 'none' / 'x.json'}\n")
    assert f"Saved to {target}." in out
    assert "Could not save: " in out and "no such folder" in out
    assert Session.load(target).week == 1


def test_gentle_content_level(tmp_path: Path) -> None:
    s = Session.new(seed=3, content="gentle", autosave=False)
    _, out = play(s, "end\n" * 5)
    assert s.scenario.content_note_gentle and s.scenario.content_note_gentle in out
    assert "more than 500 fighters lose their lives. The route is in danger and never safe for civilians." in out
    assert "fighters killed" not in out  # the same figure, in gentler words


def test_resumed_finished_game_shows_the_debrief() -> None:
    s = Session.new(seed=3, autosave=False)
    while not s.finished:
        s.advance()
    code, out = play(s, "")
    assert code == 0
    assert "Debrief: your game against the record." in out
    assert out.count("> ") == 1 and "Type full for the full debrief" in out  # the one question left


def test_scenario_text_cannot_send_escape_codes() -> None:
    assert clean("red \x1b[31malert\x1b[0m and \x9b bell \x07") == "red ?[31malert?[0m and ? bell ?"
    assert clean("tab\tand [bold]markup[/bold] stay") == "tab\tand [bold]markup[/bold] stay"


def test_two_people_take_turns(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    shutil.copytree(ROOT / "scenarios" / "aleppo-2016", folder)
    strategies = "".join(
        f"      {name}: {{summary: \"Report.\", priorities: [report]}}\n"
        for name in ("relief-first", "medical-first", "protect-first", "advocacy-first", "quiet-diplomacy")
    )
    (folder / "roles" / "observer.yaml").write_text(
        "roles:\n"
        "  - id: observer\n"
        "    name: Observer\n"
        "    summary: Watches and reports.\n"
        "    budget: 1\n"
        "    actions:\n"
        "      - {id: report, name: Report, summary: Tell the world., uncertainty: Sure.,"
        " effects: [{add: {attention: 1}}]}\n"
        "    strategies:\n" + strategies,
        encoding="utf-8",
    )
    s = Session.new(str(folder), roles=[ROLE, "observer"], seed=2, autosave=False)
    _, out = play(s, "1\nend\n1\nend\n")
    assert "Now deciding: Humanitarian coordinator." in out
    assert "Now deciding: Observer." in out
    assert "Added to your plan: Report." in out
    assert s.log[0].decisions[ROLE].actions == ("preposition",)
    assert s.log[0].decisions["observer"].actions == ("report",)

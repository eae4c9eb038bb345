"""The reading budget of a lesson game, counted in the line mode (benchmarks/reading.py
counts the words; the table of every length and role is its output): the short debrief
of a lesson game is at most 600 words, with the full debrief a key away; a whole lesson
game is at most 2,500 words of new text in every role: a turn shows its summary and the
news as titles, the full texts a command away, and says shorter what an earlier turn
said in full."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _reading() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reading_bench", ROOT / "benchmarks" / "reading.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["reading_bench"] = module
    spec.loader.exec_module(module)
    return module


reading = _reading()


@pytest.fixture(scope="module")
def lesson() -> tuple[Any, str, str]:
    return reading.read_game("lesson", "coordinator", 1)  # type: ignore[no-any-return]


def test_words_are_counted_as_a_reader_counts_them() -> None:
    assert reading.words("5,000 people; it's 2.5 days - at most") == 7
    assert reading.new_words("Funds: 4; Trucks: 30.\nFunds: 5; Trucks: 30.") == 6


def test_a_lesson_game_is_eight_turns_and_its_short_debrief_fits(lesson: tuple[Any, str, str]) -> None:
    r, game, _ = lesson
    assert r.turns == 8 and r.decisions >= 8
    assert 0 < r.short_words <= reading.SHORT_DEBRIEF_WORDS
    assert r.full_words > r.short_words  # the full debrief, a key away
    assert "Turn 8 of 8, The last rations" in game
    assert "You played Humanitarian coordinator, a lesson game over 20 weeks, seed 1." in lesson[2]


@pytest.mark.parametrize("role", ["envoy", "civil-defence", "household"])
def test_every_role_s_short_debrief_fits(role: str) -> None:
    """The short debrief of a lesson game fits in 600 words in every role (the coordinator's
    is checked above, with its game)."""
    r, _, _ = reading.read_game("lesson", role, 1)
    assert 0 < r.short_words <= reading.SHORT_DEBRIEF_WORDS, (role, r.short_words)
    assert r.full_words > r.short_words


@pytest.mark.parametrize("role", ["envoy", "civil-defence", "household"])
def test_every_role_s_lesson_game_fits(role: str) -> None:
    """A whole lesson game is at most 2,500 new words in every role (the coordinator's is
    checked below, with what it shows)."""
    r, _, _ = reading.read_game("lesson", role, 1)
    assert 0 < r.game_words <= reading.LESSON_GAME_WORDS, (role, r.game_words)


def test_a_lesson_game_fits_its_reading_budget(lesson: tuple[Any, str, str]) -> None:
    r, game, _ = lesson
    assert r.game_words <= reading.LESSON_GAME_WORDS
    # the turn's summary and the news as titles, the full texts a command away
    assert "In these weeks: The road is cut on 17 July" in game
    assert "- The road is cut (17 July) [contested]. Sources: SOHR (monitor); The New Arab (media)." in game
    assert "Advancing through the Mallah farms" not in game


def test_a_lesson_says_once_what_later_turns_say_shorter(lesson: tuple[Any, str, str]) -> None:
    """The year, a resource's scale and the strikes cause's "with no protection" are said
    on the first turn (or in the full report), and later turns say them shorter."""
    _, game, _ = lesson
    turn2 = game[game.index("Turn 2 of 8") :]
    assert "Turn 1 of 8, The last road: 3 to 16 July 2016." in game
    assert "Turn 2 of 8, The road is cut: 17 July to 6 August." in game
    # the first turn words the resources as the role card just above did (its full labels)
    assert "Your resources: Funds: USD 6.9 million; Trucks: 30" in game
    assert "; UN standing with Russia (shared by coordinator and envoy): 0.35 of 1;" in game
    assert " of 1;" not in turn2 and "Standing with Russia: 0." in turn2
    assert "with no protection" not in turn2 and "Strikes in the east: about " in turn2
    assert "Turn 2 played." in turn2 and "Turn 2 played: what changed and why" not in turn2


def test_the_full_texts_are_a_command_away() -> None:
    """`news` prints the turn's news in full with what each source says, and the phase's
    summary; `report` the last turn's report with the computer's roles."""
    import io

    from game.plain.line import LineGame
    from game.session import Session

    s = Session.new(roles="coordinator", seed=1, length="lesson", autosave=False)
    out = io.StringIO()
    LineGame(s, io.StringIO("end\nnews\nreport\nquit\n"), out, alternatives=0).run()
    text = out.getvalue()
    after = text[text.index("The news in full") :]
    assert "Advancing through the Mallah farms" in after  # the road is cut, in full
    assert "What each source says" in after and "The New Arab (media; London-based" in after
    assert "Phase: The siege closes. Government forces close in on Castello Road" in after
    assert "Envoy (historical policy):" in after  # the full report, a command away
    assert "What the computer's roles did, and every cause: type report." in text[: text.index("The news in full")]

"""A household that leaves, in the cases around its epilogue: the game ended early (debrief
now) right after the family left, and a hot-seat game where the household is one of the
roles (the others go on; the household's player sees the epilogue at their own turn and
is offered only what is left of its life), in the full-screen game and the line mode."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from support import play_lines
from textual.pilot import Pilot
from textual.widgets import OptionList

from game.session import Session
from game.ui.app import CorridorsApp
from game.ui.screens.card import RoleCardScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.dilemma import DilemmaScreen
from game.ui.screens.modals import ConfirmScreen, PassScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.week import WeekScreen

SIZE = (100, 30)
EPILOGUE = "The family has left the east"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_HOME", str(tmp_path))
    return tmp_path


def at_the_corridor(roles: list[str], seed: int = 7) -> Session:
    """A game at the first week the household can leave by the Ramouseh corridor."""
    s = Session.new(seed=seed, roles=roles, autosave=False)
    while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
        s.advance()
    return s


def leave_number(s: Session) -> int:
    return next(i for i, a in enumerate(s.actions("household"), 1) if a.id == "leave_ramouseh")


def still_in_the_east(s: Session) -> set[str]:
    """The household's actions that belong to its life in the east (all but speaking out)."""
    return {a.id for a in s.actions("household")} - {"speak_out"}


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.pause()


# ---------------------------------------------------------------------- full screen


def test_debrief_now_right_after_the_family_left() -> None:
    async def go() -> None:
        s = at_the_corridor(["household"])
        app = CorridorsApp(s, blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            while isinstance(app.screen, DilemmaScreen):
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press(str(leave_number(s)), "e")
            await settle(pilot)
            if isinstance(app.screen, ConfirmScreen):
                await pilot.press("y")
                await settle(pilot)
            assert isinstance(app.screen, ReportScreen)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, RoleCardScreen) and app.screen.card.title == EPILOGUE
            assert app.screen.card.offer  # the only player has left: on to the debrief
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)
            await pilot.press("b")  # debrief now, instead of playing the weeks out
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            for _ in range(100):
                await pilot.pause(0.05)
                if isinstance(app.screen, DebriefScreen):
                    break
            assert isinstance(app.screen, DebriefScreen)
            d = app.screen.session.finish(samples=0)
            assert d.ended_early and d.weeks == s.week
            assert not s.finished  # the game itself stays as it was, to go on with
            assert not any(isinstance(x, RoleCardScreen) for x in app.screen_stack)

    asyncio.run(go())


def test_in_hot_seat_the_household_player_gets_the_epilogue_at_their_turn() -> None:
    async def go() -> None:
        s = at_the_corridor(["coordinator", "household"])
        app = CorridorsApp(s, blink=False)
        cards: list[tuple[str, str]] = []  # (whose turn, card title) of each card seen
        shown: list[set[str]] = []  # the household's actions on screen after it left
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            week = s.week
            while s.week < week + 2 and not s.finished:
                scr = app.screen
                if isinstance(scr, RoleCardScreen):
                    cards.append((s.player, scr.card.title))
                    assert not scr.card.offer  # the coordinator plays on: no debrief yet
                    await pilot.press("escape")
                elif isinstance(scr, WeekScreen):
                    if s.player == "household" and s.week > week:
                        ol = scr.query_one("#actions", OptionList)
                        shown.append({str(ol.get_option_at_index(i).id) for i in range(ol.option_count)})
                    if s.player == "household" and s.week == week:
                        await pilot.press(str(leave_number(s)))
                    await pilot.press("e")
                elif isinstance(scr, ConfirmScreen):
                    await pilot.press("y")
                elif isinstance(scr, (PassScreen, ReportScreen, DilemmaScreen)):
                    await pilot.press("escape" if isinstance(scr, DilemmaScreen) else "enter")
                else:
                    raise AssertionError(f"unexpected screen {scr!r}")
                await settle(pilot)
        assert s.leaving("household") is not None and s.leaving("coordinator") is None
        assert cards == [("household", EPILOGUE)]  # once, to the household's player
        assert shown and all(x == {"speak_out"} for x in shown)

    asyncio.run(go())


# ---------------------------------------------------------------------- the line mode


def test_line_debrief_right_after_the_family_left() -> None:
    s = at_the_corridor(["household"])
    out = play_lines(s, f"{leave_number(s)}\nend\ndebrief\n\n")
    assert out.count(f"{EPILOGUE}.") == 1
    epilogue, debrief = out.index(f"{EPILOGUE}."), out.index("This game ended early")
    assert epilogue < out.index("type finish") < debrief
    assert "Leave through the Ramouseh corridor" not in out[epilogue:]
    assert not s.finished


def test_line_hot_seat_epilogue_comes_at_the_household_players_turn() -> None:
    s = at_the_corridor(["coordinator", "household"])
    # the coordinator ends; the household leaves and ends; next week both end; quit
    out = play_lines(s, f"end\n{leave_number(s)}\nend\nend\nend\nquit\n")
    assert out.count(f"{EPILOGUE}.") == 1
    epilogue = out.index(f"{EPILOGUE}.")
    turns = [i for i in range(len(out)) if out.startswith("Now deciding: ", i)]
    before = max(i for i in turns if i < epilogue)
    assert out.startswith("Now deciding: Household.", before)
    assert "type finish" not in out  # the coordinator plays on
    menu = out[epilogue : out.index("> ", epilogue)]
    assert "Tell journalists" in menu and "Buy food at the market" not in menu
    assert still_in_the_east(s) == set()


def test_line_resumed_after_leaving_shows_the_epilogue_once() -> None:
    s = at_the_corridor(["household"])
    s.toggle("household", "leave_ramouseh")
    s.advance()
    out = play_lines(s, "quit\n")
    assert out.count(f"{EPILOGUE}.") == 1


# ------------------------------------------------------------ the dilemmas of a family gone


def test_a_card_overtaken_by_leaving_is_said_honestly_in_the_debrief() -> None:
    """The corridor card comes in the lesson turn the family leaves by the action: the
    card left unanswered took its default ("Stay and wait") before the family went, and
    the debrief says that the family had left that week, not that it stayed."""
    from game.present.debrief import debrief_document
    from game.present.render import to_text

    s = Session.new(seed=11, roles=["household"], length="lesson", autosave=False)
    while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
        s.advance()
    assert "family-corridor" in [d.id for d in s.dilemmas("household")]
    s.toggle("household", "leave_ramouseh")
    s.advance()
    assert s.leaving("household") is not None
    s.play_out()
    d = s.finish(samples=0)
    card = next(a for a in d.answers if a.dilemma == "family-corridor")
    assert (card.by, card.option, card.left) == ("left", "stay", EPILOGUE)
    text = " ".join(to_text(debrief_document(d, None)).split())
    assert "Stay and wait (not answered" not in text
    assert f"A corridor through Ramouseh: not answered, so its default applied (Stay and wait); by the end of week {card.week + 1}: {EPILOGUE}." in text


def without_guard(dilemma: str) -> Session:
    """A game of a scenario whose household card `dilemma` has lost its own condition
    (the family still in the east): the rule alone must keep it from a family gone."""
    from game.scenario import registry

    sc = registry.get(registry.DEFAULT_SCENARIO)
    cards = [d.model_copy(update={"when": None}) if d.id == dilemma else d for d in sc.dilemmas]
    return Session.new(sc.model_copy(update={"dilemmas": cards}), seed=7, roles=["household"], autosave=False)


def test_a_family_that_has_left_is_put_no_dilemma() -> None:
    card = "family-water"
    put: dict[bool, bool] = {}
    for leave in (False, True):
        s = without_guard(card)
        while not any(a.id == "leave_ramouseh" and a.available for a in s.actions("household")):
            s.advance()
        if leave:
            s.toggle("household", "leave_ramouseh")
        put[leave] = False
        while not s.finished:
            put[leave] = put[leave] or card in [d.id for d in s.dilemmas("household")]
            s.advance()
        assert s.leaving("household") is None or leave
        assert all(a.dilemma != card for a in s.finish(samples=0).answers) or not leave
        assert (card in s.state.choices) is not leave
    assert put == {False: True, True: False}

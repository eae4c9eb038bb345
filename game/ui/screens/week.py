"""The week: the city, the ledger, the situation report, and the role's resources and
actions. Digits put actions into the plan; `e` ends the turn (and, after the last
player's turn, plays the week)."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static, TabbedContent, TabPane

from game.present import labels, notices
from game.present.card import role_card
from game.present.keys import END_LESSON_TURN, pick
from game.present.keys import WEEK as KEYS
from game.present.plan import cost_text, end_turn_warning, not_possible, refusal
from game.present.situation import (
    NO_NEWS,
    Situation,
    action_entries,
    header_line,
    situation,
    week_line,
)
from game.present.turn import (
    NEWS_KEY_HEADING,
    NO_REPORT_YET,
    NOTHING_TO_DEBRIEF,
    debrief_now_question,
)
from game.present.words import sources_text
from game.session import DecisionError, Session, SessionError
from game.ui.commands import Command
from game.ui.keys import binding_commands, bound
from game.ui.messages import Navigate, Play
from game.ui.screens.base import ReferenceScreens
from game.ui.screens.weekparts import news_block
from game.ui.text import plain
from game.ui.widgets.actions import ActionPanel
from game.ui.widgets.district_map import DistrictMap
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.ledger import ledger_table

# Columns of the header that its sub-title cannot have: Textual's Header keeps 8 for its
# icon and 10 for its clock (or the clock's place), and puts " — " after the title.
HEADER_FRAME = 8 + 10 + 3


class WeekScreen(ReferenceScreens, Screen[None]):
    CSS_PATH = "week.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        bound("1", "pick(1)", "pick", KEYS, key_display="1-9"),
        *(Binding(str(k), f"pick({k})", pick(k), show=False) for k in range(2, 10)),
        Binding("0", "pick(10)", pick(10), show=False),
        bound("e", "end_turn", "end_week", KEYS),
        bound("d", "dilemma", "dilemma", KEYS),
        bound("c", "tab('city')", "city", KEYS),
        bound("n", "tab('news')", "news", KEYS),
        bound("m", "more_news", "more_news", KEYS),
        bound("r", "report", "report", KEYS),
        bound("g", "charts", "charts", KEYS),
        bound("w", "card", "card", KEYS),
        bound("s", "sources", "sources", KEYS),
        bound("a", "assumptions", "assumptions", KEYS),
        bound("b", "debrief_now", "debrief_now", KEYS),
    ]

    def __init__(self, session: Session, *, card: bool = False) -> None:
        super().__init__()
        self.session = session
        self.show_card = card  # open with the role card (a game's start)
        # A new game's players whose role card has opened (None: the game was not begun
        # here, so no card opens by itself): in hot-seat each player's opens at their
        # first turn.
        self._carded: set[str] | None = set() if card else None
        self._shown_for: tuple[int, int] = (-1, -1)  # (week, turn) of `_shown`
        self._shown: set[str] = set()  # dilemmas opened by themselves this turn
        self.full_news = False  # a lesson turn's news in full (m), not as titles
        self.sit: Situation | None = None  # the situation shown

    @property
    def role(self) -> str:
        return self.session.player

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(id="week-line")
        with Horizontal(id="body"):
            with TabbedContent(id="left", initial="city"):
                with TabPane(labels.CITY_TAB, id="city"):
                    with VerticalScroll(id="city-scroll"):
                        yield DistrictMap(id="map")
                        yield Static(id="ledger")
                with TabPane(labels.NEWS_TAB, id="news"):
                    with VerticalScroll(id="news-scroll"):
                        yield Static(id="phase")
                        yield Static(id="news-items")
            yield ActionPanel(id="right")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_week()
        self.query_one("#actions", OptionList).focus()
        self.call_after_refresh(self.opening)

    def opening(self) -> None:
        """The role card at a game's start (the app asks for it), a role's farewell once
        it has left, else the turn's dilemmas."""
        if self.show_card:
            self.show_card = False
            if self._carded is not None:
                self._carded.add(self.role)
            self.action_card()
        elif not self.farewell():
            self.open_dilemmas()

    # -- showing -----------------------------------------------------------------------
    def refresh_week(self) -> None:
        s = self.session
        sit = situation(s, self.role)
        self.sit = sit
        self.show_header()
        self.show_week_line((sit.who, sit.points, sit.dilemmas))
        self.query_one("#map", DistrictMap).show(s.districts(), s.routes())
        self.query_one("#ledger", Static).update(ledger_table(s.ledger()))
        phase = [plain((sit.heading, "bold")), *([plain(sit.phase)] if sit.phase else []), *(plain(line) for line in sit.also)]
        titles = sit.brief and not self.full_news  # a lesson turn: the news as titles (m: in full)
        if sit.brief:
            phase += [plain(sit.summary), plain(sit.summary_sources, style="italic")]
            if not titles:  # the full texts: the phase's summary too
                w = sit.week
                phase += [plain(f"{w.phase_name}: {w.phase_summary}"), plain(sources_text(w.phase_sources), style="italic")]
        elif sit.phase_sources:  # the phase's summary and its sources once, at its first turn
            phase.append(plain(sit.phase_sources, style="italic"))
        phase.append(Text(""))
        self.query_one("#phase", Static).update(Group(*phase))
        items: RenderableType
        if not sit.news:
            items = plain(NO_NEWS)
        elif titles:
            items = Group(plain((NEWS_KEY_HEADING, "bold")), *(plain(f"▸ {t}") for t in sit.news_titles))
        else:
            items = Group(*(news_block(n) for n in sit.news))
        self.query_one("#news-items", Static).update(items)
        panel = self.query_one(ActionPanel)
        panel.show_resources(sit.resources)
        panel.show_actions(sit.actions)

    def show_header(self) -> None:
        """The header's turn, days and phase, in the form that fits the terminal's width
        (the phase kept at 80 columns)."""
        if self.sit is not None:
            room = self.app.size.width - HEADER_FRAME - len(self.app.title)
            self.app.sub_title = header_line(self.sit, room)

    def on_resize(self) -> None:
        self.show_header()

    def show_week_line(self, line: tuple[str, str, str] | None = None) -> None:
        who, points, dilemmas = line or week_line(self.session, self.role)
        self.query_one("#week-line", Static).update(
            plain((who, "bold"), points, dilemmas),
            layout=False,  # one line, always (week.tcss): no layout of the screen for it
        )

    def refresh_plan(self) -> None:
        """What a change to the plan changes: the points left and the actions (the map,
        the ledger, the phase, the news and the resources follow the state, which a plan
        does not change until the turn is played)."""
        self.show_week_line()
        self.query_one(ActionPanel).show_actions(action_entries(self.session, self.role), in_place=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option_index + 1)

    # -- acting ------------------------------------------------------------------------
    def action_pick(self, n: int) -> None:
        s = self.session
        acts = s.actions(self.role)
        if not 1 <= n <= len(acts):
            self.notify(notices.no_number(n, len(acts), "action"))
            return
        a = acts[n - 1]
        try:
            added = s.toggle(self.role, a.id)
        except DecisionError as e:
            self.notify(not_possible(s, e), severity="warning", timeout=6)
            return
        self.query_one(ActionPanel).highlight(n)
        self.notify(notices.plan_toggled(a.name, added), timeout=2)
        self.refresh_plan()

    def open_dilemmas(self) -> None:
        """Show the first unanswered dilemma of this turn not shown yet, if any (each opens
        by itself once a turn; `d` opens them again)."""
        key = (self.session.week, self.session.turn)
        if self._shown_for != key:
            self._shown_for, self._shown = key, set()
        pending = [
            d
            for d in self.session.dilemmas(self.role)
            if d.chosen is None and d.id not in self._shown
        ]
        if pending:
            self._shown.add(pending[0].id)
            self.action_dilemma(pending[0].id)

    def action_dilemma(self, which: str | None = None) -> None:
        ds = self.session.dilemmas(self.role)
        if not ds:
            self.notify(notices.NO_DILEMMA, timeout=2)
            return
        d = next((x for x in ds if x.id == which), ds[0])
        self.post_message(Navigate("dilemma", self.session, self.role, d, done=self._after_dilemma))

    def _after_dilemma(self, _: None) -> None:
        self.refresh_week()
        self.open_dilemmas()

    def action_end_turn(self) -> None:
        warning = end_turn_warning(self.session, self.role)
        if warning:
            self.post_message(
                Navigate("confirm", warning, yes=notices.END_THE_TURN, no=notices.GO_BACK, done=self._confirmed)
            )
        else:
            self.end_turn()

    def action_card(self) -> None:
        """The role card (for a role that has left the game's story, its epilogue first,
        with the offer to play on to the debrief)."""
        self.post_message(Navigate("card", role_card(self.session, self.role), done=self._after_card))

    def _after_card(self, finish: bool | None) -> None:
        if finish:
            self.notify(notices.PLAYING_OUT, timeout=3)
            self.call_after_refresh(self._play_out)
        else:
            self.open_dilemmas()

    def _play_out(self) -> None:
        s = self.session
        try:
            s.play_out()
        except SessionError as e:
            self.notify(notices.weeks_not_played(e), severity="error", timeout=8)
            return
        self.post_message(Play(s, opening=False))

    def farewell(self) -> bool:
        """Once a game, when the role has left the game's story: its epilogue and the
        offer (True if it opened)."""
        s = self.session
        seen: set[tuple[str, str]] = self.app.__dict__.setdefault("_farewells", set())
        key = (s.game_id, self.role)
        if key in seen or s.finished or s.leaving(self.role) is None:
            return False
        seen.add(key)
        self.action_card()
        return True

    def _next_player(self) -> None:
        """The next player has the keyboard: their role card at their first turn of a new
        game, their farewell once their role has left, else the turn's dilemmas."""
        if self._carded is not None and self.session.week == 0 and self.role not in self._carded:
            self._carded.add(self.role)
            self.action_card()  # its close opens the dilemmas
        elif not self.farewell():
            self.open_dilemmas()

    def _confirmed(self, yes: bool | None) -> None:
        if yes:
            self.end_turn()

    def end_turn(self) -> None:
        s = self.session
        if s.end_turn():
            self.refresh_week()
            name = s.role_info(self.role).name
            self.post_message(
                Navigate(
                    "pass",
                    notices.pass_keyboard(name),
                    done=lambda _: self._next_player(),
                )
            )
            return
        try:
            s.advance()
        except SessionError as e:
            self.notify(notices.week_not_played(refusal(s, e)), severity="error", timeout=8)
            return
        if s.autosave_error:
            self.notify(notices.not_autosaved(s.autosave_error), severity="error")
        # the week is brought up to date under the report, once the report is on screen
        self.action_report(refresh=not s.finished)

    def action_report(self, refresh: bool = False) -> None:
        if self.session.last_report is None:
            self.notify(NO_REPORT_YET, timeout=3)
            return
        shown = self.refresh_week if refresh else None
        self.post_message(
            Navigate("report", self.session, self.session.last_report, done=self._after_report, shown=shown)
        )

    def _after_report(self, _: None) -> None:
        if self.session.finished:
            self.post_message(Play(self.session, opening=False))
        elif not self.farewell():
            self.open_dilemmas()

    def action_debrief_now(self) -> None:
        s = self.session
        if s.week == 0:
            self.notify(NOTHING_TO_DEBRIEF, timeout=3)
            return
        self.post_message(
            Navigate(
                "confirm",
                debrief_now_question(s.week),
                yes=notices.DEBRIEF_NOW,
                no=notices.GO_BACK,
                done=self._debrief_confirmed,
            )
        )

    def _debrief_confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            ended = self.session.ended_now()
        except SessionError as e:
            self.notify(refusal(self.session, e), severity="error", timeout=5)
            return
        self.post_message(Play(ended, opening=False))

    def action_tab(self, name: str) -> None:
        self.query_one("#left", TabbedContent).active = name

    def key_description(self, b: Binding) -> str:
        """A key's short name in this game: ending a lesson turn is not ending a week."""
        if b.id == "end_week" and self.session.length == "lesson":
            return END_LESSON_TURN
        return b.description

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """More news only in a lesson game, whose turns show the news as titles."""
        if action == "more_news":
            return self.session.length == "lesson"
        return True

    def action_more_news(self) -> None:
        self.full_news = not self.full_news
        self.action_tab("news")
        self.refresh_week()

    def palette_commands(self) -> list[Command]:
        cmds = binding_commands(self, self.BINDINGS, leave_out=["pick"])
        for i, a in enumerate(self.session.actions(self.role)):
            said = labels.plan_command(i + 1, a.name, a.planned, cost_text(self.session, a.cost))
            cmds.append((*said, partial(self.action_pick, i + 1)))
        return cmds

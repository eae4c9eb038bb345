"""The line mode: the whole game in plain text, one line of input at a time.

Made for screen readers, braille displays and scripts: no colour, no escape codes, no
cursor tricks and no markup (scenario text is printed as written, with any control
characters replaced). Input is read line by line from a stream, output written with
`print`, so a game can be played from a pipe:

    printf '1\\n2\\nend\\n' | corridors play --plain --seed 3

Every change to the game goes through `game.session.Session`.
"""

from __future__ import annotations

import sys
from typing import TextIO

from game.plain.ending import DEFAULT_ALTERNATIVES, LineEnding
from game.present import lines as lw
from game.present import notices
from game.present.card import card_lines, role_card
from game.present.lines import (
    HELP,
    MENU_END,
    action_line,
    answer_lines,
    deciding_line,
    dilemma_lines,
    full_news_lines,
    ledger_lines,
    menu_heading,
    opening_lines,
    option_line,
    plan_line,
    resources_line,
    situation_lines,
    status_heading,
    title_lines,
)
from game.present.plan import action_reason, not_possible, refusal, unanswered_said
from game.present.render import clean
from game.present.situation import news_entry, situation
from game.present.sources import WEEK_SOURCES, source_line
from game.session import (
    DecisionError,
    DilemmaInfo,
    Session,
    SessionError,
)
from game.session.spans import news_during

__all__ = ["DEFAULT_ALTERNATIVES", "LineGame", "clean", "run"]


class LineGame(LineEnding):
    """One line-mode game over a session: its opening, the week, and the commands."""

    # -- the game -------------------------------------------------------------------
    def run(self) -> int:
        s = self.session
        self.opening()
        if s.finished:
            self.debrief()
            return 0
        self.week_start()
        while True:
            print("> ", end="", file=self.out, flush=True)
            line = self.inp.readline()
            if not line:
                self.blank()
                self.save_and_leave(lw.END_OF_INPUT)
                return 0
            if self.handle(line.strip()):
                return 0

    def opening(self) -> None:
        s = self.session
        self.say(*title_lines(s))
        for role in s.roles:
            self.card(role)
            if s.leaving(role) is not None:  # a resumed game: the card had its epilogue
                self._told.add(role)
        self._carded.update(s.roles)  # their first resources line is worded as the card
        self.say(*opening_lines(s))

    def card(self, role: str) -> None:
        """The role card, as lines."""
        self.say(*card_lines(role_card(self.session, role)))
        self.blank()

    def week_start(self) -> None:
        self.situation()
        self.turn_start()

    @property
    def _carded(self) -> set[str]:
        """The roles whose card has just been shown: their next resources line is worded
        as the card words them."""
        carded: set[str] = self.__dict__.setdefault("_cards_shown", set())
        return carded

    @property
    def _told(self) -> set[str]:
        """The roles whose epilogue has been shown."""
        told: set[str] = self.__dict__.setdefault("_farewells", set())
        return told

    def farewell(self) -> None:
        """Once a game, at the turn of a player whose role has left the game's story
        (in hot-seat, when that player has the keyboard): its card, with the epilogue
        first."""
        role = self.role
        if role not in self._told and self.session.leaving(role) is not None:
            self._told.add(role)
            self.blank()
            self.card(role)

    def turn_start(self) -> None:
        s = self.session
        if len(s.roles) > 1:
            self.blank()
            self.say(deciding_line(s, self.role))
        self.farewell()
        self.resources()
        self.menu()

    def situation(self) -> None:
        s = self.session
        w = s.week_info()
        self.blank()
        self.say(*situation_lines(situation(s, self.role)))
        if w.length != "lesson" or w.turn == 1:
            # In a lesson, the turn's report has just shown where the ledger stands
            # (status shows it again).
            self.blank()
            self.ledger()

    def full_news(self) -> None:
        """The full texts of a brief turn's news (and of the weeks inside the turn just
        played), with what each source says."""
        s = self.session
        during = s.news_of(news_during(s.last_reports)) if s.last_reports else []
        self.say(*full_news_lines(s, self.role, [news_entry(n) for n in [*during, *s.news()]]))

    def ledger(self) -> None:
        self.say(*ledger_lines(self.session.ledger()))

    def resources(self) -> None:
        s = self.session
        carded = self.role in self._carded
        self._carded.discard(self.role)
        self.say(resources_line(situation(s, self.role), s.role_info(self.role).name, len(s.roles), as_card=carded))

    def menu(self) -> None:
        s = self.session
        role = self.role
        sit = situation(s, role)
        self.items = {}
        n = 0
        self.blank()
        self.say(menu_heading(sit.week, s.points_left(role), s.role_info(role).budget))
        for a in sit.actions:
            n += 1
            self.items[n] = ("action", a.id, "")
            self.say(f"  {n}. {action_line(a)}")
        for d in s.dilemmas(role):
            self.blank()
            self.say(*dilemma_lines(d, short=sit.brief))
            for o in d.options:
                n += 1
                self.items[n] = ("option", o.id, d.id)
                self.say(f"  {n}. {option_line(s, o, short=sit.brief)}")
        self.blank()
        self.say(MENU_END)

    # -- input ----------------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Act on one line of input; True when the game is over or left."""
        words = line.split()
        if not words:
            self.say(lw.HINT)
            return False
        cmd = words[0].lower()
        if all(w.isdigit() for w in words):
            for w in words:
                self.pick(int(w))
            return False
        if cmd in ("help", "?", "h"):
            self.say(HELP)
        elif cmd in ("menu", "list", "choices"):
            self.menu()
        elif cmd == "info" and len(words) == 2 and words[1].isdigit():
            self.info(int(words[1]))
        elif cmd == "status":
            self.status()
        elif cmd == "sources":
            self.sources()
        elif cmd in ("news", "more") and len(words) == 1:
            self.full_news()
        elif cmd == "report" and len(words) == 1:
            self.last_report()
        elif cmd == "assumptions":
            self.assumptions()
        elif cmd == "save":
            self.save(" ".join(line.split(None, 1)[1:]).strip() or None)
        elif cmd in ("role", "card") and len(words) == 1:
            self.card(self.role)
        elif cmd == "end" and len(words) == 1:
            return self.end_turn()
        elif cmd == "debrief" and len(words) == 1:
            return self.debrief_now()
        elif cmd == "finish" and len(words) == 1:
            return self.finish()
        elif cmd in ("quit", "exit", "q") and len(words) == 1:
            self.save_and_leave(lw.LEAVING)
            return True
        else:
            self.say(lw.not_understood(line))
        return False

    def pick(self, n: int) -> None:
        s = self.session
        item = self.items.get(n)
        if item is None:
            top = max(self.items) if self.items else 0
            self.say(lw.no_choice(n, top))
            return
        kind, ident, dilemma = item
        role = self.role
        try:
            if kind == "action":
                name = next(a.name for a in s.actions(role) if a.id == ident)
                added = s.toggle(role, ident)
                self.say(notices.plan_toggled(name, added))
            else:
                d = next(x for x in s.dilemmas(role) if x.id == dilemma)
                label = next(o.label for o in d.options if o.id == ident)
                if d.chosen == ident:
                    s.choose(role, dilemma, None)
                    default = next(o.label for o in d.options if o.is_default)
                    self.say(lw.taken_back(d.title, default))
                else:
                    s.choose(role, dilemma, ident)
                    self.say(lw.chosen(d.title, label))
        except DecisionError as e:
            self.say(not_possible(s, e))
        self.plan_line()

    def plan_line(self) -> None:
        self.say(plan_line(self.session, self.role))

    def info(self, n: int) -> None:
        s = self.session
        item = self.items.get(n)
        if item is None:
            self.say(lw.no_choice(n))
            return
        kind, ident, dilemma = item
        if kind == "action":
            a = next(x for x in s.actions(self.role) if x.id == ident)
            self.say(*lw.info_lines(n, a.name, a.summary, a.uncertainty))
            if a.sources:
                self.say(lw.info_sources(a.sources))
            reason = action_reason(s, a)
            if reason:
                self.say(lw.info_now(reason))
        else:
            d: DilemmaInfo = next(x for x in s.dilemmas(self.role) if x.id == dilemma)
            o = next(x for x in d.options if x.id == ident)
            self.say(*lw.info_lines(n, f"{o.label} ({d.title})", o.text, o.uncertainty))

    def status(self) -> None:
        s = self.session
        self.say(status_heading(s.week_info()))
        self.ledger()
        self.resources()
        self.say(*answer_lines(s, self.role))
        self.plan_line()

    def sources(self) -> None:
        s = self.session
        self.say(WEEK_SOURCES, *(source_line(src) for src in s.sources()))

    def assumptions(self) -> None:
        self.say(lw.ASSUMES)
        for title, text in self.session.assumptions():
            self.say(lw.assumption_line(title, text))

    def end_turn(self) -> bool:
        s = self.session
        said = unanswered_said(s, self.role)
        if said:  # said before the turn ends (points left are shown with the plan)
            self.say(said)
        if s.end_turn():
            self.turn_start()
            return False
        try:
            report = s.advance()
        except SessionError as e:
            self.say(notices.week_not_played(refusal(s, e)))
            return False
        self.report(report)
        if s.autosave_error:
            self.say(lw.autosave_failed(s.autosave_error))
        if s.finished:
            self.debrief()
            return True
        self.week_start()
        return False

def run(
    session: Session,
    inp: TextIO | None = None,
    out: TextIO | None = None,
    *,
    alternatives: int = DEFAULT_ALTERNATIVES,
    export: str | None = None,
) -> int:
    """Play a session in line mode; returns the exit code (0). At the end the debrief is
    shown (with `alternatives` histories of each kind; 0 for none) and, if `export`
    names a file, written to it in the format its extension names."""
    return LineGame(
        session, inp or sys.stdin, out or sys.stdout, alternatives=alternatives, export=export
    ).run()

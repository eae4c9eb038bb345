"""Playing a game's turns: a turn played (each week it covers stepped by the engine,
logged, then the game autosaved and the observers told), every week left played out, and
the log replayed to check it gives the state. `Session` builds on this part."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from game.engine.core import IllegalDecision, WeekReport, step
from game.model.state import GameState, RoleDecision
from game.session.base import DecisionError, SessionError, first_difference, replay_with_report
from game.session.review.changed import week_decisions
from game.session.saves import LogEntry
from game.session.saving import SessionSaving
from game.session.spans import span_report


class SessionTurns(SessionSaving):
    """Playing the turns; see the module's docstring."""

    # Called with the session after every turn is played and saved (a class game's
    # result record is written then, so a teacher sees the game in progress).
    after_turn: list[Callable[[Self], None]]
    last_reports: list[WeekReport]  # the weeks of the last turn played

    def advance(self: Self) -> WeekReport:
        """Play the turn: every week it covers (one in a full game, several in a lesson
        game: see `span`). Automated roles decide by policy every week; a human role's
        plan is taken in the turn's first week and its actions again in each later week
        of the turn as far as the rules allow (`legal_part`), and its answer to a
        dilemma coming later in the turn is given when the dilemma comes. Every week
        joins the log; the game is autosaved once the turn is played. Returns the
        turn's report (the weeks' reports joined, in a lesson game: `span_report`)."""
        if self.finished:
            raise SessionError("the game is over: every week has been played")
        first, stop = self.span
        plans = dict(self._plans)
        self._turn_start = (first, self._state)  # for `your_part`
        reports = [self._play_week(plans, week == first) for week in range(first, stop)]
        self._plans = {}
        self._turn = 0
        self.last_reports = reports
        self.last_report = reports[0] if len(reports) == 1 else span_report(reports)
        if self.autosave:
            self._autosave()
        for observer in self.after_turn:
            observer(self)
        return self.last_report

    def _play_week(self, plans: dict[str, RoleDecision], first: bool) -> WeekReport:
        """Step one week of the turn at hand (see `advance`)."""
        c, s = self.compiled, self._state
        # The first week's plan was checked as it was made; a later week takes the part
        # of it the rules allow then (the replays of "your part" play a turn the same way).
        decisions = week_decisions(c, s, plans, self.roles, self._policy, first)
        try:
            new_state, report = step(c, s, decisions, check=True, explain=True)
        except IllegalDecision as e:
            raise (DecisionError.of(e.problems[0]) if e.problems else DecisionError(str(e))) from e
        self._log.append(LogEntry(week=s.week, decisions=decisions))
        self._state = new_state
        return report

    def play_out(self) -> None:
        """Play every week left with the plans people have made (none, for weeks not yet
        begun): for a game whose players' roles have all left its story, on to the
        debrief."""
        while not self.finished:
            self.advance()

    def replay(self) -> GameState:
        """Rebuild the game from its seed and decision log, and check that it gives
        exactly the current state. Raises SessionError("does not replay: ...") if not."""
        try:
            s, report = replay_with_report(self.compiled, self.seed, self._log)
        except SessionError as e:
            raise SessionError(f"does not replay: {e}") from e
        if s != self._state:
            raise SessionError(
                f"does not replay: its decision log gives a different state ({first_difference(s, self._state)} differs)"
            )
        if self.last_report is None:  # a resumed game: its last week's report again
            self.last_report = report
        return s

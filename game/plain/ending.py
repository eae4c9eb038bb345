"""The line mode's output and its parts that end a game: saving, leaving, the week's
report, debrief now, finishing once the players' roles have left, and the debrief (the
short one, then the full one if asked, or written to a file)."""

from __future__ import annotations

from typing import TextIO

from game.present import WeekReport, notices
from game.present import lines as endings
from game.present.export import format_for, render
from game.present.plan import refusal
from game.present.render import clean
from game.present.render import to_text as document_text
from game.present.short import FULL_KEY_LINE, short_debrief_document
from game.present.turn import NO_REPORT_YET, turn_report
from game.session import (
    ALTERNATIVE_RUNS,
    Alternatives,
    Debrief,
    SaveError,
    Session,
    SessionError,
    write_text_atomic,
)

DEFAULT_ALTERNATIVES = ALTERNATIVE_RUNS


class LineEnding:
    """A line-mode game's output, its saves and its end (`LineGame` plays the weeks)."""

    def __init__(
        self,
        session: Session,
        inp: TextIO,
        out: TextIO,
        *,
        alternatives: int = DEFAULT_ALTERNATIVES,
        export: str | None = None,
    ) -> None:
        self.session = session
        self.inp = inp
        self.out = out
        self.alternatives = alternatives  # histories of each kind the debrief runs (0: none)
        self.export = export  # a file to write the debrief to at the end
        self.items: dict[int, tuple[str, str, str]] = {}  # menu number -> (kind, id, dilemma)
        self._alt: Alternatives | None = None  # the alternative histories, once run

    # -- output ---------------------------------------------------------------------
    def say(self, *lines: str) -> None:
        for line in lines:
            print(clean(line), file=self.out)

    def blank(self) -> None:
        print(file=self.out)

    @property
    def role(self) -> str:
        return self.session.player


    def save(self, path: str | None) -> None:
        try:
            where = self.session.save(path)
        except SaveError as e:
            self.say(notices.could_not_save(e))
            return
        self.say(notices.saved_to(where))

    def save_and_leave(self, why: str) -> None:
        try:
            where = self.session.save()
        except SaveError as e:
            self.say(endings.leave_unsaved(why, e))
            return
        self.say(*endings.leave_saved(why, where))

    def debrief_now(self) -> bool:
        """End the game at this turn: save it (unfinished, to go on with later) and show
        the debrief of the weeks played. True once it is shown."""
        s = self.session
        try:
            ended = s.ended_now()
        except SessionError as e:
            self.say(f"{refusal(s, e)}.")
            return False
        self.save_and_leave(notices.GAME_ENDS_HERE)
        self.session = ended
        self.debrief()
        return True

    def finish(self) -> bool:
        s = self.session
        if not s.players_gone:
            self.say(endings.NOT_YET_FINISH)
            return False
        try:
            s.play_out()
        except SessionError as e:
            self.say(notices.weeks_not_played(e))
            return False
        self.say(endings.PLAYED_WITHOUT_YOU)
        self.debrief()
        return True

    # -- reports ---------------------------------------------------------------------
    def report(self, r: WeekReport) -> None:
        s = self.session
        self.blank()
        # the turn just played is its weeks' reports; an earlier week's report is its own
        weeks = s.last_reports if s.last_reports and s.last_report is r else [r]
        short = s.length == "lesson"  # the computer's roles a command away
        self.say(*document_text(turn_report(s, weeks, r, short=short), compact=True).splitlines())

    def last_report(self) -> None:
        """The last turn's report in full (the computer's roles too)."""
        s = self.session
        if s.last_report is None:
            self.say(NO_REPORT_YET)
            return
        weeks = s.last_reports or [s.last_report]
        self.say(*document_text(turn_report(s, weeks, s.last_report), compact=True).splitlines())

    def debrief(self) -> None:
        """The short debrief; then, if the player types `full`, the full one (with the
        alternative histories, if any are asked for); written to `export` if given."""
        s = self.session
        d = s.finish()
        self.blank()
        self.say(*document_text(short_debrief_document(d)).splitlines())
        if self.export:
            self.full_debrief(d, show=False)
        self.blank()
        self.say(FULL_KEY_LINE)
        print("> ", end="", file=self.out, flush=True)
        answer = self.inp.readline().strip().lower()
        if answer in ("full", "f", "more"):
            self.full_debrief(d, show=True)
        self.blank()
        if s.autosave and not s.autosave_error:
            self.say(notices.game_saved_to(s.autosave_path))
        self.say(endings.THE_END)

    def full_debrief(self, d: Debrief, *, show: bool) -> None:
        """The full debrief: shown, or written to `export`."""
        s = self.session
        alt = self._alt
        if alt is None and self.alternatives > 0:
            self.blank()
            self.say(endings.comparing(self.alternatives))
            marks = {25, 50, 75}

            def progress(done: int, total: int) -> None:
                pct = 100 * done // total if total else 100
                for m in sorted(marks):
                    if pct >= m:
                        marks.discard(m)
                        self.say(endings.done_percent(m))

            alt = self._alt = s.alternatives(self.alternatives, progress=progress)
        if show:
            self.blank()
            self.say(*render(d, alt, "txt").splitlines())
            return
        target = self.export or ""
        try:
            where = write_text_atomic(target, render(d, alt, format_for(target)), shared=True)
            self.say(endings.debrief_written(where))
        except SaveError as e:
            self.say(endings.debrief_not_written(e))

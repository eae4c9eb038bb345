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

from game.present import WeekReport
from game.present.card import card_lines, role_card
from game.present.export import format_for, render
from game.present.ledger import zone_summary
from game.present.plan import action_reason, cost_text, not_possible, refusal, unanswered_said
from game.present.render import clean
from game.present.render import to_text as document_text
from game.present.short import FULL_KEY_LINE, short_debrief_document
from game.present.sources import WEEK_SOURCES, source_line
from game.present.turn import (
    comes_words,
    length_intro,
    phase_line,
    turn_heading,
    turn_report,
    turn_word,
)
from game.present.words import certainty, day, resource_text, source_names, span, topics
from game.session import (
    ActionInfo,
    Alternatives,
    ClaimInfo,
    Debrief,
    DecisionError,
    DilemmaInfo,
    NewsItem,
    OptionInfo,
    SaveError,
    Session,
    SessionError,
    write_text_atomic,
)

__all__ = ["LineGame", "certainty", "clean", "day", "run", "span"]

DEFAULT_ALTERNATIVES = 1000

HELP = """Commands:
  a number, or several (like: 1 3): put an action into your plan or take it out; pick a dilemma option
  menu: list this week's choices again
  info N: more about choice N (what it does, how sure it is, its sources)
  status: the ledger, your resources and your plan
  sources: the sources of this week's news, with their stance
  assumptions: what the model assumes where the record is silent
  role: your role card (who you are, what you can and cannot change, what to watch)
  save, or save FILE: save the game (to this game's save file, or to FILE)
  end: end your turn and play the week (it says first what is left undone)
  debrief: end the game here and see the debrief of the weeks played (the game stays saved)
  finish: once your role has left the game's story, play the remaining weeks and see the debrief
  quit: save the game and stop
  help: this list"""

HINT = "Type a number from the list, end to play the week, or help for the commands."


class LineGame:
    """One line-mode game over a session."""

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
                self.save_and_leave("End of input.")
                return 0
            if self.handle(line.strip()):
                return 0

    def opening(self) -> None:
        s = self.session
        sc = s.scenario
        self.say(sc.title, "")
        self.say(f"Content note: {s.content_note()}", "")
        for role in s.roles:
            self.card(role)
        if s.automated:
            names = ", ".join(s.role_info(r).name for r in s.automated)
            self.say(f"Played by the computer ({s.policy} policy): {names}.")
        from_code = f', from the class code "{s.code}"' if s.code else ""
        self.say(
            "Numbers marked simulated come from the game's model, not from the record;"
            " facts from the record name their sources.",
            f"Game seed: {s.seed}{from_code} (a game with the same seed meets the same luck).",
            f"The game is saved after every {turn_word(s.week_info())} to {s.autosave_path}.",
            "Type help at any time for the commands.",
        )
        intro = length_intro(s.week_info())
        if intro:
            self.say(intro)
        if s.notice:
            self.say(f"Note: {s.notice}")
        if s.week > 0 and not s.finished:
            w = s.week_info()
            self.say(f"Resuming at {turn_word(w)} {w.turn if w.length == 'lesson' else w.number} of {w.turns}.")

    def card(self, role: str) -> None:
        """The role card, as lines."""
        self.say(*card_lines(role_card(self.session, role)))
        self.blank()

    def week_start(self) -> None:
        self.situation()
        self.farewell()
        self.turn_start()

    def farewell(self) -> None:
        """Once a game, when a player's role has left the game's story: its card, with
        the epilogue first."""
        s = self.session
        told: set[str] = self.__dict__.setdefault("_farewells", set())
        for role in s.roles:
            if role not in told and s.leaving(role) is not None:
                told.add(role)
                self.blank()
                self.card(role)

    def turn_start(self) -> None:
        s = self.session
        if len(s.roles) > 1:
            self.blank()
            self.say(f"Now deciding: {s.role_info(self.role).name}.")
        self.resources()
        self.menu()

    def situation(self) -> None:
        s = self.session
        w = s.week_info()
        self.blank()
        self.say(turn_heading(w))
        self.say(phase_line(w))
        for name, first, last in w.also:
            self.say(f"Also this week: {name} ({span(first, last)}).")
        if w.phase_new:  # the phase's summary and sources once, at its first turn
            self.say(f"Sources: {source_names(w.phase_sources)}.")
        news = s.news()
        self.blank()
        if news:
            self.say("News this week:")
            for item in news:
                self.news_item(item)
        else:
            self.say("No news this week.")
        if w.length != "lesson" or w.turn == 1:
            # In a lesson, the turn's report has just shown where the ledger stands
            # (status shows it again).
            self.blank()
            self.ledger()

    def news_item(self, item: NewsItem) -> None:
        when = f" ({day(item.date)})" if item.date else ""
        mark = " [contested]" if item.is_contested else ""
        sim = " [simulated: the model's own event]" if item.simulated else ""
        self.say(f"- {item.title}{when}{mark}{sim}", f"  {item.text}")
        self.say(f"  Sources: {source_names(item.sources)}.")
        if item.contested:
            self.say(f"  Contested: {item.contested}" + ("" if item.contested.endswith("?") else "."))
        lesson = self.session.length == "lesson"
        # A lesson shows the disputes side by side; an undisputed fact's claims are in
        # the item's own text (sources shows them).
        self.side_by_side(item.claims, disputed_only=lesson)

    def side_by_side(self, claims: tuple[ClaimInfo, ...], *, disputed_only: bool = False) -> None:
        """Each topic's question (marked once if disputed), then what each source says."""
        for t in topics(claims):
            if disputed_only and not t.contested:
                continue
            self.say(f"  {t.title} What each source says:")
            for cl in t.claims:
                self.say(f"    {cl.line()}")

    def ledger(self) -> None:
        entry = self.session.ledger()
        self.say("Civilian ledger (simulated by the model, not a record):")
        self.say(f"  East (simulated): {zone_summary(entry, 'east')}.")
        self.say(f"  West (simulated): {zone_summary(entry, 'west')}.")

    def resources(self) -> None:
        s = self.session
        info = s.role_info(self.role)
        res = "; ".join(resource_text(r.label, r.value, r.unit, r.high) for r in s.resources(self.role))
        self.say(f"Your resources ({info.name}): {res}.")

    def menu(self) -> None:
        s = self.session
        role = self.role
        self.items = {}
        n = 0
        left = s.points_left(role)
        self.blank()
        self.say(
            f"Your choices this {turn_word(s.week_info())} ({left} of {s.role_info(role).budget} action points left):"
        )
        for a in s.actions(role):
            n += 1
            self.items[n] = ("action", a.id, "")
            self.say(f"  {n}. {self.action_line(a)}")
        for d in s.dilemmas(role):
            self.blank()
            mark = " [contested]" if d.contested else ""
            self.say(
                f"Dilemma: {d.title}{mark}", f"  {d.text}", f"  Sources: {source_names(d.sources)}."
            )
            if d.comes is not None:
                self.say(f"  {comes_words(d.comes)}")
            if d.contested:
                self.say(f"  Contested: {d.contested}" + ("" if d.contested.endswith("?") else "."))
            self.side_by_side(d.claims)
            for o in d.options:
                n += 1
                self.items[n] = ("option", o.id, d.id)
                self.say(f"  {n}. {self.option_line(o)}")
        self.blank()
        self.say(
            "Type a number to put it into your plan or take it out; end to play the week; help for more."
        )

    def action_line(self, a: ActionInfo) -> str:
        parts = [a.name + "."]
        cost = cost_text(self.session, a.cost)
        pts = f"{a.points} action point{'s' if a.points != 1 else ''}"
        parts.append(f"Cost: {cost}; {pts}." if cost else f"Cost: {pts}.")
        verdict = certainty(a.uncertainty)
        if verdict:
            parts.append(f"{verdict}.")
        if a.planned:
            parts.append("[in your plan]")
        elif not a.available:
            parts.append("[not possible this week]")
        elif not a.affordable:
            parts.append("[cannot afford]")
        return " ".join(parts)

    def option_line(self, o: OptionInfo) -> str:
        parts = [f"{o.label}: {o.text}"]
        cost = cost_text(self.session, o.cost)
        if cost:
            parts.append(f"Cost: {cost}.")
        parts.append(o.uncertainty)
        if o.is_default:
            parts.append("(What happens if you choose nothing.)")
        if o.chosen:
            parts.append("[chosen]")
        elif not o.affordable:
            parts.append("[cannot afford]")
        return " ".join(parts)

    # -- input ----------------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """Act on one line of input; True when the game is over or left."""
        words = line.split()
        if not words:
            self.say(HINT)
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
            self.save_and_leave("Leaving the game.")
            return True
        else:
            shown = line if len(line) <= 40 else line[:40] + "..."
            self.say(f'Not understood: "{shown}". {HINT}')
        return False

    def pick(self, n: int) -> None:
        s = self.session
        item = self.items.get(n)
        if item is None:
            top = max(self.items) if self.items else 0
            self.say(
                f"There is no choice {n}; the choices run from 1 to {top}. Type menu to list them."
            )
            return
        kind, ident, dilemma = item
        role = self.role
        try:
            if kind == "action":
                name = next(a.name for a in s.actions(role) if a.id == ident)
                added = s.toggle(role, ident)
                self.say(f"{'Added to' if added else 'Taken out of'} your plan: {name}.")
            else:
                d = next(x for x in s.dilemmas(role) if x.id == dilemma)
                label = next(o.label for o in d.options if o.id == ident)
                if d.chosen == ident:
                    s.choose(role, dilemma, None)
                    default = next(o.label for o in d.options if o.is_default)
                    self.say(
                        f'Choice taken back for "{d.title}": if you choose nothing, "{default}" happens.'
                    )
                else:
                    s.choose(role, dilemma, ident)
                    self.say(f'Chosen for "{d.title}": {label}.')
        except DecisionError as e:
            self.say(not_possible(s, e))
        self.plan_line()

    def plan_line(self) -> None:
        s = self.session
        role = self.role
        plan = s.plan(role)
        names = {a.id: a.name for a in s.actions(role)}
        acts = ", ".join(names[a] for a in plan.actions) or "no actions"
        self.say(f"Your plan: {acts}. Action points left: {s.points_left(role)}.")

    def info(self, n: int) -> None:
        s = self.session
        item = self.items.get(n)
        if item is None:
            self.say(f"There is no choice {n}. Type menu to list them.")
            return
        kind, ident, dilemma = item
        if kind == "action":
            a = next(x for x in s.actions(self.role) if x.id == ident)
            self.say(f"{n}. {a.name}", f"  {a.summary}", f"  How sure: {a.uncertainty}")
            if a.sources:
                self.say(f"  Sources: {source_names(a.sources)}.")
            reason = action_reason(s, a)
            if reason:
                self.say(f"  Now: {reason}.")
        else:
            d: DilemmaInfo = next(x for x in s.dilemmas(self.role) if x.id == dilemma)
            o = next(x for x in d.options if x.id == ident)
            self.say(f"{n}. {o.label} ({d.title})", f"  {o.text}", f"  How sure: {o.uncertainty}")

    def status(self) -> None:
        s = self.session
        w = s.week_info()
        self.say(f"Week {w.number} of {w.weeks}: {span(w.start, w.end)}. Phase: {w.phase_name}.")
        self.ledger()
        self.resources()
        for d in s.dilemmas(self.role):
            chosen = next((o.label for o in d.options if o.chosen), None)
            default = next(o.label for o in d.options if o.is_default)
            self.say(
                f'Dilemma "{d.title}": '
                + (f'you chose "{chosen}".' if chosen else f'no choice yet (default: "{default}").')
            )
        self.plan_line()

    def sources(self) -> None:
        s = self.session
        self.say(WEEK_SOURCES, *(source_line(src) for src in s.sources()))

    def assumptions(self) -> None:
        self.say("What the model assumes:")
        for title, text in self.session.assumptions():
            self.say(f"- {title}: {text}")

    def save(self, path: str | None) -> None:
        try:
            where = self.session.save(path)
        except SaveError as e:
            self.say(f"Could not save: {e}")
            return
        self.say(f"Saved to {where}.")

    def save_and_leave(self, why: str) -> None:
        try:
            where = self.session.save()
        except SaveError as e:
            self.say(f"{why} Could not save the game: {e}")
            return
        self.say(
            f"{why} The game is saved to {where}.", f"Resume with: corridors play --load {where}"
        )

    def debrief_now(self) -> bool:
        """End the game at this turn: save it (unfinished, to go on with later) and show
        the debrief of the weeks played. True once it is shown."""
        s = self.session
        try:
            ended = s.ended_now()
        except SessionError as e:
            self.say(f"{e}.")
            return False
        self.save_and_leave("The game ends here.")
        self.session = ended
        self.debrief()
        return True

    def finish(self) -> bool:
        s = self.session
        if not s.players_gone:
            self.say("Not now: finish plays the remaining weeks once your role has left the game's story.")
            return False
        try:
            s.play_out()
        except SessionError as e:
            self.say(f"The weeks cannot be played: {e}")
            return False
        self.say("The remaining weeks are played without you.")
        self.debrief()
        return True

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
            self.say(f"The week cannot be played: {refusal(s, e)}")
            return False
        self.report(report)
        if s.autosave_error:
            self.say(f"Warning: the game could not be saved: {s.autosave_error}")
        if s.finished:
            self.debrief()
            return True
        self.week_start()
        return False

    # -- reports ---------------------------------------------------------------------
    def report(self, r: WeekReport) -> None:
        s = self.session
        self.blank()
        # the turn just played is its weeks' reports; an earlier week's report is its own
        weeks = s.last_reports if s.last_reports and s.last_reports[-1] is r else [r]
        self.say(*document_text(turn_report(s, weeks, r), compact=True).splitlines())

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
            self.say(f"The game is saved to {s.autosave_path}.")
        self.say("The end.")

    def full_debrief(self, d: Debrief, *, show: bool) -> None:
        """The full debrief: shown, or written to `export`."""
        s = self.session
        alt = self._alt
        if alt is None and self.alternatives > 0:
            self.blank()
            self.say(
                f"Comparing your game with {self.alternatives:,} alternative histories of each"
                " kind (simulated); this takes a few seconds."
            )
            marks = {25, 50, 75}

            def progress(done: int, total: int) -> None:
                pct = 100 * done // total if total else 100
                for m in sorted(marks):
                    if pct >= m:
                        marks.discard(m)
                        self.say(f"  {m}% done.")

            alt = self._alt = s.alternatives(self.alternatives, progress=progress)
        if show:
            self.blank()
            self.say(*render(d, alt, "txt").splitlines())
            return
        target = self.export or ""
        try:
            where = write_text_atomic(target, render(d, alt, format_for(target)), shared=True)
            self.say(f"The debrief is written to {where}.")
        except SaveError as e:
            self.say(f"Could not write the debrief: {e}")


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

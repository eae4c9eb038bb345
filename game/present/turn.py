"""Turns and lengths in words: a turn's heading (a week of the full game, or a turn of
the lesson calendar covering several weeks), the report of a lesson turn, and the words
of debrief now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from game.engine.core import WeekReport
from game.present.causes import outcomes_text
from game.present.changed import decision_lines, missed_lines, shown, your_part_blocks
from game.present.doc import Block, Document, Heading, Items, Paragraph, spans
from game.present.labels import COST
from game.present.names import Names
from game.present.week import METRICS, ZONES, answer_words, change_cell, week_report, why_lines
from game.present.words import certainty, day_month, plural, short_sources_text, signed, span
from game.session import NewsItem, OptionInfo, Session, WeekInfo
from game.session.spans import join_causes, news_during

MAX_TURN_CAUSES = 2
SHORT_TURN_CAUSES = 1  # the line mode's lesson turn: the biggest (report: the others)


def turn_heading(w: WeekInfo) -> str:
    """ "Week 3 of 20: 17 July to 23 July 2016." or, in a lesson game, "Turn 2 of 8, The
    road is cut: 17 July to 6 August 2016." """
    if w.length != "lesson":
        return f"Week {w.number} of {w.weeks}: {span(w.start, w.end)}."
    return f"Turn {w.turn} of {w.turns}, {w.turn_name}: {turn_span(w)}."


def turn_span(w: WeekInfo) -> str:
    """A lesson turn's days in its heading: "3 to 16 July 2016" at the first turn, then
    without the year the first one named ("17 July to 6 August")."""
    a, b = w.start, w.span_end or w.end
    if a.year != b.year:
        return span(a, b)
    days = f"{a.day} to {day_month(b)}" if a.month == b.month else f"{day_month(a)} to {day_month(b)}"
    return f"{days} {b.year}" if w.turn == 1 else days


def turn_word(w: WeekInfo) -> str:
    """What a turn is called: "week" in the full game, "turn" in a lesson."""
    return "turn" if w.length == "lesson" else "week"


def length_intro(w: WeekInfo) -> str:
    """What a lesson game is, said once at its opening ("" for the full game)."""
    if w.length != "lesson":
        return ""
    return (
        f"This is the lesson game: {plural(w.turns, 'turn')} at the moments that decided the siege."
        " Your plan is taken each week of a turn, as far as you can pay for it; a dilemma later"
        " in the turn is answered now."
    )


def brief(w: WeekInfo) -> bool:
    """Whether the turn is told briefly: a lesson turn with its scenario's summary shows
    the summary instead of the phase's, and the news as titles, the full texts a key
    away (`news_key_line`)."""
    return w.length == "lesson" and bool(w.turn_summary)


def phase_line(w: WeekInfo) -> str:
    """The phase: its name and summary at the first turn of the phase, its name after
    (a brief turn names a new phase only: its summary says what happens)."""
    if brief(w):  # a new phase's name ("" for the phase going on)
        return f"Phase: {w.phase_name}." if w.phase_new else ""
    if w.phase_new:
        return f"Phase: {w.phase_name}. {w.phase_summary}"
    return f"Phase: {w.phase_name} (as before)."


def summary_line(w: WeekInfo) -> str:
    """A brief turn's summary of its weeks ("" for any other turn)."""
    return f"In these weeks: {w.turn_summary}" if brief(w) else ""


def news_title(item: NewsItem) -> str:
    """A news item in a line: its title, day (the turn's heading names the year) and
    marks, and its sources."""
    when = f" ({day_month(item.date)})" if item.date else ""
    mark = " [contested]" if item.is_contested else ""
    if item.simulated:  # the model is its source
        return f"{item.title}{when}{mark} [simulated event]."
    return f"{item.title}{when}{mark}. {short_sources_text(item.sources)}"


def option_brief(o: OptionInfo, cost: str) -> str:
    """A dilemma's option in a brief turn, as an action is shown: its label, its cost (in
    words, game.present.plan.cost_text) and how sure it is in a word (its text and the
    reasons: info)."""
    verdict = certainty(o.uncertainty)
    parts = [f"{o.label}.", f"{COST}{cost}." if cost else "", f"{verdict}." if verdict else ""]
    return " ".join(p for p in parts if p)


DISPUTE_KEY = "What each source says: type news."
NEWS_HEADING = "News (the full texts: type news)"
NEWS_KEY_HEADING = "News (the full texts: press m)"
FULL_NEWS_HEADING = "The news in full, with what each source says"
NO_REPORT_YET = "No week has been played yet."


def turn_title(w: WeekInfo) -> str:
    """The header's short form: "Week 3 of 20" or "Turn 2 of 8: The road is cut"."""
    if w.length != "lesson":
        return turn_count(w)
    return f"{turn_count(w)}: {w.turn_name}"


def turn_count(w: WeekInfo) -> str:
    """ "Week 3 of 20" or "Turn 2 of 8" (without the lesson turn's name)."""
    if w.length != "lesson":
        return f"Week {w.number} of {w.weeks}"
    return f"Turn {w.turn} of {w.turns}"


def turn_dates(w: WeekInfo) -> str:
    return span(w.start, w.span_end or w.end)


def end_turn_words(w: WeekInfo) -> str:
    """What ending the turn plays: "the week" or "the 3 weeks of this turn"."""
    n = w.last - w.index + 1
    return "the week" if n == 1 else f"the {n} weeks of this turn"


def comes_words(d: dt.date | None) -> str:
    """A dilemma coming later in a lesson turn: "comes on 14 August 2016: answer now"."""
    return "" if d is None else f"It comes in the week of {day_month(d)}, later in this turn. Your answer now is given then."


def debrief_now_question(weeks: int) -> str:
    return (
        f"End the game here and see the debrief of the {plural(weeks, 'week')} played? The game"
        " stays saved: you can go on with it later."
    )


NOTHING_TO_DEBRIEF = "No week has been played yet, so there is nothing to debrief."


COUNTS = ("killed", "injured", "left")  # the ledger's running totals
COMPUTER_KEY_LINE = "What the computer's roles did, and every cause: type report."


def turn_report(session: Session, reports: Sequence[WeekReport], first: WeekReport, *, short: bool = False) -> Document:
    """The report of a turn: a week's report in a full game; a lesson turn's covers its
    weeks (`reports`, the weeks' own, in order; `first` the joined report): what each
    role did (each action once, with the weeks it was taken), the news of the weeks
    inside the turn, what changed, and why. `short`: the people's roles only, with a
    line saying where the computer's are (the line mode's lesson turn)."""
    if not reports or (len(reports) < 2 and session.length != "lesson"):
        return week_report(session, reports[0] if reports else first)
    names = Names.of_session(session)
    start = dt.date.fromisoformat(reports[0].date)
    end = dt.date.fromisoformat(reports[-1].date) + dt.timedelta(days=6)
    n = len(reports)
    blocks: list[Block] = []
    part = session.your_part(reports[0].week)
    # short: an action that was simply done, or a dilemma you answered, whose effect a
    # cause line below gives, is named there only
    explained = {(p.role, p.kind, p.ref) for p in part.decisions if shown(p.changes)} if short and part else set()
    # The people's roles first, then the computer's, a line each.
    order = [*session.roles, *(r.id for r in session.scenario.roles if r.id not in session.roles)]
    for role in order:
        human = role in session.roles
        counts: dict[str, int] = {}
        for r in reports:
            for ro, a, _ in r.actions:
                if ro == role:
                    counts[a] = counts.get(a, 0) + 1
        answers = [(r.week, d, o) for r in reports for (ro, d, o) in r.choices if ro == role]
        if not counts and not answers and not human:
            continue
        if not human and short:
            if not any(b.id == "acts:computer" for b in blocks):
                blocks.append(Paragraph(spans(COMPUTER_KEY_LINE), id="acts:computer"))
            continue
        if not human:
            # The computer's roles in a line: what they did, each action named once.
            done = "; ".join(names.action(role, a) for a in counts)
            blocks.append(Paragraph(spans(f"{names.who(role)}: {done or 'no actions'}."), id=f"acts:{role}"))
            continue
        blocks.append(Heading(names.who(role), 2, id=f"role:{role}"))
        items = []
        for a, k in counts.items():
            outcomes = [o for r in reports for (ro, x, o) in r.actions if ro == role and x == a]
            last = outcomes_text(outcomes[-1], names) if outcomes else "done"
            if last == "done" and (role, "action", a) in explained:
                continue
            # short: every week of the turn goes without saying (the lesson's plan is taken so)
            weeks = "" if n == 1 or (short and k == n) else ", every week" if k == n else f", {plural(k, 'week')} of {n}"
            items.append(spans(f"{names.action(role, a)}{weeks}: {last}."))
        if not counts:
            items.append(spans("No actions this turn."))
        for week, did, opt in answers:
            by = session.answer_by(week, role, did, opt)
            if by == "player" and (role, "choice", did) in explained:
                continue
            # short, one player: an answer under "You" is yours without saying so
            whose = "" if short and by == "player" and len(session.roles) == 1 else f" ({answer_words(by, names, role)})"
            items.append(spans(f"Dilemma “{names.dilemma(did)}”: {names.option(did, opt)}{whose}."))
        blocks.append(Items(tuple(items), id=f"acts:{role}"))
    during = session.news_of(news_during(reports))
    if during:
        blocks.append(Heading("News in these weeks", 2, id="during"))
        blocks.append(Items(tuple(spans(news_title(item)) for item in during), id="news-during"))
    for zone, name in ZONES:
        parts = []
        for metric, label in METRICS:
            cell = change_cell(first.before, first.after, zone, metric)
            # what did not change is left out, and the people present (what the killed
            # and the departures leave) is in the ledger
            if cell.text != "–" and cell.value != 0 and metric != "present":
                # short: the counts' change alone (status has the totals), a level's too
                text = signed(cell.value or 0, 0) if short and metric in COUNTS else cell.text
                parts.append(f"{label} {text}")
        blocks.append(Paragraph(spans((f"{name} (simulated): ", "strong"), "; ".join(parts) + "."), id=f"changes:{zone}"))
    # what "your part" is measured against is said in full on the first turn, then shorter
    full = not session.scenario.lesson or session.scenario.lesson[0].start == start
    blocks.extend(your_part_blocks(part, names, "turn", full))
    blocks.append(Heading("Why, biggest first (simulated)", 2, id="why"))
    causes = join_causes([c for r in reports for c in r.causes])
    most = SHORT_TURN_CAUSES if short else MAX_TURN_CAUSES
    why = why_lines(causes, first.before, first.after, names, most, full or not short)
    # the line mode's lesson turn: your decisions and the biggest cause; the full report
    # (`report`) every cause: what else your decisions did, the historical ones you left
    # out, and a cause for every row that moved
    if short:
        lines = decision_lines(part, names, full) + why[:most]
    else:
        lines = decision_lines(part, names, full, own=True) + missed_lines(part, names) + why
    if lines:
        blocks.append(Items(tuple(spans(x) for x in lines), ordered=True, id="causes"))
    else:
        blocks.append(Paragraph(spans("Nothing large changed this turn."), id="causes"))
    turn = next((f"Turn {k} played" for k, t in enumerate(session.scenario.lesson, 1) if t.start == start), "")
    title = turn or f"The turn of {span(start, end)}"  # the turn's heading named it
    # the line mode's lesson turn says what its report is on the first turn, then its name
    said = ": what changed and why" if full or not short else ""
    return Document(f"{title}{said}", tuple(blocks), kind="week-report")

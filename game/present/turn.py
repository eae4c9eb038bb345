"""Turns and lengths in words: a turn's heading (a week of the full game, or a turn of
the lesson calendar covering several weeks), the report of a lesson turn, and the words
of debrief now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from game.engine.core import WeekReport
from game.present.causes import outcomes_text
from game.present.changed import decision_lines, your_part_blocks
from game.present.doc import Block, Document, Heading, Items, Paragraph, spans
from game.present.names import Names
from game.present.week import METRICS, ZONES, answer_words, change_cell, week_report, why_lines
from game.present.words import day, plural, span
from game.session import Session, WeekInfo
from game.session.spans import join_causes, news_during

MAX_TURN_CAUSES = 2


def turn_heading(w: WeekInfo) -> str:
    """ "Week 3 of 20: 17 July to 23 July 2016." or, in a lesson game, "Turn 2 of 8, The
    road is cut: 17 July to 6 August 2016 (weeks 3 to 5 of 20)." """
    if w.length != "lesson":
        return f"Week {w.number} of {w.weeks}: {span(w.start, w.end)}."
    end = w.span_end or w.end
    weeks = f"week {w.number}" if w.last == w.index else f"weeks {w.number} to {w.last + 1}"
    return f"Turn {w.turn} of {w.turns}, {w.turn_name}: {span(w.start, end)} ({weeks} of {w.weeks})."


def turn_word(w: WeekInfo) -> str:
    """What a turn is called: "week" in the full game, "turn" in a lesson."""
    return "turn" if w.length == "lesson" else "week"


def length_intro(w: WeekInfo) -> str:
    """What a lesson game is, said once at its opening ("" for the full game)."""
    if w.length != "lesson":
        return ""
    return (
        f"This is the lesson game: {plural(w.turns, 'turn')} at the moments that decided the siege,"
        f" over the {w.weeks} weeks. Each turn plays the weeks it covers: your actions are taken"
        " in its first week and again each week after, as far as you can pay for them, and a"
        " dilemma that comes later in the turn is answered now. Type debrief to end the game"
        " at any turn."
    )


def phase_line(w: WeekInfo) -> str:
    """The phase: its name and summary at the first turn of the phase, its name after."""
    if w.phase_new:
        return f"Phase: {w.phase_name}. {w.phase_summary}"
    return f"Phase: {w.phase_name} (as before)."


def turn_title(w: WeekInfo) -> str:
    """The header's short form: "Week 3 of 20" or "Turn 2 of 8: The road is cut"."""
    if w.length != "lesson":
        return f"Week {w.number} of {w.weeks}"
    return f"Turn {w.turn} of {w.turns}: {w.turn_name}"


def turn_dates(w: WeekInfo) -> str:
    return span(w.start, w.span_end or w.end)


def end_turn_words(w: WeekInfo) -> str:
    """What ending the turn plays: "the week" or "the 3 weeks of this turn"."""
    n = w.last - w.index + 1
    return "the week" if n == 1 else f"the {n} weeks of this turn"


def comes_words(d: dt.date | None) -> str:
    """A dilemma coming later in a lesson turn: "comes on 14 August 2016: answer now"."""
    return "" if d is None else f"This comes in the week of {day(d)}, later in this turn: your answer now is given then."


def debrief_now_question(weeks: int) -> str:
    return (
        f"End the game here and see the debrief of the {plural(weeks, 'week')} played? The game"
        " stays saved: you can go on with it later."
    )


NOTHING_TO_DEBRIEF = "No week has been played yet, so there is nothing to debrief."


def turn_report(session: Session, reports: Sequence[WeekReport], first: WeekReport) -> Document:
    """The report of a turn: a week's report in a full game; a lesson turn's covers its
    weeks (`reports`, the weeks' own, in order; `first` the joined report): what each
    role did (each action once, with the weeks it was taken), the news of the weeks
    inside the turn, what changed, and why."""
    if len(reports) < 2:
        return week_report(session, reports[0] if reports else first)
    names = Names.of_session(session)
    start = dt.date.fromisoformat(reports[0].date)
    end = dt.date.fromisoformat(reports[-1].date) + dt.timedelta(days=6)
    n = len(reports)
    blocks: list[Block] = []
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
            items.append(spans(f"{names.action(role, a)}, {plural(k, 'week')} of {n}: {last}."))
        if not counts:
            items.append(spans("No actions this turn."))
        for week, did, opt in answers:
            by = session.answer_by(week, role, did, opt)
            items.append(spans(f"Dilemma “{names.dilemma(did)}”: {names.option(did, opt)} ({answer_words(by, names, role)})."))
        blocks.append(Items(tuple(items), id=f"acts:{role}"))
    during = news_during(reports)
    if during:
        by_id = {e.id: e for e in session.scenario.events}
        items = []
        for eid in during:
            e = by_id.get(eid)
            if e is None:
                continue
            when = f" ({day(e.date)})" if e.date else ""
            items.append(spans(f"{names.event(eid)}{when}"))
        if items:
            blocks.append(Heading("In these weeks", 2, id="during"))
            blocks.append(Items(tuple(items), id="news-during"))
    for zone, name in ZONES:
        parts = []
        for metric, label in METRICS:
            cell = change_cell(first.before, first.after, zone, metric)
            if cell.text != "–":
                parts.append(f"{label} {cell.text}")
        blocks.append(Paragraph(spans((f"{name} (simulated): ", "strong"), "; ".join(parts) + "."), id=f"changes:{zone}"))
    part = session.your_part(reports[0].week)
    blocks.extend(your_part_blocks(part, names, "turn"))
    blocks.append(Heading("Why, biggest first (simulated)", 2, id="why"))
    causes = join_causes([c for r in reports for c in r.causes])
    lines = decision_lines(part, names) + why_lines(causes, first.before, first.after, names, MAX_TURN_CAUSES)
    if lines:
        blocks.append(Items(tuple(spans(x) for x in lines), ordered=True, id="causes"))
    else:
        blocks.append(Paragraph(spans("Nothing large changed this turn."), id="causes"))
    return Document(f"Turn played ({span(start, end)}, {plural(n, 'week')}): what changed and why", tuple(blocks), kind="week-report")

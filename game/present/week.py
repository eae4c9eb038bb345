"""The week report as a document: what each role did (its actions and what became of
them, its dilemma answers and whose answer each was), the changes of the week, and why,
largest causes first."""

from __future__ import annotations

import datetime as dt

from game.engine.core import WeekReport
from game.present.causes import cause_text, outcomes_text
from game.present.doc import Block, Cell, Document, Heading, Items, Paragraph, Table, spans
from game.present.names import Names
from game.present.words import number, signed, week_span
from game.session import Session

MAX_CAUSES = 8
METRICS = (
    ("killed", "killed"),
    ("injured", "injured"),
    ("left", "left"),
    ("present", "present"),
    ("food_days", "food (days)"),
    ("hospitals", "hospitals"),
)
ZONES = (("east", "East"), ("west", "West"))
FRACTIONAL = ("food_days",)  # the ledger's figures that can mean a fraction

def answer_words(by: str, names: Names, role: str) -> str:
    if by == "player":
        return "your answer" if len(names.humans) == 1 else f"the answer of {names.role(role)}"
    if by == "computer":
        return f"the computer's answer ({names.policy} policy)"
    return "the default: no answer was given"


def change_cell(before: dict[str, object], after: dict[str, object], zone: str, metric: str) -> Cell:
    a, b = before[zone][metric], after[zone][metric]  # type: ignore[index]
    if a is None or b is None:
        return Cell("–")
    d = float(b) - float(a)
    digits = 1 if metric in FRACTIONAL else 0  # people and hospitals come whole
    return Cell(f"{signed(d, digits)} (now {number(float(b), digits)})", "signed", round(d, digits))


def week_report(session: Session, r: WeekReport) -> Document:
    """The report of week `r` (0-based `r.week`) of the session's game."""
    names = Names.of_session(session)
    start = dt.date.fromisoformat(r.date)
    blocks: list[Block] = []
    roles = [ro.id for ro in session.scenario.roles]
    for role in roles:
        acts = [(a, o) for (ro, a, o) in r.actions if ro == role]
        chosen = [(d, o) for (ro, d, o) in r.choices if ro == role]
        human = role in session.roles
        if not acts and not chosen and not human:
            continue
        blocks.append(Heading(names.who(role), 2, id=f"role:{role}"))
        items = [spans(f"{names.action(role, a)}: {outcomes_text(o, names)}.") for a, o in acts]
        if not acts and human:
            items.append(spans("No actions this week."))
        for did, opt in chosen:
            by = session.answer_by(r.week, role, did, opt)
            more = r.choice_outcomes.get(did)
            result = f" Then: {outcomes_text(more, names)}." if more else ""
            items.append(
                spans(f"Dilemma “{names.dilemma(did)}”: {names.option(did, opt)} ({answer_words(by, names, role)}).{result}")
            )
        blocks.append(Items(tuple(items), id=f"acts:{role}"))
    if not blocks:
        blocks.append(Paragraph(spans("Nobody acted this week."), id="nobody"))
    rows = tuple(
        (Cell(label), *(change_cell(r.before, r.after, z, metric) for z, _ in ZONES)) for metric, label in METRICS
    )
    blocks.append(
        Table(
            ("measure", *(name for _, name in ZONES)),
            rows,
            title="Changes this week (simulated)",
            numeric=(False, True, True),
            id="changes",
        )
    )
    blocks.append(Heading("Why, biggest first (simulated)", 2, id="why"))
    causes = sorted(r.causes, key=lambda x: -abs(x.amount))[:MAX_CAUSES]
    if causes:
        blocks.append(Items(tuple(spans(cause_text(c, names)) for c in causes), ordered=True, id="causes"))
    else:
        blocks.append(Paragraph(spans("Nothing large changed this week."), id="causes"))
    return Document(
        f"Week {r.week + 1} played ({week_span(start)}): what changed and why", tuple(blocks), kind="week-report"
    )


def causes_texts(session: Session, r: WeekReport) -> list[str]:
    """Why the week went as it did: every cause, largest first, in words at the session's
    content level (all simulated)."""
    names = Names.of_session(session)
    return [cause_text(c, names) for c in sorted(r.causes, key=lambda x: -abs(x.amount))]

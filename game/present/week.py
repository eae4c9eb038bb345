"""The week report as a document: what each role did (its actions and what became of
them, its dilemma answers and whose answer each was), the changes of the week, and why,
largest causes first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from game.engine.core import Cause, WeekReport
from game.present.causes import cause_text, outcomes_text
from game.present.changed import decision_lines, missed_lines, your_part_blocks
from game.present.doc import Block, Cell, Document, Heading, Items, Paragraph, Table, spans
from game.present.names import Names
from game.present.words import number, plural, signed, week_span
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
    part = session.your_part(r.week)
    blocks.extend(your_part_blocks(part, names))
    blocks.append(Heading("Why, biggest first (simulated)", 2, id="why"))
    lines = decision_lines(part, names, own=True) + missed_lines(part, names) + why_lines(r.causes, r.before, r.after, names, MAX_CAUSES)
    if lines:
        blocks.append(Items(tuple(spans(x) for x in lines), ordered=True, id="causes"))
    else:
        blocks.append(Paragraph(spans("Nothing large changed this week."), id="causes"))
    return Document(
        f"Week {r.week + 1} played ({week_span(start)}): what changed and why", tuple(blocks), kind="week-report"
    )


def moved_rows(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, float]]:
    """The change table's rows that moved: (zone, metric, change), people present left
    out (it moves by the killed and the departures, each a row of its own)."""
    out = []
    for metric, _ in METRICS:
        for zone, _ in ZONES:
            cell = change_cell(before, after, zone, metric)
            if metric != "present" and isinstance(cell.value, float | int) and cell.value != 0:
                out.append((zone, metric, float(cell.value)))
    return out


def row_clause(zone: str, metric: str, d: float, names: Names) -> str:
    """A row of the change table that moved with no cause the engine reports for it,
    as a clause: "225 injured in the east"."""
    where = "the east" if zone == "east" else "the west"
    n = number(abs(d), 1 if metric in FRACTIONAL else 0)
    if metric == "injured":
        return f"{n} {'hurt' if names.gentle else 'injured'} in {where}"
    if metric == "killed":
        return f"{n} {'lives lost' if names.gentle else 'killed'} in {where}"
    if metric == "left":
        return f"{n} left {where}"
    if metric == "food_days":
        return f"{n} days of food eaten in {where}" if d < 0 else f"{n} more days of food in {where}"
    if metric == "hospitals":
        return f"{plural(abs(d), 'more hospital' if d > 0 else 'fewer hospital')} working in {where}" + (" (repairs)" if d > 0 else "")
    return f"{metric.replace('_', ' ')} {signed(d)} in {where}"


ROWS_HEAD = "Also, with no single cause"
# Causes that go on every week (the wounded, the food eaten, the repairs): each gives its
# row a cause, after the causes that differ from week to week.
STEADY = ("wounded", "eaten", "repairs")


def _rank(c: Cause) -> tuple[bool, float]:
    return c.what in STEADY, -abs(c.amount)


def row_causes(causes: Sequence[Cause], zone: str, metric: str, d: float) -> list[Cause]:
    """The causes that explain a row of the change table that moved by `d`: the first of
    its own (the biggest, steady ones last), and if that one went the other way, the
    biggest that went the row's way (the food brought in, and the food eaten)."""
    own = sorted((c for c in causes if c.measure == f"{metric}.{zone}"), key=_rank)
    if not own:
        return []
    picked = [own[0]]
    if (own[0].amount > 0) != (d > 0):
        picked += [c for c in own if c.amount and (c.amount > 0) == (d > 0)][:1]
    return picked


def why_lines(
    causes: Sequence[Cause], before: dict[str, Any], after: dict[str, Any], names: Names, most: int, full: bool = True
) -> list[str]:
    """The causes, biggest first: at least one for every row of the change table that
    moved (the biggest the engine reported for it, or the change itself where it
    reported none), then the biggest others, up to `most` (more if the rows need it);
    not `full`: in their shorter wordings (`cause_text`)."""
    ranked = sorted(causes, key=_rank)
    chosen: list[Cause] = []
    extra: list[str] = []
    last = ""
    for zone, metric, d in moved_rows(before, after):
        own = row_causes(ranked, zone, metric, d)
        if not own:
            clause = row_clause(zone, metric, d, names)
            if metric == last and metric in ("injured", "killed"):  # "...; 267 in the west"
                clause = f"{number(abs(d))} in {'the east' if zone == 'east' else 'the west'}"
            extra.append(clause)
            last = metric
        else:
            chosen.extend(c for c in own if c not in chosen)
    for c in ranked:  # the steady ones a row needs come on top of `most`
        if sum(x.what not in STEADY for x in chosen) + bool(extra) >= most:
            break
        if c not in chosen:
            chosen.append(c)
    chosen.sort(key=_rank)
    rows = [f"{ROWS_HEAD}: {'; '.join(extra)}."] if extra else []
    return [cause_text(c, names, full) for c in chosen] + rows


def causes_texts(session: Session, r: WeekReport) -> list[str]:
    """Why the week went as it did: every cause, largest first, in words at the session's
    content level (all simulated)."""
    names = Names.of_session(session)
    return [cause_text(c, names) for c in sorted(r.causes, key=lambda x: -abs(x.amount))]

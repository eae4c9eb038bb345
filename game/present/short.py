"""The short debrief: what a class reads at the end of a lesson (at most 600 words), with
the full debrief (`debrief_document`) a key away; and the words of a game ended early."""

from __future__ import annotations

from game.present.changed import what_you_changed_section
from game.present.debrief import _n, ended_early, measure_label, seed_words, turning_point_words
from game.present.doc import Block, Cell, Document, Heading, Items, Paragraph, Table, spans
from game.present.ledger import ledger_table
from game.present.names import Names
from game.present.words import plural, signed
from game.session import Debrief

SHORT_TURNING_POINTS = 3
SHORT_QUESTIONS = 3
FULL_KEY_LINE = (
    "Type full for the full debrief (the record's sources side by side, every turning point,"
    " your answers, other histories, what happened next), or press Enter to finish."
)
FULL_KEY_SCREEN = "f: the full debrief"


def _outside(position: str) -> str:
    """The place of a figure outside the record's range ("" inside it or unfinished)."""
    return f" (yours is {position} it)" if position in ("below", "above") else ""


def _inside_words(inside: int, total: int) -> str:
    if inside == total:
        return f"All {total} of your game's figures are inside the record's ranges."
    return f"{inside} of your game's {total} figures are inside the record's ranges."


def _length_words(d: Debrief) -> str:
    """ "20 weeks", or "a lesson game over 20 weeks" (its turns cover several weeks)."""
    weeks = plural(d.weeks, "week")
    return f"a lesson game over {weeks}" if d.length == "lesson" else weeks


def short_debrief_document(d: Debrief) -> Document:
    people = ", ".join(d.role_names.get(r, r) for r in d.roles)
    blocks: list[Block] = [
        *ended_early(d),
        Paragraph(
            spans(
                "Debrief: your game against the record. ",
                f"You played {people}, {_length_words(d)}, {seed_words(d)}. ",
                ("Every number from your game is simulated; the record's figures name their sources in the full debrief.", "em"),
            ),
            id="intro",
        ),
        *what_you_changed_section(d.changed, Names.of_debrief(d), table=False),
        Heading("Where your game ended", id="final"),
        ledger_table(d.final, "Civilian ledger at the end (simulated)", id="final-table"),
    ]
    banded = [line for line in d.ledger if line.band is not None]
    if banded:
        # Said once for the measures inside their range; only one outside it says where.
        rows = tuple(
            (
                Cell(measure_label(line.label, d)),
                Cell(_n(line.value), "number", line.value),
                Cell(f"{_n(line.band[0])} to {_n(line.band[1])}{_outside(line.position)}"),  # type: ignore[index]
            )
            for line in banded
        )
        inside = sum(1 for line in banded if line.position == "inside")
        blocks.append(Heading("Against the record", id="record"))
        blocks.append(Paragraph(spans(_inside_words(inside, len(banded))), id="record-count"))
        blocks.append(Table(("measure", "your game", "record"), rows, numeric=(False, True, False), id="record-table"))
    names = Names.of_debrief(d)
    tps = d.turning_points[:SHORT_TURNING_POINTS]
    if tps:
        blocks.append(Heading("What changed the outcome most", id="turning-points"))
        blocks.append(
            Items(
                tuple(
                    spans(f"Week {tp.week + 1}: {turning_point_words(tp, names)[0]}: {signed(tp.effect_killed)} killed by the end (simulated).")
                    for tp in tps
                ),
                id="turning-point-items",
            )
        )
    qs = d.questions[:SHORT_QUESTIONS]
    if qs:
        blocks.append(Heading("Questions for discussion", id="questions"))
        blocks.append(Items(tuple(spans(q.text) for q in qs), id="question-items"))
    return Document(f"Debrief: {d.title}", tuple(blocks), kind="short-debrief")

"""What your choices changed, in words: "your part" in a week's report (your decisions
against the historical ones on the same luck, and a line for each of your decisions
that did something), and the debrief's opening (your game against the same luck with
the historical decisions and with none). Every figure is simulated and exact: the same
turn or game replayed on the same luck (`game.session.review.changed`)."""

from __future__ import annotations

from collections.abc import Sequence

from game.present.doc import Block, Cell, Heading, Items, Paragraph, Table, spans
from game.present.names import Names
from game.present.words import YES, and_list, number, plural, signed, signed_quantity, yes_no
from game.session.review.changed import Change, DecisionPart, WhatYouChanged, YourPart

MAX_SHOWN = 4  # measures named in a line of your part
# The civilian ledger's measures: their words, standard and gentle, said after "N more"
# or "N fewer" and before the measure's place ("in the east"; "left the east" has its own).
LEDGER_WORDS: dict[str, tuple[str, str]] = {
    "east.killed": ("killed", "lives lost"),
    "east.injured": ("injured", "people hurt"),
    "east.left": ("people left the east", "people left the east"),
    "east.food_days": ("days of food", "days of food"),
    "east.hospitals": ("hospitals working", "hospitals working"),
    "west.killed": ("killed", "lives lost"),
}
LEDGER_TITLES: dict[str, str] = {
    "east.killed": "Civilians killed in the east",
    "east.injured": "Civilians injured in the east",
    "east.left": "People who left the east",
    "east.food_days": "Days of food in the east",
    "east.hospitals": "Hospitals working in the east",
    "west.killed": "Civilians killed in the west",
}
# The singular of a ledger measure's words, for a change of one.
SINGULAR = (
    ("people", "person"),
    ("lives", "life"),
    ("days", "day"),
    ("hospitals", "hospital"),
)
WHOLE = ("east.killed", "east.injured", "east.left", "east.hospitals", "west.killed")


def _digits(ch: Change) -> int:
    """Whole people and hospitals, and whole numbers for any measure of ten or more (a
    tenth of a rescue team or of a health score means nothing); a share of one to two
    decimals; else one."""
    big = max(abs(ch.yours), abs(ch.other))
    if ch.id in WHOLE or big >= 10:
        return 0
    return 2 if big <= 1.0 else 1


def shown(changes: Sequence[Change]) -> list[Change]:
    """The changes that are not zero once rounded as they are shown."""
    return [ch for ch in changes if round(ch.delta, _digits(ch)) != 0]


def _label(ch: Change, names: Names) -> str:
    if ch.kind == "ledger":
        return LEDGER_TITLES.get(ch.id, ch.id)
    label = names.label(ch.id)
    if label.endswith(YES):
        return label.removesuffix(YES).rstrip()
    return names.short(ch.id).split(" (")[0]


def value_text(ch: Change, x: float, names: Names) -> str:
    if ch.kind == "line" and names.label(ch.id).endswith(YES):
        return yes_no(x)
    return number(x, _digits(ch))


def _ledger_clause(ch: Change, names: Names) -> tuple[str, str]:
    """A ledger measure that moved, and apart its place: ("12 fewer killed", " in the
    east"), ("1 more person left the east", "")."""
    what = LEDGER_WORDS[ch.id][1 if names.gentle else 0]
    n = number(abs(ch.delta), _digits(ch))
    if n == "1":  # "1 more person left the east", "1 more life lost in the east"
        what = next((what.replace(many, one, 1) for many, one in SINGULAR if what.startswith(many)), what)
    place = "" if ch.id == "east.left" else f" in the {ch.id.partition('.')[0]}"
    return f"{n} {'more' if ch.delta > 0 else 'fewer'} {what}", place


def _clause(ch: Change, names: Names) -> tuple[str, str]:
    """One measure that moved, and its place apart ("" where it names none)."""
    if ch.kind == "ledger" and ch.id in LEDGER_WORDS:
        return _ledger_clause(ch, names)
    if ch.kind == "line" and names.label(ch.id).endswith(YES):
        return f"{_label(ch, names)}: {yes_no(ch.yours)}, not {yes_no(ch.other)}", ""
    if ch.kind == "line":  # in its unit, a scale's change with its scale ("-0.04 of 1")
        return f"{_label(ch, names)}: {signed_quantity(ch.delta, *names.unit(ch.id), _digits(ch))}", ""
    return f"{_label(ch, names)}: {signed(ch.delta, _digits(ch))}", ""


def change_words(ch: Change, names: Names) -> str:
    """One measure that moved: "12 fewer killed in the east", "Convoys delivered: +1",
    "The family has left the east: yes, not no"."""
    clause, place = _clause(ch, names)
    return clause + place


def changes_words(changes: Sequence[Change], names: Names, limit: int = MAX_SHOWN) -> str:
    """The measures that moved, up to `limit`; the ledger's of one zone said together
    ("6 fewer killed and 6 fewer injured in the east")."""
    said: list[tuple[str, list[str]]] = []  # runs of clauses of the same place
    for ch in changes[:limit]:
        clause, place = _clause(ch, names)
        if place and said and said[-1][0] == place:
            said[-1][1].append(clause)
        else:
            said.append((place, [clause]))
    parts = [and_list(clauses) + place for place, clauses in said]
    more = len(changes) - limit
    if more > 0:
        parts.append(f"and {plural(more, 'more measure', 'more measures')}")
    return "; ".join(parts)


def decision_name(p: DecisionPart, names: Names) -> str:
    """ "Your “Send a convoy”", "Your answer “Go now”" (or the role's, with several players)."""
    whose = "Your" if len(names.humans) <= 1 else f"{names.role(p.role)}:"
    if p.kind == "choice":
        return f"{whose} answer “{names.option(p.ref, p.option)}” to “{names.dilemma(p.ref)}”"
    return f"{whose} “{names.action(p.role, p.ref)}”"


def decision_lines(part: YourPart | None, names: Names, full: bool = True, own: bool = False) -> list[str]:
    """A cause line for each of the players' decisions this turn that moved a measure
    (against the turn without it, on the same luck); what it is measured against said
    once (`full`: in the first line), then not. `own` (the full report): also what else
    each one's effects moved (its role's resources, attention, standing...), so every
    decision that did something has its line."""
    if part is None:
        return []

    def said(p: DecisionPart) -> list[Change]:
        return shown(p.changes) + (shown(p.own) if own else [])

    moved = [p for p in part.decisions if said(p)]
    limit = MAX_OWN if own else 3
    return [
        f"{decision_name(p, names)}{', against not taking it' if full and k == 0 else ''}: {changes_words(said(p), names, limit)}."
        for k, p in enumerate(moved)
    ]


MAX_OWN = 6  # measures named in a decision's line of the full report


def missed_lines(part: YourPart | None, names: Names) -> list[str]:
    """A cause line for each historical decision the players left out that made a
    difference: "The historical decisions also had “Speak out” (not in your plan),
    against leaving it out: 1 fewer injured in the east; …" (the historical turn
    against that turn without it, on the same luck)."""
    if part is None:
        return []
    out = []
    for p in part.missed:
        moved = shown(p.changes) + shown(p.own)
        if not moved:
            continue
        whose = "" if len(names.humans) <= 1 else f" for {names.role(p.role)}"
        if p.kind == "choice":
            what = f"the answer “{names.option(p.ref, p.option)}” to “{names.dilemma(p.ref)}”"
            mine = "you gave another" if len(names.humans) <= 1 else "another was given"
        else:
            what = f"“{names.action(p.role, p.ref)}”"
            mine = "not in your plan" if len(names.humans) <= 1 else "not in the plan"
        out.append(f"The historical decisions{whose} also had {what} ({mine}), against leaving it out: {changes_words(moved, names, MAX_OWN)}.")
    return out


def part_line(part: YourPart, names: Names, word: str = "week", full: bool = True) -> str:
    """Your part in one line: what it is measured against said in full once (`full`), then
    shorter."""
    h = part.historical
    if h.same:
        return "Your part: your decisions were the historical ones."
    if not shown(h.moved):
        return f"Your part: the historical decisions would have given the same {word} (same luck, simulated)."
    against = ", against the historical decisions on the same luck (simulated)" if full else " (simulated)"
    return f"Your part{against}: {changes_words(shown(h.moved), names)}."


def your_part_blocks(part: YourPart | None, names: Names, word: str = "week", full: bool = True) -> tuple[Block, ...]:
    """The week report's "your part" (nothing if there is no part to show)."""
    if part is None:
        return ()
    return (Paragraph(spans((part_line(part, names, word, full), "strong")), id="your-part"),)


# The debrief's opening ---------------------------------------------------------------


def small(h: WhatYouChanged, n: WhatYouChanged) -> bool:
    """Whether the players' choices moved the killed in the east by less than one in a
    hundred against both other games (or not at all)."""
    for w in (h, n):
        for ch in w.changes:
            if ch.id == "east.killed" and abs(ch.delta) >= max(1.0, 0.01 * abs(ch.other)):
                return False
    return True


def opening_line(h: WhatYouChanged, n: WhatYouChanged, gentle: bool, short: bool = False) -> str:
    war = "the attacks" if gentle else "the bombing"
    if h.same:
        head = "You made the historical decisions, so on this luck your game is the historical one."
    elif n.same:
        head = "You made no decisions that changed anything, so on this luck your game is the one with none."
    elif small(h, n):
        head = f"You could not stop {war}; this is what your choices changed (the deaths, very little)."
    else:
        head = f"You could not stop {war}; this is what your choices changed."
    if short:
        return f"{head} On the same luck (simulated, exact):"
    return (
        f"{head} Your game against the same luck with the historical decisions for your role,"
        " and with none at all (simulated, and exact: the same luck replayed)."
    )


def against_lines(h: WhatYouChanged, n: WhatYouChanged, names: Names, limit: int = 6) -> tuple[str, str]:
    """What differs from each other game, in a line each ("the same on every measure")."""

    def line(w: WhatYouChanged, head: str) -> str:
        if not shown(w.moved):
            return f"{head}: the same on every measure."
        return f"{head}: {changes_words(shown(w.moved), names, limit)}."

    return line(h, "Against the historical decisions"), line(n, "Against no decisions at all")


def _diff_cell(ch: Change, names: Names) -> Cell:
    if not shown([ch]):
        return Cell("same", "text")
    if ch.kind == "line" and names.label(ch.id).endswith(YES):
        return Cell(value_text(ch, ch.other, names), "text")
    return Cell(f"{value_text(ch, ch.other, names)} (you: {signed(ch.delta, _digits(ch))})", "signed", round(ch.delta, _digits(ch)))


def what_you_changed_section(changed: Sequence[WhatYouChanged], names: Names, *, table: bool = True) -> tuple[Block, ...]:
    """The debrief's opening: your game against the historical decisions and none, a
    line each, and (`table`: the full debrief) measure by measure; the short debrief
    names at most three measures a line."""
    return _section(changed, names, table)


def _section(changed: Sequence[WhatYouChanged], names: Names, table: bool) -> tuple[Block, ...]:
    if len(changed) < 2:
        return ()
    h, n = changed[0], changed[1]
    blocks: list[Block] = [
        Heading("What your choices changed", id="changed"),
        Paragraph(spans(opening_line(h, n, names.gentle, short=not table)), id="changed-intro"),
        Items(tuple(spans(x) for x in against_lines(h, n, names, 6 if table else 3)), id="changed-lines"),
    ]
    if table:
        rows = tuple(
            (
                Cell(_label(a, names)),
                Cell(value_text(a, a.yours, names), "number", a.yours),
                _diff_cell(a, names),
                _diff_cell(b, names),
            )
            for a, b in zip(h.changes, n.changes, strict=True)
        )
        blocks.append(
            Table(
                ("Measure", "Yours", "Historical", "None"),
                rows,
                numeric=(False, True, True, True),
                title="Your game, and the same luck with the historical decisions and with none (simulated)",
                id="changed-table",
            )
        )
    return tuple(blocks)


def changed_json(changed: Sequence[WhatYouChanged], names: Names) -> dict[str, object] | None:
    """The debrief's opening as data, for the JSON export (None without it)."""
    if len(changed) < 2:
        return None
    h, n = changed[0], changed[1]
    return {
        "title": "What your choices changed",
        "said": [opening_line(h, n, names.gentle), *against_lines(h, n, names)],
        "simulated": True,
        "measures": [
            {"id": a.id, "label": _label(a, names), "yours": a.yours, "historical": a.other, "no_decisions": b.other}
            for a, b in zip(h.changes, n.changes, strict=True)
        ],
    }

"""The debrief as a document: the game against the record (a typed table, and what each
source said side by side), where it ended, against other histories, the turning points,
the dilemmas and whose answer each was, questions for discussion, what happened next.

A pure function of a `Debrief` (and, if run, its `Alternatives`), so a debrief written
from a save says exactly what the screen says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from game.present.changed import what_you_changed_section
from game.present.charts import SUMMARY_PANELS, ChartNames, ledger_charts, spread_series
from game.present.doc import (
    Block,
    Cell,
    Chart,
    Claims,
    Document,
    Heading,
    Items,
    Paragraph,
    Table,
    spans,
)
from game.present.histories import plain_lines
from game.present.ledger import ledger_table
from game.present.names import Names
from game.present.questions import because
from game.present.turning import turning_point_words, turning_points_section
from game.present.words import day, number, plural, signed, source_names, sources_text, topics
from game.session import Alternatives, AnswerInfo, Debrief

# Section ids, in order (a front end may show them apart: see game.ui.screens.debrief)
SECTIONS = ("intro", "changed", "record", "final", "turning-points", "answers", "questions", "alternatives", "epilogue")
# and, in the HTML page only, "summary" (first) and "week-by-week" (after "final")


def _n(x: float, digits: int = 1) -> str:
    return number(x, digits)


def answer_text(by: str, role_name: str, policy: str, n_people: int) -> str:
    if by == "player":
        return "your answer" if n_people == 1 else f"answered by the player of {role_name}"
    if by == "computer":
        return f"the computer's answer for {role_name} ({policy} policy)"
    return "not answered: the default"


def seed_words(d: Debrief) -> str:
    """The game's luck: its seed, and the class code it came from, if any."""
    return f'class code "{d.code}", seed {d.seed}' if d.code else f"seed {d.seed}"


def ended_early(d: Debrief) -> tuple[Block, ...]:
    """A game ended before its last week says so, first."""
    if not d.ended_early:
        return ()
    return (
        Paragraph(
            spans(
                ("This game ended early", "strong"),
                f", after {plural(d.weeks, 'week')} of {d.of_weeks}: this debrief is of the weeks played."
                " The record's marks that fall later are left out, and the ledger is where the game stopped.",
            ),
            id="ended-early",
        ),
    )


def intro(d: Debrief) -> tuple[Block, ...]:
    people = ", ".join(d.role_names.get(r, r) for r in d.roles)
    others = [name for r, name in d.role_names.items() if r not in d.roles]
    return (
        Paragraph(
            spans(
                "Debrief: your game against the record. ",
                (
                    f"Played by people: {people}."
                    + (f" Played by the computer ({d.policy} policy): {', '.join(others)}." if others else "")
                    + f" {d.weeks} weeks, {seed_words(d)}, content level {d.content}."
                    " Every number from this game is simulated by the model; every figure from the"
                    " record names its source.",
                    "em",
                ),
            ),
            id="intro",
        ),
    )


WHOLE_GAME = ", whole game"


def measure_label(label: str, d: Debrief) -> str:
    """A measure's label as this debrief can say it: a game ended early totals only the
    weeks played ("Civilians killed in the east, the weeks played")."""
    if d.ended_early and label.endswith(WHOLE_GAME):
        return label.removesuffix(WHOLE_GAME) + ", the weeks played"
    return label


def record_section(d: Debrief) -> tuple[Block, ...]:
    """Each measure: this game's value (simulated) against the record's range, the
    record's words and sources, and what each source said, side by side."""
    b: list[Block] = [Heading("The ledger against the record", id="record")]
    for line in d.ledger:
        value = _n(line.value)
        if line.band is None:
            b.append(Paragraph(spans((f"{measure_label(line.label, d)}: ", "strong"), f"your game {value} (simulated); no record."), id=f"measure:{line.id}"))
            continue
        lo, hi = _n(line.band[0]), _n(line.band[1])
        b.append(
            Paragraph(
                spans(
                    (f"{measure_label(line.label, d)}: ", "strong"),
                    f"your game {value} (simulated), {line.position} the record's range of {lo} to {hi}.\n",
                    f"Record: {line.record}. ",
                    (sources_text(line.sources), "em"),
                ),
                id=f"measure:{line.id}",
            )
        )
        if line.claims:
            b.append(Claims("What each source said, side by side:", topics(line.claims), id=f"claims:{line.id}"))
    return tuple(b)


def final_section(d: Debrief) -> tuple[Block, ...]:
    return (
        Heading("Where your game ended", id="final"),
        ledger_table(d.final, "Civilian ledger at the end (simulated)", id="final-table"),
    )


def alternatives_section(
    alt: Alternatives | None, bands: Mapping[str, tuple[float, float]] | None = None
) -> tuple[Block, ...]:
    b: list[Block] = [Heading("Against other histories", id="alternatives")]
    if alt is None:
        b.append(Paragraph(spans("Alternative histories were not run for this debrief."), id="alt-none"))
        return tuple(b)
    b.append(
        Paragraph(
            spans(
                f"{alt.runs:,} games with your decisions and other luck, and {alt.runs:,} games"
                f" with every role played as it was historically (seeds {alt.seeds[0]:,} to"
                f" {alt.seeds[1]:,}). All simulated. Median, with the 10th to 90th percentile in"
                ' brackets; "rank" is the share of those games below your value.'
            )
        )
    )
    said = plain_lines(alt)
    if said:
        b.append(Items(tuple(spans(x) for x in said), id="alt-plain"))
    if alt.dropped_decisions:
        b.append(
            Paragraph(
                spans(
                    f"Under other luck, {alt.dropped_decisions:,} of your logged decisions were not"
                    f" possible (not affordable or not on offer) and were left out, in"
                    f" {alt.dropped_runs:,} of the {alt.runs:,} games."
                )
            )
        )
    rows = []
    for m in alt.measures:
        same, hist = m.same_decisions, m.historical
        rows.append(
            (
                Cell(m.label),
                Cell(_n(m.value), "number", m.value),
                Cell(f"{_n(same.median)} ({_n(same.p10)} to {_n(same.p90)})", "number", same.median),
                Cell(f"{same.rank:.0f}%", "percent", same.rank),
                Cell(f"{_n(hist.median)} ({_n(hist.p10)} to {_n(hist.p90)})", "number", hist.median),
                Cell(f"{hist.rank:.0f}%", "percent", hist.rank),
            )
        )
    b.append(
        Table(
            ("Measure", "Your game", "Your decisions, other luck", "rank", "Historical policy", "rank"),
            tuple(rows),
            numeric=(False, True, True, True, True, True),
            id="alt-table",
        )
    )
    b.append(spread_chart(alt, bands))
    return tuple(b)


def spread_chart(
    alt: Alternatives,
    bands: Mapping[str, tuple[float, float]] | None = None,
    ids: Sequence[str] | None = None,
) -> Chart:
    """This game among the historical policy's games, measure by measure (`ids`: only
    these), each on its own axis, with the record's range where there is one."""
    bands = bands or {}
    return Chart(
        "Where your game stands among the historical policy's games",
        tuple(spread_series(m, bands.get(m.id)) for m in alt.measures if ids is None or m.id in ids),
        kind="spread",
        id="alt-spread",
        caption=(
            f"For each measure, {alt.runs:,} games with every role played as it was"
            " historically (simulated): how many fell where, their 10th to 90th percentile"
            " and median, your game, and the record's range where the record has one."
        ),
        band_label=f"{alt.runs:,} historical-policy games (10th to 90th percentile, median)",
        faint_label="your game",
        wide=True,
    )


def answer_words(a: AnswerInfo, d: Debrief) -> str:
    """What applied for one dilemma, and whose answer it was."""
    if a.by == "left":  # its default applied, but the role's life in the game ended that week
        return f"not answered, so its default applied ({a.label}); by the end of week {a.week + 1}: {a.left}."
    by = answer_text(a.by, d.role_names.get(a.role, a.role), d.policy, len(d.roles))
    return f"{a.label} ({by}, week {a.week + 1})."


def answers_section(d: Debrief) -> tuple[Block, ...]:
    if not d.answers:
        return ()
    items = tuple(spans((f"{a.title}: ", "strong"), answer_words(a, d)) for a in d.answers)
    return (Heading("The dilemmas, and whose answer each was", id="answers"), Items(items, id="answer-items"))


def questions_section(d: Debrief) -> tuple[Block, ...]:
    if not d.questions:
        return ()
    return (
        Heading("Questions for discussion", id="questions"),
        Items(
            tuple(spans(q.text, (f" (Because of: {because(q.why)}.)" if q.tied and q.why else "", "em")) for q in d.questions),
            id="question-items",
        ),
    )


def epilogue_section(d: Debrief) -> tuple[Block, ...]:
    if not d.epilogue:
        return ()
    return (
        Heading("What happened next (the record)", id="epilogue"),
        Items(
            tuple(
                spans((f"{day(e.date)}: ", "strong"), e.text, (f" Sources: {source_names(e.sources)}.", "em"))
                for e in d.epilogue
            ),
            id="epilogue-items",
        ),
        *(
            Claims(f"{day(e.date)}: what each source said.", topics(e.claims), id=f"claims:epilogue:{i}")
            for i, e in enumerate(d.epilogue)
            if e.claims
        ),
    )


def chart_names(d: Debrief) -> ChartNames:
    return ChartNames(routes=d.route_names, lines=d.var_labels)


def week_by_week_section(d: Debrief) -> tuple[Block, ...]:
    """The ledger week by week, a chart per measure, against the record's figures."""
    charts = ledger_charts([d.history], ["your game (simulated)"], d.marks, d.start_date, chart_names(d))
    if not charts:
        return ()
    return (
        Heading("The ledger week by week", id="week-by-week"),
        Paragraph(
            spans(
                "Each chart is one measure on its own scale (the east and the west are never on"
                " one axis), a point for each week as it began. The line is your game"
                " (simulated); a hatched bar is the record's range for that week. Where the"
                " record counts a change over several weeks, the bar stands above where your"
                " line was when those weeks began (the dotted line)."
            ),
            note=True,
        ),
        *charts,
    )


def players_words(d: Debrief) -> str:
    return ", ".join(d.role_names.get(r, r) for r in d.roles)


def meta_of(d: Debrief) -> tuple[tuple[str, str], ...]:
    """Who played, which role, the class code and the date, where known (a page's header)."""
    out: list[tuple[str, str]] = []
    if d.player:
        out.append(("Player", d.player))
    out.append(("Role" if len(d.roles) == 1 else "Roles", players_words(d)))
    if d.code:
        out.append(("Class code", d.code))
    out.append(("Seed", str(d.seed)))
    if d.made is not None:
        out.append(("Date", day(d.made)))
    return tuple(out)


SUMMARY_TURNING_POINTS = 3
# The end-of-game measures the summary's picture of the alternative histories shows.
SUMMARY_SPREAD = ("final-east-killed", "final-west-killed", "final-east-left", "final-east-food-days")
SUMMARY_QUESTIONS = 2


def summary_section(d: Debrief, alt: Alternatives | None) -> tuple[Block, ...]:
    """One page: the game against the record in a table, the charts that say most, the
    turning points that changed most and the first questions (the page a printout
    starts with; the full debrief follows)."""
    rows = []
    for line in d.ledger:
        if line.band is None:
            continue
        rows.append(
            (
                Cell(measure_label(line.label, d)),
                Cell(_n(line.value), "number", line.value),
                Cell(f"{_n(line.band[0])} to {_n(line.band[1])}", "text"),
                Cell(line.position),
            )
        )
    b: list[Block] = [
        Heading("At a glance", id="summary"),
        Paragraph(
            spans(
                f"{players_words(d)}, {d.weeks} weeks, {seed_words(d)}. Your game's figures are"
                " simulated; the record's ranges come from the sources named in the full debrief."
            ),
            note=True,
        ),
        Table(
            ("Measure", "Your game", "The record's range", "Your game is"),
            tuple(rows),
            numeric=(False, True, False, False),
            id="summary-table",
        ),
        *(
            replace(c, id=f"summary:{c.id}")
            for c in ledger_charts([d.history], ["your game (simulated)"], d.marks, d.start_date, chart_names(d), panels=SUMMARY_PANELS)
        ),
    ]
    if alt is not None:
        chart = spread_chart(alt, ids=SUMMARY_SPREAD)
        b.append(replace(chart, id=f"summary:{chart.id}", wide=False, title="Your game among the historical policy's games"))
    names = Names.of_debrief(d)
    if d.turning_points:
        b.append(Heading("What changed the outcome most", level=2))
        b.append(Items(tuple(spans((f"Week {tp.week + 1}: {turning_point_words(tp, names)[0]}. ", "strong"), f"Effect by the end (simulated): {signed(tp.effect_killed)} killed.") for tp in d.turning_points[:SUMMARY_TURNING_POINTS])))
    if d.questions:
        b.append(Heading("To discuss", level=2))
        b.append(Items(tuple(spans(q.text) for q in d.questions[:SUMMARY_QUESTIONS])))
    return tuple(b)


def debrief_document(d: Debrief, alt: Alternatives | None, *, pictures: bool = False) -> Document:
    """The debrief. `pictures` (the HTML page): a one-page summary first, and the ledger
    week by week in charts after where the game ended."""
    bands = {line.id: line.band for line in d.ledger if line.band is not None}
    blocks = (
        *ended_early(d),
        *(summary_section(d, alt) if pictures else ()),
        *((Heading("The full debrief", id="full"),) if pictures else ()),
        *intro(d),
        *what_you_changed_section(d.changed, Names.of_debrief(d)),
        *record_section(d),
        *final_section(d),
        *(week_by_week_section(d) if pictures else ()),
        *turning_points_section(d),
        *answers_section(d),
        *questions_section(d),
        *alternatives_section(alt, bands),
        *epilogue_section(d),
    )
    return Document(f"Debrief: {d.title}", blocks, kind="debrief", meta=meta_of(d))

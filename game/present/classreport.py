"""The class report as a document: every game of a class side by side with the record
and the alternative histories' spread, how the class split on each dilemma, the
decisions it made most, the turning points that recurred and the questions its choices
point to; and as CSV (game.present.classcsv).

A pure function of a `ClassView`, the plain data game.classroom.report gathers from
the results store (so this layer never reads a store). Games are anonymous ("Game 3")
unless the view carries their names. Every figure of a game is simulated; every figure
of the record names its source.
"""

from __future__ import annotations

import statistics

from game.present.changed import LEDGER_TITLES, WHOLE
from game.present.charts import ChartNames, ledger_charts
from game.present.classview import ChangeView, ClassView, GameView, _p
from game.present.doc import (
    Block,
    Cell,
    Chart,
    Document,
    Heading,
    Items,
    Paragraph,
    Series,
    Table,
    spans,
)
from game.present.render import to_html, to_markdown
from game.present.words import YES, day, number, percent, progress, signed, stopped_after
from game.session.review import histogram

FORMATS = ("html", "md", "csv")
# The charts a class report shows, week by week.
REPORT_PANELS = ("week:east-killed", "week:west-killed", "week:east-food_days", "week:east-present", "week:east-left")


def _n(x: float) -> str:
    return number(x, 1)


def _status(g: GameView) -> str:
    return "finished" if g.finished else stopped_after(*progress(g.lesson_turns, g.weeks_played, g.weeks))


def _games_word(n: int) -> str:
    return f"{n} game" if n == 1 else f"{n} games"


def meta_of(v: ClassView) -> tuple[tuple[str, str], ...]:
    done = sum(1 for g in v.games if g.finished)
    out = [
        ("Class code", v.code),
        ("Roles played", ", ".join(v.roles)),
        ("Games", f"{len(v.games)} ({done} finished)"),
        ("Length", v.length),
        ("Seed", str(v.seed)),
    ]
    if v.made is not None:
        out.append(("Date", day(v.made)))
    return tuple(out)


def record_table(v: ClassView) -> Table:
    """Each measure: the record's range, the class (median and range), how many games
    fell inside the record's range, and the historical policy's games."""
    rows = []
    for m in v.measures:
        vals = [g.values[m.id] for g in v.games if m.id in g.values]
        if not vals:
            continue
        med = float(statistics.median(vals))
        inside = (
            f"{sum(1 for x in vals if m.band[0] <= x <= m.band[1])} of {len(vals)}" if m.band is not None else "no record"
        )
        hist = (
            f"{_n(_p(m.historical, 0.5))} ({_n(_p(m.historical, 0.1))} to {_n(_p(m.historical, 0.9))})"
            if m.historical
            else "not run"
        )
        rows.append(
            (
                Cell(m.label),
                Cell(f"{_n(m.band[0])} to {_n(m.band[1])}" if m.band is not None else "none"),
                Cell(f"{_n(med)} ({_n(min(vals))} to {_n(max(vals))})", "number", med),
                Cell(inside),
                Cell(hist, "number", _p(m.historical, 0.5) if m.historical else None),
            )
        )
    return Table(
        ("Measure", "The record's range", "The class: median (lowest to highest)", "Games inside the record's range", "Historical policy: median (10th to 90th percentile)"),
        tuple(rows),
        numeric=(False, False, True, False, True),
        id="record-table",
    )


GAME_COLUMNS = (
    ("final-east-killed", "killed in the east"),
    ("final-west-killed", "killed in the west"),
    ("final-east-left", "left the east"),
    ("final-east-food-days", "days of food left"),
    ("final-east-hospitals", "hospitals working"),
)


def games_table(v: ClassView) -> Table:
    rows = []
    for g in v.games:
        rows.append(
            (
                Cell(g.label),
                Cell(_status(g)),
                *(
                    Cell(_n(g.values[mid]), "number", g.values[mid]) if mid in g.values else Cell("-")
                    for mid, _ in GAME_COLUMNS
                ),
            )
        )
    return Table(
        ("Game", "Status", *(h for _, h in GAME_COLUMNS)),
        tuple(rows),
        numeric=(False, False, *(True for _ in GAME_COLUMNS)),
        title="At the end of each game (simulated)",
        id="games-table",
    )


def spread_chart(v: ClassView) -> Chart:
    rows = []
    for m in v.measures:
        vals = tuple(g.values[m.id] for g in v.games if m.id in g.values)
        if not vals:
            continue
        if m.historical:
            counts, span = histogram(list(m.historical))
            stats = (float(statistics.median(vals)), _p(m.historical, 0.1), _p(m.historical, 0.5), _p(m.historical, 0.9))
            rows.append(Series(m.label, stats, games=vals, counts=counts, span=span, band=m.band))
        else:
            rows.append(Series(m.label, (float(statistics.median(vals)),), games=vals, band=m.band))
    return Chart(
        "The class's games among the historical policy's games",
        tuple(rows),
        kind="spread",
        id="class-spread",
        caption=(
            f"For each measure, a dot for each game of the class, among {v.runs:,} games with every"
            " role played as it was historically (how many fell where, their 10th to 90th"
            " percentile and median), and the record's range where the record has one. All"
            " simulated but the record."
        ),
        band_label=f"{v.runs:,} historical-policy games" if v.runs else "",
        faint_label="each game of the class",
        wide=True,
    )


def split_table(v: ClassView) -> Table:
    rows = []
    for sp in v.splits:
        total = sum(n for _, n in sp.options) + sp.defaulted
        parts = [f"{label}: {n} ({percent(n / total) if total else '0%'})" for label, n in sp.options]
        if sp.defaulted:
            parts.append(f"not answered (the default applied): {sp.defaulted}")
        rows.append((Cell(sp.title), Cell(sp.role), Cell("; ".join(parts)), Cell(str(total), "number", total)))
    return Table(("Dilemma", "Role", "How the class answered", "Games"), tuple(rows), numeric=(False, False, False, True), id="splits")


def _change_label(ch: ChangeView, v: ClassView) -> str:
    if ch.kind == "ledger":
        return LEDGER_TITLES.get(ch.id, ch.id)
    label = v.lines.get(ch.id, ch.id)
    return label.removesuffix(YES).rstrip() + " (yes or no)" if label.endswith(YES) else label


def _median_change(ch: ChangeView, v: ClassView) -> Cell:
    if v.lines.get(ch.id, "").endswith(YES):  # a yes or no: only the counts mean something
        return Cell("–")
    m = statistics.median(ch.deltas)
    m = round(m) if ch.id in WHOLE else round(m, 1)
    return Cell(signed(m, 0 if ch.id in WHOLE else 1), "number", m)


def changed_section(v: ClassView) -> tuple[Block, ...]:
    """What the class's choices changed: each finished game against the same game on the
    same luck with the historical decisions for the class's roles, measure by measure."""
    head = Heading("What the class's choices changed", id="changed")
    if not v.changed or not v.changed[0].deltas:
        return (head, Paragraph(spans("No finished game yet, so nothing to compare.")))
    n = len(v.changed[0].deltas)
    note = Paragraph(
        spans(
            f"Each of the {_games_word(n)} that finished, against the same game on the same luck"
            " with the historical decisions for the class's roles: the bombing and the luck are"
            " the same in both, so a difference is what the students' decisions did (simulated"
            " by the model, exact)."
        ),
        note=True,
    )
    rows = tuple(
        (
            Cell(_change_label(ch, v)),
            _median_change(ch, v),
            Cell(str(ch.fewer), "number", ch.fewer),
            Cell(str(ch.same), "number", ch.same),
            Cell(str(ch.more), "number", ch.more),
        )
        for ch in v.changed
    )
    table = Table(
        ("Measure", "Median change", "Games lower", "Games the same", "Games higher"),
        rows,
        numeric=(False, True, True, True, True),
        id="changed-table",
    )
    return (head, note, table)


def class_report_document(v: ClassView, *, pictures: bool = True) -> Document:
    """The report; without `pictures` (Markdown) the charts and their notes are left out."""
    n = len(v.games)
    names = ChartNames(v.routes, v.lines)
    who = "named as they gave their names" if v.named else "anonymous (Game 1, Game 2 and so on, in the order they were kept)"
    b: list[Block] = [
        Paragraph(
            spans(
                f"{_games_word(n)} of class {v.code}, played as {', '.join(v.roles)} with the same"
                f" luck (seed {v.seed}); the other roles played by {v.others}. Games are {who}."
                " Every figure of a game is simulated by the model; every figure of the record"
                " names its source in the game's debrief."
            ),
            note=True,
            id="intro",
        ),
        Heading("The class's games and the record", id="games"),
        record_table(v),
        games_table(v),
    ]
    charts = [
        c
        for c in ledger_charts(
            [g.history for g in v.games], [g.label for g in v.games], v.marks, v.start_date, names, class_median=True
        )
        if c.id in REPORT_PANELS
    ]
    if charts and pictures:
        b.append(Heading("Week by week", id="week-by-week"))
        b.append(
            Paragraph(
                spans(
                    "A thin line for each game, the class's median dashed, the record's range"
                    " hatched (a change over several weeks stands above where the median was"
                    " when those weeks began). Each chart has its own scale."
                ),
                note=True,
            )
        )
        b += charts
    if pictures:
        b.append(Heading("Against the alternative histories", id="spread"))
        if v.runs:
            b.append(spread_chart(v))
        else:
            b.append(Paragraph(spans("Alternative histories were not run for this report.")))
    b += changed_section(v)
    b.append(Heading("How the class split on each dilemma", id="dilemmas"))
    if v.splits:
        b.append(split_table(v))
    else:
        b.append(Paragraph(spans("No dilemma was put to the class's players in the weeks they played.")))
    b.append(Heading("The decisions the class made most", id="decisions"))
    if v.actions:
        b.append(
            Table(
                ("Decision", "Games that took it", "Times in all"),
                tuple((Cell(a.label), Cell(f"{a.games} of {n}", "number", a.games), Cell(str(a.times), "number", a.times)) for a in v.actions),
                numeric=(False, True, True),
                id="actions",
            )
        )
    else:
        b.append(Paragraph(spans("The class's players took no actions.")))
    b.append(Heading("Turning points that recurred", id="turning-points"))
    if v.turning_points:
        b.append(
            Items(
                tuple(
                    spans(
                        (t.label, "strong"),
                        f": in {t.games} of {n} games"
                        + (f"; by the end, {signed(t.effect)} killed on average with it rather than without (simulated)" if t.effect is not None else "")
                        + ".",
                    )
                    for t in v.turning_points
                ),
                id="turning-point-items",
            )
        )
    else:
        b.append(Paragraph(spans("No finished game yet, so no turning points.")))
    b.append(Heading("Questions the class's choices point to", id="questions"))
    if v.questions:
        b.append(
            Items(
                tuple(spans(q.label, (f" ({_games_word(q.games)})", "em")) for q in v.questions),
                id="question-items",
            )
        )
    else:
        b.append(Paragraph(spans("No finished game yet, so no questions picked.")))
    return Document(f"Class report: {v.code}, {v.title}", tuple(b), kind="class-report", meta=meta_of(v))


def render_report(v: ClassView, fmt: str) -> str:
    """The class report as html (large type, for a projector), md or csv."""
    if fmt == "csv":
        from game.present.classcsv import report_csv

        return report_csv(v)
    if fmt == "md":
        return to_markdown(class_report_document(v, pictures=False))
    if fmt == "html":
        return to_html(class_report_document(v), style="projector")
    raise ValueError(f'unknown format "{fmt}" (valid: {", ".join(FORMATS)})')

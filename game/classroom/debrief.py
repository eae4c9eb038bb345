"""The debrief as text: plain text (line mode), Markdown, a self-contained HTML page, or
JSON. Pure functions of a `Debrief` (and, if run, its `Alternatives`): no I/O.

    render(debrief, alternatives, "md") -> str

The text formats are built from one list of blocks (headings, paragraphs, lists,
tables), so every format says the same things. Scenario text is plain text: HTML escapes
it, Markdown and plain text print it as written (without control characters).

JSON (`to_json`) is a stable structure, version 1:

    {
      "format": "corridors-debrief", "version": 1,
      "scenario": {"id": str, "title": str},
      "seed": int, "weeks": int, "content": "standard"|"gentle",
      "roles": [{"id": str, "name": str, "played_by": "people"|"<policy>"}],
      "ledger": [{"id", "label", "value", "simulated": true,
                  "record": null | {"text", "band": [lo, hi], "position", "sources": [source],
                              "claims": [claim]}}],
      "final": {"east": {...}, "west": {...}, "total": {...}},     # simulated ledger
      "choices": [{"dilemma", "title", "option", "label"}],
      "turning_points": [{"kind", "week", "role", "title", "samples", "why": [str],
                          "effect": {"killed", "injured", "left", "food_days"}}],
      "turning_points_ranked_by": str,
      "questions": [{"id", "text", "tied", "why"}],
      "epilogue": [{"date", "text", "sources": [source], "claims": [claim]}],
      "alternatives": null | {"runs", "seeds": [first, last], "dropped_decisions",
                              "dropped_runs", "measures": [{"id", "label", "value",
                              "same_decisions": dist, "historical": dist}]}
    }

where source = {"id", "name", "stance", "lean", "url"}, claim = {"date", "text", "value",
"unit", "contested" (its topic is disputed: the same for every claim of the topic),
"topic", "question", "source": source} and dist = {"runs", "median", "p10",
"p90", "rank"} (rank: percent of runs below this game's value, ties counting half).
Week numbers are 1-based. Every number in "ledger" values, "final", "turning_points" and
"alternatives" is simulated by the model.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from game.session import Alternatives, ClaimInfo, Debrief, Distribution, SourceInfo, fmt_number
from game.session.views import topics_of

FORMATS = ("md", "html", "txt", "json")
JSON_VERSION = 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "txt", ".json": "json"}


def format_for(path: str) -> str:
    """The format a file name asks for by its extension (Markdown if none matches)."""
    m = re.search(r"\.[A-Za-z]+$", path)
    return _EXTENSIONS.get(m.group(0).lower(), "md") if m else "md"


def render(debrief: Debrief, alternatives: Alternatives | None, fmt: str) -> str:
    """The debrief in `fmt` (md, html, txt or json)."""
    if fmt == "json":
        return json.dumps(to_json(debrief, alternatives), ensure_ascii=False, indent=1) + "\n"
    blocks = _blocks(debrief, alternatives)
    if fmt == "md":
        return _markdown(blocks)
    if fmt == "html":
        return _html(debrief.title, blocks)
    if fmt == "txt":
        return _text(blocks)
    raise ValueError(f'unknown format "{fmt}" (valid: {", ".join(FORMATS)})')


# ---------------------------------------------------------------------------- JSON


def _source(s: SourceInfo) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "stance": s.stance, "lean": s.lean, "url": s.url}


def _claim(cl: ClaimInfo) -> dict[str, Any]:
    return {
        "date": cl.date.isoformat(),
        "text": cl.text,
        "value": cl.value,
        "unit": cl.unit,
        "contested": cl.contested,
        "topic": cl.topic,
        "question": cl.question,
        "source": _source(cl.source),
    }


def _dist(d: Distribution) -> dict[str, Any]:
    return {"runs": d.runs, "median": d.median, "p10": d.p10, "p90": d.p90, "rank": d.rank}


def to_json(d: Debrief, alt: Alternatives | None) -> dict[str, Any]:
    return {
        "format": "corridors-debrief",
        "version": JSON_VERSION,
        "scenario": {"id": d.scenario, "title": d.title},
        "seed": d.seed,
        "weeks": d.weeks,
        "content": d.content,
        "roles": [
            {"id": r, "name": name, "played_by": "people" if r in d.roles else d.policy}
            for r, name in d.role_names.items()
        ],
        "ledger": [
            {
                "id": line.id,
                "label": line.label,
                "value": line.value,
                "simulated": True,
                "record": None
                if line.band is None
                else {
                    "text": line.record,
                    "band": list(line.band),
                    "position": line.position,
                    "sources": [_source(s) for s in line.sources],
                    "claims": [_claim(cl) for cl in line.claims],
                },
            }
            for line in d.ledger
        ],
        "final": {z: d.final[z] for z in ("east", "west", "total")},
        "choices": [
            {"dilemma": did, "title": d.choice_labels.get(did, (did, opt))[0], "option": opt,
             "label": d.choice_labels.get(did, (did, opt))[1]}
            for did, opt in d.choices.items()
        ],
        "turning_points": [
            {
                "kind": tp.kind,
                "week": tp.week + 1,
                "role": tp.role,
                "title": tp.title,
                "samples": tp.samples,
                "why": list(tp.why),
                "effect": {
                    "killed": tp.effect_killed,
                    "injured": tp.effect_injured,
                    "left": tp.effect_left,
                    "food_days": tp.effect_food_days,
                },
            }
            for tp in d.turning_points
        ],
        "turning_points_ranked_by": d.rank_measure,
        "questions": [{"id": q.id, "text": q.text, "tied": q.tied, "why": q.why} for q in d.questions],
        "epilogue": [
            {
                "date": e.date.isoformat(),
                "text": e.text,
                "sources": [_source(s) for s in e.sources],
                "claims": [_claim(cl) for cl in e.claims],
            }
            for e in d.epilogue
        ],
        "alternatives": None
        if alt is None
        else {
            "runs": alt.runs,
            "seeds": list(alt.seeds),
            "dropped_decisions": alt.dropped_decisions,
            "dropped_runs": alt.dropped_runs,
            "measures": [
                {
                    "id": m.id,
                    "label": m.label,
                    "value": m.value,
                    "same_decisions": _dist(m.same_decisions),
                    "historical": _dist(m.historical),
                }
                for m in alt.measures
            ],
        },
    }


# ---------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # h1, h2, p, ul, table
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()  # a table's rows, the first is its header


def _n(x: float, digits: int = 1) -> str:
    return fmt_number(round(float(x), digits))


def _signed(x: float) -> str:
    return ("+" if x > 0 else "-" if x < 0 else "") + _n(abs(x))


def _day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _sources(sources: Iterable[SourceInfo]) -> str:
    return "; ".join(f"{s.name} ({s.label})" for s in sources)


def _claim_day(cl: ClaimInfo) -> str:
    return f"{cl.date.strftime('%B')} {cl.date.year}" if cl.precision == "month" else _day(cl.date)


def _topic_items(claims: Iterable[ClaimInfo]) -> list[_Block]:
    """Each topic's question (marked once if disputed), then what each source said."""
    out = []
    for t in topics_of(claims):
        out.append(_Block("p", ("Disputed: " if t.contested else "") + t.question))
        out.append(
            _Block(
                "ul",
                items=tuple(
                    f"{cl.source.name} ({cl.source.label}), {_claim_day(cl)}: {cl.text}" for cl in t.claims
                ),
            )
        )
    return out


def _blocks(d: Debrief, alt: Alternatives | None) -> list[_Block]:
    b: list[_Block] = []
    people = ", ".join(d.role_names.get(r, r) for r in d.roles)
    others = [name for r, name in d.role_names.items() if r not in d.roles]
    b.append(_Block("h1", f"Debrief: {d.title}"))
    b.append(_Block("p", "Debrief: your game against the record."))
    b.append(
        _Block(
            "p",
            f"Played by people: {people}."
            + (f" Played by the computer ({d.policy} policy): {', '.join(others)}." if others else "")
            + f" {d.weeks} weeks, seed {d.seed}, content level {d.content}."
            " Every number from this game is simulated by the model; every figure from the"
            " record names its source.",
        )
    )

    b.append(_Block("h2", "The ledger against the record"))
    rows: list[tuple[str, ...]] = [("Measure", "Your game (simulated)", "Record", "Record's range", "Where", "Sources")]
    for line in d.ledger:
        if line.band is None:
            rows.append((line.label, _n(line.value), "no record", "", "", "simulated by the model"))
        else:
            rows.append(
                (
                    line.label,
                    _n(line.value),
                    line.record,
                    f"{_n(line.band[0])} to {_n(line.band[1])}",
                    f"{line.position} the range",
                    _sources(line.sources),
                )
            )
    b.append(_Block("table", rows=tuple(rows)))
    for line in d.ledger:
        if line.claims:
            b.append(_Block("p", f"{line.label}: what each source said, side by side."))
            b += _topic_items(line.claims)

    b.append(_Block("h2", "Against other histories"))
    if alt is None:
        b.append(_Block("p", "Alternative histories were not run for this debrief."))
    else:
        b.append(
            _Block(
                "p",
                f"{alt.runs:,} games with your decisions and other luck, and {alt.runs:,} games"
                f" with every role played as it was historically (seeds {alt.seeds[0]} to"
                f" {alt.seeds[1]}). All simulated. Median, with the 10th to 90th percentile in"
                " brackets; \"rank\" is the share of those games below your value.",
            )
        )
        if alt.dropped_decisions:
            b.append(
                _Block(
                    "p",
                    f"Under other luck, {alt.dropped_decisions:,} of your logged decisions were not"
                    f" possible (not affordable or not on offer) and were left out, in"
                    f" {alt.dropped_runs:,} of the {alt.runs:,} games.",
                )
            )
        rows = [("Measure", "Your game", "Your decisions, other luck", "rank", "Historical policy", "rank")]
        for m in alt.measures:
            rows.append(
                (
                    m.label,
                    _n(m.value),
                    f"{_n(m.same_decisions.median)} ({_n(m.same_decisions.p10)} to {_n(m.same_decisions.p90)})",
                    f"{m.same_decisions.rank:.0f}%",
                    f"{_n(m.historical.median)} ({_n(m.historical.p10)} to {_n(m.historical.p90)})",
                    f"{m.historical.rank:.0f}%",
                )
            )
        b.append(_Block("table", rows=tuple(rows)))

    b.append(_Block("h2", "Turning points"))
    b.append(
        _Block(
            "p",
            f"The decisions and events of chance that changed the outcome most, ranked by {d.rank_measure}."
            " A decision's effect compares replays with and without it on the same luck"
            " (averaged over several lucks); all figures are simulated.",
        )
    )
    items = []
    for tp in d.turning_points:
        effect = f"{_signed(tp.effect_killed)} killed"
        if tp.kind != "chance":
            effect += (
                f", {_signed(tp.effect_injured)} injured, {_signed(tp.effect_left)} left,"
                f" {_signed(tp.effect_food_days)} days of food at the end"
                f" (mean of {tp.samples} paired replays)"
            )
        items.append(f"Week {tp.week + 1}. {tp.title}. Effect: {effect}. " + " ".join(tp.why))
    b.append(_Block("ul", items=tuple(items) or ("No turning points were found.",)))

    if d.choice_labels:
        b.append(_Block("h2", "Your answers to the dilemmas"))
        b.append(
            _Block("ul", items=tuple(f"{title}: {label}." for title, label in d.choice_labels.values()))
        )

    b.append(_Block("h2", "Questions for discussion"))
    b.append(
        _Block(
            "ul",
            items=tuple(q.text + (f" (Because of: {q.why}.)" if q.why else "") for q in d.questions),
        )
    )

    if d.epilogue:
        b.append(_Block("h2", "What happened next (the record)"))
        b.append(
            _Block(
                "ul",
                items=tuple(
                    f"{_day(e.date)}: {e.text} Sources: {_sources(e.sources)}."
                    for e in d.epilogue
                ),
            )
        )
        for e in d.epilogue:
            if e.claims:
                b.append(_Block("p", f"{_day(e.date)}: what each source said."))
                b += _topic_items(e.claims)
    return b


# ---------------------------------------------------------------------------- formats


def _clean(text: str) -> str:
    return _CONTROL.sub("?", text)


def _text(blocks: list[_Block]) -> str:
    out: list[str] = []
    for bl in blocks:
        if bl.kind == "h1":
            out += [_clean(bl.text), "=" * min(78, len(bl.text)), ""]
        elif bl.kind == "h2":
            out += [_clean(bl.text), "-" * min(78, len(bl.text))]
        elif bl.kind == "p":
            out += [_clean(bl.text), ""]
        elif bl.kind == "ul":
            out += [f"- {_clean(item)}" for item in bl.items] + [""]
        elif bl.kind == "table":
            header, *rows = bl.rows
            for row in rows:
                parts = [_clean(row[0])]
                parts += [f"{_clean(h)}: {_clean(c)}" for h, c in zip(header[1:], row[1:], strict=True) if c]
                out.append("- " + "; ".join(parts) + ".")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_escape(text: str, *, cell: bool = False) -> str:
    """Plain text in Markdown: characters Markdown would read as markup are escaped. In a
    table `cell` a line start cannot open a heading or a list, so it needs no escape."""
    text = re.sub(r"([\\`*_\[\]<>|~&])", r"\\\1", _clean(text))
    if cell:
        return text
    text = re.sub(r"^([#+=-])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def _markdown(blocks: list[_Block]) -> str:
    out: list[str] = []
    for bl in blocks:
        if bl.kind == "h1":
            out += [f"# {_md_escape(bl.text)}", ""]
        elif bl.kind == "h2":
            out += [f"## {_md_escape(bl.text)}", ""]
        elif bl.kind == "p":
            out += [_md_escape(bl.text), ""]
        elif bl.kind == "ul":
            out += [f"- {_md_escape(item)}" for item in bl.items] + [""]
        elif bl.kind == "table":
            header, *rows = bl.rows
            out.append("| " + " | ".join(_md_escape(h, cell=True) for h in header) + " |")
            out.append("|" + "---|" * len(header))
            for row in rows:
                out.append("| " + " | ".join(_md_escape(c, cell=True) for c in row) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #111; background: #fff; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #555; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
"""


def _html(title: str, blocks: list[_Block]) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(_clean('Debrief: ' + title))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    for bl in blocks:
        if bl.kind in ("h1", "h2", "p"):
            out.append(f"<{bl.kind}>{e(_clean(bl.text))}</{bl.kind}>")
        elif bl.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(_clean(i))}</li>" for i in bl.items) + "</ul>")
        elif bl.kind == "table":
            header, *rows = bl.rows
            out.append("<table>")
            out.append("<tr>" + "".join(f'<th scope="col">{e(_clean(h))}</th>' for h in header) + "</tr>")
            for row in rows:
                out.append("<tr>" + "".join(f"<td>{e(_clean(c))}</td>" for c in row) + "</tr>")
            out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"

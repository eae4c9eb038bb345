"""Printable handouts made from a scenario: a role card for each role, a timeline of the
siege, a schematic map of the districts and routes, and a glossary; each a document,
rendered as a page with print CSS (`handout_pages`).

Pure functions of the scenario's data: every sentence on them is the scenario's own
(its roles, phases, events, districts, routes and glossary, written in the project's
words and checked by the copy test), every fact names its sources. At the gentle content level (`content="gentle"`) they
use the scenario's gentle wording wherever it gives one, as the gentle game does, and
say so at the top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from game.model.choices import Role
from game.model.scenario import Scenario
from game.present.doc import (
    Block,
    Cell,
    Document,
    Heading,
    Items,
    Map,
    MapPlace,
    MapRoute,
    Paragraph,
    Table,
    spans,
)
from game.present.render import to_html
from game.present.words import day, number, span

HOLDERS = {
    "rebels": "held by rebel groups",
    "government": "held by the government",
    "kurdish": "held by Kurdish forces",
    "contested": "fought over",
}


GENTLE_META = ("Wording", "gentle (the content level chosen for a younger or upset class)")


def _text(content: str, full: str, gentle: str | None) -> str:
    return gentle if content == "gentle" and gentle else full


def _meta(sc: Scenario, content: str, *, scenario: bool = False) -> tuple[tuple[str, str], ...]:
    meta = (("Scenario", sc.title),) if scenario else ()
    return meta + ((GENTLE_META,) if content == "gentle" else ())


def _sources(sc: Scenario, ids: Iterable[str]) -> str:
    names = {s.id: s.name for s in sc.sources}
    found = [names.get(i, i) for i in ids]
    return "Sources: " + "; ".join(found) + "." if found else ""


def role_card(sc: Scenario, role: Role, content: str = "standard") -> Document:
    """Who you are, what you can and cannot change, your resources, what to watch, your
    actions and the dilemmas that may come to you."""
    variables = {v.id: v for v in sc.variables}
    b: list[Block] = [Paragraph(spans(role.summary), id="who")]
    if role.fictional:
        b.append(Paragraph(spans("This role is a fictional composite: no real person is portrayed."), note=True))
    card = getattr(role, "card", None)  # the role card's lists, where the scenario gives them
    for head, field in (("What you can change", "can"), ("What you cannot change", "cannot"), ("What to watch", "watch")):
        lines = list(getattr(card, field, []) or []) if card is not None else []
        if lines:
            b += [Heading(head, level=2), Items(tuple(spans(t) for t in lines))]
    if role.resources:
        rows = []
        for vid in role.resources:
            v = variables.get(vid)
            if v is None:
                continue
            rows.append((Cell(v.label), Cell(f"{number(v.initial, 2)}{' ' + v.unit if v.unit else ''}", "number", v.initial)))
        b += [Heading("Your resources at the start", level=2), Table(("Resource", "At the start"), tuple(rows), numeric=(False, True))]
    b.append(Heading(f"What you can do (up to {role.budget} points a week)", level=2))
    b.append(
        Items(
            tuple(
                spans((f"{a.name}", "strong"), f" ({a.points} point{'s' if a.points != 1 else ''}): {_text(content, a.summary, a.summary_gentle)}")
                for a in role.actions
            )
        )
    )
    dilemmas = [d for d in sc.dilemmas if d.role == role.id]
    if dilemmas:
        b.append(Heading("Hard choices that may come to you", level=2))
        b.append(
            Items(
                tuple(
                    spans((_text(content, d.title, d.title_gentle), "strong"), f" ({day(d.date)})" if d.date else "")
                    for d in dilemmas
                )
            )
        )
    return Document(f"Role card: {role.name}", tuple(b), kind="handout", meta=_meta(sc, content, scenario=True))


def timeline(sc: Scenario, content: str = "standard") -> Document:
    """The siege's phases and dated events in order, each with its sources, then what
    happened after the game's last week."""
    b: list[Block] = [
        Paragraph(
            spans(
                "The record the game follows, phase by phase. The dates and facts come from the"
                " sources named under each; where sources disagree the game shows each of them."
            ),
            note=True,
        )
    ]
    events = sorted((e for e in sc.events if e.date is not None), key=lambda e: e.date or dt.date.min)
    for p in sc.phases:
        b.append(Heading(f"{p.name}: {span(p.start, p.end)}", level=1, id=f"phase:{p.id}"))
        summary = _text(content, p.summary, p.summary_gentle)
        b.append(Paragraph(spans(summary, (" " + _sources(sc, p.sources), "em"))))
        inside = [e for e in events if e.date is not None and p.start <= e.date <= p.end]
        if inside:
            b.append(
                Items(
                    tuple(
                        spans(
                            (f"{day(e.date)}: {_text(content, e.title, e.title_gentle)}. ", "strong"),
                            (_sources(sc, e.sources), "em"),
                        )
                        for e in inside
                        if e.date is not None
                    )
                )
            )
    if sc.epilogue:
        b.append(Heading("After the game's last week", id="epilogue"))
        b.append(
            Items(
                tuple(
                    spans(
                        (f"{day(e.date)}: ", "strong"),
                        _text(content, e.text, e.text_gentle),
                        (" " + _sources(sc, e.sources), "em"),
                    )
                    for e in sc.epilogue
                )
            )
        )
    return Document(f"Timeline: {sc.title}", tuple(b), kind="handout", meta=_meta(sc, content))


def city_map(sc: Scenario, content: str = "standard") -> Document:
    """The schematic map, and the same places in a table."""
    names = {d.id: d.name for d in sc.districts}
    places = tuple(
        MapPlace(d.name, d.zone, HOLDERS.get(d.holder, d.holder), d.population, d.front) for d in sc.districts
    )
    routes = tuple(MapRoute(r.name, r.kind, names.get(r.id, "")) for r in sc.routes)
    rows = tuple(
        (
            Cell(d.name),
            Cell({"east": "east", "west": "west", "kurdish": "Kurdish-held north"}.get(d.zone, d.zone)),
            Cell(HOLDERS.get(d.holder, d.holder) + (", on the front" if d.front else "")),
            Cell(f"{d.population:,}", "number", d.population),
            Cell(str(d.hospitals), "number", d.hospitals),
        )
        for d in sc.districts
    )
    b: list[Block] = [
        Map(
            "Districts and routes (schematic)",
            places,
            routes,
            caption=(
                "A schematic, not to scale: the government-held west on the left, the front in the"
                " middle, the rebel-held east on the right, Sheikh Maqsoud to the north; the routes out"
                " of the east as arrows."
            ),
            id="map",
        ),
        Paragraph(
            spans(
                "The people in each district at the start are the model's estimates (see the game's"
                " assumptions), grouped the way the record groups neighbourhoods."
            ),
            note=True,
        ),
        Table(("District", "Part of the city", "At the start", "People", "Hospitals"), rows, numeric=(False, False, False, True, True), id="districts"),
        Heading("The routes", level=2),
        Items(tuple(spans((r.name, "strong"), f": {r.text} ", (_sources(sc, r.sources), "em")) for r in sc.routes)),
    ]
    return Document(f"Map: {sc.title}", tuple(b), kind="handout", meta=_meta(sc, content))


def glossary(sc: Scenario, content: str = "standard") -> Document:
    b: list[Block] = []
    for g in sc.glossary:
        b.append(Heading(g.term, level=2, id=f"term:{g.id}"))
        b.append(Paragraph(spans(g.text, (" " + _sources(sc, g.sources), "em") if g.sources else "")))
    return Document(f"Glossary: {sc.title}", tuple(b), kind="handout", meta=_meta(sc, content))


def handout_documents(sc: Scenario, content: str = "standard") -> dict[str, Document]:
    """Each handout by the name of its file (without .html), at the content level."""
    out = {f"role-{r.id}": role_card(sc, r, content) for r in sc.roles}
    out["timeline"] = timeline(sc, content)
    out["map"] = city_map(sc, content)
    if sc.glossary:
        out["glossary"] = glossary(sc, content)
    return out


def handout_pages(sc: Scenario, content: str = "standard") -> dict[str, str]:
    """Each handout as a printable HTML page, by file name."""
    return {f"{name}.html": to_html(doc, style="handout") for name, doc in handout_documents(sc, content).items()}

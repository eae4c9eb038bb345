"""`corridors handouts -o DIR`: printable pages made from the scenario: a role card for
each role, a timeline with its sources, a schematic map, a glossary; and its errors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from support import run_corridors

from game.present.handouts import handout_documents, handout_pages
from game.scenario import registry


def test_a_page_for_each_role_and_the_rest() -> None:
    sc = registry.get("aleppo-2016")
    docs = handout_documents(sc)
    assert {f"role-{r.id}" for r in sc.roles} | {"timeline", "map", "glossary"} == set(docs)
    pages = handout_pages(sc)
    for name, page in pages.items():
        assert page.startswith("<!DOCTYPE html>") and "@media print" in page and "<script" not in page, name
        assert not re.search(r"url\((?!#)", page) and "<link" not in page, name
    timeline = pages["timeline.html"]
    for p in sc.phases:
        assert p.name in timeline
    assert timeline.count("Sources:") >= len(sc.phases)
    svg = pages["map.html"][pages["map.html"].index("<svg") : pages["map.html"].index("</svg>") + 6]
    root = ET.fromstring(svg)
    assert "Schematic" in "".join(root.itertext())
    assert len([e for e in root.iter() if e.get("class") == "route"]) == len(sc.routes)
    for term in ("Corridor", "Pause", "Medical evacuation", "Humanitarian law"):
        assert term in pages["glossary.html"]


def test_the_command_writes_the_pages(tmp_path: Path) -> None:
    out = tmp_path / "handouts"
    r = run_corridors("handouts", "-o", str(out), home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["glossary.html", "map.html", "timeline.html", "role-civil-defence.html", "role-coordinator.html", "role-envoy.html", "role-household.html"]
    )
    # a file where the folder should be, and a folder whose parent is missing
    f = tmp_path / "a-file"
    f.write_text("kept\n", encoding="utf-8")
    for bad, words in ((f, "not a folder"), (tmp_path / "no" / "where", "no such folder")):
        r = run_corridors("handouts", "-o", str(bad), home=tmp_path)
        assert r.returncode == 2 and words in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert f.read_text(encoding="utf-8") == "kept\n"


def test_gentle_handouts_use_the_gentle_wording(tmp_path: Path) -> None:
    sc = registry.get("aleppo-2016")
    gentle_texts = [p.summary_gentle for p in sc.phases if p.summary_gentle]
    gentle_texts += [e.title_gentle for e in sc.events if e.title_gentle and e.date]
    gentle_texts += [e.text_gentle for e in sc.epilogue if e.text_gentle]
    full_texts = [p.summary for p in sc.phases if p.summary_gentle]
    full_texts += [e.title for e in sc.events if e.title_gentle and e.date]
    full_texts += [e.text for e in sc.epilogue if e.text_gentle]
    assert gentle_texts, "the scenario has gentle wordings for the timeline"
    actions = [(a.summary, a.summary_gentle) for r in sc.roles for a in r.actions if a.summary_gentle]
    assert actions, "the scenario has gentle wordings for the role cards"
    standard = {d.title: d for d in handout_documents(sc).values()}
    gentle = {d.title: d for d in handout_documents(sc, "gentle").values()}
    assert set(standard) == set(gentle)

    def words(doc: object) -> str:
        return re.sub(r"\s+", " ", repr(doc))

    timeline_std, timeline_gentle = words(standard[f"Timeline: {sc.title}"]), words(gentle[f"Timeline: {sc.title}"])
    for full, soft in zip(full_texts, gentle_texts, strict=True):
        assert full in timeline_std and full not in timeline_gentle
        assert soft in timeline_gentle
    cards_std = " ".join(words(d) for t, d in standard.items() if t.startswith("Role card"))
    cards_gentle = " ".join(words(d) for t, d in gentle.items() if t.startswith("Role card"))
    for full, soft in actions:
        assert full in cards_std and full not in cards_gentle and soft in cards_gentle
    for doc in gentle.values():
        assert ("Wording", "gentle (the content level chosen for a younger or upset class)") in doc.meta
    for doc in standard.values():
        assert not any(k == "Wording" for k, _ in doc.meta)
    out = tmp_path / "gentle"
    r = run_corridors("handouts", "-o", str(out), "--content", "gentle", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Wording:" in (out / "timeline.html").read_text(encoding="utf-8")
    r = run_corridors("handouts", "-o", str(out), "--content", "harsh", home=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr

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

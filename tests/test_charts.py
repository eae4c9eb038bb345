"""The charts (game.present.charts, drawn by game.present.svg): one measure per chart,
whole weeks, counts from 0, no -1..1 axis for zeros, the record's ranges in their weeks,
and SVG that is well formed and self-contained."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from game.present.charts import PANELS, ChartNames, ledger_charts
from game.present.debrief import debrief_document
from game.present.doc import Chart, Series
from game.present.svg import svg
from game.present.svgparts import axis, nice_step, tick_text
from game.session import Debrief, Session

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def debrief() -> Debrief:
    s = Session.new("aleppo-2016", seed=11, autosave=False)
    while not s.finished:
        s.advance()
    return s.finish(samples=0)


def test_axes() -> None:
    assert axis(0, 0, whole=True, from_zero=True) == (0.0, 1.0, [0.0])  # a row of zeros
    lo, hi, ticks = axis(270_000, 291_000, whole=True, from_zero=True)
    assert lo == 0 and hi >= 291_000 and ticks[0] == 0
    lo, hi, ticks = axis(0, 3, whole=True, from_zero=True)
    assert all(float(t).is_integer() for t in ticks) and ticks == sorted(set(ticks))
    assert nice_step(1000) in (250, 200)
    assert tick_text(1_200_000, 200_000) == "1.2 million" and tick_text(2500, 500) == "2,500"


def test_one_chart_per_measure_with_whole_weeks(debrief: Debrief) -> None:
    names = ChartNames(debrief.route_names, debrief.var_labels)
    charts = ledger_charts([debrief.history], ["this game"], debrief.marks, debrief.start_date, names)
    assert len(charts) >= len(PANELS)
    ids = [c.id for c in charts]
    assert len(ids) == len(set(ids))
    for c in charts:
        # one zone per chart: the east's and the west's people never share an axis
        assert sum(z in c.id for z in ("-east-", "-west-", "-total-", ":east-", ":west-", ":total-")) <= 1, c.id
        assert len(c.x) == len(debrief.history) == debrief.weeks + 1  # a point a week
        assert all(0 <= m.x < len(c.x) for m in c.marks)
    killed = next(c for c in charts if c.id == "week:east-killed")
    offensive = next(m for m in killed.marks if m.x0 is not None)
    line = killed.series[0].values
    assert offensive.base == line[offensive.x0]  # counted from where the line stood
    present = next(c for c in charts if c.id == "week:east-present")
    assert any(m.lo == 250_000 and m.hi == 300_000 for m in present.marks)


def test_svg_is_well_formed_and_self_contained(debrief: Debrief) -> None:
    doc = debrief_document(debrief, None, pictures=True)
    charts = [b for b in doc.blocks if isinstance(b, Chart)]
    assert charts
    for c in charts:
        text = svg(c)
        root = ET.fromstring(text)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
        assert "<script" not in text and "href" not in text
        assert all(u.startswith("url(#") for u in re.findall(r"url\([^)]*\)", text))


def test_a_row_of_zeros_is_drawn_from_zero() -> None:
    text = svg(Chart("Convoys", (Series("this game", (0.0,) * 21, emphasis="main"),), x=tuple(str(i) for i in range(21))))
    root = ET.fromstring(text)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "-1" not in labels and "0" in labels and "0 in every week" in labels


def test_spread_rows_each_have_their_own_axis() -> None:
    rows = (
        Series("People in the east", (288_000.0, 287_000.0, 288_500.0, 289_000.0), counts=(1, 3, 1), span=(286_000.0, 290_000.0)),
        Series("People in the west", (1_200_000.0, 1_190_000.0, 1_200_500.0, 1_210_000.0), band=(1_150_000.0, 1_250_000.0)),
    )
    root = ET.fromstring(svg(Chart("Spread", rows, kind="spread")))
    labels = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(t in ("1,200,000", "1.2 million") for t in labels) and any(t.startswith("28") for t in labels)
    assert len([e for e in root.iter(f"{SVG}polygon") if e.get("class") == "game"]) == 2

"""Checks on the project's structured digest of the seed article (seeds/)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import strings_in as _strings

REPO = Path(__file__).parents[1]
SEEDS = REPO / "seeds"
DIGEST = SEEDS / "has-aleppo-battle-ended.yaml"
ARTICLE = REPO.parent / "shared/seed/has-aleppo-battle-ended.txt"

STANCES = {
    "international",
    "monitor",
    "government",
    "opposition",
    "russian-mod",
    "rebel-faction",
    "civilian",
    "article",
}
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NGRAM = 8


@pytest.fixture(scope="module")
def digest() -> dict[str, Any]:
    data = yaml.safe_load(DIGEST.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def facts(digest: dict[str, Any]) -> list[dict[str, Any]]:
    items = digest["facts"]
    assert isinstance(items, list) and items
    return items


def _by_id(facts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in facts}


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def _words(text: str) -> list[str]:
    # Case-insensitive, punctuation stripped (curly quotes and dashes included).
    return re.sub(r"[\W_]+", " ", text.lower()).split()


def _ngrams(words: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


# --- citation -----------------------------------------------------------------


def test_citation(digest: dict[str, Any]) -> None:
    cit = digest["citation"]
    assert cit["title"] == "Has Aleppo battle ended?"
    assert cit["publisher"] == "Middle East Observer"
    assert cit["date"] == "2016-11-12"
    assert "middleeastobserver.org/2016/11/12/has-aleppo-battle-ended" in cit["url"]
    assert isinstance(cit["note"], str) and cit["note"].strip()


# --- structure of every fact --------------------------------------------------


def test_ids_present_unique_kebab(facts: list[dict[str, Any]]) -> None:
    ids = [f.get("id") for f in facts]
    assert all(isinstance(i, str) and KEBAB.match(i) for i in ids), ids
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"duplicate ids: {dupes}"


def test_enough_facts(facts: list[dict[str, Any]]) -> None:
    assert len(facts) >= 25


def test_every_fact_has_claim(facts: list[dict[str, Any]]) -> None:
    for f in facts:
        assert isinstance(f.get("claim"), str) and f["claim"].strip(), f["id"]


def test_every_fact_has_attribution_with_known_stance(facts: list[dict[str, Any]]) -> None:
    for f in facts:
        att = f.get("attribution")
        assert isinstance(att, dict), f["id"]
        for a in [att, *att.get("also", [])]:
            assert isinstance(a.get("source"), str) and a["source"].strip(), f["id"]
            assert a.get("stance") in STANCES, (f["id"], a.get("stance"))


def test_every_fact_has_iso_date_or_period(facts: list[dict[str, Any]]) -> None:
    for f in facts:
        assert "date" in f, f["id"]
        date = f["date"]
        if date is None:
            period = f.get("period")
            assert isinstance(period, str) and period.strip(), f["id"]
        else:
            assert _is_iso_date(date), (f["id"], date)
            assert date.startswith("2016-"), (f["id"], date)


def test_figures_are_numbers_with_units(facts: list[dict[str, Any]]) -> None:
    for f in facts:
        fig = f.get("figure")
        if fig is None:
            continue
        assert isinstance(fig["value"], int | float) and not isinstance(fig["value"], bool)
        assert isinstance(fig["unit"], str) and fig["unit"].strip(), f["id"]


def test_article_says_always_has_correction(facts: list[dict[str, Any]]) -> None:
    for f in facts:
        if "article_says" in f or "correction" in f:
            assert isinstance(f.get("article_says"), str) and f["article_says"].strip(), f["id"]
            corr = f.get("correction")
            assert isinstance(corr, dict), f["id"]
            assert isinstance(corr.get("claim"), str) and corr["claim"].strip(), f["id"]
            assert isinstance(corr.get("source"), str) and corr["source"].strip(), f["id"]


def test_contested_facts_have_note(facts: list[dict[str, Any]]) -> None:
    for f in facts:
        if f.get("contested"):
            assert f["contested"] is True, f["id"]
            note = f.get("contested_note")
            assert isinstance(note, str) and note.strip(), f["id"]


# --- the required corrections and markings ------------------------------------


def test_correction_minyan(facts: list[dict[str, Any]]) -> None:
    hits = [
        f
        for f in facts
        if "Minoan" in f.get("article_says", "") and "Minyan" in f["correction"]["claim"]
    ]
    assert hits, "the Minoan -> Minyan correction is missing"
    # The corrected name is used in the claim; the wrong one only in article_says.
    assert all("Minyan" in f["claim"] and "Minoan" not in f["claim"] for f in hits)


def test_correction_28_october(facts: list[dict[str, Any]]) -> None:
    hits = [
        f
        for f in facts
        if "29 October" in f.get("article_says", "") and "28 October" in f["correction"]["claim"]
    ]
    assert hits, "the 29 -> 28 October correction is missing"
    assert any(f["date"] == "2016-10-28" for f in hits)
    assert dt.date(2016, 10, 28).strftime("%A") == "Friday"


def test_weekend_dates_corrected_too(facts: list[dict[str, Any]]) -> None:
    says = " ".join(f.get("article_says", "") for f in facts)
    assert "30 October" in says and "31 October" in says
    by_id = _by_id(facts)
    assert by_id["dahiyet-al-assad-taken"]["date"] == "2016-10-29"
    assert by_id["west-shelling-deaths"]["date"] == "2016-10-30"


def test_508_marked_unverified(facts: list[dict[str, Any]]) -> None:
    hits = [f for f in facts if (f.get("figure") or {}).get("value") == 508]
    assert len(hits) == 1, "expected exactly one fact with the 508 figure"
    f = hits[0]
    assert f.get("unverified") is True
    assert "508" in f["article_says"]
    corr = f["correction"]["claim"]
    assert "unverified" in corr.lower()
    assert "323" in corr and "450" in corr


def test_contested_markings(facts: list[dict[str, Any]]) -> None:
    by_id = _by_id(facts)
    trapped = by_id["trapped-275000"]
    assert trapped["figure"]["value"] == 275000
    assert trapped["contested"] is True
    assert trapped["attribution"]["stance"] == "international"
    assert by_id["toxic-gas-accusation"]["contested"] is True


def test_key_figures_and_stances(facts: list[dict[str, Any]]) -> None:
    by_id = _by_id(facts)
    killed = by_id["cd-killed-since-truce"]
    assert killed["figure"] == {"value": 800, "unit": "civilians killed", "qualifier": "more than"}
    assert killed["attribution"]["stance"] == "opposition"
    assert by_id["cd-injured-since-truce"]["figure"]["value"] == 2000
    assert by_id["pause-announced"]["date"] == "2016-11-02"
    assert by_id["pause-announced"]["attribution"]["stance"] == "russian-mod"
    assert by_id["apartments-1070-captured"]["date"] == "2016-11-08"
    stances = {f["attribution"]["stance"] for f in facts}
    assert {"civilian", "monitor", "government", "russian-mod", "rebel-faction"} <= stances


def test_civilians_not_named(facts: list[dict[str, Any]]) -> None:
    civilians = [f for f in facts if f["attribution"]["stance"] == "civilian"]
    assert len(civilians) == 3
    for f in civilians:
        assert f["attribution"]["source"].lower().startswith("a civilian")
    text = " ".join(_strings(facts)).lower()
    assert "abo ahmad" not in text and "jamil" not in text


# --- no copying ---------------------------------------------------------------


def test_no_article_text_copied(digest: dict[str, Any]) -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"source article not present at {ARTICLE}")
    article = _ngrams(_words(ARTICLE.read_text(encoding="utf-8")))
    assert article, "article text produced no word runs"

    # Every loaded string on its own, and every file in seeds/ as raw text
    # (which also covers comments and the README).
    texts: dict[str, str] = {}
    for i, s in enumerate(_strings(digest)):
        texts[f"value #{i}"] = s
    for path in sorted(SEEDS.iterdir()):
        if path.is_file():
            texts[path.name] = path.read_text(encoding="utf-8")

    copied = {
        where: [" ".join(g) for g in sorted(_ngrams(_words(text)) & article)]
        for where, text in texts.items()
    }
    copied = {k: v for k, v in copied.items() if v}
    assert not copied, f"runs of {NGRAM} words copied from the article: {copied}"

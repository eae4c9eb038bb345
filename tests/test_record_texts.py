"""The record's texts: disputes as topics, numbers from the scenario, gentle variants,
sources' leans, and discussion questions for every role's choices."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from game.model.choices import Effect
from game.model.record import PLACEHOLDER, fill
from game.model.scenario import Scenario
from game.scenario.loader import load_scenario
from game.scenario.yamlsrc import ScenarioErrors
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
ALEPPO = ROOT / "scenarios" / "aleppo-2016"
EXAMPLE = ROOT / "docs" / "example"


@pytest.fixture(scope="module")
def sc() -> Scenario:
    return load_scenario(ALEPPO)


# --- disputes are topics ----------------------------------------------------------


def _example_with_topics(tmp_path: Path, topics: str) -> Path:
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    src = folder / "sources.yaml"
    text = src.read_text(encoding="utf-8")
    start = text.index("topics:")
    end = text.index("\nassumptions:")
    src.write_text(text[:start] + topics + text[end:], encoding="utf-8")
    return folder


def _errors(folder: Path) -> list[str]:
    with pytest.raises(ScenarioErrors) as info:
        load_scenario(folder)
    return [str(e) for e in info.value.errors]


def test_an_undisputed_topic_whose_claims_disagree_is_refused(tmp_path: Path) -> None:
    folder = _example_with_topics(
        tmp_path,
        "topics:\n"
        "  - id: population\n"
        '    question: "How many people remain?"\n'
        "    claims:\n"
        '      - {id: pop-monitor, date: "2010-05-03", value: 40000, unit: people, source: monitor, text: "40,000."}\n'
        '      - {id: pop-army, date: "2010-05-03", value: 15000, unit: people, source: army-press, text: "15,000."}\n',
    )
    (err,) = _errors(folder)
    assert err.startswith(f"{folder / 'sources.yaml'}:")
    line, col = map(int, err.split(":")[1:3])
    lines = (folder / "sources.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[line - 1][col - 1 :].startswith("15000")
    assert "disagree on topic 'population'" in err and "mark the topic contested, or split it" in err


def test_a_dispute_needs_two_sources(tmp_path: Path) -> None:
    folder = _example_with_topics(
        tmp_path,
        "topics:\n"
        "  - id: population\n"
        '    question: "How many people remain?"\n'
        "    contested: true\n"
        "    claims:\n"
        '      - {id: pop-monitor, date: "2010-05-03", value: 40000, unit: people, source: monitor, text: "40,000."}\n'
        '      - {id: pop-army, date: "2010-05-04", value: 15000, unit: people, source: monitor, text: "15,000."}\n',
    )
    (err,) = _errors(folder)
    line, col = map(int, err.split(":")[1:3])
    lines = (folder / "sources.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[line - 1][col - 1 :].startswith("true")
    assert "only one source speaks to it" in err


def test_claim_ids_are_unique_across_topics(tmp_path: Path) -> None:
    folder = _example_with_topics(
        tmp_path,
        "topics:\n"
        "  - id: population\n"
        '    question: "How many people remain?"\n'
        "    claims:\n"
        '      - {id: pop-monitor, date: "2010-05-03", source: monitor, text: "Many."}\n'
        "  - id: bridge\n"
        '    question: "Who was on the bridge?"\n'
        "    claims:\n"
        '      - {id: pop-monitor, date: "2010-05-03", source: army-press, text: "Fighters."}\n'
        '      - {id: pop-army, date: "2010-05-03", source: army-press, text: "Fighters."}\n',
    )
    errs = _errors(folder)
    assert any("duplicate claim id 'pop-monitor' (first in topic 'population')" in e for e in errs)


def test_every_claim_of_a_disputed_topic_is_shown_alike(sc: Scenario) -> None:
    s = Session.new(seed=3, autosave=False)
    claims = s.all_claims()
    by_topic: dict[str, list[Any]] = {}
    for cl in claims:
        by_topic.setdefault(cl.topic, []).append(cl)
    for t in sc.topics:
        shown = by_topic[t.id]
        assert {cl.contested for cl in shown} == {t.contested}, t.id
        assert {cl.question for cl in shown} == {t.question}
    # The listed disputes of the record are disputes, with every side in them.
    disputed = {t.id for t in sc.topics if t.contested}
    assert {
        "east-population", "july-corridors", "convoy-attacker", "october-pause",
        "rebel-offensive-day1", "chlorine", "hospitals-november", "late-november-flight",
    } <= disputed
    # Undisputed facts are topics of their own.
    assert {"convoy-damage", "m10-hospital"}.isdisjoint(disputed)


def test_cards_with_a_dispute_show_its_every_side(sc: Scenario) -> None:
    """A card that cites one claim of a disputed topic shows all the topic's claims
    made by its week; its `contested` text is the topic's question."""
    s = Session.new(seed=3, autosave=False)
    while s.state.week < 12:  # through the convoy attack (19 Sep)
        s.advance()
        for item in s.news():
            for t in item.topics:
                topic = next(x for x in sc.topics if x.id == t.id)
                assert t.contested == topic.contested
                if t.contested:
                    assert t.question in item.contested
                    shown = {c.id for c in t.claims}
                    made = {c.id for c in topic.claims if c.date <= s.week_info().end} | shown
                    assert shown == made, (item.id, t.id)


def test_epilogue_disputes_are_shown_as_disputes(sc: Scenario) -> None:
    hospitals = next(e for e in sc.epilogue if e.date.isoformat() == "2016-11-19")
    assert set(hospitals.claims) == {"hosp-who", "hosp-health", "hosp-sohr"}
    assert sc.topic_of("hosp-sohr") is not None and sc.topic_of("hosp-sohr").contested  # type: ignore[union-attr]


def test_every_source_has_a_stance_and_a_lean(sc: Scenario) -> None:
    for src in sc.sources:
        assert src.lean.strip(), src.id
        assert "lean" not in src.name.lower(), src.id  # said once, in its own field
    assert "press" not in {s.id for s in sc.sources}  # no generic stand-in for named sources


def test_every_lesson_turn_says_what_happens_with_its_sources(sc: Scenario) -> None:
    """A lesson turn shows its summary instead of the phase's and the news's full texts:
    every turn has one, short, naming sources that the turn's news or phase cite too."""
    for t in sc.lesson:
        assert t.summary is not None and t.sources, t.id
        assert len(t.summary.split()) <= 40, t.id
        cited = {sid for e in sc.events if e.date and t.start <= e.date <= t.end for sid in e.sources}
        cited |= {sid for ph in sc.phases if ph.start <= t.end and ph.end >= t.start for sid in ph.sources}
        assert set(t.sources) <= cited, (t.id, set(t.sources) - cited)


# --- assumptions: numbers are placeholders ---------------------------------------------


def test_placeholders_are_filled_from_the_scenario(sc: Scenario) -> None:
    values = sc.placeholder_values()
    assert fill("{min_ration:%}", values) == "30%"
    assert fill("{treated_death:1/}", values) == "50"
    assert fill("{fuel_split_effect*0.5:%}", values) == "20%"
    s = Session.new(seed=3, autosave=False)
    for title, text in s.assumptions():
        assert "{" not in text and "}" not in text, title
    food = dict(s.assumptions())["Food, rationing and hunger"]
    assert "as little as 30% of normal" in food


def test_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "aleppo"
    shutil.copytree(ALEPPO, folder)
    f = folder / "assumptions.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("{min_ration:%}", "{min_rations:%}"), encoding="utf-8")
    errs = _errors(folder)
    assert errs and all(e.startswith(f"{f}:") and "placeholder {min_rations:%}" in e and "min_ration" in e for e in errs)


DATE = re.compile(
    r"\b\d{1,2}(?:\s*(?:–|-|to|and)\s*\d{1,2})?\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    r"|\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b"
)
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
# Scales and conventions that are not figures: per 100 and 100,000 people, 0 to 1, 1,000.
CONVENTIONS = {0.0, 1.0, 100.0, 1000.0, 100000.0}


def _numbers(text: str) -> list[float]:
    text = PLACEHOLDER.sub(" ", DATE.sub(" ", text))
    text = re.sub(r"\brules?\s+\d+(?:\s*(?:,|and)\s*\d+)*", " ", text)  # the ICRC's rule numbers
    return [float(m.group(0).replace(",", "")) for m in NUMBER.finditer(text)]


def _forms(x: float) -> set[float]:
    """A value and the ways a text may write it: as is, in per cent, one in so many."""
    out = {round(x, 6), round(x * 100, 6)}
    if x:
        out.add(round(1 / x, 6))
    return out


def _sourced_numbers(sc: Scenario) -> set[float]:
    """Figures the record gives: in claims, the record's words, dated events, the epilogue."""
    texts = [cl.text for cl in sc.claims] + [m.record for m in sc.record] + [m.label for m in sc.record]
    texts += [e.text for e in sc.events if "corridors-model" not in e.sources]
    texts += [e.text for e in sc.epilogue]
    found = {float(cl.value) for cl in sc.claims if cl.value is not None}
    for t in texts:
        found.update(_numbers(t))
    return found


def _effect_numbers(effects: list[Effect]) -> Iterator[float]:
    for e in effects:
        for items in (e.set, e.add):
            for v in (items or {}).values():
                if isinstance(v, int | float):
                    yield float(abs(v))
                else:
                    yield from (float(x) for x in re.findall(r"\d+(?:\.\d+)?", v))
        if isinstance(e.chance, int | float):
            yield float(e.chance)
        yield from _effect_numbers(e.then or [])
        yield from _effect_numbers(e.else_ or [])


def test_no_number_in_a_help_text_is_unexplained(sc: Scenario) -> None:
    """Every number in an assumption, an action's or an option's help text is a
    placeholder, a figure of the record, a value the item itself sets (its cost, its
    effects), or a scale: none is a copy of a parameter that could drift from it."""
    sourced = _sourced_numbers(sc)
    params = set().union(*(_forms(v) for v in sc.placeholder_values().values()))
    problems = []
    for a in sc.assumptions:
        for text in (a.text, a.text_gentle or ""):
            for n in _numbers(text):
                if n not in sourced and n not in CONVENTIONS:
                    problems.append(f"assumption {a.id}: {n:g}" + (" (write it as a placeholder)" if n in params else ""))
    items: list[tuple[str, list[str], dict[str, float], list[Effect]]] = []
    for r in sc.roles:
        for act in r.actions:
            items.append((f"{r.id}.{act.id}", [act.summary, act.uncertainty], act.cost, act.effects))
    for d in sc.dilemmas:
        for o in d.options:
            items.append((f"{d.id}.{o.id}", [o.text, o.uncertainty], o.cost, o.effects))
    for where, texts, cost, effects in items:
        own = set(cost.values()) | set(_effect_numbers(effects))
        own = set().union(*(_forms(x) for x in own)) if own else set()
        for text in texts:
            for n in _numbers(text):
                if n not in sourced and n not in own and n not in CONVENTIONS:
                    problems.append(f"{where}: {n:g}")
    assert not problems, "numbers that match no parameter or source:\n" + "\n".join(problems)


def test_the_number_check_catches_a_copied_parameter(sc: Scenario) -> None:
    assert 40.0 in [*_numbers("down to as little as 40% of normal")]
    assert 0.3 * 100 in set().union(*(_forms(v) for v in sc.placeholder_values().values()))
    assert 30.0 not in _sourced_numbers(sc) or True  # (a record figure would be allowed)
    assert _numbers("on 19 September 2016 at 19:00, by rules 25 and 28, {x:%}") == []


# --- the gentle level keeps every fact ------------------------------------------------

GRAPHIC = re.compile(
    r"\b(kill(?:s|ed|ing)?|dead|deaths?|die[sd]?|dying|wounded|wounds|hurt|bomb(?:s|ed|ing)?|"
    r"bunker-buster|blood(?:y)?|bodies|corpses?|massacres?|rubble|burned)\b",
    re.I,
)


def _texts_with_gentle(node: Any, where: str = "") -> Iterator[tuple[str, str, str | None]]:
    """(where, standard text, gentle text or None) for every field that has a gentle twin."""
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        for name in fields:
            value = getattr(node, name)
            twin = f"{name}_gentle"
            if twin in fields and isinstance(value, str):
                yield f"{where}.{name}", value, getattr(node, twin)
            else:
                yield from _texts_with_gentle(value, f"{where}.{getattr(node, 'id', name)}")
    elif isinstance(node, list):
        for k, item in enumerate(node):
            yield from _texts_with_gentle(item, f"{where}[{getattr(item, 'id', k)}]")


def test_graphic_texts_have_gentle_variants(sc: Scenario) -> None:
    missing = [
        f"{where}: {GRAPHIC.search(text).group(0)!r}"  # type: ignore[union-attr]
        for where, text, gentle in _texts_with_gentle(sc)
        if text and GRAPHIC.search(text) and not gentle
    ]
    assert not missing, "graphic texts with no gentle variant:\n" + "\n".join(missing)


def test_the_schema_has_gentle_fields_for_every_text_that_can_be_graphic() -> None:
    from game.model import choices as m
    from game.model import lesson, record

    for model, name in [
        (record.Claim, "text"), (m.Event, "title"), (m.Event, "text"), (m.Dilemma, "title"),
        (m.DilemmaOption, "label"), (m.DilemmaOption, "text"), (m.DilemmaOption, "uncertainty"),
        (m.Action, "summary"), (m.Action, "uncertainty"), (m.Effect, "note"), (record.EpilogueItem, "text"),
        (record.Assumption, "text"), (lesson.Question, "text"),
    ]:
        assert f"{name}_gentle" in model.model_fields, (model.__name__, name)


def test_gentle_texts_keep_the_figures(sc: Scenario) -> None:
    """A gentle variant says the same facts: every number of the standard text is in it."""
    for where, text, gentle in _texts_with_gentle(sc):
        if gentle:
            assert sorted(_numbers(text)) == sorted(_numbers(gentle)), where
            for word in ("disputed", "province", "Nusra", "Jaysh al-Fatah", "Ahrar al-Sham"):
                if word in text:
                    assert word in gentle, (where, word)


def test_gentle_level_shows_gentle_claims_titles_and_options() -> None:
    s = Session.new(seed=3, content="gentle", autosave=False)
    while s.state.week < 8:  # the August toll (31 Aug) opens with the week of 28 Aug
        s.advance()
    titles = {n.title for n in s.news()}
    assert "A month's toll" in titles and "A month's dead" not in titles


# --- questions ------------------------------------------------------------------------------


def test_every_dilemma_option_of_every_role_has_a_question(sc: Scenario) -> None:
    asked = {(c.chose.dilemma, c.chose.option) for q in sc.questions for c in q.when if c.chose}
    missing = [(d.id, o.id) for d in sc.dilemmas for o in d.options if (d.id, o.id) not in asked]
    assert not missing, missing


def test_leaving_has_questions(sc: Scenario) -> None:
    used = {(c.used.role, c.used.action) for q in sc.questions for c in q.when if c.used}
    assert {("household", "leave_ramouseh"), ("household", "leave_pause")} <= used


def test_law_questions_cite_the_icrc_rules(sc: Scenario) -> None:
    text = " ".join(q.text for q in sc.questions)
    for rule in ("53", "55", "25 and 28", "129 and 131", "132"):
        assert re.search(rf"rules? {rule}", text), rule
    assert "ICRC" in text


def test_a_you_question_is_tied_to_a_choice(sc: Scenario) -> None:
    for q in sc.questions:
        if re.match(r"\s*(You|Your)\b", q.text):
            assert any(c.chose or c.used for c in q.when), q.id


def test_a_you_question_is_not_asked_of_a_default() -> None:
    """A card left to its default does not bring a question that says "You chose..."."""
    s = Session.new(seed=3, autosave=False)
    while not s.finished:
        s.advance()
    picked = {q.id for q in s.questions()}
    assert "trucks-waited" not in picked and "pause-guarantees" not in picked

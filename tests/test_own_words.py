"""Our own words: no player-facing text copies a run of words from the seed article or
from the fact sheet.

Every string of every scenario file, the docs, the README and the seeds is read against
`../shared/seed/has-aleppo-battle-ended.txt` and `../shared/history/aleppo-2016.md`.
Words are compared without case or punctuation, and numbers without their separators
("2,000" is "2000"). A run of `NGRAM` words found in a source is a copy, unless it is a
list of proper names and figures: a run in which all but two words are names, joining
words or numbers ("Bustan al-Qasr, Ferdous, Kallaseh and Saleheen"; "18 of 31 UN and Red
Crescent trucks"). A citation of the article (its title, its address) is not a copy. The test skips when ../shared is not
there, as the seeds' own copy test does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import strings_in as _strings

REPO = Path(__file__).parents[1]
# ../shared beside the repository (a worktree under /work/wt/NAME looks one level up).
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()), REPO.parent / "shared")
ARTICLE = SHARED / "seed/has-aleppo-battle-ended.txt"
FACT_SHEET = SHARED / "history/aleppo-2016.md"
NGRAM = 8
JOINING = {"and", "al", "el", "of", "the", "de", "bin", "s", "to", "via", "in"}
# A citation of the article names it: its title and address are not a copy.
CITATION = re.compile(
    r"has aleppo battle ended\??|(https?://)?(www\.)?middleeastobserver\.org/2016/11/12/has-aleppo-battle-ended/?",
    re.I,
)
MONTHS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


def words(text: str) -> list[str]:
    text = re.sub(r"(?<=\d)[,\u202f](?=\d{3}\b)", "", text)  # 2,000 -> 2000
    return re.sub(r"[\W_]+", " ", text.lower()).split()


def ngrams(ws: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def name_words(text: str) -> set[str]:
    """Words written with a capital inside a sentence (not after . ! ? or a line start),
    less months and days: the sources' proper names."""
    found = set()
    for m in re.finditer(r"(?<![.!?:\n]\s)(?<!^)\b([A-Z][\w'-]*)", text, flags=re.M):
        for w in words(m.group(1)):
            if w not in MONTHS:
                found.add(w)
    return found


def is_name_list(run: tuple[str, ...], names: set[str]) -> bool:
    """Names, joining words and figures, with at most two other words among them."""
    others = [w for w in run if w not in names and w not in JOINING and not w.isdigit()]
    return len(others) <= 2


def player_texts() -> dict[str, str]:
    """Where -> text, for every player-facing text of the project."""
    texts: dict[str, str] = {}
    for path in sorted((REPO / "scenarios").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, s in enumerate(_strings(data)):
            texts[f"{path.relative_to(REPO)} #{i}"] = s
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        texts[str(path.relative_to(REPO))] = path.read_text(encoding="utf-8")
    for path in sorted((REPO / "seeds").iterdir()):
        if path.is_file():
            texts[str(path.relative_to(REPO))] = path.read_text(encoding="utf-8")
    return texts


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    if not (ARTICLE.is_file() and FACT_SHEET.is_file()):
        pytest.skip(f"the article and the fact sheet are not present under {SHARED}")
    return {p.name: p.read_text(encoding="utf-8") for p in (ARTICLE, FACT_SHEET)}


def test_number_separators_are_normalised() -> None:
    assert words("more than 2,000 injured") == words("more than 2000 injured")


def test_name_lists_are_allowed() -> None:
    names = name_words("It took Bustan al-Qasr, Ferdous, Kallaseh and Saleheen in a day.")
    run = tuple(words("Bustan al-Qasr, Ferdous, Kallaseh and Saleheen fell"))
    assert is_name_list(run, names)
    assert not is_name_list(tuple(words("since the truce more than 800 civilians were killed")), names)
    assert is_name_list(tuple(words("18 of 31 UN and Red Crescent trucks")), name_words("the UN and Red Crescent"))


def test_no_player_text_copies_the_sources(sources: dict[str, str]) -> None:
    names: set[str] = set()
    grams: dict[tuple[str, ...], str] = {}
    for name, text in sources.items():
        names |= name_words(text)
        for g in ngrams(words(CITATION.sub(" ", text))):
            grams.setdefault(g, name)
    copied: dict[str, list[str]] = {}
    for where, text in player_texts().items():
        runs = sorted(
            " ".join(g) + f" ({grams[g]})"
            for g in ngrams(words(CITATION.sub(" ", text)))
            if g in grams and not is_name_list(g, names)
        )
        if runs:
            copied[where] = runs
    report = "\n".join(f"{w}: {r}" for w, runs in copied.items() for r in runs)
    assert not copied, f"runs of {NGRAM} words copied from a source:\n{report}"

"""Every number, date, signed change and small phrase the game shows, in one place.

Pure functions of plain values: the documents (`game.present.week`,
`game.present.debrief`) are worded with them, and no front end formats a number or a
date itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from game.present.doc import ClaimLine, Topic
from game.session import ClaimInfo
from game.session.views import topics_of

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


class Source(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def stance(self) -> str: ...
    @property
    def label(self) -> str: ...


def number(x: float, digits: int | None = None) -> str:
    """A number for people: whole numbers with thousands separators, others with up to
    two decimals; `digits` rounds first (1: one decimal at most)."""
    x = float(x)
    if digits is not None:
        x = round(x, digits)
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def count(x: float, noun: str = "") -> str:
    """A large amount in words people read at a glance: "3 million rations", "2.5 million
    person-days", "290,000 people", "12 trucks" (whole below a million, one decimal at
    most above)."""
    x = float(x)
    text = f"{number(round(x / 1e6, 1))} million" if abs(x) >= 1e6 else number(round(x))
    return f"{text} {noun}" if noun else text


WHOLE_UNITS = ("people", "person-days", "rations")


def quantity(value: float, unit: str = "", high: float | None = None, scale: bool = True) -> str:
    """A resource's value with its unit, as a person reads it: a unit counted in
    thousands or millions is said in full ("3 million rations", not "3,000 thousand
    rations"; "USD 13.04 million"), people in whole numbers, a 0-1 scale as "0.40 of 1",
    a 0-100 scale in whole numbers ("35 of 100"); not `scale`: a scale's value without
    it ("0.40", "35"), once the scale has been said."""
    value = float(value)
    of = (lambda top: f" of {top}") if scale else (lambda top: "")
    if unit.startswith("thousand "):
        return count(value * 1000, unit.removeprefix("thousand "))
    if unit.startswith("USD million"):
        return f"USD {number(round(value, 2))} million"
    if unit in WHOLE_UNITS:
        return count(value, unit)
    if not unit and high == 1:
        return ("1" if value >= 1 else "0" if value <= 0 else f"{value:.2f}") + of(1)
    if not unit and high == 100:
        return f"{number(round(value))}{of(100)}"
    text = count(value) if abs(value) >= 1e6 else number(round(value, 2))
    return f"{text} {unit}" if unit else text


def signed_quantity(delta: float, unit: str = "", high: float | None = None, digits: int = 1) -> str:
    """A change of a resource, said as `quantity` says its value: "+1.5 million rations",
    "-USD 1 million", a 0-1 scale's as "-0.04 of 1" and a 0-100 scale's as "+5 of 100"
    (what the scale is: the value is out of 1, or of 100); else `signed`."""
    sign = "+" if delta > 0 else "-"
    if unit.startswith(("thousand ", "USD million")) or unit in WHOLE_UNITS:
        return sign + quantity(abs(delta), unit, high)
    if not unit and high == 1:
        return f"{signed(delta, max(digits, 2))} of 1"
    if not unit and high == 100:
        return f"{signed(delta, 0)} of 100"
    return signed(delta, digits)


def seed_words(code: str | None, seed: int) -> str:
    """A game's luck for people: the class code it came from, and its seed."""
    return f'class code "{code}" (seed {seed})' if code else f"seed {seed}"


YES = "(1 = yes)"


def yes_no(flag: float | bool) -> str:
    return "yes" if float(flag) >= 0.5 else "no"


def resource_text(label: str, value: float, unit: str = "", high: float | None = None, scale: bool = True) -> str:
    """ "Funds: USD 13.04 million", "Food staged at the border: 3 million rations",
    "UN standing with Russia: 0.35 of 1" (not `scale`: "0.35"), "The family has left the
    east: no"."""
    if label.endswith(YES):
        return f"{label.removesuffix(YES).rstrip()}: {yes_no(value)}"
    return f"{label}: {quantity(value, unit, high, scale)}"


def and_list(xs: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" ("" for none)."""
    return ", ".join(xs[:-1]) + " and " + xs[-1] if len(xs) > 1 else "".join(xs)


def about(x: float) -> str:
    """A whole number, for an estimate ("about 12")."""
    return number(round(float(x)))


def signed(x: float, digits: int = 1) -> str:
    """A change: "+3", "-1.5", "0" (rounded to `digits`)."""
    r = round(float(x), digits)
    if r == 0:
        return "0"
    return ("+" if r > 0 else "-") + number(abs(r))


def percent(share: float) -> str:
    """A share of one as a whole percentage ("40%")."""
    return f"{float(share):.0%}"


def plural(n: float, one: str, many: str | None = None) -> str:
    """ "1 hospital", "3 hospitals" (the number formatted by `number`)."""
    word = one if abs(float(n)) == 1 else (many or one + "s")
    return f"{number(n)} {word}"


def day(d: dt.date) -> str:
    """ "3 July 2016"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def day_month(d: dt.date) -> str:
    """ "3 July": a day in a turn whose heading names the year."""
    return f"{d.day} {MONTHS[d.month - 1]}"


def span(a: dt.date, b: dt.date) -> str:
    """ "3 July to 9 July 2016" (or one day, or across years)."""
    if a == b:
        return day(a)
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} to {day(b)}"
    return f"{day(a)} to {day(b)}"


def short_span(a: dt.date, b: dt.date) -> str:
    """ "24–30 Jul", "31 Jul–6 Aug": a span for a narrow screen's header (no year)."""
    def short(d: dt.date) -> str:
        return f"{d.day} {MONTHS[d.month - 1][:3]}"

    return f"{a.day}–{short(b)}" if (a.year, a.month) == (b.year, b.month) else f"{short(a)}–{short(b)}"


def week_span(start: dt.date) -> str:
    """The seven days of a week that begins on `start`."""
    return span(start, start + dt.timedelta(days=6))


def certainty(uncertainty: str) -> str:
    """The short verdict that opens an uncertainty note ("Sure", "Likely"...), if any."""
    head = re.split(r"[:,;.]", uncertainty, maxsplit=1)[0].strip()
    return head if 0 < len(head) <= 20 and head != uncertainty.strip() else ""


def source_names(sources: Iterable[Source]) -> str:
    """ "UN OCHA (UN); SANA (government; pro-government)": name, stance and lean."""
    return "; ".join(f"{s.name} ({s.label})" for s in sources)


def sources_text(sources: Iterable[Source]) -> str:
    names = source_names(sources)
    return f"Sources: {names}." if names else "Sources: none given."


# A source's stance in a word, for the short form (`sources` gives each one's lean).
STANCE_WORDS = {
    "international": "international",
    "monitor": "monitor",
    "government": "government",
    "opposition": "opposition",
    "russian-mod": "Russia",
    "media": "media",
    "research": "research",
    "rebel-faction": "rebels",
    "us-government": "US",
}


def short_sources_text(sources: Iterable[Source]) -> str:
    """ "Sources: SOHR (monitor); UN (international)." Each source's short name and its
    stance, for the lines of a brief turn, which name many (the full names and leans are
    a key away, with the full texts)."""
    def one(s: Source) -> str:
        name, stance = getattr(s, "short", "") or s.name, STANCE_WORDS.get(s.stance, s.stance)
        return name if stance.lower() in name.lower() else f"{name} ({stance})"  # "US government"

    names = "; ".join(one(s) for s in sources)
    return f"Sources: {names}." if names else "Sources: none given."


def points(n: int) -> str:
    return plural(n, "action point")


def joined(parts: Iterable[str], sep: str = "; ") -> str:
    return sep.join(p for p in parts if p)


def claim_day(cl: ClaimInfo) -> str:
    """A claim's date: the month alone where its source gives no day."""
    return f"{MONTHS[cl.date.month - 1]} {cl.date.year}" if cl.precision == "month" else day(cl.date)


def claim_line(cl: ClaimInfo) -> ClaimLine:
    return ClaimLine(cl.source.name, cl.source.label, claim_day(cl), cl.text)


def topics(claims: Iterable[ClaimInfo]) -> tuple[Topic, ...]:
    """Claims grouped by topic, in the order the topics first appear, as documents' topics."""
    return tuple(Topic(t.question, t.contested, tuple(claim_line(c) for c in t.claims)) for t in topics_of(claims))


def progress(lesson_turns: tuple[int, int] | None, weeks_played: int, weeks: int) -> tuple[str, int, int]:
    """How far a game has gone, as (unit, played, in all): a lesson game's lesson turns
    when they are known, else its weeks (a full game's turns are its weeks)."""
    if lesson_turns is not None:
        return ("turn", *lesson_turns)
    return "week", weeks_played, weeks


def stopped_after(unit: str, played: int, total: int | None = None) -> str:
    """ "stopped after week 3 of 20", "stopped before turn 1" (no total: none said)."""
    if played == 0:
        return f"stopped before {unit} 1"
    return f"stopped after {unit} {played}" + (f" of {total}" if total is not None else "")

"""The engine's causes and outcomes, in words: a standard and a gentle wording of each
kind of cause (`Cause.what`), with the same figures in both."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.engine.core import Cause, Outcome
from game.present.names import Names
from game.present.words import about, and_list, number, percent, plural

Wording = Callable[[Cause, Names, str], str]  # (cause, names, credit) -> words


def _zone(c: Cause) -> str:
    return c.measure.partition(".")[2] or "east"


def _f(c: Cause, key: str) -> float:
    return float(c.figures.get(key, 0.0))


# (full, gentle) -> the strikes cause's words; the short ones once the full have been read
# (a lesson turn after the first; `report` gives the full)
STRIKES = {
    (True, False): "Expected killed by strikes and fighting in the {zone} with no protection: about {e}.",
    (True, True): "Lives the attacks would cost in the {zone} with no protection: about {e}.",
    (False, False): "Strikes in the {zone}: about {e} expected killed.",
    (False, True): "Attacks in the {zone}: about {e} lives expected lost.",
}


def _strikes(gentle: bool, full: bool = True) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        return STRIKES[full, gentle].format(zone=_zone(c), e=about(_f(c, "expected")))

    return say


def _pause(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        a = about(_f(c, "averted"))
        result = f"about {a} more lives spared" if gentle else f"about {a} fewer killed"
        return f"A negotiated pause stopped {percent(_f(c, 'share'))} of the air strikes on the east: {result}{credit}."

    return say


def _warning(c: Cause, n: Names, credit: str) -> str:
    return f"Early warning and international attention kept about {about(_f(c, 'kept'))} out of harm's way{credit}."


def _luck(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        word = "heavier" if _f(c, "luck") > 0 else "lighter"
        if gentle:
            return f"Chance: the attacks on the east were {word} than this phase's average."
        return f"Chance: the bombardment in the east was {word} than this phase's average."

    return say


def _counted(gentle: bool, figure: str, standard: str, soft: str) -> Wording:
    """A cause that counts people (its `figure`), in a standard and a gentle wording
    ({k}: the people, {zone}, {credit})."""

    def say(c: Cause, n: Names, credit: str) -> str:
        k = plural(_f(c, figure), "person", "people")
        return (soft if gentle else standard).format(k=k, zone=_zone(c), credit=credit)

    return say


def _care(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        died = about(_f(c, "died"))
        head = f"{died} wounded people could not be saved for lack of care" if gentle else f"{died} injured died for lack of care"
        return (
            f"{head}: {plural(_f(c, 'hospitals'), 'hospital')} and {plural(round(_f(c, 'clinics')), 'clinic')}"
            f" could treat {percent(_f(c, 'treated_share'))} of the wounded."
        )

    return say


def _clinics(c: Cause, n: Names, credit: str) -> str:
    return (
        f"Underground clinics treated about {about(_f(c, 'treated'))} wounded,"
        f" saving about {about(_f(c, 'saved'))}{credit}."
    )


def _hunger(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        died = about(_f(c, "died"))
        head = f"{died} people died from lack of food and clean water" if gentle else f"{died} died of hunger and unsafe water"
        return f"{head}: food for {about(_f(c, 'food_days'))} days, running water for {percent(_f(c, 'water'))}."

    return say


def _supply(c: Cause, n: Names, credit: str) -> str:
    days = _f(c, "days")
    if days < 0:
        return "Open routes brought in food."
    return f"Open routes brought in food for about {number(days, 1)} days."


def _bakeries(c: Cause, n: Names, credit: str) -> str:
    return f"Supported bakeries stretched the flour: about {number(_f(c, 'days'), 1)} days of food saved{credit}."


def _hospital_hits(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        who = "Attacks" if gentle else "Air strikes"  # the amount: the hospitals of every week joined
        return f"{who} put {plural(abs(c.amount), 'hospital')} out of service."

    return say


def _departures(c: Cause, n: Names, credit: str) -> str:
    return f"{plural(_f(c, 'people'), 'person', 'people')} left the east by {n.route(c.ref)}."


def _route_deaths(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        k = about(_f(c, "killed"))
        if gentle:
            return f"{k} people lost their lives while trying to leave."
        return f"{k} were killed while trying to leave."

    return say


def _rescuers_lost(gentle: bool) -> Wording:
    def say(c: Cause, n: Names, credit: str) -> str:
        k = _f(c, "rescuers")
        if gentle:
            return f"Rescue teams lost {number(k)} of their members at attacked sites."
        return f"{plural(k, 'rescuer')} {'was' if k == 1 else 'were'} killed or badly hurt at struck sites."

    return say


def _repairs(c: Cause, n: Names, credit: str) -> str:
    return f"Repairs brought {plural(abs(c.amount), 'hospital')} back into service."


def _eaten(c: Cause, n: Names, credit: str) -> str:
    ration = _f(c, "ration")
    cut = f", on portions cut to {percent(ration)}" if ration < 1.0 else ""
    return f"The east ate about {number(_f(c, 'days'), 1)} days of food{cut}."


def moved_words(c: Cause) -> str:
    """What a cause did to the food or to a zone's hospitals: "about 2.5 more days of
    food in the east", "1 fewer hospital working in the west"."""
    if "days" in c.figures:
        d = _f(c, "days")
        return f"about {number(abs(d), 1)} {'more' if d > 0 else 'fewer'} days of food in the east"
    k = c.amount  # the hospitals of every week joined (the figure is a level's)
    return f"{plural(abs(k), 'more hospital' if k > 0 else 'fewer hospital')} working in the {_zone(c)}"


def _opened(c: Cause, n: Names, credit: str) -> str:
    events = [n.event(e) for e in c.ref.split(",") if e]
    head = f"The week's opening events ({and_list(events)})" if events else "Effects falling due as the week opened"
    return f"{head}: {moved_words(c)}."


def _decided(c: Cause, n: Names, credit: str) -> str:
    who = "; ".join(f"{n.who(t.partition(':')[0])}: “{n.credit(t)}”" for t in c.credit)
    return f"Decisions this week ({who}): {moved_words(c)}."


def _wordings(gentle: bool) -> dict[str, Wording]:
    return {
        "strikes": _strikes(gentle),
        "pause": _pause(gentle),
        "warning": _warning,
        "luck": _luck(gentle),
        "rescue": _counted(
            gentle, "rescued", "Rescue teams pulled {k} alive from struck buildings{credit}.",
            "Rescue teams brought {k} out alive after attacks{credit}.",
        ),
        "care": _care(gentle),
        "clinics": _clinics,
        "hunger": _hunger(gentle),
        "supply": _supply,
        "bakeries": _bakeries,
        "hospital_hits": _hospital_hits(gentle),
        "departures": _departures,
        "route_deaths": _route_deaths(gentle),
        "rescuers_lost": _rescuers_lost(gentle),
        "wounded": _counted(gentle, "injured", "Strikes and fighting injured {k} in the {zone}.", "Attacks hurt {k} in the {zone}."),
        "repairs": _repairs,
        "eaten": _eaten,
        "opened_food": _opened,
        "opened_hospitals": _opened,
        "decided_food": _decided,
        "decided_hospitals": _decided,
    }
NAMED_CREDIT = ("decided_food", "decided_hospitals")  # their words name their decisions


WORDINGS = {False: _wordings(False), True: _wordings(True)}
# The shorter wordings, once the full one has been read (`cause_text`'s `full`).
SHORT_WORDINGS = {g: {"strikes": _strikes(g, full=False)} for g in (False, True)}


def cause_text(cause: Cause, names: Names, full: bool = True) -> str:
    """One cause in words, at the names' content level; not `full`: in its shorter
    wording, where it has one (a lesson turn after the first)."""
    say = (None if full else SHORT_WORDINGS[names.gentle].get(cause.what)) or WORDINGS[names.gentle].get(cause.what)
    credit = ""
    if cause.credit and cause.what not in NAMED_CREDIT:
        credit = " (strengthened by: " + ", ".join(names.credit(t) for t in cause.credit) + ")"
    if say is None:  # a kind of cause this layer does not know yet: its figures, plainly
        figures = ", ".join(f"{k} {number(v, 1)}" for k, v in cause.figures.items())
        return f"{cause.what.replace('_', ' ').capitalize()}: {figures}{credit}."
    return say(cause, names, credit)


def outcome_text(o: Outcome, names: Names) -> str:
    """What became of one effect of a decision."""
    note = names.note(o)
    if o.kind == "chance":
        return f"{note}: {'yes' if o.hit else 'no'} (chance {percent(o.chance)})"
    if o.kind == "delayed":
        return f"{note or 'it'}: takes effect in week {o.due + 1}"
    if o.kind == "late":
        return f"{note or 'this'}: too late, the game ends before it would take effect"
    return note or o.kind


def outcomes_text(outcomes: Sequence[Outcome], names: Names) -> str:
    """An action's or an option's outcomes, in one phrase ("done" if nothing to report)."""
    return "; ".join(outcome_text(o, names) for o in outcomes) or "done"

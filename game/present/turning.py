"""The debrief's turning points in words: the players' decisions first, and chance
apart after them (each with its effect by the end of the game, simulated)."""

from __future__ import annotations

from collections.abc import Sequence

from game.present.causes import cause_text, outcomes_text
from game.present.doc import Block, Heading, Items, Paragraph, Spans, spans
from game.present.names import Names
from game.present.words import signed
from game.session import Debrief, TurningPoint

WORKING_OUT = "Working out which decisions and events changed the outcome most…"


def turning_point_words(tp: TurningPoint, names: Names) -> tuple[str, tuple[str, ...]]:
    """A turning point's title and explanations, in words."""
    why: list[str] = []
    if tp.kind == "chance":
        heavier = tp.effect_killed > 0
        what = "attacks" if names.gentle else "bombardment"
        title = f"Chance: a {'heavier' if heavier else 'lighter'} week of {what}"
        if tp.cause is not None:
            why.append(cause_text(tp.cause, names))
        if tp.news:
            why.append("News that week: " + "; ".join(names.event(e) for e in tp.news) + ".")
        return title, tuple(why)
    role = names.role(tp.role)
    if tp.kind == "choice":
        title = f"{role}: “{names.option(tp.ref, tp.option)}” in “{names.dilemma(tp.ref)}”"
        why.append(f"Compared with the default, “{names.option(tp.ref, tp.default)}”.")
    else:
        title = f"{role}: " + ", ".join(names.action(tp.role, a) for a, _ in tp.actions)
        why.append("Compared with taking no action that week.")
        for a, outcomes in tp.actions:
            if outcomes:
                why.append(f"{names.action(tp.role, a)}: {outcomes_text(outcomes, names)}.")
    shown = [f"{names.labels[k]} {signed(v, 2)}" for k, v in tp.changes if k in names.labels][:3]
    if shown:
        why.append("By the end of the game, with it rather than without (simulated): " + "; ".join(shown) + ".")
    return title, tuple(why)


def turning_point_effect(tp: TurningPoint) -> str:
    effect = f"{signed(tp.effect_killed, 0)} killed"
    if tp.kind != "chance":
        effect += (
            f", {signed(tp.effect_injured, 0)} injured, {signed(tp.effect_left, 0)} left the east,"
            f" {signed(tp.effect_food_days)} days of food at the end"
            f" (mean of {tp.samples} paired replays on different luck)"
        )
    return effect


def turning_point_item(tp: TurningPoint, names: Names) -> Spans:
    title, why = turning_point_words(tp, names)
    return spans(
        (f"Week {tp.week + 1}: {title}.", "strong"),
        f" Effect by the end (simulated): {turning_point_effect(tp)}. " + " ".join(why),
    )


def turning_points_section(d: Debrief, points: Sequence[TurningPoint] | None = None) -> tuple[Block, ...]:
    """`points`: the turning points (default: the debrief's); None while they are still
    being worked out is shown as such by `pending=True` front ends."""
    tps = d.turning_points if points is None else points
    names = Names.of_debrief(d)
    return (
        Heading("Turning points", id="turning-points"),
        Paragraph(
            spans(
                f"The decisions and events of chance that changed the outcome most, ranked by {d.rank_measure}."
                " A decision's effect compares replays with and without it on the same luck"
                " (averaged over several lucks); all figures are simulated."
            ),
            note=True,
        ),
        *turning_point_lists(tps, names),
    )


def turning_point_lists(tps: Sequence[TurningPoint], names: Names) -> tuple[Block, ...]:
    """The players' decisions first, and chance apart."""
    mine = tuple(turning_point_item(tp, names) for tp in tps if tp.kind != "chance")
    luck = tuple(turning_point_item(tp, names) for tp in tps if tp.kind == "chance")
    if not mine and not luck:
        return (Items((spans("No single decision or event stood out: the outcome was shaped by many small ones."),), id="turning-point-items"),)
    out: list[Block] = [Paragraph(spans(("Your decisions", "strong")), id="turning-mine")]
    if mine:
        out.append(Items(mine, id="turning-point-items"))
    else:
        out.append(Paragraph(spans("None of your decisions changed the number killed by one or more."), id="turning-point-none"))
    if luck:
        out.append(Paragraph(spans(("Chance, apart from your decisions", "strong")), id="turning-chance"))
        out.append(Items(luck, id="turning-point-chance"))
    return tuple(out)

"""The role card in words: who you are (a fictional composite, if so), what you can and
cannot change, your resources and points, what to watch; once the role's life in the
game has ended (a family that has left), its epilogue first, and the offer to play on to
the debrief when every player's role has. The Textual card and the line mode show it."""

from __future__ import annotations

from dataclasses import dataclass

from game.present.words import resource_text
from game.session import ResourceInfo, Session

COMPOSITE = " A fictional composite: no real person is portrayed."
OFFER = "Play the remaining weeks without you and go to the debrief"


@dataclass(frozen=True, slots=True)
class CardSection:
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RoleCard:
    """A role card in words: who you are (`intro`), then its sections (what you can
    change, what you cannot, your resources, what to watch); for a role whose life in
    the game has ended, its epilogue first and the offer to go to the debrief."""

    role: str
    title: str
    intro: str
    sections: tuple[CardSection, ...]
    gone: bool = False  # the role has left the game's story (its epilogue comes first)
    offer: str = ""  # what the front end offers then (to play on to the debrief)
    name: str = ""  # the role's name
    fictional: bool = False  # the role is a fictional composite


def _resource(r: ResourceInfo) -> str:
    """A resource on the card, worded as the week words it: "Funds: USD 13.04 million",
    "Food staged at the border: 3 million rations", a flag as yes or no."""
    return resource_text(r.label, r.value, r.unit, r.high)


def role_card(session: Session, role: str) -> RoleCard:
    info = session.role_info(role)
    gone = session.leaving(role)
    told = "composite" in info.summary.lower()
    composite = COMPOSITE if info.fictional and not told else ""
    sections: list[CardSection] = []
    if gone is not None:  # the epilogue first, then who the role was
        sections.append(CardSection(f"Who you are: {info.name}", (info.summary + composite,)))
    if info.can:
        sections.append(CardSection("What you can change", info.can))
    if info.cannot:
        sections.append(CardSection("What you cannot change", info.cannot))
    resources = tuple(_resource(r) for r in session.resources(role))
    points = f"{info.budget} action point{'s' if info.budget != 1 else ''} a week to spend on actions."
    sections.append(CardSection("Your resources", (points, *resources)))
    if info.watch:
        sections.append(CardSection("What to watch", info.watch))
    offer = OFFER if gone is not None and session.players_gone else ""
    return RoleCard(
        role=role,
        title=gone.title if gone is not None else f"Who you are: {info.name}",
        intro=" ".join(gone.says) if gone is not None else info.summary + composite,
        sections=tuple(sections),
        gone=gone is not None,
        offer=offer,
        name=info.name,
        fictional=info.fictional,
    )


def card_lines(card: RoleCard) -> list[str]:
    """The card as the line mode's lines (then a blank line)."""
    out = [f"You play: {card.name}{' (a fictional composite)' if card.fictional else ''}.", f"{card.title}.", card.intro]
    for section in card.sections:
        out += [f"{section.title}:", *(f"- {line}" for line in section.lines)]
    if card.offer:
        out.append(f"{card.offer}: type finish. Or keep playing: type end each week.")
    return out

"""The list of saves in words: one line a save, for the title screen's Load list and
`corridors saves`."""

from __future__ import annotations

from game.present.words import MONTHS, plural
from game.session import SaveInfo


def save_text(info: SaveInfo) -> str:
    """One line about a save, for the list of saves: its roles, its turn (a lesson
    game's turns are its lesson turns) and the game's date, whether it is finished, when it was saved, whose it is, its class code, its
    scenario and file."""
    if info.problem:
        return f"{info.path.name}: cannot be read ({info.problem})"
    d = info.date
    when_in_game = f", the week of {d.day} {MONTHS[d.month - 1]} {d.year}" if d else ""
    if info.turn is None:
        where = f"{plural(info.week, 'week')} played"
    elif info.turns is None:
        where = f"{plural(info.turn, 'turn')} played"
    elif info.finished:
        where = f"finished ({info.turns} turns{when_in_game})"
    else:
        where = f"turn {info.turn + 1} of {info.turns} next{when_in_game}"
    when = info.saved_at or info.modified
    parts = [", ".join(info.roles), where, f"saved {when:%Y-%m-%d %H:%M}"]
    if info.player:
        parts.append(info.player)
    if info.code:
        parts.append(f'class code "{info.code}"')
    return " · ".join(p for p in parts if p) + f" ({info.scenario}; {info.path.name})"

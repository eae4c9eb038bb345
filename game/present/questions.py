"""What a discussion question is tied to in this game, in words: the session hands over
`Reason`s (an option chosen, an action taken so many times, a measure's value, what the
game's end read), and this words them for every front end and export."""

from __future__ import annotations

from collections.abc import Sequence

from game.present.words import number, plural, yes_no
from game.session.review import Reason


def _reading(r: Reason) -> str:
    return f"{r.label}: {yes_no(r.value) if r.flag else number(r.value)}"


def because(reasons: Sequence[Reason]) -> str:
    """The reasons joined in one line ("" for none): an option in quotes with its
    dilemma, an action with how often it was taken, a measure with its simulated value,
    and the readings of one condition on the game's end together after "at the end"."""
    parts: list[str] = []
    readings: list[str] = []

    def close_readings() -> None:
        if readings:
            parts.append(f"at the end, {'; '.join(readings)} (simulated)")
            readings.clear()

    for r in reasons:
        if r.kind == "reading":
            readings.append(_reading(r))
            continue
        close_readings()
        if r.kind == "chose":
            parts.append(f'"{r.label}" in "{r.of}"')
        elif r.kind == "used":
            parts.append(f'"{r.label}" {plural(r.count, "time")}')
        elif r.kind == "measure":
            parts.append(f"{r.label}: {number(r.value, 1)} (simulated)")
        else:
            parts.append("how your game ended")
    close_readings()
    return "; ".join(parts)

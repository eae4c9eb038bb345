"""The title screen's words: its subtitle, the form's labels (the player's name first),
the buttons, and each length of game with its turns and the time it takes. It imports nothing (the title is
drawn before the game's core is loaded)."""

from __future__ import annotations

SUBTITLE = "A decision simulation of the 2016 siege of eastern Aleppo"
CONTENT_NOTE = "Content note. "
NAME = "Your name (optional)"
NAME_PLACEHOLDER = "Continue finds your game"
SCENARIO = "Scenario"
SEED = "Seed or class code"
SEED_PLACEHOLDER = "empty: random"
CONTENT_LEVEL = "Content level"
LENGTH = "Length"
ROLES = "Roles ([x] ticked; space ticks; 2+: hot-seat)"
FICTIONAL = " (fictional)"
NEW_GAME = "New game (enter)"
CONTINUE = "Continue (ctrl+o)"
LOAD = "Load (ctrl+l)"
LOAD_HEADING = "Load a saved game (the latest first)"


def length_text(length: str, name: str, turns: int, minutes: int) -> str:
    """One length of game: its turns and the time it takes."""
    lessons = " (two lessons)" if 80 <= minutes <= 100 else " (one lesson)" if minutes <= 45 else ""
    kind = "weekly turns" if length == "full" else "turns"
    return f"{name}: {turns} {kind}, about {minutes} minutes with the debrief{lessons}."



def continue_line(save: str, player: str) -> str:
    """What Continue opens: the latest game of the name typed (with none, the latest
    saved without a name), by its file's name."""
    whose = f"the latest game of {player}" if player else "the latest game saved without a name"
    return f"Continue opens {save}, {whose}."

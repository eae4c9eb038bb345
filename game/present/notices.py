"""Short notices the front ends show a player after a key or a command: a plan
changed, a game saved or not, a week that cannot be played. Each front end shows the
same words (the line mode prints them, the full screen notifies them)."""

from __future__ import annotations


def plan_toggled(name: str, added: bool) -> str:
    return f"{'Added to' if added else 'Taken out of'} your plan: {name}."


def could_not_save(problem: object) -> str:
    return f"Could not save: {problem}"


def saved_to(where: object) -> str:
    return f"Saved to {where}."


def game_saved_to(where: object) -> str:
    return f"The game is saved to {where}."


def weeks_not_played(problem: object) -> str:
    return f"The weeks cannot be played: {problem}"


def week_not_played(reason: str) -> str:
    return f"The week cannot be played: {reason}"


def chosen(title: str, label: str) -> str:
    return f"Chosen for “{title}”: {label}."


def no_number(n: int, top: int, what: str = "choice") -> str:
    return f"There is no {what} {n}; the {what}s run from 1 to {top}."

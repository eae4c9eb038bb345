"""The words of joining a class before a game: the class code and the player's name that
a student gives in the game (in a browser tab that `corridors serve` opened, or with
`corridors play --join`), and why a code or a name is refused. Front ends show these
and word nothing of it themselves."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JoinWords:
    heading: str = "Join your class"
    intro: str = (
        "Type the class code your teacher gave you and your name, or your team's name if"
        " you play together at one screen. Everyone in the class plays the same siege with"
        " the same luck, and your teacher sees each game's result when it ends or stops."
    )
    code_label: str = "Class code"
    code_placeholder: str = "like K7M-4QX"
    name_label: str = "Your name, or your team's"
    name_placeholder: str = "as your teacher asks: a first name, initials, a team"
    join_button: str = "Join (enter)"
    checking: str = "Checking the class code…"
    loading: str = "Getting ready…"
    no_code: str = "Type the class code your teacher gave you (it looks like K7M-4QX)."
    no_name: str = "Type your name, or your team's name."
    # What the class's game says once the code is accepted, before it starts.
    ready_heading: str = "Class {code}"
    ready: str = (
        "You play {roles} in {scenario}, with the same luck as everyone in class {code}."
        " Your result is kept as {name}."
    )
    begin_button: str = "Begin (enter)"
    content_note: str = "Content note. "
    failed: str = "No game could start: {problem}"
    # The browser page around the game (corridors serve).
    page_title: str = "Corridors"
    page_opening: str = "Corridors is starting…"
    page_ended: str = "This game has ended. Its result is kept for your teacher."
    page_again: str = "Join again"

    def name_too_long(self, limit: int, length: int) -> str:
        return f"A name can have at most {limit} characters; this one has {length}."

    def refused(self, problem: str) -> str:
        """A code the class's store does not know, or cannot be right (its problem as the
        class code's check words it)."""
        return f"{problem.rstrip('.')}."

    def not_this_class(self) -> str:
        return (
            "That is a class code, but not the one of the class playing here. Check the"
            " code your teacher gave you."
        )

    def unknown_class(self) -> str:
        return "No class has that code here. Check the code your teacher gave you."

    def store_problem(self, problem: str) -> str:
        return f"The class's results cannot be reached, so no game can start: {problem.rstrip('.')}. Tell your teacher."

    def ready_text(self, *, code: str, roles: list[str], scenario: str, name: str) -> str:
        return self.ready.format(code=code, roles=_and(roles), scenario=scenario, name=f'"{name}"')


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


JOIN_WORDS = JoinWords()

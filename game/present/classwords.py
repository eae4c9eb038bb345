"""The classroom's words for a class code, a class and a player's name: why a typed code
cannot be a class code, why a class cannot be found or played as asked, and what a class
game tells its player as it opens. The command line and the join screen show them. It
imports nothing."""

from __future__ import annotations

LIKE = "K7M-4QX"  # what a class code looks like
CODE_EMPTY = f"the class code is empty (it looks like {LIKE})"
# The characters that class codes leave out, with what they may have been read as.
LOOKALIKE = {"0": "O or 0", "O": "O or 0", "1": "1, I or L", "I": "1, I or L", "L": "1, I or L"}
NAME_MISSING = "--name: give the player's or the team's name"


def code_lookalike(shown: str, ch: str) -> str:
    return f'"{shown}" is not a class code: class codes have no {LOOKALIKE[ch]}; check the code you were given'


def code_character(shown: str, ch: str) -> str:
    return f'"{shown}" is not a class code: {ch!r} is not used in class codes'


def code_length(shown: str, has: int, length: int) -> str:
    return f'"{shown}" is not a class code: it has {has} characters, a class code has {length} (like {LIKE})'


def code_mistyped(shown: str) -> str:
    return f'"{shown}" is not a valid class code: a character is mistyped or two are swapped; check the code you were given'


def unknown_length(length: str) -> str:
    return f'unknown length "{length}" (valid: lesson, full)'


def name_too_long(limit: int, length: int) -> str:
    return f"--name: at most {limit} characters, not {length}"


def no_such_class(code: str, where: str, *, teacher: bool) -> str:
    """A class the store does not have: for a student (`teacher` False), a pointer to the
    teacher's store; for the teacher starting a server, how to make one."""
    if teacher:
        return f"no class {code} in the results store {where} (make one with: corridors class new, or give its store with --store)"
    return f"no class {code} in the results store {where} (check the code, or give the teacher's store with --store)"


def no_class_yet(where: str) -> str:
    return f"the results store {where} has no class yet (make one with: corridors class new)"


def gentle_class(code: str, content: str) -> str:
    return f"class {code} is played at the gentle content level; --content {content} cannot change that"


def scenario_moved(code: str, scenario: str, ref: str, now: str) -> str:
    return f'class {code} plays scenario "{scenario}", but "{ref}" now holds "{now}"'


def class_notice(code: str, seed: int, *, changed: bool) -> str:
    """What a class game tells its player as it opens: the class's shared luck, and
    whether the scenario changed since the class was made."""
    note = f"Class {code}: everyone in this class plays with the same luck (seed {seed})."
    if changed:
        note += (
            " The scenario has changed since the class was made, so this game may differ"
            " from the games played before the change."
        )
    return note


# The class report's gathering (game.classroom.report): its refusals, and the labels of
# its games and of the turning points that recurred.
def no_games_yet(code: str, where: str) -> str:
    return (
        f"class {code} has no games in {where} yet, so there is nothing to report"
        f" (students join with: corridors play --class {code} --name NAME)"
    )


def scenario_unopened(code: str, problem: object) -> str:
    return f"class {code}: its scenario cannot be opened: {problem}"


def game_label(n: int, player: str, *, names: bool) -> str:
    """A game of the class: "Game 3", or with `names` its player's name."""
    return (player or f"Game {n} (no name)") if names else f"Game {n}"


def chance_turning(week: int, heavier: bool, *, gentle: bool) -> str:
    what = "attacks" if gentle else "bombardment"
    return f"Week {week}: chance, a {'heavier' if heavier else 'lighter'} week of {what}"


def choice_turning(week: int, role: str, option: str, dilemma: str) -> str:
    return f"Week {week}: {role}, “{option}” in “{dilemma}”"


def decision_turning(week: int, role: str, actions: list[str]) -> str:
    return f"Week {week}: {role}, " + ", ".join(actions)


def others(policy: str) -> str:
    """Who played the roles no student played."""
    return f"the computer ({policy} policy)"

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


def resume_with(where: object) -> str:
    return f"Resume with: corridors play --load {where}"


def farewell(where: object) -> str:
    """What the full-screen game prints once it has closed, saved."""
    return f"{game_saved_to(where)}\n{resume_with(where)}"


def not_autosaved(problem: object) -> str:
    return f"The game could not be saved: {problem}"


# The themes' names, by their ids (CORRIDORS_THEME takes a name, with - for a space).
THEME_NAMES = {"textual-dark": "dark", "textual-light": "light", "corridors-high-contrast": "high contrast"}


def theme(label: str) -> str:
    return f"Theme: {label}."


def theme_command(label: str) -> tuple[str, str]:
    """A theme's entry in the command palette: its name and what it does."""
    return f"Theme: {label}", f"Switch to the {label} theme (t cycles)"


def pass_keyboard(name: str) -> str:
    return f"Pass the keyboard to the next player: {name}."


def could_not_export(problem: object) -> str:
    return f"Could not export: {problem}"


def exported(where: object, *, with_histories: bool) -> str:
    more = "" if with_histories else " (press h first to include the alternative histories)"
    return f"Debrief written to {where}{more}."


def cannot_start(problem: object) -> str:
    return f"Cannot start: {problem}"


def cannot_load(problem: object) -> str:
    return f"Cannot load: {problem}"


def scenario_not_loaded(problem: object) -> str:
    return f"This scenario cannot be loaded: {problem}"


def no_saves_in(folder: object) -> str:
    return f"No saved game in {folder}."


def no_game_of(player: str) -> str:
    """Continue found no game of this player (of no name, if none was given)."""
    if player:
        return f"No saved game of {player}: Load (ctrl+l) lists every game."
    return "No saved game without a name: give your name to continue yours, or Load (ctrl+l) lists every game."


def results_unread(problem: object) -> str:
    return f"The results cannot be read just now: {problem}"


GAME = "Corridors"
NOTE = "Note"  # the title of a notice the session asks to tell as the game opens
NO_GAME_TO_SAVE = "No game to save yet."
PRESS_Q_AGAIN = "Press q again to leave without saving."
NO_DILEMMA = "No dilemma this week."
PLAYING_OUT = "Playing the remaining weeks…"
LOADING_SCENARIO = "Loading the scenario…"
STARTING_WHEN_LOADED = "Starting as soon as the scenario has loaded…"
CHOOSE_LOADING_SCENARIO = "Choose a scenario that loads."
TICK_A_ROLE = "Tick at least one role (space)."
NO_SAVE_YET = "No saved game yet."
BACK_TO_WEEK = "Enter or escape: back to the week."
# The answers of a yes/no question (the confirm dialog's buttons) and of the week's.
YES, NO = "Yes", "No"
END_THE_TURN = "End the turn"
DEBRIEF_NOW = "Debrief now"
GO_BACK = "Go back"
START_MY_TURN = "Start my turn (enter)"
DEBRIEF = "Debrief"  # the debrief's subtitle
GAME_ENDS_HERE = "The game ends here."

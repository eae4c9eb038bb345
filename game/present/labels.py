"""The short labels the front ends put before a text or on a tab, shared by the full
screen and the line mode: "Contested: ", "How sure: ", the tabs of the week. It imports
nothing."""

from __future__ import annotations

DILEMMA = "Dilemma: "
CONTESTED = "Contested: "
HOW_SURE = "How sure: "
COST = "Cost: "
NOW = "Now: "
YOUR_RESOURCES = "Your resources"
CITY_TAB = "City (c)"
NEWS_TAB = "News (n)"
IF_NOTHING_CHOSEN = "what happens if you choose nothing"
CANNOT_AFFORD = "cannot afford"
NO_COST = "no cost"
ASSUMPTIONS_HEADING = "What the model assumes (where the record is silent)"
NO_ASSUMPTIONS = "This scenario lists no assumptions."
HELP_HEADING = "Corridors: keys"
LEDGER_TITLE = "Civilian ledger (simulated)"
# The full screen's strip of a game among the alternative histories (a spread chart).
SPREAD_KEY = "═: the 10th to 90th percentile; │: the median; ▲: your game."
BELOW, ABOVE = " below", " above"  # the game outside the strip's 10th to 90th percentile
# The role card's buttons: with the offer to play on to the debrief, and without.
TO_THE_DEBRIEF = "To the debrief (f)"
STAY = "Stay (escape)"
PLAY = "Play (enter)"
OFFER_KEY = ": f."
BACK_COMMAND = ("Back", "Return to the previous screen (escape)")  # a reading screen's palette
# How a week goes, under the full-screen help's keys.
HELP_ABOUT = (
    "Each week you read the situation report, plan your actions (each costs action points "
    "and resources, and says how sure its effect is), answer any dilemma, and end the week. "
    "The report then says what changed and why. Numbers marked simulated come from the "
    "model; facts from the record name their sources. A screen reader works better with "
    "the line mode: corridors play --plain."
)


def points_short(n: int) -> str:
    """Action points in a list of actions: "1 pt", "2 pts"."""
    return f"{n} pt{'s' if n != 1 else ''}"


def plan_command(n: int, name: str, planned: bool, cost: str) -> tuple[str, str]:
    """An action's entry in the command palette: what it does to the plan, and its cost."""
    return f"{'Take out' if planned else 'Plan'}: {name}", f"Action {n}: {cost or NO_COST}"


def choose_command(n: int, label: str) -> str:
    return f"Choose {n}: {label}"

"""Every value of a game stays a finite number within its bounds. The bounds are the
scenario's (`Compiled.limits`, applied as each value is set); a value that is no longer
finite (an income that keeps multiplying grows past the largest float; infinity less
infinity is NaN, which no bound holds) is a fault of the scenario's numbers that
`validate` cannot know. It stops the game with a problem that names the value, the week
and what made it, as a scenario error, never an internal error further on."""

from __future__ import annotations

from game.scenario.errors import ScenarioError, ScenarioErrors


def not_finite(scenario: str, week: int, name: str, value: float, origin: str) -> ScenarioErrors:
    """The problem to raise when, in `week` (0-based) of a game of `scenario`, `name`
    would become `value` (not finite) by `origin`. (Plain values only: the compiled
    engine calls it with its own classes.)"""
    message = (
        f"in week {week + 1}, {name} would become {value} (by {origin}): the scenario's"
        " numbers must keep every value finite (give it bounds, or a smaller effect)"
    )
    return ScenarioErrors([ScenarioError(scenario, None, None, message)])

"""The line-mode front end (`corridors play --plain`): plain text for screen readers,
braille displays and scripts."""

from game.plain.line import LineGame, run

__all__ = ["LineGame", "run"]

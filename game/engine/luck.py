"""The engine's luck: every chance draw comes from a generator seeded by (game seed,
week, stream, salt), so the same seed meets the same luck whatever else changes."""

from __future__ import annotations

from _random import Random as _MT
from typing import Protocol

# Streams keep the chance of different parts apart, so that a change in how many numbers
# one part draws never shifts the luck of another.
STREAM_OPEN, STREAM_RESOLVE, STREAM_POLICY = 1, 2, 3


def _stream_seed(seed: int, week: int, stream: int, salt: int) -> int:
    return (((seed & 0xFFFFFFFFFFFF) * 1009 + week) * 16 + stream) * 1_000_003 + salt


def week_stream(seed: int, week: int, stream: int, salt: int = 0) -> _MT:
    """The generator for one part of one week of one game: the Mersenne Twister of
    `random.Random`, without its Python layer. The engine draws uniforms from it, and
    its normals as `random.gauss` does (see `resolve_world`); the random policy draws
    whole numbers as `random.Random` does (see `policies.below`)."""
    return _MT(_stream_seed(seed, week, stream, salt))


class Chance(Protocol):
    def random(self) -> float: ...


class LazyRng:
    """`week_stream`, made only when a first number is drawn (most weeks open without
    chance, and seeding a generator costs more than the rest of opening a week)."""

    __slots__ = ("_args", "_rng")

    def __init__(self, seed: int, week: int, stream: int) -> None:
        self._args = (seed, week, stream)
        self._rng: _MT | None = None

    def random(self) -> float:
        if self._rng is None:
            self._rng = week_stream(*self._args)
        return self._rng.random()


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.luck":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

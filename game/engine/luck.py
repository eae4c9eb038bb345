"""The engine's luck: every chance number is a pure function of what it is for.

A draw's key is (game seed, week, a name for what the draw is for, up to two indices: a
district, a zone, a route, an effect, ...) and its count within that key (the first
number drawn for it, the second, ...). Nothing is carried from one draw to another, so
a game replayed with other decisions meets exactly the same strikes and the same luck:
a decision that draws more numbers, or fewer, or none, changes only its own draws.
The player's part in a game can then be measured exactly, by replaying it with other
decisions on the same luck.

The function, in full, so that another engine (one over arrays, say) can draw the same
numbers. Every value is a 32-bit word; `*` and `+` are taken modulo 2**32.

    mix(x):          x ^= x >> 16;  x *= 0x21F0AAAD;  x ^= x >> 15;
                     x *= 0x735A2D97;  x ^= x >> 15            (a bijection of words)
    fold(h, x):      mix(h ^ mix(x))                           (x: a word)
    code(name):      the first 4 bytes of blake2b(name, digest_size=8), little-endian
    week_key:        fold(fold(fold(code("corridors"), seed mod 2**32),
                                    (seed >> 32) mod 2**32), week)
    key(name, a, b): fold(fold(fold(week_key, code(name)), a), b)
    word(key, n):    mix(key ^ (n + 1) * 0x9E3779B9)           (the n-th draw, n < 2**31 - 1)
    uniform:         word / 2**32, in [0, 1)

Every product of a word and a multiplier stays below 2**63 before it is reduced, so the
compiled build (game/accel.py) works in native 64-bit integers and never overflows, and
plain Python gives the same numbers.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # native 64-bit integers when compiled; annotations only, never run
    from mypy_extensions import i64

# The generator's name: saves and class settings hold it (through the scenario hash), so a
# game saved under other luck is played again rather than resumed on numbers it never met.
GENERATOR: Final = "keyed-lowbias32-1"
MASK: Final = 0xFFFFFFFF
_M1: Final = 0x21F0AAAD
_M2: Final = 0x735A2D97
GOLDEN: Final = 0x9E3779B9
TO_UNIT: Final = 1.0 / 4294967296.0


def mix(x: i64) -> i64:
    """A bijection of 32-bit words that spreads every input bit over the output."""
    x = x & MASK
    x ^= x >> 16
    x = (x * _M1) & MASK
    x ^= x >> 15
    x = (x * _M2) & MASK
    x ^= x >> 15
    return x


def fold(h: i64, x: i64) -> i64:
    """The key `h` extended by the word `x`."""
    return mix(h ^ mix(x))


def word(key: i64, n: i64) -> i64:
    """The `n`-th word (from 0) drawn for `key`."""
    return mix(key ^ (((n + 1) & 0x7FFFFFFF) * GOLDEN))


def uniform(key: i64, n: i64) -> float:
    """The `n`-th number (from 0) drawn for `key`: uniform in [0, 1)."""
    return float(word(key, n)) * TO_UNIT


_CODES: dict[str, int] = {}


def code(name: str) -> int:
    """A name as a word (for draw names, event ids, the origins of effects)."""
    c = _CODES.get(name)
    if c is None:
        c = int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()[:4], "little")
        if len(_CODES) < 65536:
            _CODES[name] = c
    return c


def week_key(seed: int, week: int) -> int:
    """The key every draw of one week of one game starts from."""
    lo = seed & MASK
    hi = (seed >> 32) & MASK
    return int(fold(fold(fold(code("corridors"), lo), hi), week & MASK))


def key(seed: int, week: int, name: str, a: int = 0, b: int = 0) -> int:
    """The key of the draws for `name` (indices `a`, `b`) in `week` of the game `seed`."""
    return int(fold(fold(fold(week_key(seed, week), code(name)), a & MASK), b & MASK))


class Draws:
    """The numbers drawn for one key, in order: the first call gives draw 0."""

    def __init__(self, key: i64) -> None:
        self.key: i64 = key
        self.n: i64 = 0

    def word(self) -> i64:
        w = word(self.key, self.n)
        self.n += 1
        return w

    def random(self) -> float:
        w = word(self.key, self.n)
        self.n += 1
        return float(w) * TO_UNIT

    def below(self, n: int) -> int:
        """A whole number in [0, n), n > 0: the top bits of a word that can hold n - 1,
        drawn again until they are below n (none drawn when n is 1)."""
        if n <= 1:
            return 0
        shift = 32 - (n - 1).bit_length()
        r = int(self.word() >> shift)
        while r >= n:
            r = int(self.word() >> shift)
        return r


# Draws whose keys were made, when a test asks for them (see `trace`).
_TRACE: list[tuple[tuple[int, int, str, int, int], Draws]] | None = None


def trace(on: bool) -> list[tuple[tuple[int, int, str, int, int], Draws]]:
    """Start (or stop) keeping every key made through `Luck.draws` with its draws, and
    return those kept so far: ((seed, week, name, a, b), draws). For tests."""
    global _TRACE
    kept = _TRACE if _TRACE is not None else []
    _TRACE = [] if on else None
    return kept


class Luck:
    """The draws of one week of one game: `draws(name, a, b)` for a key's numbers, and
    for the chance of an effect (`effect`) the name is its origin and the effect, and
    which time this week that origin applies it."""

    def __init__(self, seed: int, week: int) -> None:
        self.seed = seed
        self.week = week
        self.base: i64 = week_key(seed, week)
        self.uses: dict[tuple[str, int], int] = {}

    def draws(self, name: str, a: int = 0, b: int = 0) -> Draws:
        d = Draws(fold(fold(fold(self.base, code(name)), a & MASK), b & MASK))
        if _TRACE is not None:
            _TRACE.append(((self.seed, self.week, name, a, b), d))
        return d

    def named(self, name: str) -> Named:
        """The draws of `name` for each index: `named(n).at(i)` is `draws(n, i)`."""
        return Named(self, name)

    def effect(self, part: str, origin: str, idx: int) -> float:
        """The chance number of compiled effect `idx` applied for `origin` in `part` of
        the week (the decisions, or the opening): the first time, the second, ..."""
        k = (part + origin, idx)
        n = self.uses.get(k, 0)
        self.uses[k] = n + 1
        return self.draws("effect:" + part + ":" + origin, idx, n).random()


class Named:
    """One name's draws, by index (made from the week's key once, for loops)."""

    def __init__(self, luck: Luck, name: str) -> None:
        self.luck = luck
        self.name = name
        self.key: i64 = fold(luck.base, code(name))

    def at(self, a: int, b: int = 0) -> Draws:
        d = Draws(fold(fold(self.key, a & MASK), b & MASK))
        if _TRACE is not None:
            _TRACE.append(((self.luck.seed, self.luck.week, self.name, a, b), d))
        return d

    def one(self, a: int, b: int = 0) -> float:
        """The first number of index (a, b)."""
        return self.at(a, b).random()


class Chance:
    """What an effect draws its chance from: the week's luck, and which part of the
    week it is applied in."""

    def __init__(self, luck: Luck, part: str) -> None:
        self.luck = luck
        self.part = part

    def effect(self, origin: str, idx: int) -> float:
        return self.luck.effect(self.part, origin, idx)


# The compiled build of this module, when one matches the sources (see game/accel.py).
if __name__ == "game.engine.luck":
    from game import accel as _accel

    NATIVE = _accel.adopt(__name__)

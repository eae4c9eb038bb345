"""Class codes such as `K7M-4QX`: five random characters and a check character.

The alphabet leaves out 0, O, 1, I and L, which are easy to misread, so it has 31
characters, a prime number. The check character makes the weighted sum of all six
values (weights 1 to 6) a multiple of 31. Changing any one character changes the sum by
its weight times a non-zero difference, and swapping two neighbours (also across the
hyphen) changes it by the difference of the two characters: neither can be a multiple
of 31, so every single mistyped character and every swapped pair of neighbours is
refused rather than read as another class. Case, spaces and hyphens do not matter.
"""

from __future__ import annotations

import secrets

from game.classroom.errors import CodeError
from game.present import classwords

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)  # 31, a prime
BODY = 5  # random characters; 31**5, about 28.6 million codes
LENGTH = BODY + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def _check(values: list[int]) -> int:
    """The check value that makes sum((i + 1) * v) a multiple of BASE."""
    total = sum((i + 1) * v for i, v in enumerate(values))
    inverse = pow(LENGTH, -1, BASE)  # the check character's weight is LENGTH
    return (-total * inverse) % BASE


def make_code() -> str:
    """A new random class code, e.g. "K7M-4QX"."""
    values = [secrets.randbelow(BASE) for _ in range(BODY)]
    values.append(_check(values))
    text = "".join(ALPHABET[v] for v in values)
    return f"{text[:3]}-{text[3:]}"


def parse_code(text: str) -> str:
    """A typed class code in its written form ("k7m 4qx" -> "K7M-4QX"); raises
    CodeError if it cannot be a class code."""
    shown = " ".join(str(text).split())
    raw = "".join(ch for ch in shown.upper() if ch not in " -")
    if not raw:
        raise CodeError(classwords.CODE_EMPTY)
    for ch in raw:
        if ch not in _VALUE:
            if ch in classwords.LOOKALIKE:
                raise CodeError(classwords.code_lookalike(shown, ch))
            raise CodeError(classwords.code_character(shown, ch))
    if len(raw) != LENGTH:
        raise CodeError(classwords.code_length(shown, len(raw), LENGTH))
    values = [_VALUE[ch] for ch in raw]
    if sum((i + 1) * v for i, v in enumerate(values)) % BASE:
        raise CodeError(classwords.code_mistyped(shown))
    return f"{raw[:3]}-{raw[3:]}"

"""Class codes: any word stands for a seed, so a whole class that types the same word
meets the same luck. The title screen, the line mode and every command with `--seed`
read a seed through `parse_seed` (`seed_of` when a seed must be had)."""

from __future__ import annotations

import hashlib
import secrets

from game.session.base import MAX_SEED, SessionError

MAX_CODE = 40  # characters in a class code
CODE_SEEDS = 1_000_000  # a code's seed is below this


def parse_seed(text: str) -> tuple[int | None, str]:
    """A seed typed as a number, or a class code (any word: the same word in any case,
    the same luck). Returns the seed and the code as typed (without the spaces around
    it; "" for a number). Nothing typed gives (None, ""): a random seed. Raises
    SessionError for a code too long or with characters that cannot be shown."""
    text = text.strip()
    if not text:
        return None, ""
    if text.isdigit() and int(text) <= MAX_SEED:
        return int(text), ""
    if len(text) > MAX_CODE:
        raise SessionError(f"a class code has at most {MAX_CODE} characters")
    if not text.isprintable():
        raise SessionError("a class code is letters, digits, spaces and punctuation only")
    return code_seed(text), text


def seed_of(text: str | None) -> tuple[int, str]:
    """The seed typed `text` stands for (a random one for nothing typed, or None) and the
    class code it came from ("" for a number). Raises SessionError as `parse_seed` does."""
    seed, code = parse_seed(text or "")
    return (secrets.randbelow(CODE_SEEDS) if seed is None else seed), code


def code_seed(code: str) -> int:
    """The seed a class code stands for."""
    digest = hashlib.sha256(code.strip().lower().encode("utf-8")).hexdigest()
    return int(digest, 16) % CODE_SEEDS

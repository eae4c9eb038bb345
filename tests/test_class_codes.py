"""Class codes (and players' names): every single mistyped character and every swap of two neighbours is
refused, never read as another class; case, spaces and hyphens do not matter."""

from __future__ import annotations

import pytest

from game.classroom.codes import ALPHABET, LENGTH, make_code, parse_code
from game.classroom.errors import CodeError


def test_made_codes_look_like_the_example_and_parse_back() -> None:
    for _ in range(200):
        code = make_code()
        assert len(code) == LENGTH + 1 and code[3] == "-"
        assert set(code.replace("-", "")) <= set(ALPHABET)
        assert parse_code(code) == code
        assert parse_code(f"  {code.lower().replace('-', ' ')} ") == code
        assert parse_code(code.replace("-", "")) == code


def test_the_alphabet_has_no_lookalikes() -> None:
    assert not set("01OIL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


@pytest.mark.parametrize("k", range(40))
def test_every_single_substitution_and_neighbour_swap_is_refused(k: int) -> None:
    code = make_code().replace("-", "")
    for i in range(LENGTH):
        for ch in ALPHABET:
            if ch != code[i]:
                typo = code[:i] + ch + code[i + 1 :]
                with pytest.raises(CodeError, match="mistyped or two are swapped"):
                    parse_code(typo)
    for i in range(LENGTH - 1):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            with pytest.raises(CodeError):
                parse_code(swapped)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "is empty"),
        ("K7M-4Q", "has 5 characters"),
        ("K7M-4QXX", "has 7 characters"),
        ("K7M-4Q0", "class codes have no O or 0"),
        ("KIM-4QX", "class codes have no 1, I or L"),
        ("K7M-4Q!", "'!' is not used in class codes"),
    ],
)
def test_malformed_codes_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(CodeError) as e:
        parse_code(text)
    assert fragment in str(e.value)


def test_a_players_name_is_plain_and_on_one_line() -> None:
    from game.classroom.classes import player_name
    from game.classroom.errors import ClassroomError

    assert player_name("  Amira\tand \x1b[31mJonas\x1b[0m\n") == "Amira and Jonas"
    assert player_name("\u202eNoor") == "Noor"
    for bad in ("", " \x07 ", "x" * 61):
        with pytest.raises(ClassroomError):
            player_name(bad)

"""The classroom's errors (cheap to import: the command line catches them)."""

from __future__ import annotations


class ClassroomError(Exception):
    """A class code, class or results store that cannot be used; the message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class CodeError(ClassroomError, ValueError):
    """A class code that cannot be right."""


class StoreError(ClassroomError):
    """The results store cannot be used, or a request to it failed."""

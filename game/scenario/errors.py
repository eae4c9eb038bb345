"""The problems found in a scenario: one (`ScenarioError`, ``path:line:col: message``) or
every one of a run (`ScenarioErrors`). A message may quote the file's text and a path
may hold any character: both are made plain text (game/model/plaintext.py)."""

from __future__ import annotations

from game.model.plaintext import plain_text

__all__ = ["ScenarioError", "ScenarioErrors"]


class ScenarioError(Exception):
    """One problem in a scenario file."""

    path: str
    line: int | None
    col: int | None
    message: str

    def __init__(self, path: str, line: int | None, col: int | None, message: str) -> None:
        super().__init__(path, line, col, message)
        self.path = plain_text(path)
        self.line = line
        self.col = col
        self.message = " ".join(plain_text(str(message)).splitlines())

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        if self.col is None:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def __repr__(self) -> str:
        return f"ScenarioError({self.path!r}, {self.line!r}, {self.col!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScenarioError):
            return NotImplemented
        return (self.path, self.line, self.col, self.message) == (
            other.path,
            other.line,
            other.col,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.col, self.message))


class ScenarioErrors(Exception):
    """Many problems at once (all problems of a file are reported in one run)."""

    errors: list[ScenarioError]

    def __init__(self, errors: list[ScenarioError]) -> None:
        super().__init__(errors)
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

"""A class's game, accepted before it starts: the session it plays and what the join
screen shows of it (worded by `game.present.join`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.session.session import Session


@dataclass(frozen=True)
class Welcome:
    """A class's game, accepted: what the join screen shows before it starts."""

    session: Session
    heading: str
    text: str
    note: str

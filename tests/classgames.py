"""A class with a few games kept in a results store, for the class report's tests: each
game's player ticks random actions and answers most dilemmas at random (seeded), so the
class splits on its dilemmas; one game stops early."""

from __future__ import annotations

import random
from pathlib import Path

from game.classroom.classes import ResultKeeper, class_session, new_class
from game.model.results import ClassSettings
from game.session import DecisionError, Session

NAMES = ("Ana", "Ben", "Chloé", "Dev", "Eli", "Fay", "Gus", "Hana")


def play(s: Session, rng: random.Random, weeks: int, answer_rate: float = 0.8) -> None:
    role = s.roles[0]
    for _ in range(weeks):
        for a in rng.sample(s.actions(role), k=len(s.actions(role))):
            if a.available and a.affordable and rng.random() < 0.5:
                try:
                    s.toggle(role, a.id)
                except DecisionError:
                    pass
        for d in s.dilemmas(role):
            if rng.random() < answer_rate:
                try:
                    s.choose(role, d.id, rng.choice([o for o in d.options if o.affordable]).id)
                except (DecisionError, IndexError):
                    pass
        s.advance()


def make_class(store: Path, games: int = 5, seed: int = 5) -> ClassSettings:
    """A class of `games` games in `store`, the last one stopped after week 9."""
    klass, _ = new_class(str(store), "aleppo-2016", ["coordinator"], seed, "standard", "full")
    for i in range(games):
        s = class_session(klass)
        keeper = ResultKeeper(str(store), settings=klass, player=NAMES[i % len(NAMES)])
        keeper.session = s
        play(s, random.Random(i), 9 if i == games - 1 else s.n_weeks)
        keeper.keep()
    return klass


def lesson_game(store: Path, turns: int, player: str = "Lina") -> tuple[ClassSettings, Session]:
    """A lesson-length class in `store` with one game of `player`, stopped after `turns`
    of the lesson calendar's turns and kept (the session is returned, to count by)."""
    klass, _ = new_class(str(store), "aleppo-2016", ["coordinator"], 5, "standard", "lesson")
    s = class_session(klass)
    s.autosave = False
    keeper = ResultKeeper(str(store), settings=klass, player=player)
    keeper.session = s
    for _ in range(turns):
        s.advance()
    keeper.keep()
    return klass, s

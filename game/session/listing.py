"""The list of saved games: for each save in a folder, its scenario, roles, week, date
and whether it is finished, read without playing it again. The title screen's Load
list and `corridors saves` show it."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from game.model.scenario import Scenario as Scenario  # the loaded scenario, for front ends
from game.scenario import registry
from game.scenario.errors import ScenarioErrors
from game.session.base import SessionError
from game.session.glance import name_key
from game.session.glance import save_files as save_files
from game.session.safefile import SaveError
from game.session.saves import read_save


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """One save file, as the list of saves shows it."""

    path: Path
    modified: dt.datetime  # when the file was last written (local time)
    problem: str = ""  # why it cannot be read ("" if it can); the fields below are then empty
    game: str = ""
    scenario: str = ""  # the scenario's title (its id if it cannot be loaded)
    roles: tuple[str, ...] = ()  # the names of the roles people play (ids if unknown)
    week: int = 0  # weeks played
    weeks: int | None = None  # weeks in the game (None if unknown)
    length: str = "full"  # "full" (a turn a week) or "lesson" (the lesson calendar's turns)
    turn: int | None = None  # turns played (None if unknown: a lesson game's scenario unread)
    turns: int | None = None  # turns in the game (None if unknown)
    saved_at: dt.datetime | None = None  # when the game was saved (local time)
    seed: int = 0
    code: str = ""  # the class code the seed came from
    player: str = ""  # the player's or team's name, if one was given
    date: dt.date | None = None  # the game's date: the first day of its next week (of its last, if finished)

    @property
    def finished(self) -> bool | None:
        """Whether every week has been played (None if the number of weeks is unknown)."""
        return None if self.weeks is None else self.week >= self.weeks


def list_saves(folder: str | os.PathLike[str] | None = None) -> list[SaveInfo]:
    """Every save in `folder` (default: the save folder), the latest first."""
    scenarios: dict[str, Scenario | None] = {}
    return [_info(p, mtime, scenarios) for p, mtime in save_files(folder)]


def _info(p: Path, mtime: float, scenarios: dict[str, Scenario | None]) -> SaveInfo:
    modified = dt.datetime.fromtimestamp(mtime)
    try:
        sf = read_save(p)
    except SaveError as e:
        return SaveInfo(p, modified, problem=e.reason)
    if sf.scenario_ref not in scenarios:
        scenarios[sf.scenario_ref] = _scenario(sf.scenario_ref, sf.scenario)
    sc = scenarios[sf.scenario_ref]
    names = {r.id: r.name for r in sc.roles} if sc is not None else {}
    week = sf.state.get("week")
    weeks = sf.weeks if sf.weeks is not None else (sc.weeks if sc is not None else None)
    played = week if isinstance(week, int) and not isinstance(week, bool) and week >= 0 else 0
    turn, turns = turns_played(sc, sf.length, played, weeks)
    return SaveInfo(
        p,
        modified,
        game=sf.game,
        scenario=sc.title if sc is not None else sf.scenario,
        roles=tuple(names.get(r, r) for r in sf.roles),
        week=played,
        weeks=weeks,
        length=sf.length,
        turn=turn,
        turns=turns,
        saved_at=_local(sf.saved_at),
        seed=sf.seed,
        code=sf.code,
        player=sf.player,
        date=_game_date(sc, week, weeks),
    )


def turns_played(
    sc: Scenario | None, length: str, played: int, weeks: int | None
) -> tuple[int | None, int | None]:
    """The turns played and the turns in the game: a turn a week in a full game; in a
    lesson game, the turns of the scenario's lesson calendar (unknown if it cannot be
    loaded), a turn played once the week after its last has begun."""
    if length != "lesson" or (sc is not None and not sc.lesson):
        return played, weeks
    if sc is None:
        return None, None
    spans = [(a, min(b, weeks or sc.weeks)) for a, b in sc.turns(length) if a < (weeks or sc.weeks)]
    return sum(1 for _, stop in spans if stop <= played), len(spans)


def lesson_turns(sc: Scenario | None, length: str, played: int, weeks: int) -> tuple[int, int] | None:
    """A lesson game's turns played and turns in all, from the scenario's lesson calendar
    and the weeks played (a result record keeps weeks): None for a full game, or a
    lesson game whose scenario could not be loaded (its weeks are shown then)."""
    if length != "lesson":
        return None
    turn, turns = turns_played(sc, length, played, weeks)
    return None if turn is None or turns is None else (turn, turns)


def _game_date(sc: Scenario | None, week: object, weeks: int | None) -> dt.date | None:
    if sc is None or not isinstance(week, int) or isinstance(week, bool) or week < 0:
        return None
    k = min(week, (weeks or sc.weeks) - 1)
    return sc.start + dt.timedelta(days=7 * k)


def latest_save(folder: str | os.PathLike[str] | None = None, player: str | None = None) -> Path | None:
    """The latest save in `folder` (default: the save folder) that can be read: anyone's
    if `player` is None, else the latest of the player so named (names compared without
    case or spacing), and "" the latest game saved without a name."""
    want = None if player is None else name_key(player)
    for info in list_saves(folder):
        if info.problem:
            continue
        if want is None or name_key(info.player) == want:
            return info.path
    return None


def _scenario(ref: str, scenario_id: str) -> Scenario | None:
    for candidate in dict.fromkeys([ref, scenario_id]):
        try:
            return registry.get(candidate)
        except (ScenarioErrors, OSError):
            continue
    return None


def _local(stamp: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when.astimezone() if when.tzinfo is not None else when


def scenario_choices() -> tuple[list[str], str]:
    """The scenarios a new game can be made of (their ids; the default one if none is
    found) and the default's id, for a front end's choice of scenario."""
    ids = registry.available() or [registry.DEFAULT_SCENARIO]
    default = registry.DEFAULT_SCENARIO
    return ids, default if default in ids else ids[0]


def open_scenario(ref: str) -> Scenario:
    """A scenario by id or path, for a front end to show before a game is made. Raises
    SessionError with the first problem, in one line, if it cannot be loaded."""
    try:
        return registry.get(ref)
    except ScenarioErrors as e:
        raise SessionError(str(e.errors[0]) if e.errors else str(e)) from e
    except OSError as e:
        raise SessionError(f"{ref}: {e.strerror or e}") from e

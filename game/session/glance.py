"""A scenario at a glance, for a title screen before any game is made: its title, content
notes, roles (one line each, and the default one), lengths, and the other scenarios to
choose from. Light to import (no schema, no engine): it reads the glance the registry
keeps beside its cached scenario, so the title is readable in the first frame; it is
None until the scenario has once been loaded, and the front end then waits for
`open_scenario` as before."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import settings
from game.scenario import registry

if TYPE_CHECKING:
    from game.model.scenario import Scenario


CONTENT_LEVELS: tuple[str, ...] = ("standard", "gentle")
MAX_PLAYER_NAME = 80  # the longest player's name a game keeps


@dataclass(frozen=True)
class RoleGlance:
    id: str
    name: str
    fictional: bool
    line: str  # the role in one line


@dataclass(frozen=True)
class LengthGlance:
    id: str  # "full" or "lesson"
    name: str
    turns: int
    minutes: int  # expected, a careful reader with the debrief


@dataclass(frozen=True)
class ScenarioGlance:
    id: str
    title: str
    summary: str
    content_note: str
    content_note_gentle: str | None
    default_role: str
    roles: tuple[RoleGlance, ...]
    lengths: tuple[LengthGlance, ...]

    def note(self, content: str) -> str:
        """The content note at a content level."""
        return (self.content_note_gentle if content == "gentle" else None) or self.content_note


def _from(data: dict[str, Any]) -> ScenarioGlance:
    return ScenarioGlance(
        id=str(data["id"]),
        title=str(data["title"]),
        summary=str(data["summary"]),
        content_note=str(data["content_note"]),
        content_note_gentle=data.get("content_note_gentle"),
        default_role=str(data["default_role"]),
        roles=tuple(
            RoleGlance(id=str(r["id"]), name=str(r["name"]), fictional=bool(r["fictional"]), line=str(r["line"]))
            for r in data["roles"]
        ),
        lengths=tuple(
            LengthGlance(id=str(k), name=str(v["name"]), turns=int(v["turns"]), minutes=int(v["minutes"]))
            for k, v in data["lengths"].items()
        ),
    )


def scenario_glance(ref: str | Scenario) -> ScenarioGlance | None:
    """The glance of a scenario by id or path (None if the registry has none for its
    files as they are), or of a loaded scenario."""
    if not isinstance(ref, str):
        return _from(registry.glance_of(ref))
    data = registry.glance(ref)
    if data is None:
        return None
    try:
        return _from(data)
    except (KeyError, TypeError, ValueError, AttributeError):  # a glance of another shape
        return None


def scenario_ids() -> tuple[list[str], str]:
    """The scenarios a new game can be made of and the default one (as
    `listing.scenario_choices`, without importing the loader)."""
    ids = registry.available() or [registry.DEFAULT_SCENARIO]
    default = registry.DEFAULT_SCENARIO
    return ids, default if default in ids else ids[0]


def save_files(folder: str | os.PathLike[str] | None = None) -> list[tuple[Path, float]]:
    """The save files of a folder (default: the save folder) and when each was written,
    the latest first. A folder that cannot be read has none."""
    where = Path(folder) if folder is not None else settings.saves_folder().path
    out = []
    try:
        for p in where.glob("*.json"):
            try:
                if p.is_file():
                    out.append((p, p.stat().st_mtime))
            except OSError:
                continue
    except OSError:
        return []
    return sorted(out, key=lambda pm: (pm[1], pm[0].name), reverse=True)


def name_key(name: str) -> str:
    """A player's name as saves are matched by it: without case or extra spacing."""
    return " ".join(name.split()).casefold()


def latest_of(folder: str | os.PathLike[str] | None, player: str) -> Path | None:
    """The latest save file of the player so named (names compared without case or
    spacing; "" the games saved without a name), read no further than its name, for
    the title's first frame (`listing.latest_save` reads the saves in full)."""
    want = name_key(player)
    for p, _ in save_files(folder):
        try:
            name = json.loads(p.read_text(encoding="utf-8")).get("player", "")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(name, str) and name_key(name) == want:
            return p
    return None

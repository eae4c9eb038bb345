"""Where a game is kept: its save file's content, saving it (atomically, to the file this
game holds), the autosave after every turn, and the hold on that file that keeps two games
from writing one save. `Session` builds on this part; loading a save is the lifecycle's
(`Session.load`), since it makes a session."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any

from game.model.state import state_to_json
from game.session.debriefing import SessionDebrief
from game.session.safefile import SaveError
from game.session.savelock import SaveLock
from game.session.saves import CURRENT_VERSION, FORMAT, scenario_hash, write_atomic


class SessionSaving(SessionDebrief):
    """Saving a game; see the module's docstring."""

    player_name: str
    _lock: SaveLock | None  # this game's hold on its autosave file

    def _hold(self) -> None:
        """Lock the file this resumed game saves to. If a game in another process is
        playing it, this one saves to a file of its own (both are kept), and `notice`
        says so."""
        try:
            self._lock = SaveLock.take(self.autosave_path)
        except SaveError as e:
            taken = self.autosave_path
            self.game_id = new_game_id(self.scenario.id, self.seed)
            self.notice = (
                f"{taken.name} {e.reason}, which saves to it: this game goes on from the"
                f" same week and saves to {self.autosave_path.name}, so both are kept."
            )

    def _autosave(self) -> None:
        try:
            self.save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self.autosave_error = (
                f"{self.save_dir}: cannot create the save folder: {e.strerror or e}"
            )
            return
        try:
            self.save()
            self.autosave_error = None
        except SaveError as e:
            self.autosave_error = str(e)

    def save_data(self) -> dict[str, Any]:
        """The save file's content (see game.session.saves)."""
        return {
            "format": FORMAT,
            "version": CURRENT_VERSION,
            "game": self.game_id,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "scenario": self.scenario.id,
            "scenario_ref": self.scenario_ref,
            "scenario_hash": scenario_hash(self.scenario),
            "seed": self.seed,
            "code": self.code,
            "player": self.player_name,
            "roles": list(self.roles),
            "content": self.content,
            "length": self.length,
            "policy": self.policy,
            "weeks": self.n_weeks,
            "log": [e.model_dump(mode="json") for e in self._log],
            "turn": self._turn,
            "plans": {r: d.model_dump(mode="json") for r, d in self._plans.items()},
            "state": state_to_json(self._state),
        }

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Save atomically to `path` (default: this game's autosave file). Returns the
        path; raises SaveError, leaving any existing file as it was."""
        if path is None:
            target = self.autosave_path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise SaveError(target, f"cannot be saved: {e.strerror or e}") from e
            if self._lock is None:  # never overwrite a file another game is playing
                self._lock = SaveLock.take(target)
        else:
            target = Path(path)
        return write_atomic(target, self.save_data())


def new_game_id(scenario_id: str, seed: int) -> str:
    """A new game's id, which names its autosave file: scenario, time, seed, and a
    random part."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{scenario_id}-{stamp}-s{seed}-{secrets.token_hex(2)}"

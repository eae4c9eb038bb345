"""Finding the scenario a save needs, and playing a save again on a changed scenario."""

from __future__ import annotations

from pathlib import Path

from game.engine.core import IllegalDecision, step
from game.model.scenario import Scenario
from game.scenario import registry
from game.scenario.errors import ScenarioErrors
from game.session import review
from game.session.base import SessionError
from game.session.plans import SessionPlans
from game.session.safefile import SaveError
from game.session.saves import LogEntry, SaveFile


def scenario_ref_of(ref: str, sc: Scenario) -> str:
    """How a save names its scenario: the registry id, or the absolute path."""
    if ref in registry.available():
        return ref
    try:
        return str(Path(ref).resolve())
    except OSError:
        return ref


def scenario_for_save(path: Path, ref: str, scenario_id: str) -> Scenario:
    """The scenario a save needs: by its stored reference, else by its id."""
    tried: list[str] = []
    for candidate in dict.fromkeys([ref, scenario_id]):
        try:
            return registry.get(candidate)
        except ScenarioErrors as e:
            first = e.errors[0] if e.errors else None
            tried.append(str(first) if first else candidate)
        except OSError as e:
            tried.append(f"{candidate}: {e.strerror or e}")
    raise SaveError(path, f'needs scenario "{scenario_id}", which cannot be loaded ({tried[0]})')


def play_again(p: Path, sf: SaveFile, session: SessionPlans) -> None:
    """Play a save's logged decisions again in `session`, a new game with the save's
    settings on the scenario as it is now (the save was made with other content of it):
    the same seed and the people's decisions (the part of each that is still possible);
    the other roles are decided afresh by the save's policy. Sets `session.notice`."""
    c, s, sc = session.compiled, session._state, session.scenario
    dropped = 0
    for entry in sf.log:
        if s.week >= c.n_weeks:
            break
        if entry.week != s.week:
            raise SaveError(p, f"is corrupt: the decision log has week {entry.week + 1} where week {s.week + 1} was due")
        decisions, n = review.week_decisions(c, s, entry.decisions, session.roles, session._policy)
        dropped += n
        try:
            s, _ = step(c, s, decisions, check=True, explain=False)
        except IllegalDecision as e:
            raise SaveError(
                p, f"was made with other content of scenario \"{sc.id}\" and cannot be played on it again: {e}"
            ) from e
        session._log.append(LogEntry(week=entry.week, decisions=decisions))
    session._state = s
    if not session.finished:  # the week in progress, as far as it is still possible
        for role, d in sf.plans.items():
            if role not in session.roles:
                continue
            legal, n = review.legalise(c, s, role, d)
            try:
                session.decide(role, legal.actions, legal.choices)
                dropped += n
            except SessionError:
                dropped += len(d.actions) + len(d.choices)
        session._turn = min(sf.turn, len(session.roles) - 1)
    left_out = (
        f"; {dropped} of your decisions are no longer possible and were left out" if dropped else ""
    )
    session.notice = (
        f"{p.name} was saved with other content of scenario \"{sc.id}\" (an earlier version of"
        f" the game): your decisions of {len(session._log)} week{'' if len(session._log) == 1 else 's'} were played again on the"
        f" current version, with the same seed{left_out}. Figures may differ from the ones"
        f" you saw. The old save is kept as it was; this game saves to"
        f" {session.autosave_path.name}."
    )

"""A game's result record (the classroom keeps it in the results store): how the session
makes one when the game ends or is stopped, and the record's format from the model, named
here so that the classroom reads it through the session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from game.model.results import CLASS_VERSION as CLASS_VERSION
from game.model.results import RESULT_VERSION as RESULT_VERSION
from game.model.results import ClassSettings as ClassSettings
from game.model.results import (
    DecidedBy,
    ResultChange,
    ResultDecision,
    ResultMeasure,
    ResultTurningPoint,
)
from game.model.results import ResultRecord as ResultRecord
from game.model.results import migrate_result as migrate_result

if TYPE_CHECKING:
    from game.engine.compiled import Compiled
    from game.model.scenario import Scenario
    from game.model.state import GameState
    from game.session.saves import LogEntry
    from game.session.session import Session


def now() -> dt.datetime:
    """The time a record or a class is written: UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Played:
    """What a result record is made of, taken from a session at one moment (cheaply: the
    session replaces its state and log entries, never changes them), so the record can
    be made and written in another thread while the game goes on."""

    game_id: str
    scenario: Scenario
    compiled: Compiled
    seed: int
    roles: tuple[str, ...]
    policy: str
    content: Any
    finished: bool
    week: int
    n_weeks: int
    state: GameState
    log: tuple[LogEntry, ...]
    ledger: tuple[dict[str, Any], ...]
    # what the debrief of a finished game found (none while unfinished)
    turning_points: tuple[ResultTurningPoint, ...] = ()
    questions: tuple[str, ...] = ()
    changed: tuple[ResultChange, ...] = ()

    def history(self) -> list[dict[str, Any]]:
        return list(self.ledger)


def played(session: Session) -> Played:
    return Played(
        game_id=session.game_id,
        scenario=session.scenario,
        compiled=session.compiled,
        seed=session.seed,
        roles=session.roles,
        policy=session.policy,
        content=session.content,
        finished=session.finished,
        week=session.week,
        n_weeks=session.n_weeks,
        state=session.state,
        log=session.log,
        ledger=tuple(session.history()),
        turning_points=tuple(turning_points_of(session)),
        questions=questions_of(session),
        changed=changed_of(session),
    )


def decisions_of(session: Session | Played) -> list[ResultDecision]:
    """Every decision of the weeks played, in order, marked with who made it: the
    player's own actions and options, the computer's (the roles a policy plays), and the
    default option of each dilemma put to a player who left it unanswered."""
    from game.session.base import replay_log

    c = session.compiled
    humans = set(session.roles)
    dilemma_role = {d.id: d.role for d in session.scenario.dilemmas}
    log = session.log
    answered = set(session.state.choices)
    explicit = {did for e in log for d in e.decisions.values() for did in d.choices}
    defaulted = answered - explicit
    out: list[ResultDecision] = []
    for k, entry in enumerate(log):
        week = entry.week + 1
        put: list[str] = []
        if defaulted:
            # the dilemmas put this week: the state before the week, replayed from the log
            put = [did for did in replay_log(c, session.seed, log[:k]).dilemmas if did in defaulted]
        for role in c.roles:
            d = entry.decisions.get(role)
            by: DecidedBy = "player" if role in humans else "computer"
            if d is not None:
                out.extend(ResultDecision(week=week, role=role, by=by, action=a) for a in d.actions)
                out.extend(
                    ResultDecision(week=week, role=role, by=by, dilemma=did, option=opt)
                    for did, opt in d.choices.items()
                )
            for did in put:
                if dilemma_role.get(did) == role:
                    out.append(
                        ResultDecision(
                            week=week,
                            role=role,
                            by="default",
                            dilemma=did,
                            option=session.state.choices.get(did),
                        )
                    )
    return out


def summary_of(session: Session | Played) -> list[ResultMeasure]:
    """The debrief's summary measures as the game stands (simulated): the record's
    measures (only those whose weeks have been played) with the record's range, then the
    end-of-game ones (so far, in an unfinished game)."""
    from game.session import review

    c, s, sc = session.compiled, session.state, session.scenario
    played = s.week
    finished = session.finished
    out: list[ResultMeasure] = []
    for m in sc.record:
        last = m.week if m.kind == "at" else m.end
        if last is None or (not finished and sc.week_of(last) >= played):
            continue
        value = review.measure_value(c, s, m.id)
        lo, hi = float(m.band[0]), float(m.band[1])
        pos: Literal["inside", "below", "above", ""] = ""
        if finished:
            pos = "below" if value < lo else "above" if value > hi else "inside"
        out.append(
            ResultMeasure(id=m.id, label=m.label, value=value, record=m.record, band=(lo, hi), position=pos)
        )
    record_ids = {m.id for m in sc.record}
    for mid in review.measure_ids(c):
        if mid in record_ids:
            continue
        out.append(
            ResultMeasure(id=mid, label=review.measure_label(c, mid), value=review.measure_value(c, s, mid))
        )
    return out


def record_of(
    session: Session | Played,
    *,
    class_code: str | None = None,
    player: str | None = None,
    length: Literal["lesson", "full"] = "full",
) -> ResultRecord:
    """The game's result record as it stands now."""
    from game.session.saves import scenario_hash

    return ResultRecord(
        game=session.game_id,
        class_code=class_code,
        player=player,
        scenario=session.scenario.id,
        scenario_hash=scenario_hash(session.scenario),
        seed=session.seed,
        roles=session.roles,
        policy=session.policy,
        content=session.content,
        length=length,
        written_at=now(),
        finished=session.finished,
        weeks_played=session.week,
        weeks=session.n_weeks,
        decisions=tuple(decisions_of(session)),
        ledger=tuple(session.history()),
        summary=tuple(summary_of(session)),
        turning_points=session.turning_points if isinstance(session, Played) else tuple(turning_points_of(session)),
        questions=session.questions if isinstance(session, Played) else questions_of(session),
        changed=session.changed if isinstance(session, Played) else changed_of(session),
    )


def changed_of(session: Session) -> tuple[ResultChange, ...]:
    """What a finished game's choices changed against the historical decisions on the
    same luck, measure by measure (none while unfinished)."""
    if not session.finished:
        return ()
    historical, _ = session.what_you_changed()
    return tuple(
        ResultChange(id=ch.id, kind="ledger" if ch.kind == "ledger" else "line", yours=ch.yours, historical=ch.other)
        for ch in historical.changes
    )


def questions_of(session: Session) -> tuple[str, ...]:
    """The ids of the discussion questions the debrief of a finished game picks."""
    return tuple(q.id for q in session.questions()) if session.finished else ()


def turning_points_of(session: Session) -> list[ResultTurningPoint]:
    """The debrief's turning points of a finished game, as data (none while unfinished)."""
    if not session.finished:
        return []
    return [
        ResultTurningPoint(
            kind=tp.kind if tp.kind in ("decision", "choice", "chance") else "chance",  # type: ignore[arg-type]
            week=tp.week + 1,
            role=tp.role,
            ref=tp.ref,
            option=tp.option,
            actions=tuple(a for a, _ in tp.actions),
            effect_killed=float(tp.effect_killed),
        )
        for tp in session.turning_points()
    ]

"""Class sessions: a class code fixes a game's settings, so a whole class meets the same
luck; every game's result goes to the results store when it ends or is stopped."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Literal

from game.classroom.codes import make_code, parse_code
from game.classroom.errors import ClassroomError, StoreError
from game.present import classwords
from game.present.classlist import one_line
from game.session import ClassSettings, ResultRecord, Session, scenario_hash

MAX_NAME = 60


def check_length(length: str) -> Literal["lesson", "full"]:
    if length in ("full", "lesson"):
        return "lesson" if length == "lesson" else "full"
    raise ClassroomError(classwords.unknown_length(length))


def clean_name(text: str) -> str:
    """A name as typed, on one line, without control characters ("" if nothing is left)."""
    return one_line(str(text))


def player_name(text: str) -> str:
    """A player's or team's name as given, on one line, without control characters."""
    name = clean_name(text)
    if not name:
        raise ClassroomError(classwords.NAME_MISSING)
    if len(name) > MAX_NAME:
        raise ClassroomError(classwords.name_too_long(MAX_NAME, len(name)))
    return name


def new_class(
    store_spec: str | os.PathLike[str] | None,
    scenario: str,
    roles: Sequence[str] | None = None,
    seed: int | None = None,
    content: str = "standard",
    length: str = "full",
    policy: str = "historical",
) -> tuple[ClassSettings, str]:
    """Make a class and keep it in the store. Returns its settings and the store's name.
    The settings are checked by making (not saving) the class's game."""
    from game.classroom.storeopen import open_store
    from game.session.records import now

    size = check_length(length)
    probe = Session.new(
        scenario,
        roles=list(roles) if roles else None,
        seed=seed,
        content=content,
        policy=policy,
        length=size,
        autosave=False,
    )
    with open_store(store_spec) as store:
        settings = store.add_class(
            lambda: ClassSettings(
                code=make_code(),
                scenario=probe.scenario.id,
                scenario_ref=probe.scenario_ref,
                scenario_hash=scenario_hash(probe.scenario),
                seed=probe.seed,
                roles=probe.roles,
                content=probe.content,
                length=size,
                policy=probe.policy,
                created_at=now(),
            )
        )
        return settings, store.where


def find_class(store_spec: str | os.PathLike[str] | None, code_text: str) -> tuple[ClassSettings, str]:
    """The class a typed code names: CodeError if the code cannot be right, StoreError if
    the store has no such class."""
    from game.classroom.storeopen import open_store

    code = parse_code(code_text)
    with open_store(store_spec) as store:
        settings = store.get_class(code)
        where = store.where
    if settings is None:
        raise StoreError(classwords.no_such_class(code, where, teacher=False))
    return settings, where


def class_session(settings: ClassSettings, content: str | None = None) -> Session:
    """A new game with the class's settings. `content`: a gentler level than the class's
    may be chosen (the same game, in plainer words); never a harsher one."""
    level = settings.content
    if content is not None and content != settings.content:
        if content != "gentle":
            raise ClassroomError(classwords.gentle_class(settings.code, content))
        level = "gentle"
    session = Session.new(
        settings.scenario_ref,
        roles=list(settings.roles),
        seed=settings.seed,
        content=level,
        policy=settings.policy,
        length=settings.length,
    )
    if session.scenario.id != settings.scenario:
        raise ClassroomError(
            classwords.scenario_moved(settings.code, settings.scenario, settings.scenario_ref, session.scenario.id)
        )
    changed = scenario_hash(session.scenario) != settings.scenario_hash
    note = classwords.class_notice(settings.code, settings.seed, changed=changed)
    session.notice = f"{session.notice} {note}" if session.notice else note
    return session


class ResultKeeper:
    """Writes a game's result record to the store when the game ends or is stopped; a
    class's game (a resumed one too) also writes it (finished=false) as it starts and
    after every turn, in a thread of its own, so the teacher's watch shows the game in
    progress and a crash or a closed tab loses no turn played."""

    WAIT = 10.0  # seconds the last result waits for a turn's record still being written

    def __init__(
        self,
        store_spec: str | os.PathLike[str] | None,
        *,
        settings: ClassSettings | None = None,
        player: str | None = None,
    ) -> None:
        self.store_spec = store_spec
        self.settings = settings
        self.player = player
        self._session: Session | None = None
        self._pending: Any = None  # the newest turn's snapshot not yet written
        self._cond = threading.Condition()
        self._writer: threading.Thread | None = None
        self._closed = False
        self.turn_error: str | None = None  # why the last turn's record was not written

    @property
    def session(self) -> Session | None:
        return self._session

    @session.setter
    def session(self, session: Session | None) -> None:
        self._session = session
        if session is not None and self.settings is not None:
            from game.classroom.families import share

            share(self.store_spec)  # the class's servers share the debrief's histories
            session.after_turn.append(self.turn_ended)
            self.turn_ended(session)  # the game shows up as it starts
        elif session is not None and session.week > 0:  # resumed: a class's game, perhaps
            threading.Thread(target=self._find_class, args=(session,), name="result-class", daemon=True).start()

    def _find_class(self, session: Session) -> None:
        """A resumed game whose earlier record names a class writes its record after
        every turn again, as it did before it was saved (looked up in a thread of its
        own, so the game opens at once; a store that cannot be read now leaves the
        game's last result to say why)."""
        from game.classroom.storeopen import open_store

        try:
            with open_store(self.store_spec) as store:
                before = store.result(session.game_id)
                klass = store.get_class(before.class_code) if before is not None and before.class_code else None
        except Exception:  # noqa: BLE001 - the last result opens the store again and says why
            return
        if klass is None or before is None:
            return
        with self._cond:
            if self._closed:
                return
            self.settings = klass
            self.player = self.player or before.player
        from game.classroom.families import share

        share(self.store_spec)
        session.after_turn.append(self.turn_ended)

    @property
    def class_code(self) -> str | None:
        return self.settings.code if self.settings is not None else None

    def turn_ended(self, session: Session) -> None:
        """Hand the game as it stands to the writing thread (never blocks the game)."""
        from game.session.records import played

        snap = played(session)
        with self._cond:
            if self._closed:
                return
            self._pending = snap
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_turns, name="result-record", daemon=True)
                self._writer.start()
            self._cond.notify()

    def _write_turns(self) -> None:
        from game.classroom.storeopen import open_store
        from game.session.records import record_of

        assert self.settings is not None
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                snap, self._pending = self._pending, None
                if snap is None:
                    return
            try:
                record = record_of(snap, class_code=self.class_code, player=self.player, length=self.settings.length)
                with open_store(self.store_spec) as store:
                    store.put_result(record)
                self.turn_error = None
            except Exception as e:  # noqa: BLE001 - the game goes on; its last result says more
                self.turn_error = " ".join(str(e).split()) or type(e).__name__

    def _stop_writing(self) -> None:
        """No more turn records: wait for the one being written (at most WAIT seconds), so
        it never lands after the last result."""
        with self._cond:
            self._closed = True
            self._pending = None
            self._cond.notify_all()
            writer = self._writer
        if writer is not None:
            writer.join(self.WAIT)

    def keep(self) -> tuple[ResultRecord, str] | None:
        """Write the result of the game (if one was made); returns it and the store's
        name. Raises StoreError."""
        from game.classroom.storeopen import open_store
        from game.session.records import record_of

        self._stop_writing()
        session = self.session
        if session is None:
            return None
        with open_store(self.store_spec) as store:
            code, player = self.class_code, self.player
            length: Literal["lesson", "full"] = self.settings.length if self.settings else session.length
            if code is None:
                before = store.result(session.game_id)  # a resumed game keeps its class
                if before is not None:
                    code, length = before.class_code, before.length
                    player = player or before.player
            record = record_of(session, class_code=code, player=player, length=length)
            store.put_result(record)
            return record, store.where

"""Joining a class in the game: a student gives the class code and a name, and gets the
class's game, or the reason there is none (worded by `game.present.join`). Without a
valid code there is no game. `corridors serve` and `corridors play --join` use it."""

from __future__ import annotations

import os
from dataclasses import dataclass

from game.classroom.classes import MAX_NAME, ResultKeeper, class_session, clean_name
from game.classroom.codes import parse_code
from game.classroom.errors import ClassroomError, CodeError, StoreError
from game.present import classwords
from game.present.join import JOIN_WORDS, JoinWords
from game.session import ClassSettings, Session, SessionError
from game.session.join import Welcome


class JoinRefused(ClassroomError):
    """A code or a name that opens no game; its message is for the student."""


@dataclass(frozen=True)
class Joined:
    session: Session
    keeper: ResultKeeper
    settings: ClassSettings
    name: str


class ClassDoor:
    """Who may join: any class of the store, or only the class `only` (a code)."""

    def __init__(self, store_spec: str | os.PathLike[str] | None, only: str | None = None, words: JoinWords = JOIN_WORDS) -> None:
        self.store_spec = store_spec
        self.only = parse_code(only) if only is not None else None
        self.words = words

    def classes(self) -> tuple[list[ClassSettings], str]:
        """The classes that may be joined and the store's name, checked before a server
        starts: StoreError if the store cannot be used, has no class, or not `only`."""
        from game.classroom.storeopen import open_store

        with open_store(self.store_spec) as store:
            where = store.where
            if self.only is not None:
                found = store.get_class(self.only)
                if found is None:
                    raise StoreError(classwords.no_such_class(self.only, where, teacher=True))
                return [found], where
            every = store.classes()
        if not every:
            raise StoreError(classwords.no_class_yet(where))
        return every, where

    def join(self, code_text: str, name_text: str) -> Joined:
        """The class's game for this student; JoinRefused says why not."""
        from game.classroom.storeopen import open_store

        w = self.words
        if not code_text.strip():
            raise JoinRefused(w.no_code)
        try:
            code = parse_code(code_text)
        except CodeError as e:
            raise JoinRefused(w.refused(str(e))) from None
        name = clean_name(name_text)
        if not name:
            raise JoinRefused(w.no_name)
        if len(name) > MAX_NAME:
            raise JoinRefused(w.name_too_long(MAX_NAME, len(name)))
        if self.only is not None and code != self.only:
            raise JoinRefused(w.not_this_class())
        try:
            with open_store(self.store_spec) as store:
                settings = store.get_class(code)
        except StoreError as e:
            raise JoinRefused(w.store_problem(str(e))) from None
        if settings is None:
            raise JoinRefused(w.unknown_class())
        try:
            session = class_session(settings)
        except (ClassroomError, SessionError) as e:
            raise JoinRefused(w.store_problem(str(e))) from None
        keeper = ResultKeeper(self.store_spec, settings=settings, player=name)
        keeper.session = session
        return Joined(session, keeper, settings, name)

    def welcome(self, joined: Joined) -> Welcome:
        """What the student reads before the game starts: the class, the roles, the name
        the result is kept under, and the scenario's content note at the class's level."""
        session = joined.session
        sc = session.scenario
        names = {r.id: r.name for r in sc.roles}
        w = self.words
        text = w.ready_text(
            code=joined.settings.code,
            roles=[names.get(r, r) for r in session.roles],
            scenario=sc.title,
            name=joined.name,
        )
        note = sc.content_note
        if session.content == "gentle" and sc.content_note_gentle:
            note = sc.content_note_gentle
        return Welcome(session, w.ready_heading.format(code=joined.settings.code), text, w.content_note + note)

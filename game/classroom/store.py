"""The results store: the classes (keyed by their code) and one result record per game.

An SQLite file by default (in WAL mode, every write in a transaction that takes the
write lock at once, waiting up to a minute for it, so thirty games ending together all
land); PostgreSQL for a school's server (`postgresql://user:password@host/db`). Both go
through SQLAlchemy Core with the same tables (their names start with `corridors_`, so a
shared PostgreSQL database keeps its other tables). A file that is not a store of this
game, or a corrupt one, is refused with one line and never written to
(`game.classroom.storeopen` finds and opens a store; here are its tables and queries).
"""

from __future__ import annotations

import contextlib
import json
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
    text,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
)

from game import settings
from game.classroom.errors import StoreError
from game.present import storewords as words
from game.session.records import (
    CLASS_VERSION,
    RESULT_VERSION,
    ClassSettings,
    ResultRecord,
    migrate_result,
    now,
)

STORE_FORMAT = "corridors-results"
SCHEMA = 1  # the tables' layout; a store of a later layout is refused
STORE_FILE = settings.RESULTS_FILE
LOCK_WAIT = 60.0  # seconds a write waits for another game's write to finish
_LOCK_KEY = zlib.crc32(b"corridors_results") & 0x7FFFFFFF  # PostgreSQL's advisory lock

metadata = MetaData()
meta_table = Table(
    "corridors_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
classes_table = Table(
    "corridors_classes",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("scenario", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("settings", Text, nullable=False),  # ClassSettings as JSON
)
results_table = Table(
    "corridors_results",
    metadata,
    Column("game", String(200), primary_key=True),
    Column("class_code", String(16), nullable=True),
    Column("player", Text, nullable=True),
    Column("finished", Boolean, nullable=False),
    Column("weeks_played", Integer, nullable=False),
    Column("written_at", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("record", Text, nullable=False),  # ResultRecord as JSON
)
Index("corridors_results_by_class", results_table.c.class_code)
# The debrief's historical families a class's games played (game.session.histories),
# by their content key: the servers of one class share them. A table added later: the
# store's layout is still 1, and a version that knows it not leaves it alone.
families_table = Table(
    "corridors_families",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("written_at", String(40), nullable=False),
    Column("entry", Text, nullable=False),  # the family's entry as JSON
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


def one_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None)
    msg = str(orig if orig is not None else e).strip().splitlines()
    return " ".join(msg[0].split()) if msg else type(e).__name__


def check_meta(found: dict[str, str], where: str) -> None:
    if found.get("format") != STORE_FORMAT:
        raise StoreError(words.not_ours(where))
    try:
        schema = int(found.get("schema", ""))
    except ValueError:
        raise StoreError(words.no_schema(where)) from None
    if schema > SCHEMA:
        raise StoreError(words.newer_store(where, schema, SCHEMA))


class Store:
    """An open results store. Every method raises StoreError (one line) on failure."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.engine = engine
        self.where = where  # the file, or the address without its password

    @property
    def kind(self) -> str:
        return "postgresql" if self.engine.dialect.name == "postgresql" else "sqlite"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------
    @contextlib.contextmanager
    def _tx(self, write: bool) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.info["write"] = write
            with conn.begin():
                yield conn

    def _run(self, what: str, fn: Callable[[Connection], T], write: bool = True) -> T:
        """`fn` in one transaction, tried again while another writer holds the lock."""
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                with self._tx(write) as conn:
                    return fn(conn)
            except OperationalError as e:
                msg = one_line(e).lower()
                busy = "locked" in msg or "busy" in msg
                if busy and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise StoreError(words.failed(self.where, what, one_line(e))) from e
            except StoreError:
                raise
            except (DBAPIError, SQLAlchemyError) as e:
                raise StoreError(words.failed(self.where, what, one_line(e))) from e

    def _create(self) -> None:
        """Make the tables if they are not there, mark the store as this game's, and
        check that it is."""

        def create(conn: Connection) -> None:
            if self.kind == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            metadata.create_all(conn, checkfirst=True)
            ins = self._insert(meta_table)
            for key, value in (("format", STORE_FORMAT), ("schema", str(SCHEMA))):
                conn.execute(ins.values(key=key, value=value).on_conflict_do_nothing())
            check_meta(self._meta(conn), self.where)

        self._run(words.OPENING, create)

    @staticmethod
    def _meta(conn: Connection) -> dict[str, str]:
        return {str(k): str(v) for k, v in conn.execute(select(meta_table.c.key, meta_table.c.value))}

    def _insert(self, table: Table) -> Any:
        if self.kind == "postgresql":
            return pg_dialect.insert(table)
        return sqlite_dialect.insert(table)

    # -- classes ---------------------------------------------------------------------
    def add_class(self, make: Callable[[], ClassSettings], tries: int = 20) -> ClassSettings:
        """Keep the class `make()` returns (it makes a new code each call), trying again
        with another code if the code is taken."""
        for _ in range(tries):
            settings = make()

            def add(conn: Connection, settings: ClassSettings = settings) -> None:
                conn.execute(
                    classes_table.insert().values(
                        code=settings.code,
                        created_at=settings.created_at.isoformat(),
                        scenario=settings.scenario,
                        version=settings.version,
                        settings=settings.model_dump_json(),
                    )
                )

            try:
                self._run(words.KEEPING_CLASS, add)
                return settings
            except StoreError as e:
                if isinstance(e.__cause__, IntegrityError):
                    continue
                raise
        raise StoreError(words.no_free_code(self.where, tries))

    def get_class(self, code: str) -> ClassSettings | None:
        def get(conn: Connection) -> Any:
            return conn.execute(
                select(classes_table.c.version, classes_table.c.settings).where(
                    classes_table.c.code == code
                )
            ).first()

        row = self._run(words.READING_CLASS, get, write=False)
        if row is None:
            return None
        return self._parse(ClassSettings, row[0], row[1], CLASS_VERSION, words.a_class(code))

    def classes(self) -> list[ClassSettings]:
        def get(conn: Connection) -> list[Any]:
            return list(
                conn.execute(
                    select(classes_table.c.code, classes_table.c.version, classes_table.c.settings).order_by(
                        classes_table.c.created_at, classes_table.c.code
                    )
                )
            )

        return [
            self._parse(ClassSettings, v, s, CLASS_VERSION, words.a_class(c))
            for c, v, s in self._run(words.READING_CLASSES, get, write=False)
        ]

    # -- results ---------------------------------------------------------------------
    def put_result(self, record: ResultRecord) -> None:
        """Keep a game's result, replacing an earlier one of the same game."""
        values = {
            "game": record.game,
            "class_code": record.class_code,
            "player": record.player,
            "finished": record.finished,
            "weeks_played": record.weeks_played,
            "written_at": record.written_at.isoformat(),
            "version": record.version,
            "record": record.model_dump_json(),
        }
        stmt = self._insert(results_table).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[results_table.c.game],
            set_={k: getattr(stmt.excluded, k) for k in values if k != "game"},
        )
        self._run(words.KEEPING_RESULT, lambda conn: conn.execute(stmt))

    def put_family(self, key: str, entry: str) -> None:
        """Keep a historical family's entry (the same key is the same family)."""
        stmt = self._insert(families_table).values(key=key, written_at=now().isoformat(), entry=entry)
        self._run(words.KEEPING_FAMILY, lambda conn: conn.execute(stmt.on_conflict_do_nothing()))

    def family(self, key: str) -> str | None:
        """A historical family's entry, if a game of the store has kept it."""

        def get(conn: Connection) -> Any:
            return conn.execute(select(families_table.c.entry).where(families_table.c.key == key)).first()

        row = self._run(words.READING_FAMILY, get, write=False)
        return None if row is None else str(row[0])

    def result(self, game: str) -> ResultRecord | None:
        def get(conn: Connection) -> Any:
            return conn.execute(
                select(results_table.c.version, results_table.c.record).where(results_table.c.game == game)
            ).first()

        row = self._run(words.READING_RESULT, get, write=False)
        if row is None:
            return None
        return self._parse(ResultRecord, row[0], row[1], RESULT_VERSION, words.result_of(game))

    def results(self, code: str | None) -> list[ResultRecord]:
        """Every result of a class (None: of the games played without one), in the order
        they were written."""
        col = results_table.c.class_code
        cond = col.is_(None) if code is None else col == code

        def get(conn: Connection) -> list[Any]:
            return list(
                conn.execute(
                    select(results_table.c.game, results_table.c.version, results_table.c.record)
                    .where(cond)
                    .order_by(results_table.c.written_at, results_table.c.game)
                )
            )

        return [
            self._parse(ResultRecord, v, r, RESULT_VERSION, words.result_of(g))
            for g, v, r in self._run(words.READING_RESULTS, get, write=False)
        ]

    def _parse(self, model: type[M], version: int, data: str, known: int, what: str) -> M:
        if version > known:
            raise StoreError(words.newer_record(self.where, what, version, known))
        try:
            parsed = json.loads(data)
            if model is ResultRecord and isinstance(parsed, dict):
                parsed = migrate_result(parsed)
            return model.model_validate(parsed)
        except (ValueError, ValidationError) as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise StoreError(words.corrupt(self.where, what, first)) from e

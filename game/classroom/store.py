"""The results store: the classes (keyed by their code) and one result record per game.

An SQLite file by default (in WAL mode, every write in a transaction that takes the
write lock at once, waiting up to a minute for it, so thirty games ending together all
land); PostgreSQL for a school's server (`postgresql://user:password@host/db`). Both go
through SQLAlchemy Core with the same tables (their names start with `corridors_`, so a
shared PostgreSQL database keeps its other tables). A file that is not a store of this
game, or a corrupt one, is refused with one line and never written to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

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
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import NullPool

from game import settings
from game.classroom.errors import StoreError
from game.model.results import (
    CLASS_VERSION,
    RESULT_VERSION,
    ClassSettings,
    ResultRecord,
    migrate_result,
)

STORE_FORMAT = "corridors-results"
SCHEMA = 1  # the tables' layout; a store of a later layout is refused
STORE_FILE = settings.RESULTS_FILE
LOCK_WAIT = 60.0  # seconds a write waits for another game's write to finish
_SQLITE_HEADER = b"SQLite format 3\x00"
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

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


def default_store_path() -> Path:
    """`$CORRIDORS_HOME/results.sqlite` if CORRIDORS_HOME is set, else in the user's data
    folder (~/.local/share/corridors), beside the saves (game.settings.results_path)."""
    return settings.results_path()


def is_url(spec: str) -> bool:
    return "://" in spec


def _one_line(e: BaseException) -> str:
    orig = getattr(e, "orig", None)
    msg = str(orig if orig is not None else e).strip().splitlines()
    return " ".join(msg[0].split()) if msg else type(e).__name__


# ----------------------------------------------------------------------- opening


def open_store(spec: str | os.PathLike[str] | None = None) -> Store:
    """The store `spec` names: None for the default file, a file path, or a
    postgresql:// address (None: $CORRIDORS_STORE if it is set). Raises StoreError (one
    line) if it cannot be used."""
    if spec is None:
        spec = settings.store()
    if spec is None:
        path = default_store_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{path.parent}: cannot create the folder: {e.strerror or e}") from e
        return _open_sqlite(path)
    spec_text = os.fspath(spec)
    if isinstance(spec_text, bytes):
        spec_text = spec_text.decode(errors="replace")
    if is_url(spec_text):
        scheme = spec_text.split("://", 1)[0].lower()
        if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
            return _open_postgres(spec_text)
        raise StoreError(
            f"{scheme}://…: not a kind of store this game uses (give a file path, or a"
            " postgresql:// address)"
        )
    path = Path(spec_text).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a results store file")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: no such folder {str(path.parent)!r}")
    return _open_sqlite(path)


def _check_meta(found: dict[str, str], where: str) -> None:
    if found.get("format") != STORE_FORMAT:
        raise StoreError(
            f"{where}: is not a Corridors results store (its corridors_meta table belongs to"
            " something else); it is left as it is"
        )
    try:
        schema = int(found.get("schema", ""))
    except ValueError:
        raise StoreError(f"{where}: is a corrupt results store (no schema version); it is left as it is") from None
    if schema > SCHEMA:
        raise StoreError(
            f"{where}: was made by a newer version of Corridors (store layout {schema}; this"
            f" version reads layout {SCHEMA}); it is left as it is"
        )


def _inspect_sqlite(path: Path) -> bool:
    """Whether `path` already holds a store of this game (False: no file, or an empty
    one, to be made a store). Raises StoreError for anything else, reading only."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    except OSError as e:
        raise StoreError(f"{path}: cannot be read: {e.strerror or e}") from e
    if size == 0:
        return False
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except OSError as e:
        raise StoreError(f"{path}: cannot be read: {e.strerror or e}") from e
    if head != _SQLITE_HEADER:
        raise StoreError(
            f"{path}: is not a Corridors results store (not an SQLite database); it is left as"
            " it is (give another file with --store)"
        )
    try:
        con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=LOCK_WAIT)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not names:
                return False
            if meta_table.name not in names:
                raise StoreError(
                    f"{path}: is an SQLite database of something else, not a Corridors results"
                    " store; it is left as it is (give another file with --store)"
                )
            found = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM corridors_meta")}
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(
            f"{path}: is a corrupt results store or not one ({' '.join(str(e).split())}); it is"
            " left as it is"
        ) from e
    _check_meta(found, str(path))
    return True


def _open_sqlite(path: Path) -> Store:
    ours = _inspect_sqlite(path)
    target = str(path)  # given to sqlite3 as it is (no URL: any character may be in it)
    engine = create_engine(
        "sqlite://",
        poolclass=NullPool,
        creator=lambda: sqlite3.connect(target, timeout=LOCK_WAIT, check_same_thread=False),
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None  # SQLAlchemy's "begin" below opens transactions
        cur = dbapi_con.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(LOCK_WAIT * 1000)}")
            cur.execute("PRAGMA journal_mode = WAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # a write takes the write lock at once (or waits for it), so it never fails
        # half-way for another game's write; a read takes none
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write", True) else "BEGIN")

    store = Store(engine, str(path))
    if not ours:
        store._create()  # (a store already checked by _inspect_sqlite needs nothing)
    return store


def _open_postgres(url_text: str) -> Store:
    try:
        url = make_url(url_text)
    except ArgumentError as e:
        raise StoreError(f"the store address is not a valid address ({_one_line(e)})") from e
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    where = url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})
    except ImportError as e:
        raise StoreError(
            f"{where}: the PostgreSQL driver is not installed ({_one_line(e)}; install it"
            " with: pip install 'corridors[postgresql]')"
        ) from e
    except ArgumentError as e:
        raise StoreError(f"{where}: cannot be used ({_one_line(e)})") from e
    store = Store(engine, where)
    store._create()
    return store


# ----------------------------------------------------------------------- the store


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
                msg = _one_line(e).lower()
                busy = "locked" in msg or "busy" in msg
                if busy and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise StoreError(f"{self.where}: {what} failed: {_one_line(e)}") from e
            except StoreError:
                raise
            except (DBAPIError, SQLAlchemyError) as e:
                raise StoreError(f"{self.where}: {what} failed: {_one_line(e)}") from e

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
            _check_meta(self._meta(conn), self.where)

        self._run("opening the store", create)

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
                self._run("keeping the class", add)
                return settings
            except StoreError as e:
                if isinstance(e.__cause__, IntegrityError):
                    continue
                raise
        raise StoreError(f"{self.where}: no free class code found in {tries} tries")

    def get_class(self, code: str) -> ClassSettings | None:
        def get(conn: Connection) -> Any:
            return conn.execute(
                select(classes_table.c.version, classes_table.c.settings).where(
                    classes_table.c.code == code
                )
            ).first()

        row = self._run("reading the class", get, write=False)
        if row is None:
            return None
        return self._parse(ClassSettings, row[0], row[1], CLASS_VERSION, f"class {code}")

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
            self._parse(ClassSettings, v, s, CLASS_VERSION, f"class {c}")
            for c, v, s in self._run("reading the classes", get, write=False)
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
        self._run("keeping the result", lambda conn: conn.execute(stmt))

    def result(self, game: str) -> ResultRecord | None:
        def get(conn: Connection) -> Any:
            return conn.execute(
                select(results_table.c.version, results_table.c.record).where(results_table.c.game == game)
            ).first()

        row = self._run("reading a result", get, write=False)
        if row is None:
            return None
        return self._parse(ResultRecord, row[0], row[1], RESULT_VERSION, f"the result of {game}")

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
            self._parse(ResultRecord, v, r, RESULT_VERSION, f"the result of {g}")
            for g, v, r in self._run("reading the results", get, write=False)
        ]

    def _parse(self, model: type[M], version: int, data: str, known: int, what: str) -> M:
        if version > known:
            raise StoreError(
                f"{self.where}: {what} was written by a newer version of Corridors (version"
                f" {version}; this one reads {known})"
            )
        try:
            parsed = json.loads(data)
            if model is ResultRecord and isinstance(parsed, dict):
                parsed = migrate_result(parsed)
            return model.model_validate(parsed)
        except (ValueError, ValidationError) as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise StoreError(f"{self.where}: {what} is corrupt ({first})") from e


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)

"""Opening a results store: the default file, a file path or a PostgreSQL address. A
file is read, never written, until it is known to be empty or a store of this game
(`_inspect_sqlite`); SQLite files are opened in WAL mode, each write taking the write
lock at once (`game.classroom.store` has the tables and the queries).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from game import settings
from game.classroom.errors import StoreError
from game.classroom.store import LOCK_WAIT, Store, check_meta, meta_table, one_line
from game.present import storewords as words

_SQLITE_HEADER = b"SQLite format 3\x00"


def default_store_path() -> Path:
    """`$CORRIDORS_HOME/results.sqlite` if CORRIDORS_HOME is set, else in the user's data
    folder (~/.local/share/corridors), beside the saves (game.settings.results_path)."""
    return settings.results_path()


def is_url(spec: str) -> bool:
    return "://" in spec



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
            raise StoreError(words.no_folder_made(path.parent, e.strerror or e)) from e
        return _open_sqlite(path)
    spec_text = os.fspath(spec)
    if isinstance(spec_text, bytes):
        spec_text = spec_text.decode(errors="replace")
    if is_url(spec_text):
        scheme = spec_text.split("://", 1)[0].lower()
        if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
            return _open_postgres(spec_text)
        raise StoreError(words.unknown_kind(scheme))
    path = Path(spec_text).expanduser()
    if path.is_dir():
        raise StoreError(words.a_folder(path))
    if not path.parent.is_dir():
        raise StoreError(words.no_such_folder(path, str(path.parent)))
    return _open_sqlite(path)


def _inspect_sqlite(path: Path) -> bool:
    """Whether `path` already holds a store of this game (False: no file, or an empty
    one, to be made a store). Raises StoreError for anything else, reading only."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    except OSError as e:
        raise StoreError(words.unreadable(path, e.strerror or e)) from e
    if size == 0:
        return False
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except OSError as e:
        raise StoreError(words.unreadable(path, e.strerror or e)) from e
    if head != _SQLITE_HEADER:
        raise StoreError(words.not_sqlite(path))
    try:
        con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=LOCK_WAIT)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not names:
                return False
            if meta_table.name not in names:
                raise StoreError(words.other_sqlite(path))
            found = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM corridors_meta")}
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise StoreError(words.corrupt_store(path, " ".join(str(e).split()))) from e
    check_meta(found, str(path))
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
        raise StoreError(words.bad_address(one_line(e))) from e
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    where = url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})
    except ImportError as e:
        raise StoreError(words.no_driver(where, one_line(e))) from e
    except ArgumentError as e:
        raise StoreError(words.unusable(where, one_line(e))) from e
    store = Store(engine, where)
    store._create()
    return store

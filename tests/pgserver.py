"""A private PostgreSQL server for the results store's tests: initdb and pg_ctl in a
temporary folder, listening on a free loopback port, stopped when the tests end.

CORRIDORS_TEST_POSTGRES=postgresql://... uses a server that is already running instead.
Debian's `postgresql` package provides the programs (`.ci/postgres` installs it). When
running as root, the server runs as the `postgres` user, as PostgreSQL requires.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class NoServer(Exception):
    """No PostgreSQL server could be started here (the message says why)."""


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if versions:
        return Path(versions[-1]).parent
    raise NoServer("PostgreSQL's programs (initdb, pg_ctl) are not installed (run: bash .ci/postgres)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="corridors-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.user = "postgres" if self.as_root else (os.environ.get("USER") or "postgres")
        self.url = f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise NoServer("running as root, and runuser is missing to start PostgreSQL as postgres")
            cmd = [runuser, "-u", "postgres", "--", *cmd]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, cwd=self.root)

    def start(self) -> str:
        if self.as_root:
            try:
                shutil.chown(self.root, user="postgres")
            except (LookupError, OSError) as e:
                raise NoServer(f"cannot hand the server's folder to the postgres user: {e}") from e
        r = self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8", "--no-sync")
        if r.returncode:
            raise NoServer(f"initdb failed: {(r.stderr or r.stdout).strip().splitlines()[-1:]}")
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c max_connections=100"
        r = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", opts, "-w", "-t", "60", "start")
        if r.returncode:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            raise NoServer(f"pg_ctl start failed: {(r.stderr or r.stdout).strip()} {log.strip()[-300:]}")
        return self.url

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def drop_tables(url: str) -> None:
    """Clear a test database of the store's tables (and the foreign one a test makes)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            for t in ("corridors_results", "corridors_classes", "corridors_meta", "someone_elses"):
                conn.execute(text(f"DROP TABLE IF EXISTS {t}"))
    finally:
        engine.dispose()

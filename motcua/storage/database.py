"""The engine wrapper: one place that knows how each engine makes writes atomic.

SQLite: every write transaction starts with ``BEGIN IMMEDIATE`` (it takes the
database write lock up front, so "select then update" cannot interleave across
processes) and, inside one process, writers queue on a lock first. Under gevent
that lock is cooperative, so a waiting writer yields instead of freezing the
worker in sqlite3's busy loop (see PITFALLS: lock waits freeze green workers).

PostgreSQL: ordinary transactions; the repositories lock rows with
``FOR UPDATE [SKIP LOCKED]`` where a choice must be exclusive.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from motcua import blocking

SQLITE_BUSY_TIMEOUT_MS = 30_000


class Database:
    """Connections and transactions for the configured engine."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            self.engine = self._sqlite_engine(url)
            self._write_lock = threading.Lock()
        else:
            self.engine = create_engine(
                _with_psycopg(url), pool_size=pool_size, max_overflow=20, pool_pre_ping=True
            )
            self._write_lock = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _sqlite_engine(self, url: str) -> Engine:
        database = self.url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            poolclass=NullPool if database in (None, "", ":memory:") else None,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            # We issue BEGIN ourselves; the driver must not open transactions for us.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            # FULL: a commit survives a power cut, so a printed number is never reissued.
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        return engine

    def enable_wal(self) -> None:
        """Switch SQLite to WAL once, at set-up (not from every connection at once)."""
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA journal_mode=WAL")
            finally:
                raw.close()

    @contextmanager
    def _transaction(self, sqlite_begin: str, wait_off_loop: bool = False) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if self.is_sqlite:
                # pysqlite's own begin is a no-op: the BEGIN goes straight to the driver
                # (commit and rollback then end it). Not a "begin" event listener: any
                # connection event makes SQLAlchemy dispatch events around every statement.
                conn.connection.driver_connection.execute(sqlite_begin)
            transaction = conn.begin()
            try:
                yield conn
            except BaseException:
                transaction.rollback()
                raise
            if wait_off_loop:
                blocking.wait(transaction.commit)
            else:
                transaction.commit()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """Open a write transaction; it commits on success and rolls back on error.

        On SQLite the commit waits for the disk (synchronous=FULL); under gevent or
        eventlet it runs in an OS thread so the worker's other requests go on meanwhile.
        """
        with self._write_lock or nullcontext():
            with self._transaction("BEGIN IMMEDIATE", wait_off_loop=self.is_sqlite) as conn:
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """Open a read-only transaction (a consistent snapshot on both engines)."""
        with self._transaction("BEGIN DEFERRED") as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def _with_psycopg(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url

"""The engine wrapper: one place that knows how each engine makes writes atomic.

SQLite: every write transaction starts with ``BEGIN IMMEDIATE`` (it takes the
database write lock up front, so "select then update" cannot interleave across
processes) and, inside one process, writers queue on a lock first. Under gevent
that lock is cooperative, so a waiting writer yields instead of freezing the
worker in sqlite3's busy loop (see PITFALLS: lock waits freeze green workers).

Writers queued behind one another share a commit (group commit): each runs its
statements in turn in the same transaction, a savepoint around each but the
first, and the last with nobody left waiting commits for all. A commit waits
for the disk (synchronous=FULL), so one wait serves several tickets instead of
one each. Every writer still returns only after the commit that holds its work,
and fails if that commit fails; a writer's own error undoes only its own part.

PostgreSQL: ordinary transactions; the repositories lock rows with
``FOR UPDATE [SKIP LOCKED]`` where a choice must be exclusive.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from motcua import blocking

SQLITE_BUSY_TIMEOUT_MS = 30_000
MAX_SHARED = 32  # writers sharing one commit at most (bounds the first one's wait)
STALLED_S = 1.0  # a writer handed the commit on checks this often that someone took it


class _SharedWrite:
    """The open SQLite write transaction that queued writers join (see the module's doc)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.driver = conn.connection.driver_connection
        self.transaction = conn.begin()
        self.writers = 0  # writers whose statements are in it
        self.done = threading.Event()
        self.error: BaseException | None = None


class Database:
    """Connections and transactions for the configured engine."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            self.engine = self._sqlite_engine(url)
            self._write_lock = threading.Lock()
            self._count_lock = threading.Lock()
            self._waiting = 0  # writers queued on the write lock
            self._shared: _SharedWrite | None = None
        else:
            self.engine = create_engine(
                _with_psycopg(url), pool_size=pool_size, max_overflow=20, pool_pre_ping=True
            )

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
    def _transaction(self) -> Iterator[Connection]:
        """A transaction of its own: reads on both engines, writes on PostgreSQL."""
        with self.engine.connect() as conn:
            if self.is_sqlite:  # a read: SQLite writes share one (_take_turn)
                # pysqlite's own begin is a no-op: the BEGIN goes straight to the driver
                # (commit and rollback then end it). Not a "begin" event listener: any
                # connection event makes SQLAlchemy dispatch events around every statement.
                conn.connection.driver_connection.execute("BEGIN DEFERRED")
            transaction = conn.begin()
            try:
                yield conn
            except BaseException:
                transaction.rollback()
                raise
            transaction.commit()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """Open a write transaction; it commits on success and rolls back on error.

        On SQLite the commit waits for the disk (synchronous=FULL); under gevent or
        eventlet it runs in an OS thread so the worker's other requests go on meanwhile,
        and the writers queued meanwhile share the next commit.
        """
        if not self.is_sqlite:
            with self._transaction() as conn:
                yield conn
            return
        shared, joined = self._take_turn()
        try:
            if joined:
                shared.driver.execute("SAVEPOINT motcua_writer")
            yield shared.conn
            if joined:
                shared.driver.execute("RELEASE motcua_writer")
        except BaseException as err:
            self._undo(shared, joined, err)
            raise
        shared.writers += 1
        self._commit_or_hand_on(shared)
        if shared.error is not None:
            raise shared.error

    def _take_turn(self) -> tuple[_SharedWrite, bool]:
        """Queue on the write lock; return the open transaction and whether it was joined."""
        with self._count_lock:
            self._waiting += 1
        try:
            self._write_lock.acquire()
        finally:
            with self._count_lock:
                self._waiting -= 1
        if self._shared is not None:
            return self._shared, True
        conn = self.engine.connect()
        try:
            conn.connection.driver_connection.execute("BEGIN IMMEDIATE")
            self._shared = _SharedWrite(conn)
        except BaseException:
            conn.close()
            self._write_lock.release()
            raise
        return self._shared, False

    def _undo(self, shared: _SharedWrite, joined: bool, err: BaseException) -> None:
        """Undo a failed writer's part; the others' part still commits (or fails with it)."""
        if joined and shared.driver.in_transaction:
            try:
                shared.driver.execute("ROLLBACK TO motcua_writer")
                shared.driver.execute("RELEASE motcua_writer")
            except BaseException:
                self._end(shared, error=err)
                raise
            self._commit_or_hand_on(shared)
        else:  # the first writer (alone in it), or SQLite gave up the whole transaction
            self._end(shared, error=err if shared.writers else None)

    def _commit_or_hand_on(self, shared: _SharedWrite) -> None:
        """Let a queued writer join and commit after it, or commit now; wait for the commit."""
        if self._waiting and shared.writers < MAX_SHARED:
            self._write_lock.release()
            while not shared.done.wait(STALLED_S):
                # The writer it was handed to went away before its turn: commit here.
                if self._write_lock.acquire(blocking=False):
                    if self._shared is shared:
                        self._commit(shared)
                    else:
                        self._write_lock.release()
        else:
            self._commit(shared)

    def _commit(self, shared: _SharedWrite) -> None:
        """Commit the shared transaction (the write lock is held) and release the lock."""
        error = None
        try:
            blocking.wait(shared.transaction.commit)
        except Exception as err:  # nothing of it is kept: every writer in it fails
            error = err
        finally:  # an interruption is raised only once the commit is in: it is kept
            self._end(shared, error=error, committed=error is None)

    def _end(self, shared: _SharedWrite, error: BaseException | None, committed=False) -> None:
        """Close the shared transaction, tell its writers, release the write lock."""
        try:
            if not committed and shared.transaction.is_active:
                shared.transaction.rollback()
            if shared.driver.in_transaction:  # a failed COMMIT leaves SQLite's open
                shared.driver.execute("ROLLBACK")
            shared.conn.close()
        finally:
            shared.error = error
            self._shared = None
            shared.done.set()
            self._write_lock.release()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """Open a read-only transaction (a consistent snapshot on both engines)."""
        with self._transaction() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def _with_psycopg(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url

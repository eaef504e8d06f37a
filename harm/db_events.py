"""Database connection settings: SQLite made safe for several writers and for private data on disk."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, scoped_session

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600
# How long an SQLite writer waits for another's transaction to end before it gives up.
BUSY_TIMEOUT_MS = 15000


def is_sqlite(dbapi_connection: Any) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


def make_private(path: Path) -> None:
    """Create the file 0600 if it is missing (SQLite gives its -wal and -shm the same mode), else tighten it.

    Never opens a file that exists: closing any descriptor of a file drops every POSIX lock this process
    holds on it, so the app's other SQLite connections would lose theirs ("disk I/O error", or worse).
    """
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))
        for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(PRIVATE_FILE_MODE)
    except OSError:
        pass  # not ours to change (or a read-only place): SQLite itself reports what matters


@event.listens_for(Engine, "do_connect")
def _private_sqlite_file(dialect, _connection_record, cargs, cparams):  # type: ignore[no-untyped-def]
    # Before SQLite opens the file: it would create it (and its WAL) readable by everyone on the machine.
    if dialect.name != "sqlite":
        return
    database = cargs[0] if cargs else cparams.get("database")
    if isinstance(database, str) and database and database != ":memory:" and not database.startswith("file:"):
        make_private(Path(database))


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _connection_record):  # type: ignore[no-untyped-def]
    if not is_sqlite(dbapi_connection):
        return
    # pysqlite's own BEGIN is deferred; "begin" below sends BEGIN IMMEDIATE instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # Foreign keys (for ON DELETE CASCADE) and WAL are off by default in SQLite.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Deleted rows are overwritten with zeros, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# On the request, not on g: tests hold one app context (and its g) across many requests.
WILL_WRITE = "harm.will_write"


class WriteWhileReading(RuntimeError):
    """A GET wrote on SQLite without saying so first (will_write): under load it fails with "database is locked"."""


def _reads_only() -> bool:
    return has_request_context() and request.method in READING_METHODS and WILL_WRITE not in request.environ


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn: Connection) -> None:
    # A deferred transaction that reads, then writes after another connection committed, fails at once with
    # "database is locked" whatever the busy timeout. So a transaction that may write takes the write lock at
    # BEGIN and waits its turn (this also serializes appends to the access log's chains). A GET that does not say
    # it will write only reads: its BEGIN is deferred, so the app's workers read side by side.
    if conn.dialect.name == "sqlite":
        deferred = _reads_only()
        conn.info["deferred"] = deferred
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


@event.listens_for(Engine, "before_cursor_execute")
def _no_write_while_reading(conn, _cursor, statement, _parameters, _context, _executemany):  # type: ignore[no-untyped-def]
    if conn.info.get("deferred") and statement.lstrip()[:7].upper().startswith(WRITE_VERBS) and _reads_only():
        message = "a GET request wrote without calling harm.db_events.will_write(db.session) first"
        if current_app.testing:
            raise WriteWhileReading(message)
        log.error(message)


def will_write(session: Session | scoped_session[Any]) -> None:
    """Call before a GET request's first write (a view's access-log entry, a session's last seen time).

    On SQLite the request's reading transaction ends, keeping what it loaded, and its next statement begins
    BEGIN IMMEDIATE. Elsewhere, and for other methods, it changes nothing.
    """
    if not _reads_only():
        return
    request.environ[WILL_WRITE] = True
    current = session() if isinstance(session, scoped_session) else session
    if current.in_transaction() and current.connection().info.get("deferred"):
        keep = current.expire_on_commit
        current.expire_on_commit = False
        try:
            current.commit()  # nothing is written yet (see _no_write_while_reading): this only ends the read
        finally:
            current.expire_on_commit = keep


def checkpoint_after_delete(engine: Engine) -> None:
    """On SQLite, copy the WAL into the database and empty it, so deleted text is in neither file."""
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        # Outside any transaction (no "begin" event here): a checkpoint cannot run inside one.
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()

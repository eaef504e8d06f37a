"""Database connection settings: SQLite made safe for several writers and for private data on disk."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

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


@event.listens_for(Engine, "begin")
def _sqlite_begin_immediate(conn: Connection) -> None:
    # A deferred transaction that reads, then writes after another connection committed, fails at once with
    # "database is locked" whatever the busy timeout. Taking the write lock at BEGIN makes it wait its turn,
    # and serializes appends to the access log's chains.
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


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

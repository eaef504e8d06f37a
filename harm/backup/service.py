"""Consistent copies of a live SQLite database through SQLite's online backup API."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from harm.db_events import make_private

PG_HINT = (
    "This database is PostgreSQL: back it up with "
    '`pg_dump --format=custom "$DATABASE_URL" > family_plan.dump` and restore with '
    '`pg_restore --clean --dbname "$DATABASE_URL" family_plan.dump` (see the README).'
)


class BackupError(RuntimeError):
    """The backup or restore cannot be done; nothing was changed."""


def sqlite_path(database_url: str) -> Path:
    """The file of an SQLite database URL, or BackupError for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupError(PG_HINT)
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory database has nothing to back up.")
    return Path(url.database)


def _copy(source: Path, target: Path) -> None:
    """Copy page by page; writers may go on meanwhile, and the copy is one moment of the source."""
    make_private(target)  # before SQLite creates it readable by everyone
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _single_file(path: Path) -> None:
    """The copy carries the live database's WAL mode: switch it back, so it is one file with no -wal or -shm."""
    with closing(sqlite3.connect(path)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")


def check_backup(path: Path) -> None:
    """Refuse a file that is not a whole Family Plan database."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            result = con.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not an SQLite database ({error}).") from None
    if result != ("ok",):
        raise BackupError(f"{path} failed SQLite's integrity check.")
    if not {"alembic_version", "account", "family", "plan_section"} <= tables:
        raise BackupError(f"{path} is not a Family Plan database.")


def backup(database_url: str, target: Path) -> Path:
    """Write a consistent copy of the live database to target (never over an existing file)."""
    source = sqlite_path(database_url)
    if not source.is_file():
        raise BackupError(f"No database at {source}.")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new name so no backup is overwritten.")
    partial = target.with_name(target.name + ".partial")
    _copy(source, partial)
    _single_file(partial)
    check_backup(partial)
    os.replace(partial, target)
    return target


def restore(database_url: str, backup_file: Path) -> Path | None:
    """Bring the database back to the backup; the data it replaces is kept beside it first."""
    check_backup(backup_file)
    live = sqlite_path(database_url)
    kept = None
    if live.is_file():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = backup(database_url, live.with_name(f"{live.name}.before-restore-{stamp}"))
    live.parent.mkdir(parents=True, exist_ok=True)
    _copy(backup_file, live)
    return kept

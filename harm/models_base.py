"""Column helpers shared by every feature's models."""
from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from harm.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on SQLite as well as PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def new_public_id() -> str:
    return uuid.uuid4().hex


def public_id_column() -> Mapped[str]:
    """An opaque id for URLs: never the sequential primary key."""
    return mapped_column(String(32), unique=True, index=True, default=new_public_id)


def created_at_column() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow)


def random_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def commit_keeping_loaded() -> None:
    """Commit without expiring what this request loaded: for a write whose stored values the caller set itself."""
    session = db.session()
    expire = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def rows_changed(statement: Any, parameters: dict[str, Any] | None = None) -> int:
    """Run an UPDATE or DELETE and say how many rows it touched (for compare-and-set writes)."""
    return cast(CursorResult[Any], db.session.execute(statement, parameters)).rowcount

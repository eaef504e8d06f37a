"""Plan sections and their revision history."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, utcnow


class PlanSection(db.Model):  # type: ignore[name-defined]
    __tablename__ = "plan_section"
    __table_args__ = (UniqueConstraint("family_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Every save names the version it started from; a stale one is refused.
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )

    updated_by: Mapped[Account | None] = relationship()


class SectionRevision(db.Model):  # type: ignore[name-defined]
    __tablename__ = "section_revision"
    __table_args__ = (UniqueConstraint("section_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_section.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    # The names of the fields this save changed, and the section as it was saved.
    changed: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = created_at_column()

    account: Mapped[Account | None] = relationship()

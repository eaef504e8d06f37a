"""One access-log entry, chained to the one before it in the same family's chain."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from harm.extensions import db
from harm.models_base import UTCDateTime


class AccessLogEntry(db.Model):  # type: ignore[name-defined]
    __tablename__ = "access_log"
    __table_args__ = (UniqueConstraint("chain", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The family's public id: it names the chain, and outlives the family in the deletion record.
    chain: Mapped[str] = mapped_column(String(32), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), nullable=True,
                                                  index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(80))
    actor_role: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The public id of what the entry logs (a consent, an export), for `flask audit verify`'s completeness check.
    subject: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))

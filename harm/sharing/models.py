"""A share link (its token stored only as a hash) and each time it was opened."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column, utcnow


class ShareLink(db.Model):  # type: ignore[name-defined]
    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the token: a copy of the database does not open any link.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    label: Mapped[str] = mapped_column(String(60), default="")
    parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = created_at_column()

    created_by: Mapped[Account | None] = relationship()
    openings: Mapped[list[ShareOpening]] = relationship(
        back_populates="link", cascade="all, delete-orphan", passive_deletes=True, order_by="ShareOpening.id"
    )

    def is_open(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or utcnow())


class ShareOpening(db.Model):  # type: ignore[name-defined]
    __tablename__ = "share_opening"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("share_link.id", ondelete="CASCADE"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    link: Mapped[ShareLink] = relationship(back_populates="openings")

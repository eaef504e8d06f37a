"""A milestone records that something happened; it has no field for drug use."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.milestones.kinds import label_of
from harm.models_base import created_at_column, public_id_column


class Milestone(db.Model):  # type: ignore[name-defined]
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    happened_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = created_at_column()

    recorded_by: Mapped[Account | None] = relationship()

    @property
    def label(self) -> str:
        return label_of(self.kind, self.title)

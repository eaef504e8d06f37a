"""A peer check-in: tier-2 only. There is no column for use details."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.milestones.models import Milestone
from harm.models_base import created_at_column, public_id_column

TEXT_LIMIT = 1000


class CheckIn(db.Model):  # type: ignore[name-defined]
    __tablename__ = "checkin"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    happened_on: Mapped[date] = mapped_column(Date)
    how_it_went: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    needs: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    next_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    milestone_id: Mapped[int | None] = mapped_column(
        ForeignKey("milestone.id", ondelete="SET NULL"), nullable=True
    )
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = created_at_column()

    recorded_by: Mapped[Account | None] = relationship()
    milestone: Mapped[Milestone | None] = relationship()

"""The parent's own notes on the outcomes their caseworker records."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import created_at_column

NOTE_LIMIT = 1000


class OutcomeNote(db.Model):  # type: ignore[name-defined]
    """A parent's own words on one outcome, kept with who wrote it and when; read by all who see the outcomes."""

    __tablename__ = "outcome_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(NOTE_LIMIT))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = created_at_column()

    account: Mapped[Account | None] = relationship()

"""A use-detail entry: its words and date are encrypted; only its category is in the clear."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import created_at_column, public_id_column


class UseDetail(db.Model):  # type: ignore[name-defined]
    __tablename__ = "use_detail"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    # Kept for the parent alone, even when a consent shares the category.
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = created_at_column()

    created_by: Mapped[Account | None] = relationship()

"""A record of each export: who downloaded or printed the family's data, and when."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from harm.extensions import db
from harm.models_base import created_at_column, public_id_column


class ExportRecord(db.Model):  # type: ignore[name-defined]
    __tablename__ = "export_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Named by the export's access-log entries (their subject), so `flask audit verify` finds one without them.
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = created_at_column()

"""How long this account may sit idle before the app locks."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from harm.extensions import db

DEFAULT_MINUTES = 15


class LockSetting(db.Model):  # type: ignore[name-defined]
    __tablename__ = "lock_setting"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer, default=DEFAULT_MINUTES)

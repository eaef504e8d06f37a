"""Push subscriptions (one per device) and the reminders a member set."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.extensions import db
from harm.families.models import Family
from harm.models_base import UTCDateTime, created_at_column, public_id_column


class PushSubscription(db.Model):  # type: ignore[name-defined]
    __tablename__ = "push_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    device: Mapped[str] = mapped_column(String(60), default="")
    # The neutral name this device shows (discreet mode); its notifications use it too.
    discreet: Mapped[str] = mapped_column(String(20), default="default", server_default="default")
    created_at: Mapped[datetime] = created_at_column()


class Reminder(db.Model):  # type: ignore[name-defined]
    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    # Reminders about a family's plan go when the family goes.
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True,
                                                  nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(80), default="")
    on_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    at_time: Mapped[time] = mapped_column(Time)
    repeat: Mapped[str] = mapped_column(String(10), default="none")
    timezone: Mapped[str] = mapped_column(String(64))
    quiet_start: Mapped[time | None] = mapped_column(Time, nullable=True)
    quiet_end: Mapped[time | None] = mapped_column(Time, nullable=True)
    show_details: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # The occurrence to send next (UTC); None when nothing is left to send.
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    # A failed send waits until retry_at; attempts counts the failures of this occurrence.
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A sender claims a row before sending, so two senders never send the same occurrence.
    claimed_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = created_at_column()

    family: Mapped[Family | None] = relationship()

    @property
    def family_public_id(self) -> str | None:
        return self.family.public_id if self.family else None

"""An agency, its workers (admin, caseworker, peer) and one-time codes to join it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column

ADMIN = "admin"
CASEWORKER = "caseworker"
PEER = "peer"
# Days a sent referral may wait for a first visit to be set before it is flagged overdue, unless the agency says.
REFERRAL_OVERDUE_DAYS = 14


class Agency(db.Model):  # type: ignore[name-defined]
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = created_at_column()
    # Minutes a worker's browser may sit unused before they are signed out; None: the server's SESSION_IDLE_MINUTES.
    idle_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # What the agency's counsel says it may and may not do with shared use details; shown word for word on
    # each consent that names the agency or one of its workers (empty: no statement).
    consent_statement: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    # Days a sent referral may wait for a first visit before it is flagged overdue; None: REFERRAL_OVERDUE_DAYS.
    referral_overdue_days: Mapped[int | None] = mapped_column(Integer, nullable=True)

    workers: Mapped[list[AgencyWorker]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", order_by="AgencyWorker.id"
    )


class AgencyWorker(db.Model):  # type: ignore[name-defined]
    """One account's place in one agency; an account belongs to at most one agency."""

    __tablename__ = "agency_worker"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = created_at_column()
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    agency: Mapped[Agency] = relationship(back_populates="workers")
    account: Mapped[Account] = relationship()


class AgencyInvitation(db.Model):  # type: ignore[name-defined]
    """A one-time code that lets one person join an agency with one role."""

    __tablename__ = "agency_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(80), default="")
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class FamilyOutcome(db.Model):  # type: ignore[name-defined]
    """The five outcomes an agency tracks for one family, as its caseworker records them."""

    __tablename__ = "family_outcome"
    __table_args__ = (UniqueConstraint("agency_id", "family_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    recovery: Mapped[str] = mapped_column(String(8), default="unknown")
    at_home: Mapped[str] = mapped_column(String(8), default="unknown")
    reunified: Mapped[str] = mapped_column(String(8), default="unknown")
    no_repeat_maltreatment: Mapped[str] = mapped_column(String(8), default="unknown")
    no_reentry: Mapped[str] = mapped_column(String(8), default="unknown")
    recorded_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )

"""A referral of one household member to a service, and each dated, attributed step it took."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column, utcnow

NAME_LIMIT = 80
PHONE_LIMIT = 25
ADDRESS_LIMIT = 200
REASON_LIMIT = 500
PERSON_LIMIT = 40


class Referral(db.Model):  # type: ignore[name-defined]
    """The provider is typed in (the `provider_*` columns); a directory entry can later sit beside them."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    # The household member it is for, by the name the plan gives them; empty: the parent.
    person: Mapped[str] = mapped_column(String(PERSON_LIMIT), default="")
    service: Mapped[str] = mapped_column(String(24))
    provider_name: Mapped[str] = mapped_column(String(NAME_LIMIT))
    provider_phone: Mapped[str] = mapped_column(String(PHONE_LIMIT))
    provider_address: Mapped[str] = mapped_column(String(ADDRESS_LIMIT), default="")
    reason: Mapped[str] = mapped_column(String(REASON_LIMIT))
    stage: Mapped[str] = mapped_column(String(24))
    referred_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    intake_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The proposer's agency, whose setting says when a referral waiting for a first visit is overdue.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"), nullable=True)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = created_at_column()

    proposed_by: Mapped[Account | None] = relationship()
    steps: Mapped[list[ReferralStep]] = relationship(
        back_populates="referral", cascade="all, delete-orphan", order_by="ReferralStep.id"
    )


class ReferralStep(db.Model):  # type: ignore[name-defined]
    """One change: the stage it reached (or the parent's answer), who made it, in which role, and when."""

    __tablename__ = "referral_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(24))
    answer: Mapped[str | None] = mapped_column(String(8), nullable=True)
    intake_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    role: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="steps")
    account: Mapped[Account | None] = relationship()



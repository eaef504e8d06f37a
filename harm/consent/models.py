"""A consent record is never edited: a change is a new version; revoking only stamps the time."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.agencies.models import Agency  # noqa: F401  (the agency table a recipient may name)
from harm.dates import UTC_ZONE, day_of, zone_named
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column

DRAFT, ACTIVE, EXPIRED, REVOKED, REPLACED = "draft", "active", "expired", "revoked", "replaced"


class Consent(db.Model):  # type: ignore[name-defined]
    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("family_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id", ondelete="SET NULL"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    parent_name: Mapped[str] = mapped_column(String(80))
    discloser: Mapped[str] = mapped_column(String(120))
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    purpose: Mapped[str] = mapped_column(String(500))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expiry_event: Mapped[str] = mapped_column(String(200), default="")
    # The agencies' own statements as the parent read them on the draft: [{"agency": name, "text": words}].
    agency_statements: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[datetime] = created_at_column()
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    recipients: Mapped[list[ConsentRecipient]] = relationship(
        back_populates="consent", cascade="all, delete-orphan", order_by="ConsentRecipient.id"
    )
    parent: Mapped[Account | None] = relationship(foreign_keys=[parent_id])

    @property
    def last_day(self) -> date:
        """The last day it works, on the parent's calendar (it stops when that day ends in their time zone)."""
        zone = zone_named(self.parent.time_zone if self.parent else None) or UTC_ZONE
        return day_of(self.expires_at - timedelta(microseconds=1), zone)

    def status(self, now: datetime) -> str:
        if self.signed_at is None:
            return DRAFT
        if self.replaced_at is not None:
            return REPLACED
        if self.revoked_at is not None:
            return REVOKED
        if self.expires_at <= now:
            return EXPIRED
        return ACTIVE


AGENCY = "agency"  # the role kept on a recipient that is a named agency, not a person


class ConsentRecipient(db.Model):  # type: ignore[name-defined]
    """A named person, or a named agency, the consent lets see the chosen categories (the name kept as signed).

    An agency recipient covers the agency's active caseworkers and peer specialists who are members of this
    family, as they are at each request (42 CFR 2.31 allows "a named agency").
    """

    __tablename__ = "consent_recipient"
    __table_args__ = (UniqueConstraint("consent_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True,
                                                   index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="SET NULL"), nullable=True,
                                                  index=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))

    consent: Mapped[Consent] = relationship(back_populates="recipients")

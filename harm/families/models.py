"""A family, its members' roles, and one-time invitations."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column


class Family(db.Model):  # type: ignore[name-defined]
    __tablename__ = "family"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    name: Mapped[str] = mapped_column(String(80))
    # Whether the fridge copy prints where the lockbox is and who has the key; the parent chooses (default: no).
    fridge_shows_lockbox: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = created_at_column()

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="family", cascade="all, delete-orphan", order_by="Membership.id"
    )


class Membership(db.Model):  # type: ignore[name-defined]
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("family_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    # A peer's: the parts of the plan the parent shares with this peer (none until the parent picks).
    peer_parts: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[datetime] = created_at_column()

    family: Mapped[Family] = relationship(back_populates="memberships")
    account: Mapped[Account] = relationship()


class Invitation(db.Model):  # type: ignore[name-defined]
    """A one-time code that lets one person join a family with one role."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(80), default="")
    # For a peer: the parts the parent ticked on the invitation; the peer sees them on joining.
    peer_parts: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    used_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    family: Mapped[Family] = relationship()
    created_by: Mapped[Account | None] = relationship(foreign_keys=[created_by_id])


class EndedAccess(db.Model):  # type: ignore[name-defined]
    """Someone's access to a family ended by a removal: it can be undone for a short time, and they are told."""

    __tablename__ = "ended_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    # The name shown in the notice, as it was when access ended.
    ended_by_name: Mapped[str] = mapped_column(String(80))
    ended_at: Mapped[datetime] = created_at_column()
    # What an undo puts back: the same membership, as it was.
    membership_public_id: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    peer_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    member_since: Mapped[datetime] = mapped_column(UTCDateTime())

    family: Mapped[Family] = relationship()
    account: Mapped[Account] = relationship(foreign_keys=[account_id])

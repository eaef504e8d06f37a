"""Accounts and the ways to prove who you are: passkeys and one-time codes."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column


class Account(db.Model):  # type: ignore[name-defined]
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    display_name: Mapped[str] = mapped_column(String(80))
    # The WebAuthn user handle: random, so it says nothing about the person.
    user_handle: Mapped[bytes] = mapped_column(
        LargeBinary(64), unique=True, default=lambda: secrets.token_bytes(32)
    )
    created_at: Mapped[datetime] = created_at_column()
    # The language the person chose (a locale code such as "es"); None follows the browser.
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # The person's time zone (an IANA name such as "America/Chicago"); None until the browser tells it or the
    # person picks one, and shown as UTC until then.
    time_zone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Whether a caseworker may give this person a sign-in code when they lose every passkey.
    worker_recovery_allowed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    passkeys: Mapped[list[Passkey]] = relationship(
        back_populates="account", cascade="all, delete-orphan", order_by="Passkey.id"
    )


class Passkey(db.Model):  # type: ignore[name-defined]
    __tablename__ = "passkey"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    credential_id: Mapped[bytes] = mapped_column(LargeBinary(1024), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(2048))
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = created_at_column()
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    account: Mapped[Account] = relationship(back_populates="passkeys")


class OneTimeCode(db.Model):  # type: ignore[name-defined]
    """A sign-in code (`make run`, an agency), a worker's code ("assisted") or the person's own recovery code."""

    __tablename__ = "one_time_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "signin", "assisted" or "recovery"
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AccountSession(db.Model):  # type: ignore[name-defined]
    """A signed-in browser; the cookie holds only a random token for this row."""

    __tablename__ = "account_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = created_at_column()
    last_seen_at: Mapped[datetime] = created_at_column()
    # The idle lock: the last time someone used the app in this browser; None until the first use.
    active_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The passkey that last proved who is here (sign-in or unlock); None after a code.
    passkey_id: Mapped[int | None] = mapped_column(ForeignKey("passkey.id", ondelete="SET NULL"), nullable=True)

    account: Mapped[Account] = relationship()


class WorkerRecovery(db.Model):  # type: ignore[name-defined]
    """A sign-in code a caseworker gave a family member who lost every passkey, and the hold it started.

    Used: every other session was signed out, and until `hold_until` the account cannot reach use details,
    consents, export or deletion, nor change its passkeys, unless a passkey it had before says it was them.
    """

    __tablename__ = "worker_recovery"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int | None] = mapped_column(
        ForeignKey("one_time_code.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    issued_by_name: Mapped[str] = mapped_column(String(80))
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id", ondelete="SET NULL"), nullable=True)
    issued_at: Mapped[datetime] = created_at_column()
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    hold_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # "confirmed" (an older passkey said it was them) or "cancelled" (it said it was not).
    resolved: Mapped[str | None] = mapped_column(String(16), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    account: Mapped[Account] = relationship(foreign_keys=[account_id])

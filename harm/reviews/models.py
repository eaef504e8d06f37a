"""A joint case review and the comments on it (the parent's among them)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from harm.accounts.models import Account
from harm.extensions import db
from harm.models_base import UTCDateTime, created_at_column, public_id_column, utcnow

TEXT_LIMIT = 2000


class JointReview(db.Model):  # type: ignore[name-defined]
    __tablename__ = "joint_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    family_id: Mapped[int] = mapped_column(ForeignKey("family.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    # The seed's order: the children first, then the parent, then the family as a whole.
    children_safety: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    children_care: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    children_working: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    children_change: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    parent_working: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    parent_change: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    family_working: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    family_change: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    next_review_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    opened_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = created_at_column()

    opened_by: Mapped[Account | None] = relationship()
    comments: Mapped[list[ReviewComment]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewComment.id"
    )
    family_parts: Mapped[list[ReviewFamilyPart]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewFamilyPart.id"
    )


class ReviewComment(db.Model):  # type: ignore[name-defined]
    __tablename__ = "review_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("joint_review.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(String(TEXT_LIMIT))
    created_at: Mapped[datetime] = created_at_column()

    review: Mapped[JointReview] = relationship(back_populates="comments")
    account: Mapped[Account | None] = relationship()


class ReviewFamilyPart(db.Model):  # type: ignore[name-defined]
    """The parent's own words on one step of a review (the children, the parent, the family), beside the team's."""

    __tablename__ = "review_family_part"
    __table_args__ = (UniqueConstraint("review_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("joint_review.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(String(TEXT_LIMIT))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    role: Mapped[str] = mapped_column(String(16))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    review: Mapped[JointReview] = relationship(back_populates="family_parts")
    account: Mapped[Account | None] = relationship()

"""Opening a joint case review, reading it with the progress since the last one, and comments."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from harm.dates import DATE_FORMAT, OUT_OF_RANGE, DayOutOfRange, local_today, parse_day
from harm.errors import Invalid, NotFound
from harm.extensions import db
from harm.families.models import Membership
from harm.families.service import family_dates_changed
from harm.milestones.models import Milestone
from harm.models_base import utcnow
from harm.reviews.models import TEXT_LIMIT, JointReview, ReviewComment, ReviewFamilyPart

log = logging.getLogger(__name__)

# In the seed's order: the children, then the parent, then the family as a whole.
# Each step: its key (the parent's own part of it is kept under this), its title, the team's questions.
STEPS = ("children", "parent", "family")
PARTS = (
    (_l("The children"), (("children_safety", _l("Are the children safe?")),
                          ("children_care", _l("How are the children cared for?")),
                          ("children_working", _l("What is working for the children")),
                          ("children_change", _l("What needs to change for the children")))),
    (_l("The parent"), (("parent_working", _l("What is working for the parent")),
                        ("parent_change", _l("What needs to change for the parent")))),
    (_l("The family as a whole"), (("family_working", _l("What is working for the family")),
                                   ("family_change", _l("What needs to change for the family")))),
)
TEXT_FIELDS = tuple(name for _title, fields in PARTS for name, _label in fields)
STEP_QUESTIONS = {
    "children": _l("How are the children doing, in your words?"),
    "parent": _l("How are you doing, in your words?"),
    "family": _l("How is your family doing, in your words?"),
}


def _date(value: str, name: str, errors: dict[str, list[str]]) -> date | None:
    if not value:
        return None
    try:
        return parse_day(value)
    except DayOutOfRange:
        errors[name] = [str(OUT_OF_RANGE)]
    except ValueError:
        errors[name] = [str(DATE_FORMAT)]
    return None


def open_review(membership: Membership, form: dict[str, str]) -> JointReview:
    """Save a review; at least one answer, dates that make sense, nothing too long."""
    errors: dict[str, list[str]] = {}
    texts = {name: (form.get(name) or "").strip() for name in TEXT_FIELDS}
    for name, text in texts.items():
        if len(text) > TEXT_LIMIT:
            errors[name] = [_("Please keep this under %(limit)d letters.", limit=TEXT_LIMIT)]
    if not any(texts.values()):
        errors["_form"] = [_("Please write at least one answer before saving.")]
    held_on = _date(form.get("held_on", ""), "held_on", errors) or local_today()
    next_review_on = _date(form.get("next_review_on", ""), "next_review_on", errors)
    if held_on > local_today() + timedelta(days=1):
        errors["held_on"] = [_("The date cannot be in the future.")]
    if next_review_on is not None and next_review_on <= held_on:
        errors["next_review_on"] = [_("The next review must be after this one.")]
    if errors:
        raise Invalid(messages=errors)
    review = JointReview(family_id=membership.family_id, held_on=held_on, next_review_on=next_review_on,
                         opened_by_id=membership.account_id, **texts)
    db.session.add(review)
    db.session.commit()
    family_dates_changed.send(membership.family_id)  # a next date moves its reminders
    log.info("joint review saved")
    return review


def reviews_of(membership: Membership) -> list[JointReview]:
    return list(db.session.execute(
        select(JointReview).where(JointReview.family_id == membership.family_id)
        .order_by(JointReview.held_on.desc(), JointReview.id.desc())
    ).scalars())


def get_review_or_404(membership: Membership, review_public_id: str) -> JointReview:
    review = db.session.execute(
        select(JointReview)
        .options(joinedload(JointReview.opened_by),
                 selectinload(JointReview.comments).joinedload(ReviewComment.account),
                 selectinload(JointReview.family_parts).joinedload(ReviewFamilyPart.account))
        .where(JointReview.public_id == review_public_id, JointReview.family_id == membership.family_id)
    ).scalar_one_or_none()
    if review is None:
        raise NotFound
    return review


@dataclass
class Progress:
    since: date | None
    milestones: list[Milestone]


def progress_since_last(review: JointReview) -> Progress:
    """Milestones after the review before this one (or all before it, for the first) up to this one."""
    previous = db.session.execute(
        select(JointReview.held_on).where(
            JointReview.family_id == review.family_id,
            (JointReview.held_on < review.held_on)
            | ((JointReview.held_on == review.held_on) & (JointReview.id < review.id)),
        ).order_by(JointReview.held_on.desc(), JointReview.id.desc()).limit(1)
    ).scalar_one_or_none()
    query: Any = select(Milestone).where(Milestone.family_id == review.family_id,
                                         Milestone.happened_on <= review.held_on)
    if previous is not None:
        query = query.where(Milestone.happened_on > previous)
    rows = db.session.execute(query.order_by(Milestone.happened_on, Milestone.id)).scalars()
    return Progress(since=previous, milestones=list(rows))


def add_comment(membership: Membership, review: JointReview, text: str) -> ReviewComment:
    cleaned = (text or "").strip()
    if not cleaned:
        raise Invalid(messages={"comment": [_("Please write your comment first.")]})
    if len(cleaned) > TEXT_LIMIT:
        raise Invalid(messages={"comment": [_("Please keep this under %(limit)d letters.", limit=TEXT_LIMIT)]})
    comment = ReviewComment(review_id=review.id, account_id=membership.account_id, text=cleaned)
    db.session.add(comment)
    db.session.commit()
    return comment


def opener_role(review: JointReview) -> str | None:
    """The role, in this family, of the person who wrote the review (None if they have left it)."""
    if review.opened_by_id is None:
        return None
    return db.session.execute(select(Membership.role).where(
        Membership.family_id == review.family_id, Membership.account_id == review.opened_by_id)).scalar_one_or_none()


def family_parts(review: JointReview) -> dict[str, ReviewFamilyPart]:
    return {part.step: part for part in review.family_parts}


def write_family_part(membership: Membership, review: JointReview, form: dict[str, str]) -> list[str]:
    """The parent writes their own part of each step; a step whose words changed says who wrote it and when."""
    texts = {step: (form.get(f"own_{step}") or "").strip() for step in STEPS if f"own_{step}" in form}
    errors = {f"own_{step}": [_("Please keep this under %(limit)d letters.", limit=TEXT_LIMIT)]
              for step, text in texts.items() if len(text) > TEXT_LIMIT}
    kept = family_parts(review)
    if not errors and not any(texts.values()) and not kept:
        errors["_form"] = [_("Please write at least one answer before saving.")]
    if errors:
        raise Invalid(messages=errors)
    changed = []
    for step, text in texts.items():
        part = kept.get(step)
        if part is not None and part.text == text:
            continue
        if part is None:
            if not text:
                continue
            part = ReviewFamilyPart(review_id=review.id, step=step)
            db.session.add(part)
        part.text, part.account_id, part.role, part.written_at = text, membership.account_id, membership.role, utcnow()
        changed.append(step)
    db.session.commit()
    log.info("review family part saved")
    return changed

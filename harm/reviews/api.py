"""Joint reviews as JSON: the same reviews, in the same two voices, to the same people as the pages."""
from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from harm.api_fields import written_words
from harm.errors import Invalid
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.reviews import service
from harm.reviews.models import JointReview, ReviewComment
from harm.reviews.schemas import CommentIn, CommentOut, FamilyPartIn, ReviewIn, ReviewOut, ReviewSummaryOut

blp = Blueprint("reviews_api", __name__, url_prefix="/api/v1", description="Joint case reviews, in two voices")
blp.before_request(check_family_access)


def review_out(review: JointReview) -> dict[str, Any]:
    """What the review page shows: each step's team answers beside the parent's own words, progress, comments."""
    kept = service.family_parts(review)
    steps = []
    for step, (title, questions) in zip(service.STEPS, service.PARTS, strict=True):
        part = kept.get(step)
        steps.append({
            "key": step, "title": str(title), "question": str(service.STEP_QUESTIONS[step]),
            "team": [{"key": name, "question": str(label), "text": getattr(review, name)} for name, label in questions],
            "family": written_words(part.text, part.account, part.role, part.written_at)
            if part is not None and part.text else None,
        })
    progress = service.progress_since_last(review)
    return {
        "id": review.public_id, "held_on": review.held_on, "next_review_on": review.next_review_on,
        "written_at": review.created_at,
        "written_by": {"name": review.opened_by.display_name if review.opened_by else None,
                       "role": service.opener_role(review)},
        "steps": steps,
        "progress": {"since": progress.since, "milestones": progress.milestones},
        "comments": [comment_out(c) for c in review.comments],
    }


def comment_out(comment: ReviewComment) -> dict[str, Any]:
    return {"by": comment.account.display_name if comment.account else None, "at": comment.created_at,
            "text": comment.text}


def _fresh(me: Membership, review_id: str) -> dict[str, Any]:
    return review_out(service.get_review_or_404(me, review_id))


@blp.route("/families/<family_id>/reviews", methods=["GET"])
@blp.response(200, ReviewSummaryOut(many=True))
@requires(C.SEE_REVIEWS)
def list_reviews(family_id: str) -> Any:
    """The family's reviews, newest first."""
    return service.reviews_of(current_member())


@blp.route("/families/<family_id>/reviews", methods=["POST"])
@blp.arguments(ReviewIn)
@blp.response(201, ReviewOut)
@requires(C.OPEN_REVIEW)
def open_review(body: dict[str, Any], family_id: str) -> Any:
    """A worker writes the team's part of a review; at least one answer, dates that make sense."""
    me = current_member()
    form = {name: body[name] for name in service.TEXT_FIELDS}
    form |= {name: body[name].isoformat() if body[name] else "" for name in ("held_on", "next_review_on")}
    return _fresh(me, service.open_review(me, form).public_id)


@blp.route("/families/<family_id>/reviews/<review_id>", methods=["GET"])
@blp.response(200, ReviewOut)
@requires(C.SEE_REVIEWS)
def get_review(family_id: str, review_id: str) -> Any:
    """One review: each step in the team's words and the parent's own, the progress since the last, comments."""
    return _fresh(current_member(), review_id)


@blp.route("/families/<family_id>/reviews/<review_id>/comments", methods=["POST"])
@blp.arguments(CommentIn)
@blp.response(201, CommentOut)
@requires(C.COMMENT_ON_REVIEW)
def comment(body: dict[str, Any], family_id: str, review_id: str) -> Any:
    """Add a comment everyone on the plan can read."""
    me = current_member()
    return comment_out(service.add_comment(me, service.get_review_or_404(me, review_id), body["comment"]))


@blp.route("/families/<family_id>/reviews/<review_id>/family-part", methods=["PATCH"])
@blp.arguments(FamilyPartIn)
@blp.response(200, ReviewOut)
@requires(C.WRITE_REVIEW_PART)
def write_family_part(body: dict[str, Any], family_id: str, review_id: str) -> Any:
    """The parent writes their own part of the steps sent (only the parent may)."""
    me = current_member()
    review = service.get_review_or_404(me, review_id)
    try:
        service.write_family_part(me, review, {f"own_{step}": text for step, text in body.items()})
    except Invalid as error:  # the page's field names are own_<step>; here they are the step
        raise Invalid(error.message, {name.removeprefix("own_"): m for name, m in error.messages.items()}) from None
    return _fresh(me, review_id)

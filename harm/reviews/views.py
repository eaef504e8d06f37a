"""Joint case review pages: the list, a new review, one review (printable) and its comments."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.dates import local_today
from harm.errors import Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.reviews import service
from harm.reviews.models import JointReview

bp = Blueprint("reviews", __name__)


@bp.get("/f/<family_id>/reviews")
@requires(C.SEE_REVIEWS)
def reviews(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return render_template("reviews/list.html", me=me, family=me.family, reviews=service.reviews_of(me),
                           can_open=member_may(me, C.OPEN_REVIEW))


Errors = dict[str, list[str]]


def _new_page(me: Membership, form: dict[str, str], errors: Errors, status: int = 200) -> ResponseReturnValue:
    return render_template("reviews/new.html", parts=service.PARTS, me=me, family=me.family, form=form, errors=errors,
                           today=local_today().isoformat()), status


@bp.route("/f/<family_id>/reviews/new", methods=["GET", "POST"])
@requires(C.OPEN_REVIEW)
def new_review(family_id: str) -> ResponseReturnValue:
    me = current_member()
    if request.method == "GET":
        return _new_page(me, {}, {})
    try:
        review = service.open_review(me, request.form.to_dict())
    except Invalid as error:
        return _new_page(me, request.form.to_dict(), error.messages, 422)
    flash(_("Review saved. Everyone on this plan can read it and add comments."))
    return redirect(url_for("reviews.review", family_id=family_id, review_id=review.public_id))


def _review_page(me: Membership, review: JointReview, errors: dict[str, list[str]], comment: str = "",
                 status: int = 200, own: dict[str, str] | None = None) -> ResponseReturnValue:
    return render_template("reviews/review.html", parts=service.PARTS, steps=service.STEPS,
                           step_questions=service.STEP_QUESTIONS, me=me, family=me.family, review=review,
                           opener_role=service.opener_role(review), family_parts=service.family_parts(review),
                           can_write_own=member_may(me, C.WRITE_REVIEW_PART), own=own or {},
                           progress=service.progress_since_last(review), errors=errors, comment=comment), status


@bp.get("/f/<family_id>/reviews/<review_id>")
@requires(C.SEE_REVIEWS)
def review(family_id: str, review_id: str) -> ResponseReturnValue:
    me = current_member()
    return _review_page(me, service.get_review_or_404(me, review_id), {})


@bp.post("/f/<family_id>/reviews/<review_id>/comments")
@requires(C.COMMENT_ON_REVIEW)
def comment(family_id: str, review_id: str) -> ResponseReturnValue:
    me = current_member()
    review = service.get_review_or_404(me, review_id)
    try:
        service.add_comment(me, review, request.form.get("comment", ""))
    except Invalid as error:
        return _review_page(me, review, error.messages, request.form.get("comment", ""), 422)
    flash(_("Comment added."))
    return redirect(url_for("reviews.review", family_id=family_id, review_id=review_id))


@bp.post("/f/<family_id>/reviews/<review_id>/family-part")
@requires(C.WRITE_REVIEW_PART)
def family_part(family_id: str, review_id: str) -> ResponseReturnValue:
    me = current_member()
    review = service.get_review_or_404(me, review_id)
    try:
        service.write_family_part(me, review, request.form.to_dict())
    except Invalid as error:
        return _review_page(me, review, error.messages, status=422, own=request.form.to_dict())
    flash(_("Your part is saved. Everyone who can read this review sees it beside the team's."))
    return redirect(url_for("reviews.review", family_id=family_id, review_id=review_id))

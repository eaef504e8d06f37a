"""Referral pages: the family's referrals with a form to propose one, and one referral with its steps."""
from __future__ import annotations

from babel.lists import format_list
from flask import Blueprint, Flask, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from harm.errors import Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.referrals import service
from harm.referrals.stages import ANSWERS, INTAKE_SCHEDULED, MOVES, PROPOSED, RANK, SERVICES, STAGES, WITHDRAWN
from harm.use_details import CATEGORIES

bp = Blueprint("referrals", __name__)
Errors = dict[str, list[str]]
FORM_FIELDS = ("person", "service", "provider_name", "provider_phone", "provider_address", "reason")


def open_referrals(me: Membership) -> tuple[service.OpenLine, ...]:
    """For the plan page: the open referrals this member may see (none read for one who may not)."""
    return service.open_lines(me) if member_may(me, C.SEE_REFERRALS) else ()


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(open_referrals=open_referrals, referral_services=SERVICES, referral_stages=STAGES)


def use_details_hint() -> str:
    """The hint beside the reason, naming the kinds of use details in the app's own words."""
    kinds = format_list([str(label).lower() for label in CATEGORIES.values()], locale=get_locale())
    return _("Do not write use details here (%(kinds)s). Everyone who can see this referral can read it.",
             kinds=kinds)


def _list_page(me: Membership, form: dict[str, str], errors: Errors, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "referrals/list.html", me=me, family=me.family, referrals=service.referrals_of(me),
        can_propose=member_may(me, C.PROPOSE_REFERRAL), people=service.household_names(me), services=SERVICES,
        stages=STAGES, form=form, errors=errors, hint=use_details_hint(),
    ), status


@bp.get("/f/<family_id>/referrals")
@requires(C.SEE_REFERRALS)
def referrals(family_id: str) -> ResponseReturnValue:
    return _list_page(current_member(), {}, {})


@bp.post("/f/<family_id>/referrals")
@requires(C.PROPOSE_REFERRAL)
def propose(family_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        referral = service.propose(me, {key: request.form.get(key, "") for key in FORM_FIELDS})
    except Invalid as error:
        return _list_page(me, request.form.to_dict(), error.messages, 422)
    flash(_("Referral saved. It waits for the parent's answer."))
    return redirect(url_for("referrals.referral", family_id=family_id, referral_id=referral.public_id))


def _page(me: Membership, referral_id: str, errors: Errors, status: int = 200) -> ResponseReturnValue:
    listed = service.get_or_404(me, referral_id)
    current = listed.referral.stage
    return render_template(
        "referrals/referral.html", me=me, family=me.family, listed=listed, referral=listed.referral,
        services=SERVICES, stages=STAGES, answers=ANSWERS, errors=errors, intake_scheduled=INTAKE_SCHEDULED,
        can_answer=member_may(me, C.ANSWER_REFERRAL), can_move=member_may(me, C.MOVE_REFERRAL),
        next_stages=[WITHDRAWN] if current == PROPOSED else [stage for stage in MOVES if RANK[stage] > RANK[current]],
        typed=request.form.to_dict(),
    ), status


@bp.get("/f/<family_id>/referrals/<referral_id>")
@requires(C.SEE_REFERRALS)
def referral(family_id: str, referral_id: str) -> ResponseReturnValue:
    return _page(current_member(), referral_id, {})


@bp.post("/f/<family_id>/referrals/<referral_id>/answer")
@requires(C.ANSWER_REFERRAL)
def answer(family_id: str, referral_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        service.answer(me, service.get_or_404(me, referral_id).referral, {"answer": request.form.get("answer", "")})
    except Invalid as error:
        return _page(me, referral_id, error.messages, 422)
    flash(_("Your answer is saved."))
    return redirect(url_for("referrals.referral", family_id=family_id, referral_id=referral_id))


@bp.post("/f/<family_id>/referrals/<referral_id>/stage")
@requires(C.MOVE_REFERRAL)
def move(family_id: str, referral_id: str) -> ResponseReturnValue:
    me = current_member()
    data = {"stage": request.form.get("stage", ""), "intake_on": request.form.get("intake_on", "") or None}
    try:
        service.move(me, service.get_or_404(me, referral_id).referral, data)
    except Invalid as error:
        return _page(me, referral_id, error.messages, 422)
    flash(_("The next step is saved."))
    return redirect(url_for("referrals.referral", family_id=family_id, referral_id=referral_id))

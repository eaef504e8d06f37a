"""Pages for starting a family, the people around it, and joining with a code."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from harm.accounts.sessions import current_account, signed_in_account
from harm.families import roles, service
from harm.families.access import current_member, member_may, require, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.families.service import FamilyError
from harm.limits import code_making, join_tries
from harm.models_base import utcnow
from harm.plans.sections import SECTIONS
from harm.security import public

bp = Blueprint("families", __name__)

# The parts besides plan sections that the parent may share with peers.
PEER_PART_NAMES = {"checkins": _l("Check-ins"), "reviews": _l("Case reviews"), "outcomes": _l("Outcomes")}


@bp.route("/families/new", methods=["GET", "POST"])
def new_family() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("families/new.html", form={})
    try:
        family, code = service.start_family(
            signed_in_account(), request.form.get("name", ""), request.form.get("my_role", "")
        )
    except FamilyError as error:
        return render_template("families/new.html", form=request.form, error=str(error)), 422
    if code:
        return render_template("families/code.html", family=family, code=code, role=roles.PARENT)
    return redirect(url_for("plans.overview", family_id=family.public_id))


@bp.get("/f/<family_id>/people")
@requires(C.SEE_PEOPLE)
def people(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return render_template(
        "families/people.html",
        me=me,
        family=me.family,
        members=service.members_of(me.family),
        invitations=service.open_invitations(me.family),
        may_invite=service.roles_member_may_invite(me),
        can_manage=member_may(me, C.REMOVE_SOMEONE_ELSE),
        can_issue_codes=member_may(me, C.ISSUE_SIGNIN_CODE),
        can_choose_peer_sharing=member_may(me, C.CHOOSE_PEER_SHARING),
        sections=SECTIONS,
        peer_parts=PEER_PART_NAMES,
        **_use_details_readers(me),
    )


def _use_details_readers(me: Membership) -> dict[str, object]:
    """The parent also sees who can see each kind of use detail now, under consents in force."""
    if not member_may(me, C.MANAGE_CONSENTS):
        return {}
    from harm.consent.access import readers_now
    from harm.consent.words import RECIPIENT_ROLE_NAMES
    from harm.vault.categories import CATEGORIES

    return {"use_details_readers": readers_now(me.family, utcnow()), "use_details_categories": CATEGORIES,
            "recipient_role_names": RECIPIENT_ROLE_NAMES}


@bp.post("/f/<family_id>/invitations")
@code_making
@requires(C.INVITE)
def invite(family_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        invitation, code = service.invite(me, request.form.get("role", ""), request.form.get("label", ""))
    except FamilyError as error:
        flash(str(error), "error")
        return redirect(url_for("families.people", family_id=family_id))
    return render_template("families/code.html", family=me.family, code=code, role=invitation.role,
                           invitation=invitation)


@bp.post("/f/<family_id>/invitations/<invitation_id>/revoke")
@requires(C.INVITE)
def revoke(family_id: str, invitation_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        service.revoke_invitation(me, invitation_id)
        flash(_("The invitation was cancelled. Its code no longer works."))
    except FamilyError as error:
        flash(str(error), "error")
    return redirect(url_for("families.people", family_id=family_id))


@bp.post("/f/<family_id>/members/<member_id>/remove")
@requires(C.LEAVE_OR_REMOVE)
def remove(family_id: str, member_id: str) -> ResponseReturnValue:
    me = current_member()
    leaving = me.public_id == member_id
    if member_id != me.public_id:
        require(me, C.REMOVE_SOMEONE_ELSE)
    try:
        service.remove_member(me, member_id)
    except FamilyError as error:
        flash(str(error), "error")
        return redirect(url_for("families.people", family_id=family_id))
    if leaving:
        flash(_("You left this family's plan."))
        return redirect(url_for("content.home"))
    flash(_("They were removed. They can no longer see this plan."))
    return redirect(url_for("families.people", family_id=family_id))


@bp.post("/f/<family_id>/peer-sections")
@requires(C.CHOOSE_PEER_SHARING)
def peer_sections(family_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        service.set_peer_sections(me, request.form.getlist("sections"))
        flash(_("Saved. Peers now see only the parts you ticked."))
    except FamilyError as error:
        flash(str(error), "error")
    return redirect(url_for("families.people", family_id=family_id))


@bp.post("/f/<family_id>/members/<member_id>/signin-code")
@code_making
@requires(C.ISSUE_SIGNIN_CODE)
def signin_code(family_id: str, member_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        target, code = service.issue_parent_code(me, member_id)
    except FamilyError as error:
        flash(str(error), "error")
        return redirect(url_for("families.people", family_id=family_id))
    return render_template("families/signin_code.html", family=me.family, target=target, code=code)


@bp.route("/join", methods=["GET", "POST"])
@public
@join_tries
def join() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("families/join.html")
    try:
        invitation = service.find_invitation(request.form.get("code", ""))
    except FamilyError as error:
        return render_template("families/join.html", error=str(error)), 422
    session["pending_invitation"] = invitation.public_id
    if current_account() is None:
        return redirect(url_for("accounts.signup"))
    return redirect(url_for("families.accept_pending"))


@bp.get("/join/accept")
def accept_pending() -> ResponseReturnValue:
    invitation_id = session.pop("pending_invitation", None)
    if not invitation_id:
        return redirect(url_for("families.join"))
    try:
        membership = service.accept(invitation_id, signed_in_account())
    except FamilyError as error:
        return render_template("families/join.html", error=str(error)), 422
    flash(_("Welcome. You are now on the plan “%(family)s” as %(role)s.", family=membership.family.name,
            role=roles.ROLE_NAMES[membership.role]))
    return redirect(url_for("plans.overview", family_id=membership.family.public_id))


@bp.app_context_processor
def role_words() -> dict[str, object]:
    return {"role_name": lambda role: roles.ROLE_NAMES[role], "role_can": lambda role: roles.ROLE_CAN[role],
            "capability": C, "member_capabilities": lambda me: [c for c in C if member_may(me, c)]}

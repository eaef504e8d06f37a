"""Pages for starting a family, the people around it, and joining with a code."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from harm.accounts.sessions import current_account, signed_in_account
from harm.dates import format_clock
from harm.errors import DomainError
from harm.families import roles, service
from harm.families.access import current_member, member_may, memberships_of, require, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.families.roles import ROLE_NAMES
from harm.limits import code_making, join_tries
from harm.security import public

bp = Blueprint("families", __name__)

# The parts besides plan sections that the parent may share with peers.
PEER_PART_NAMES = {"checkins": _l("Check-ins"), "reviews": _l("Case reviews"), "outcomes": _l("Outcomes"),
                   "referrals": _l("Referrals")}
# Features above families add to the people page, by name: each gives template values for the member looking.
people_page_parts: dict[str, Callable[[Membership], dict[str, object]]] = {}


def home_page_part() -> dict[str, object]:
    """On the public home page: the signed-in person's families."""
    me = current_account()
    return {"memberships": memberships_of(me) if me else [], "role_names": ROLE_NAMES}


@bp.route("/families/new", methods=["GET", "POST"])
def new_family() -> ResponseReturnValue:
    if request.method == "GET":
        # Straight after sign-up the plan's name is suggested, so one tap starts it.
        first = request.args.get("first") == "1"
        suggested = _("%(name)s's family", name=signed_in_account().display_name)[:80] if first else ""
        return render_template("families/new.html", form={"name": suggested}, first=first)
    try:
        family, code = service.start_family(
            signed_in_account(), request.form.get("name", ""), request.form.get("my_role", "")
        )
    except DomainError as error:
        return render_template("families/new.html", form=request.form, error=str(error)), 422
    if code:
        return render_template("families/code.html", family=family, code=code, role=roles.PARENT)
    first_part = next(iter(service.plan_sections))
    return redirect(url_for("plans.section", family_id=family.public_id, key=first_part, guided="1"))


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
        undoable=service.undoable_removals(me.family) if member_may(me, C.REMOVE_SOMEONE_ELSE) else [],
        undo_until=service.undo_until,
        sections=service.plan_sections,
        peer_parts=PEER_PART_NAMES,
        **{name: value for part in people_page_parts.values() for name, value in part(me).items()},
    )


@bp.post("/f/<family_id>/invitations")
@code_making
@requires(C.INVITE)
def invite(family_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        invitation, code = service.invite(me, request.form.get("role", ""), request.form.get("label", ""),
                                          request.form.getlist("peer_parts"))
    except DomainError as error:
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
    except DomainError as error:
        flash(str(error), "error")
    return redirect(url_for("families.people", family_id=family_id))


@bp.route("/f/<family_id>/members/<member_id>/remove", methods=["GET", "POST"])
@requires(C.LEAVE_OR_REMOVE)
def remove(family_id: str, member_id: str) -> ResponseReturnValue:
    """Asks once (a page, so it works without JavaScript); the answer posts back here."""
    me = current_member()
    leaving = me.public_id == member_id
    if not leaving:
        require(me, C.REMOVE_SOMEONE_ELSE)
    target = next((m for m in me.family.memberships if m.public_id == member_id), None)
    if target is None:
        flash(_("That person was not found."), "error")
        return redirect(url_for("families.people", family_id=family_id))
    if request.method == "GET" or request.form.get("confirmed") != "yes":
        return render_template("families/remove.html", family=me.family, target=target, leaving=leaving,
                               undo_minutes=int(service.UNDO_TIME.total_seconds() // 60))
    name = target.account.display_name
    try:
        ended = service.remove_member(me, member_id)
    except DomainError as error:
        flash(str(error), "error")
        return redirect(url_for("families.people", family_id=family_id))
    if ended is None:  # one's own leaving: nothing to undo
        flash(_("You left this family's plan."))
        return redirect(url_for("content.home"))
    flash(_("%(name)s was removed and can no longer see this plan. You can undo this until %(time)s.",
            name=name, time=format_clock(service.undo_until(ended))))
    return redirect(url_for("families.people", family_id=family_id, _anchor="undo"))


@bp.post("/f/<family_id>/removals/<removal_id>/undo")
@requires(C.LEAVE_OR_REMOVE)
def undo_removal(family_id: str, removal_id: str) -> ResponseReturnValue:
    me = current_member()
    if member_may(me, C.REMOVE_SOMEONE_ELSE):
        require(me, C.REMOVE_SOMEONE_ELSE)  # a parent under a worker-assisted recovery hold waits, as for removing
    try:
        back = service.undo_removal(me, removal_id)
        flash(_("Undone. %(name)s can see this plan again.", name=back.account.display_name))
    except DomainError as error:
        flash(str(error), "error")
    return redirect(url_for("families.people", family_id=family_id))


@bp.post("/f/<family_id>/members/<member_id>/peer-parts")
@requires(C.CHOOSE_PEER_SHARING)
def peer_parts(family_id: str, member_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        peer = service.set_peer_parts(me, member_id, request.form.getlist("peer_parts"))
        flash(_("Saved. %(name)s now sees only the parts you ticked.", name=peer.account.display_name))
    except DomainError as error:
        flash(str(error), "error")
    return redirect(url_for("families.people", family_id=family_id))


@bp.post("/f/<family_id>/members/<member_id>/signin-code")
@code_making
@requires(C.ISSUE_SIGNIN_CODE)
def signin_code(family_id: str, member_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        target, code = service.issue_parent_code(me, member_id)
    except DomainError as error:
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
    except DomainError as error:
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
    except DomainError as error:
        return render_template("families/join.html", error=str(error)), 422
    flash(_("Welcome. You are now on the plan “%(family)s” as %(role)s.", family=membership.family.name,
            role=roles.ROLE_NAMES_IN_TEXT[membership.role]))
    return redirect(url_for("plans.overview", family_id=membership.family.public_id))


@bp.app_context_processor
def role_words() -> dict[str, object]:
    return {"role_name": lambda role: roles.ROLE_NAMES[role],
            "role_in_text": lambda role: roles.ROLE_NAMES_IN_TEXT[role], "role_can": lambda role: roles.ROLE_CAN[role],
            "capability": C, "member_capabilities": lambda me: tuple(c for c in C if member_may(me, c)),
            "ended_access_notices": service.ended_access_notices}

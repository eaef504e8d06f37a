"""Families, members and invitations as JSON."""
from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from harm.accounts.sessions import signed_in_account
from harm.families import service
from harm.families.access import check_family_access, current_member, memberships_of, require, requires
from harm.families.capabilities import Capability as C
from harm.families.schemas import (
    FamilyIn,
    FamilyOut,
    InvitationIn,
    InvitationOut,
    JoinIn,
    MemberOut,
    PeerPartsIn,
    SigninCodeOut,
    StartedFamilyOut,
)
from harm.limits import code_making, join_tries

blp = Blueprint("families_api", __name__, url_prefix="/api/v1", description="Families and the people in them")
blp.before_request(check_family_access)


@blp.route("/families", methods=["GET"])
@blp.response(200, FamilyOut(many=True))
def list_families() -> Any:
    """The families the signed-in account belongs to."""
    return memberships_of(signed_in_account())


@blp.route("/families", methods=["POST"])
@blp.arguments(FamilyIn)
@blp.response(201, StartedFamilyOut)
def start_family(body: dict[str, Any]) -> Any:
    """Start a family as its parent, or as a caseworker (an enrollment code comes back)."""
    family, code = service.start_family(signed_in_account(), body["name"], body["my_role"])
    me = family.memberships[0]
    return {"family": family, "role": me.role, "enrollment_code": code}


@blp.route("/families/<family_id>", methods=["GET"])
@blp.response(200, FamilyOut)
@requires(C.SEE_PEOPLE)
def get_family(family_id: str) -> Any:
    """One family, with who can see it."""
    return current_member()


@blp.route("/families/<family_id>/members/<member_id>", methods=["DELETE"])
@blp.response(204)
@requires(C.LEAVE_OR_REMOVE)
def remove_member(family_id: str, member_id: str) -> Any:
    """Remove someone (the parent), or leave (anyone)."""
    me = current_member()
    if member_id != me.public_id:
        require(me, C.REMOVE_SOMEONE_ELSE)
    service.remove_member(me, member_id)
    return None


@blp.route("/families/<family_id>/members/<member_id>/peer-parts", methods=["PUT"])
@blp.arguments(PeerPartsIn)
@blp.response(200, MemberOut)
@requires(C.CHOOSE_PEER_SHARING)
def set_peer_parts(body: dict[str, Any], family_id: str, member_id: str) -> Any:
    """Choose what one peer specialist can see: plan sections, and "checkins", "reviews", "outcomes"."""
    me = current_member()
    return service.set_peer_parts(me, member_id, body["parts"])


@blp.route("/families/<family_id>/invitations", methods=["GET"])
@blp.response(200, InvitationOut(many=True))
@requires(C.SEE_PEOPLE)
def list_invitations(family_id: str) -> Any:
    """Invitations that are still open."""
    me = current_member()
    if not service.roles_member_may_invite(me):
        return []
    return service.open_invitations(me.family)


@blp.route("/families/<family_id>/invitations", methods=["POST"])
@blp.arguments(InvitationIn)
@blp.response(201, InvitationOut)
@code_making
@requires(C.INVITE)
def create_invitation(body: dict[str, Any], family_id: str) -> Any:
    """A one-time code for one person to join with one role (shown only now)."""
    me = current_member()
    invitation, code = service.invite(me, body["role"], body["label"], body["peer_parts"])
    return {"public_id": invitation.public_id, "role": invitation.role, "label": invitation.label,
            "peer_parts": invitation.peer_parts, "expires_at": invitation.expires_at, "code": code}


@blp.route("/families/<family_id>/invitations/<invitation_id>", methods=["DELETE"])
@blp.response(204)
@requires(C.INVITE)
def revoke_invitation(family_id: str, invitation_id: str) -> Any:
    """Cancel an invitation so its code stops working."""
    me = current_member()
    service.revoke_invitation(me, invitation_id)
    return None


@blp.route("/invitations/accept", methods=["POST"])
@blp.arguments(JoinIn)
@blp.response(200, FamilyOut)
@join_tries
def accept_invitation(body: dict[str, Any]) -> Any:
    """Join a family with an invitation code."""
    invitation = service.find_invitation(body["code"])
    return service.accept(invitation.public_id, signed_in_account())


@blp.route("/families/<family_id>/members/<member_id>/signin-code", methods=["POST"])
@blp.response(201, SigninCodeOut)
@code_making
@requires(C.ISSUE_SIGNIN_CODE)
def issue_signin_code(family_id: str, member_id: str) -> Any:
    """A caseworker gives a parent who lost every device a new one-time sign-in code."""
    me = current_member()
    target, code = service.issue_parent_code(me, member_id)
    return {"member": target.public_id, "code": code}

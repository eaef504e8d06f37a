"""Starting a family, inviting people, joining, leaving."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from blinker import Namespace
from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from harm import codes
from harm.accounts import recovery
from harm.accounts.models import Account
from harm.db_events import will_write
from harm.errors import Invalid, NotAllowed, NotFound
from harm.extensions import db
from harm.families import roles
from harm.families.access import member_may
from harm.families.capabilities import PEER_SHARED_PARTS
from harm.families.capabilities import Capability as C
from harm.families.models import EndedAccess, Family, Invitation, Membership
from harm.models_base import rows_changed, utcnow

log = logging.getLogger(__name__)

INVITATION_LIFETIME = timedelta(hours=72)
# How long a removal can be undone, and how long the removed person is told about it.
UNDO_TIME = timedelta(minutes=10)
ENDED_NOTICE_TIME = timedelta(days=30)

# Plans sit above families: harm.plans registers its sections (key -> section, with a title) at start-up,
# and makes a new family's empty sections when it is sent `family_started` (sender: the Family, not committed).
plan_sections: dict[str, Any] = {}
family_events = Namespace()
family_started = family_events.signal("family-started")
# A check-in or joint review moved one of the family's next dates (sender: the family's id); reminders follow.
family_dates_changed = family_events.signal("family-dates-changed")


def _section_keys() -> list[str]:
    return list(plan_sections)


def clean_family_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise Invalid(_("Please give the family a name. A first name or a nickname is enough."))
    if len(cleaned) > 80:
        raise Invalid(_("The family name can be at most %(limit)d letters.", limit=80))
    return cleaned


def start_family(account: Account, name: str, my_role: str) -> tuple[Family, str | None]:
    """A parent starts their own family; a caseworker starts one and gets an enrollment code."""
    if my_role not in (roles.PARENT, roles.CASEWORKER):
        raise Invalid(_("Please choose who you are in this family."))
    family = Family(name=clean_family_name(name))
    family.memberships.append(Membership(account_id=account.id, role=my_role))
    db.session.add(family)
    db.session.flush()
    family_started.send(family)
    code = None
    if my_role == roles.CASEWORKER:
        _invitation, code = _new_invitation(family, roles.PARENT, "", account)
    db.session.commit()
    log.info("family started")
    return family, code


def has_parent(family: Family) -> bool:
    return any(m.role == roles.PARENT for m in family.memberships)


def roles_member_may_invite(membership: Membership) -> list[str]:
    if not member_may(membership, C.INVITE):
        return []
    if membership.role == roles.PARENT:
        return [roles.CAREGIVER, roles.CASEWORKER, roles.PEER]
    if membership.role == roles.CASEWORKER and not has_parent(membership.family):
        return [roles.PARENT]
    return []


def invite(membership: Membership, role: str, label: str = "",
           peer_parts: list[str] | None = None) -> tuple[Invitation, str]:
    """A one-time invitation code for one person to join with one role (a peer: with the parts they will see)."""
    allowed = roles_member_may_invite(membership)
    if not allowed:
        raise NotAllowed(_("Your part in this plan does not let you invite people."))
    if role not in allowed:
        raise Invalid(_("You cannot invite someone with that role."))
    label = " ".join((label or "").split())
    if len(label) > 80:
        raise Invalid(_("The name can be at most %(limit)d letters.", limit=80))
    parts = _known_peer_parts(peer_parts or []) if role == roles.PEER else []
    invitation, code = _new_invitation(membership.family, role, label, membership.account)
    invitation.peer_parts = parts
    db.session.commit()
    return invitation, code


def _new_invitation(family: Family, role: str, label: str, created_by: Account) -> tuple[Invitation, str]:
    code = codes.new_code()
    invitation = Invitation(
        family_id=family.id,
        role=role,
        label=label,
        code_hash=codes.code_hash(code),
        created_by_id=created_by.id,
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    return invitation, code


def members_of(family: Family) -> list[Membership]:
    """The family's members with their accounts, in one query however many people there are."""
    return list(
        db.session.execute(
            select(Membership)
            .options(joinedload(Membership.account))
            .where(Membership.family_id == family.id)
            .order_by(Membership.id)
        ).scalars()
    )


def open_invitations(family: Family) -> list[Invitation]:
    return list(
        db.session.execute(
            select(Invitation)
            .where(
                Invitation.family_id == family.id,
                Invitation.used_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.id)
        ).scalars()
    )


def revoke_invitation(membership: Membership, invitation_public_id: str) -> None:
    invitation = db.session.execute(
        select(Invitation).where(
            Invitation.public_id == invitation_public_id,
            Invitation.family_id == membership.family_id,
        )
    ).scalar_one_or_none()
    if invitation is None or invitation.role not in roles_member_may_invite(membership):
        raise NotFound(_("That invitation was not found."))
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        db.session.commit()


def find_invitation(code: str) -> Invitation:
    """The open invitation with this code; one generic message for every failure."""
    invitation = codes.find_by_code(Invitation, code)
    if invitation is None or not is_open(invitation):
        raise Invalid(str(codes.CODE_FAILED))
    return invitation


def is_open(invitation: Invitation) -> bool:
    return (
        invitation.used_at is None
        and invitation.revoked_at is None
        and invitation.expires_at > utcnow()
    )


def accept(invitation_public_id: str, account: Account) -> Membership:
    """Join the family an invitation was checked for; each invitation works once."""
    will_write(db.session)  # also a GET: after sign-up, the join goes through with the code kept in the session
    failed = Invalid(_("That invitation has already been used, was cancelled or has expired."))
    invitation = db.session.execute(
        select(Invitation).where(Invitation.public_id == invitation_public_id)
    ).scalar_one_or_none()
    if invitation is None or not is_open(invitation):
        raise failed
    if invitation.role == roles.PARENT and has_parent(invitation.family):
        raise failed
    already = db.session.execute(
        select(Membership).where(
            Membership.family_id == invitation.family_id, Membership.account_id == account.id
        )
    ).scalar_one_or_none()
    if already is not None:
        raise Invalid(_("You are already part of this family's plan."))
    claimed = rows_changed(
        db.update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=utcnow(), used_by_id=account.id)
    )
    if claimed != 1:
        db.session.rollback()
        raise failed
    membership = Membership(family_id=invitation.family_id, account_id=account.id, role=invitation.role,
                            peer_parts=list(invitation.peer_parts or []) if invitation.role == roles.PEER else [])
    db.session.add(membership)
    db.session.commit()
    log.info("invitation accepted")
    return membership


def remove_member(membership: Membership, member_public_id: str) -> EndedAccess | None:
    """The parent removes anyone; anyone may leave; a family always keeps a parent once it has one.

    A removal (not a leaving) is kept for a short undo and tells the removed person; their open codes stop working.
    """
    target = next((m for m in membership.family.memberships if m.public_id == member_public_id), None)
    if target is None:
        raise NotFound(_("That person was not found."))
    if target.id != membership.id and not member_may(membership, C.REMOVE_SOMEONE_ELSE):
        raise NotAllowed(_("Only the parent can remove people from the plan."))
    parents = [m for m in membership.family.memberships if m.role == roles.PARENT]
    if target.role == roles.PARENT and len(parents) == 1:
        raise Invalid(_("The plan needs its parent. You cannot remove the only parent."))
    ended = None
    if target.id != membership.id:
        ended = EndedAccess(
            family_id=target.family_id, account_id=target.account_id, ended_by_id=membership.account_id,
            ended_by_name=membership.account.display_name, membership_public_id=target.public_id,
            role=target.role, peer_parts=list(target.peer_parts or []), member_since=target.created_at,
        )
        db.session.add(ended)
    db.session.execute(
        db.update(Invitation)
        .where(Invitation.family_id == target.family_id, Invitation.created_by_id == target.account_id,
               Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    membership.family.memberships.remove(target)
    db.session.commit()
    log.info("member removed")
    return ended


def undo_until(ended: EndedAccess) -> datetime:
    return ended.ended_at + UNDO_TIME


def undoable_removals(family: Family) -> list[EndedAccess]:
    """Removals from this family that can still be undone, newest first."""
    return list(db.session.execute(
        select(EndedAccess)
        .where(EndedAccess.family_id == family.id, EndedAccess.ended_at > utcnow() - UNDO_TIME)
        .order_by(EndedAccess.id.desc())
    ).scalars())


def undo_removal(membership: Membership, ended_public_id: str) -> Membership:
    """Put a removed person back as they were, within the undo time: only the one who removed them, or a parent."""
    ended = db.session.execute(
        select(EndedAccess).where(EndedAccess.public_id == ended_public_id,
                                  EndedAccess.family_id == membership.family_id)
    ).scalar_one_or_none()
    if ended is None:
        raise NotFound(_("That person was not found."))
    if ended.ended_by_id != membership.account_id and not member_may(membership, C.REMOVE_SOMEONE_ELSE):
        raise NotAllowed(_("Only the person who removed them, or the parent, can undo this."))
    if undo_until(ended) <= utcnow():
        raise Invalid(_("It is too late to undo this. You can invite them again."))
    back = db.session.execute(
        select(Membership).where(Membership.family_id == ended.family_id, Membership.account_id == ended.account_id)
    ).scalar_one_or_none()
    if back is None:
        back = Membership(public_id=ended.membership_public_id, family_id=ended.family_id,
                          account_id=ended.account_id, role=ended.role, peer_parts=list(ended.peer_parts or []),
                          created_at=ended.member_since)
        db.session.add(back)
    db.session.delete(ended)
    db.session.commit()
    log.info("member removal undone")
    return back


@cache
def _ended_access_query() -> Any:
    """Built once: the home page and the caseload run it on every visit, and building costs more than running."""
    return (
        select(EndedAccess)
        .options(joinedload(EndedAccess.family))
        .where(EndedAccess.account_id == bindparam("account_id"), EndedAccess.ended_at > bindparam("since"),
               ~select(Membership.id).where(Membership.family_id == EndedAccess.family_id,
                                            Membership.account_id == bindparam("account_id")).exists())  # not back
        .order_by(EndedAccess.id.desc())
    )


def ended_access_notices(account: Account) -> list[EndedAccess]:
    """What the account is told: who ended its access to which family, and when (recent ones, newest first)."""
    return list(db.session.execute(
        _ended_access_query(), {"account_id": account.id, "since": utcnow() - ENDED_NOTICE_TIME}).scalars())


def _known_peer_parts(keys: list[str]) -> list[str]:
    known = _section_keys() + list(PEER_SHARED_PARTS)
    if any(key not in known for key in keys):
        raise Invalid(_("That part of the plan does not exist."))
    return [key for key in known if key in keys]


def set_peer_parts(membership: Membership, peer_public_id: str, keys: list[str]) -> Membership:
    """The plan sections, and the check-ins, joint reviews and outcomes, that this peer may see."""
    peer = next((m for m in membership.family.memberships if m.public_id == peer_public_id), None)
    if peer is None or peer.role != roles.PEER:
        raise NotFound(_("That person was not found."))
    peer.peer_parts = _known_peer_parts(keys)
    db.session.commit()
    return peer


def visible_sections(membership: Membership) -> list[str]:
    """The plan sections this member may read."""
    if membership.role == roles.PEER:
        shared = membership.peer_parts or []
        return [key for key in _section_keys() if key in shared]
    return _section_keys()


def issue_parent_code(membership: Membership, member_public_id: str) -> tuple[Membership, str]:
    """A caseworker gives a parent or caregiver who lost every passkey a sign-in code that starts a recovery hold."""
    target = next((m for m in membership.family.memberships if m.public_id == member_public_id), None)
    if target is None:
        raise NotFound(_("That person was not found."))
    if target.role not in (roles.PARENT, roles.CAREGIVER):
        raise Invalid(_("Only a parent or a caregiver can get a new sign-in code from you."))
    try:
        code = recovery.give_code(target.account, membership.account, membership.family_id)
    except recovery.RecoveryError as error:
        raise Invalid(str(error)) from None
    return target, code

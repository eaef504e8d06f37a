"""The one access rule: a family is loaded through the signed-in account's membership and a capability."""
from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar

from flask import abort, current_app, g, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import contains_eager, joinedload

from harm.accounts import recovery
from harm.accounts.models import Account
from harm.accounts.sessions import current_account
from harm.errors import Refused, message_for
from harm.extensions import db
from harm.families.capabilities import CLOSED_DURING_RECOVERY_HOLD, PEER_SHARED_PARTS, Capability, role_may
from harm.families.models import Family, Membership

View = TypeVar("View", bound=Callable[..., Any])


@cache
def _membership_query() -> Any:
    """Built once: nearly every family page and API call runs it."""
    return (
        select(Membership)
        .join(Family)
        .options(contains_eager(Membership.family))  # the family from the join above, not a second one
        .where(Family.public_id == bindparam("family_public_id"), Membership.account_id == bindparam("account_id"))
    )


def _membership_or_404(family_public_id: str, account: Account | None) -> Membership:
    """The account's membership in this family; 404 if none, so existence is not revealed."""
    if account is None:
        abort(404)
    cached = g.get("membership")
    if cached is not None and cached.account_id == account.id and cached.family.public_id == family_public_id:
        return cached  # type: ignore[no-any-return]
    membership = db.session.execute(
        _membership_query(), {"family_public_id": family_public_id, "account_id": account.id}
    ).scalar_one_or_none()
    if membership is None:
        abort(404)
    g.membership = membership
    return membership


def member_may(membership: Membership, capability: Capability) -> bool:
    """Whether this member may do this now (the role's capabilities, and what the parent shares with peers)."""
    return role_may(membership.role, capability, membership.peer_parts)


def require_member(family_public_id: str, may: Capability) -> Membership:
    """The signed-in member of this family, allowed this capability.

    Not a member (or no such family): 404, as for a family that does not exist.
    A member without the capability: 403 with the plain-words message (a page, or the API's error shape);
    the same 403, saying why, for the capabilities an account under a worker-assisted recovery hold waits for.
    """
    membership = _membership_or_404(family_public_id, current_account())
    if g.get("allowed") != (membership.id, may):  # an API route is checked before its body is read, then again
        require(membership, may)
        g.allowed = (membership.id, may)
    return membership


NOT_SHARED_WITH_PEERS = _l("The parent has not shared this part of the plan with peer specialists. You can ask them.")


def refusal_for(role: str, capability: Capability) -> str:
    """The words of the one 403: why this role may not do this (a peer: the parent has not shared it)."""
    if role_may(role, capability, list(PEER_SHARED_PARTS)):
        return str(NOT_SHARED_WITH_PEERS)
    return message_for(403)


def require(membership: Membership, capability: Capability) -> None:
    """Refuse a member a capability their role lacks, or one their account waits for after a worker's code."""
    if not member_may(membership, capability):
        raise Refused(refusal_for(membership.role, capability))
    if capability in CLOSED_DURING_RECOVERY_HOLD:
        hold = recovery.hold_of(membership.account)
        if hold is not None:
            raise Refused(recovery.held_message(hold))


def requires(capability: Capability) -> Callable[[View], View]:
    """Declare the capability a family route needs (a test reads it) and check it before the view runs."""

    def declare(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            require_member(kwargs["family_id"], may=capability)
            return view(*args, **kwargs)

        checked.required_capability = capability  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return declare


def required_capability(view: Callable[..., Any]) -> Capability | None:
    """The capability a view declared with `requires`, through any decorators wrapped around it."""
    while view is not None:
        declared = getattr(view, "required_capability", None)
        if declared is not None:
            return declared  # type: ignore[no-any-return]
        view = getattr(view, "__wrapped__", None)  # type: ignore[assignment]
    return None


def current_member() -> Membership:
    """The membership `requires` loaded for this request."""
    membership = g.get("membership")
    if membership is None:
        raise RuntimeError("a family view without @requires(...)")
    return membership  # type: ignore[no-any-return]


def check_family_access() -> None:
    """Before an API call reads its body: the route's capability is checked first, whatever was sent."""
    family_id = (request.view_args or {}).get("family_id")
    if family_id is None or request.endpoint is None:
        return
    capability = required_capability(current_app.view_functions[request.endpoint])
    if capability is None:
        abort(404)  # a family route that declares nothing is closed
    require_member(family_id, may=capability)


def memberships_of(account: Account) -> list[Membership]:
    return list(
        db.session.execute(
            select(Membership)
            .options(joinedload(Membership.family))
            .where(Membership.account_id == account.id)
            .order_by(Membership.id)
        ).scalars()
    )

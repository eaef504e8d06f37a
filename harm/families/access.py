"""The one way to load a family: through the signed-in account's membership."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from harm.accounts.models import Account
from harm.families.models import Family, Membership


def get_membership_or_404(family_public_id: str, account: Account | None) -> Membership:
    """The account's membership in this family; 404 if none, so existence is not revealed."""
    from harm.extensions import db

    if account is None:
        abort(404)
    membership = db.session.execute(
        select(Membership)
        .join(Family)
        .options(joinedload(Membership.family))
        .where(Family.public_id == family_public_id, Membership.account_id == account.id)
    ).scalar_one_or_none()
    if membership is None:
        abort(404)
    return membership


def require(allowed: bool) -> None:
    """Refuse an action the member's role does not allow (they can see the family, so 403)."""
    if not allowed:
        abort(403)


def memberships_of(account: Account) -> list[Membership]:
    from harm.extensions import db

    return list(
        db.session.execute(
            select(Membership)
            .options(joinedload(Membership.family))
            .where(Membership.account_id == account.id)
            .order_by(Membership.id)
        ).scalars()
    )

"""The one way to load a family: through the signed-in account's membership."""
from __future__ import annotations

from functools import cache
from typing import Any

from flask import abort, g, request
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from harm.accounts.models import Account
from harm.families.models import Family, Membership


@cache
def _membership_query() -> Any:
    """Built once: nearly every family page and API call runs it."""
    return (
        select(Membership)
        .join(Family)
        .options(joinedload(Membership.family))
        .where(Family.public_id == bindparam("family_public_id"), Membership.account_id == bindparam("account_id"))
    )


def get_membership_or_404(family_public_id: str, account: Account | None) -> Membership:
    """The account's membership in this family; 404 if none, so existence is not revealed."""
    from harm.extensions import db

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


def check_family_access() -> None:
    """Before an API call reads its body: a family the caller is not in answers 404, whatever was sent."""
    from harm.accounts.sessions import current_account

    family_id = (request.view_args or {}).get("family_id")
    if family_id is not None:
        g.membership = get_membership_or_404(family_id, current_account())


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

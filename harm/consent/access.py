"""The one decision: may this account see this category of this family's use details now?

Pages, the API and the export all ask here. A worker without a consent gets the same answer
as when nothing exists, so callers answer 404 or leave the section out.
"""
from __future__ import annotations

from datetime import datetime

from flask import g, has_app_context
from sqlalchemy import select

from harm.accounts.models import Account
from harm.consent.models import Consent, ConsentRecipient
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.vault.categories import CATEGORIES


def _role_in(account: Account, family: Family) -> str | None:
    # The page usually loaded this very membership already (families.access keeps it on g).
    known = g.get("membership") if has_app_context() else None
    if known is not None and known.family_id == family.id and known.account_id == account.id:
        return str(known.role)
    return db.session.execute(
        select(Membership.role).where(Membership.family_id == family.id, Membership.account_id == account.id)
    ).scalar_one_or_none()


def visible_categories(account: Account | None, family: Family, now: datetime) -> set[str]:
    """The categories this account may see in this family at this moment."""
    if account is None:
        return set()
    role = _role_in(account, family)
    if role is None:
        return set()
    if role == roles.PARENT:
        return set(CATEGORIES)
    consents = db.session.execute(
        select(Consent.categories)
        .join(ConsentRecipient, ConsentRecipient.consent_id == Consent.id)
        .where(
            Consent.family_id == family.id,
            ConsentRecipient.account_id == account.id,
            Consent.signed_at.is_not(None),
            Consent.revoked_at.is_(None),
            Consent.replaced_at.is_(None),
            Consent.expires_at > now,
        )
    ).scalars()
    return {category for categories in consents for category in categories if category in CATEGORIES}


def may_see(account: Account | None, family: Family, category: str, now: datetime) -> bool:
    return category in visible_categories(account, family, now)

"""The one decision: may this account see this category of this family's use details now?

Pages, the API and the export all ask here. A worker without a consent gets the same answer
as when nothing exists, so callers answer 404 or leave the section out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import g, has_app_context
from sqlalchemy import and_, or_, select

from harm.accounts.models import Account
from harm.agencies.models import AgencyWorker
from harm.consent.models import Consent, ConsentRecipient
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.use_details import CATEGORIES

# The family roles an agency recipient covers: its workers on the plan, never a caregiver.
AGENCY_ROLES = (roles.CASEWORKER, roles.PEER)


def agency_ids_on_plan(family_id: int) -> set[int]:
    """Agencies with an active caseworker or peer on this plan: the ones a consent can reach through."""
    return set(db.session.execute(
        select(AgencyWorker.agency_id)
        .join(Membership, Membership.account_id == AgencyWorker.account_id)
        .where(Membership.family_id == family_id, Membership.role.in_(AGENCY_ROLES), AgencyWorker.active.is_(True))
    ).scalars())


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
    named = ConsentRecipient.account_id == account.id
    if role in AGENCY_ROLES:
        # A named agency reaches its workers on this plan while the agency keeps them turned on.
        my_agency = select(AgencyWorker.agency_id).where(AgencyWorker.account_id == account.id,
                                                         AgencyWorker.active.is_(True))
        named = or_(named, and_(ConsentRecipient.agency_id.is_not(None), ConsentRecipient.agency_id.in_(my_agency)))
    consents = db.session.execute(
        select(Consent.categories)
        .join(ConsentRecipient, ConsentRecipient.consent_id == Consent.id)
        .where(
            Consent.family_id == family.id,
            named,
            Consent.signed_at.is_not(None),
            Consent.revoked_at.is_(None),
            Consent.replaced_at.is_(None),
            Consent.expires_at > now,
        )
    ).scalars()
    return {category for categories in consents for category in categories if category in CATEGORIES}


@dataclass(frozen=True)
class Reader:
    """Someone a consent in force lets see a category: a named person or a named agency, and its last day."""

    name: str
    role: str
    last_day: date


def readers_now(family: Family, now: datetime) -> dict[str, list[Reader]]:
    """For the parent: per category, who other than them can see it now (an empty list: only the parent)."""
    consents = db.session.execute(
        select(Consent).where(Consent.family_id == family.id, Consent.signed_at.is_not(None),
                              Consent.revoked_at.is_(None), Consent.replaced_at.is_(None), Consent.expires_at > now)
    ).scalars()
    on_plan = {m.account_id for m in family.memberships if m.role != roles.PARENT}
    agencies = agency_ids_on_plan(family.id)
    latest: dict[tuple[str, str, str], Reader] = {}
    for consent in consents:
        for recipient in consent.recipients:
            if recipient.account_id not in on_plan and recipient.agency_id not in agencies:
                continue  # a person who left the plan, or an agency with nobody on it now, sees nothing
            for category in consent.categories:
                key = (category, recipient.name, recipient.role)
                if key not in latest or latest[key].last_day < consent.last_day:
                    latest[key] = Reader(recipient.name, recipient.role, consent.last_day)
    return {category: sorted((r for (c, _n, _r), r in latest.items() if c == category), key=lambda r: r.name)
            for category in CATEGORIES}

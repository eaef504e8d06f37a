"""Shared steps for the use-detail and consent tests: plant use details, give a consent in a chosen state."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient

from harm.agencies.models import Agency
from harm.consent.models import AGENCY, Consent, ConsentRecipient
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from harm.use_details import CATEGORIES
from tests.authenticator import Authenticator
from tests.conftest import Household

PLANTED = "Zq-planted-7391-fentanyl-words"

STATES = ("absent", "draft", "active", "expired", "revoked", "replaced")


def planted(category: str) -> str:
    return f"{PLANTED}-{category}"


def plant_every_category(parent: FlaskClient, family_id: str) -> None:
    """The parent keeps one entry in each category (and one private note that is never shared)."""
    for category in CATEGORIES:
        saved = parent.post(f"/api/v1/families/{family_id}/use-details",
                            json={"category": category, "text": planted(category)})
        assert saved.status_code == 201, saved.text
    private = parent.post(f"/api/v1/families/{family_id}/use-details",
                          json={"category": "substances", "text": "only-for-me-note", "private": True})
    assert private.status_code == 201, private.text


def give_consent(household: Household, state: str, categories: list[str], recipient_roles: list[str],
                 agencies: tuple[Agency, ...] = ()) -> Consent | None:
    """A consent straight in the database, in one of STATES (a signature is tested on its own)."""
    if state == "absent":
        return None
    now = utcnow()
    family = household.family
    version = 1 + len(db.session.execute(db.select(Consent.id).where(Consent.family_id == family.id)).all())
    consent = Consent(
        family_id=family.id, version=version, parent_id=household.people[roles.PARENT].id, parent_name="Riley Parent",
        discloser="Family Plan", categories=categories, purpose="To plan treatment together.",
        expires_at=now + timedelta(days=30), signed_at=None if state == "draft" else now - timedelta(hours=1),
    )
    if state == "expired":
        consent.expires_at = now - timedelta(seconds=1)
    if state == "revoked":
        consent.revoked_at = now - timedelta(seconds=1)
    if state == "replaced":
        consent.replaced_at = now - timedelta(seconds=1)
    for role in recipient_roles:
        account = household.people[role]
        consent.recipients.append(ConsentRecipient(family_id=family.id, account_id=account.id,
                                                   name=account.display_name, role=role))
    for agency in agencies:
        consent.recipients.append(ConsentRecipient(family_id=family.id, agency_id=agency.id, name=agency.name,
                                                   role=AGENCY))
    db.session.add(consent)
    db.session.commit()
    return consent


def add_parent_passkey(parent: FlaskClient, authenticator: Authenticator) -> None:
    """The signed-in parent adds a passkey on their phone (the software authenticator)."""
    options = parent.post("/api/v1/auth/register/options", json={"display_name": ""}).get_json()
    added = parent.post("/api/v1/auth/register/verify", json={"credential": authenticator.create(options)})
    assert added.status_code == 200, added.text


def consent_form(household: Household, **changes: Any) -> dict[str, Any]:
    caseworker = next(m for m in household.family.memberships if m.role == roles.CASEWORKER)
    data: dict[str, Any] = {
        "parent_name": "Riley Parent", "discloser": "Family Plan", "categories": ["moud", "treatment"],
        "recipients": [caseworker.public_id], "purpose": "To plan treatment with my caseworker.",
        "expires_on": (utcnow().date() + timedelta(days=90)).isoformat(), "expiry_event": "when my case closes",
    }
    data.update(changes)
    return data


def sign_consent(parent: FlaskClient, authenticator: Authenticator, family_id: str, consent_id: str) -> Any:
    base = f"/api/v1/families/{family_id}/consents/{consent_id}/sign"
    options = parent.post(base + "/options").get_json()
    return parent.post(base + "/verify", json={"credential": authenticator.get(options)})

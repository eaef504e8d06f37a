"""Drafting, signing (with the parent's passkey), listing and revoking consents."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, session
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import func, select
from webauthn import generate_authentication_options, options_to_json, verify_authentication_response
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.parse_authentication_credential_json import parse_authentication_credential_json
from webauthn.helpers.structs import PublicKeyCredentialDescriptor, UserVerificationRequirement

from harm.accounts.models import Passkey
from harm.agencies.models import Agency, AgencyWorker
from harm.agencies.service import statements_for
from harm.audit import service as audit
from harm.audit.completeness import Gap, missing_entries, register_completeness_check
from harm.audit.models import AccessLogEntry
from harm.consent.access import agency_ids_on_plan
from harm.consent.models import ACTIVE, AGENCY, Consent, ConsentRecipient
from harm.consent.schemas import PICK_RECIPIENT, ConsentInSchema
from harm.dates import UTC_ZONE, end_of_day, local_today, zone_named
from harm.errors import Invalid, NotFound, flat_messages
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.models_base import utcnow

log = logging.getLogger(__name__)

CHALLENGE_KEY = "consent_signature"


def possible_recipients(membership: Membership) -> list[Membership]:
    """Everyone in the family but the parent: they may be named in a consent."""
    return [m for m in membership.family.memberships if m.role != roles.PARENT]


def possible_agencies(membership: Membership) -> list[Agency]:
    """Agencies with an active caseworker or peer specialist on this plan: they may be named in a consent."""
    return list(db.session.execute(
        select(Agency).where(Agency.id.in_(agency_ids_on_plan(membership.family_id))).order_by(Agency.name, Agency.id)
    ).scalars())


def all_consents(membership: Membership) -> list[Consent]:
    return list(db.session.execute(
        select(Consent).where(Consent.family_id == membership.family_id).order_by(Consent.version.desc())
    ).scalars())


def get_consent(membership: Membership, consent_id: str) -> Consent:
    consent = db.session.execute(select(Consent).where(
        Consent.public_id == consent_id, Consent.family_id == membership.family_id)).scalar_one_or_none()
    if consent is None:
        raise NotFound
    return consent


def draft(membership: Membership, data: Any) -> Consent:
    """A new consent (or a new version of one), not in force until the parent signs it."""
    try:
        clean = ConsentInSchema().load(data if isinstance(data, dict) else {})
    except ValidationError as error:
        raise Invalid(messages=flat_messages(error.normalized_messages())) from None
    problems: dict[str, list[str]] = {}
    members = {m.public_id: m for m in possible_recipients(membership)}
    agencies = {a.public_id: a for a in possible_agencies(membership)}
    if any(r not in members for r in clean["recipients"]) or any(a not in agencies for a in clean["agencies"]):
        problems["recipients"] = [_("Please pick people from this family's list.")]
    elif not clean["recipients"] and not clean["agencies"]:
        problems["recipients"] = [str(PICK_RECIPIENT)]
    # The parent's own calendar: the last day ends at midnight where they are, not at midnight UTC.
    zone = zone_named(membership.account.time_zone) or UTC_ZONE
    if clean["expires_on"] < local_today(zone):
        problems["expires_on"] = [_("The last day cannot be in the past.")]
    parent_name = " ".join(clean["parent_name"].split())
    purpose = clean["purpose"].strip()
    if not parent_name:
        problems["parent_name"] = [_("Please write your name.")]
    if not purpose:
        problems["purpose"] = [_("Please say why you are sharing.")]
    replaces = None
    if clean["replaces"]:
        try:
            replaces = get_consent(membership, clean["replaces"])
        except NotFound:
            problems["replaces"] = [_("That consent was not found.")]
    if problems:
        raise Invalid(messages=problems)
    version = db.session.execute(
        select(func.coalesce(func.max(Consent.version), 0)).where(Consent.family_id == membership.family_id)
    ).scalar_one() + 1
    consent = Consent(
        family_id=membership.family_id, version=version, replaces_id=replaces.id if replaces else None,
        parent_id=membership.account_id, parent_name=parent_name,
        discloser=" ".join(clean["discloser"].split()) or "Family Plan",
        categories=sorted(set(clean["categories"])), purpose=purpose,
        expires_at=end_of_day(clean["expires_on"], zone), expiry_event=clean["expiry_event"].strip(),
    )
    for public_id in dict.fromkeys(clean["recipients"]):
        member = members[public_id]
        consent.recipients.append(ConsentRecipient(family_id=membership.family_id, account_id=member.account_id,
                                                   name=member.account.display_name, role=member.role))
    for public_id in dict.fromkeys(clean["agencies"]):
        agency = agencies[public_id]
        consent.recipients.append(ConsentRecipient(family_id=membership.family_id, agency_id=agency.id,
                                                   name=agency.name, role=AGENCY))
    # Kept with the draft, so the consent always shows the words the parent read before signing.
    consent.agency_statements = statements_for(_agencies_reached(consent))
    db.session.add(consent)
    db.session.commit()
    log.info("consent drafted")
    return consent


def _agencies_reached(consent: Consent) -> set[int]:
    """The agencies a consent names, and those its named people work for now."""
    reached = {r.agency_id for r in consent.recipients if r.agency_id is not None}
    people = [r.account_id for r in consent.recipients if r.account_id is not None]
    if people:
        reached |= set(db.session.execute(select(AgencyWorker.agency_id).where(
            AgencyWorker.account_id.in_(people), AgencyWorker.active.is_(True))).scalars())
    return reached


def signing_options(membership: Membership, consent: Consent) -> dict[str, Any]:
    """Ask the parent's own passkey (and only theirs) to confirm this consent."""
    if consent.signed_at is not None:
        raise Invalid(_("This consent is already signed."))
    settings = current_app.config["SETTINGS"]
    options = generate_authentication_options(
        rp_id=settings.rp_id, user_verification=UserVerificationRequirement.REQUIRED,
        allow_credentials=[PublicKeyCredentialDescriptor(id=p.credential_id) for p in membership.account.passkeys],
    )
    session[CHALLENGE_KEY] = {"consent": consent.public_id, "challenge": bytes_to_base64url(options.challenge)}
    return dict(json.loads(options_to_json(options)))


def sign(membership: Membership, consent: Consent, credential: Any) -> Consent:
    """Check the passkey answer against the parent's own account, then put the consent in force."""
    failed = Invalid(_("We could not confirm this with your passkey. Please try again."))
    state = session.pop(CHALLENGE_KEY, None)
    if not state or state.get("consent") != consent.public_id or consent.signed_at is not None:
        raise failed
    try:
        parsed = parse_authentication_credential_json(credential)
    except Exception:  # noqa: BLE001 - any malformed input is the same failure
        raise failed from None
    passkey = db.session.execute(select(Passkey).where(
        Passkey.credential_id == parsed.raw_id, Passkey.account_id == membership.account_id)).scalar_one_or_none()
    if passkey is None:
        raise failed
    settings = current_app.config["SETTINGS"]
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=base64url_to_bytes(state["challenge"]),
            expected_rp_id=settings.rp_id, expected_origin=settings.origin,
            credential_public_key=passkey.public_key, credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        log.info("consent signature refused: %s", type(error).__name__)
        raise failed from None
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = now = utcnow()
    consent.signed_at = now
    if consent.replaces_id is not None:
        older = db.session.get(Consent, consent.replaces_id)
        if older is not None and older.replaced_at is None:
            older.replaced_at = now
    audit.record_many(membership.family, actor=membership.account, actor_role=membership.role,
                      action=audit.CONSENT_SIGNED, categories=list(consent.categories), subject=consent.public_id)
    db.session.commit()  # in force only together with its log entries
    log.info("consent signed")
    return consent


def revoke(membership: Membership, consent: Consent) -> None:
    """One tap: the consent stops working at once (the next request is refused)."""
    if consent.signed_at is None or consent.revoked_at is not None or consent.status(utcnow()) != ACTIVE:
        return
    consent.revoked_at = utcnow()
    audit.record_many(membership.family, actor=membership.account, actor_role=membership.role,
                      action=audit.CONSENT_REVOKED, categories=list(consent.categories), subject=consent.public_id)
    db.session.commit()
    log.info("consent revoked")


def consents_without_entries() -> list[Gap]:
    """Consents signed or revoked with no entry naming them in the family's access log."""
    rows = db.session.execute(select(Family.public_id, Consent.public_id, Consent.signed_at, Consent.revoked_at)
                              .join(Family, Family.id == Consent.family_id).where(Consent.signed_at.is_not(None))).all()
    signed = [(chain, consent, at) for chain, consent, at, _revoked in rows if at is not None]
    revoked = [(chain, consent, at) for chain, consent, _signed, at in rows if at is not None]
    return (_unlogged("consent signed", audit.CONSENT_SIGNED, signed)
            + _unlogged("consent revoked", audit.CONSENT_REVOKED, revoked))


def _unlogged(check: str, action: str, records: list[tuple[str, str, datetime]]) -> list[Gap]:
    gaps = missing_entries(check, action, [(chain, consent) for chain, consent, _at in records])
    if not gaps:
        return gaps
    # Entries written before entries named their subject: matched by chain and time instead.
    older: dict[str, list[datetime]] = {}
    for chain, at in db.session.execute(select(AccessLogEntry.chain, AccessLogEntry.at).where(
            AccessLogEntry.action == action, AccessLogEntry.subject.is_(None))):
        older.setdefault(chain, []).append(at)
    when = {(chain, consent): at for chain, consent, at in records}
    return [gap for gap in gaps if not any(_same_request(logged, when[(gap.chain, gap.subject)])
                                           for logged in older.get(gap.chain, []))]


def _same_request(logged_at: datetime, happened_at: datetime) -> bool:
    """Logged in the whole second of the action, or soon after."""
    return happened_at.replace(microsecond=0) <= logged_at <= happened_at + timedelta(minutes=1)


register_completeness_check("consent", consents_without_entries)


def as_document(consent: Consent, now: datetime) -> dict[str, Any]:
    """Every 42 CFR 2.31 element, for the API, the download and the export."""
    return {
        "id": consent.public_id, "version": consent.version, "status": consent.status(now),
        "parent_name": consent.parent_name, "discloser": consent.discloser,
        "categories": list(consent.categories),
        "recipients": [{"name": r.name, "role": r.role} for r in consent.recipients],  # role "agency": an agency
        "purpose": consent.purpose, "expires_at": consent.expires_at, "expiry_event": consent.expiry_event,
        "agency_statements": list(consent.agency_statements or []),
        "signed_at": consent.signed_at, "revoked_at": consent.revoked_at, "created_at": consent.created_at,
    }

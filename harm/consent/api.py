"""Consents as JSON, and the passkey signature ceremony the consent page's script uses."""
from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask_smorest import Blueprint

from harm.accounts.schemas import CredentialIn
from harm.consent import service
from harm.consent.lookup import consent_or_404
from harm.consent.schemas import ConsentInSchema, ConsentSchema
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.models_base import utcnow

blp = Blueprint("consent_api", __name__, url_prefix="/api/v1", description="Consents to share use details")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/consents", methods=["GET"])
@blp.response(200, ConsentSchema(many=True))
@requires(C.MANAGE_CONSENTS)
def list_consents(family_id: str) -> Any:
    """Every version of every consent the parent made, newest first (the parent only)."""
    me = current_member()
    now = utcnow()
    return [service.as_document(c, now) for c in service.all_consents(me)]


@blp.route("/families/<family_id>/consents", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": ConsentInSchema}}})
@blp.response(201, ConsentSchema)
@requires(C.MANAGE_CONSENTS)
def draft_consent(family_id: str) -> Any:
    """A new consent, not in force until the parent signs it with a passkey."""
    me = current_member()
    return service.as_document(service.draft(me, request.get_json(silent=True)), utcnow())


@blp.route("/families/<family_id>/consents/<consent_id>", methods=["GET"])
@blp.response(200, ConsentSchema)
@requires(C.MANAGE_CONSENTS)
def get_consent(family_id: str, consent_id: str) -> Any:
    """One consent, with every element of 42 CFR 2.31."""
    me = current_member()
    return service.as_document(consent_or_404(me, consent_id), utcnow())


@blp.route("/families/<family_id>/consents/<consent_id>/sign/options", methods=["POST"])
@blp.response(200, description="Options for navigator.credentials.get()")
@requires(C.MANAGE_CONSENTS)
def sign_options(family_id: str, consent_id: str) -> Any:
    """Start the passkey signature."""
    me = current_member()
    return service.signing_options(me, consent_or_404(me, consent_id))


@blp.route("/families/<family_id>/consents/<consent_id>/sign/verify", methods=["POST"])
@blp.arguments(CredentialIn)
@blp.response(200, description="Signed; where to go next")
@requires(C.MANAGE_CONSENTS)
def sign_verify(body: dict[str, Any], family_id: str, consent_id: str) -> Any:
    """Finish the passkey signature: the consent is in force from now."""
    me = current_member()
    consent = service.sign(me, consent_or_404(me, consent_id), body["credential"])
    return {"id": consent.public_id, "status": consent.status(utcnow()),
            "next": url_for("consent.document", family_id=family_id, consent_id=consent_id)}


@blp.route("/families/<family_id>/consents/<consent_id>/revoke", methods=["POST"])
@blp.response(200, ConsentSchema)
@requires(C.MANAGE_CONSENTS)
def revoke_consent(family_id: str, consent_id: str) -> Any:
    """Stop the consent at once."""
    me = current_member()
    consent = consent_or_404(me, consent_id)
    service.revoke(me, consent)
    return service.as_document(consent, utcnow())

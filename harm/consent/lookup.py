"""The parent's membership and one of their consents, or 404: shared by the consent pages and API."""
from __future__ import annotations

from flask import abort

from harm.accounts.sessions import current_account
from harm.consent import service
from harm.consent.models import Consent
from harm.families.access import get_membership_or_404
from harm.families.models import Membership


def parent_or_404(family_id: str) -> Membership:
    me = get_membership_or_404(family_id, current_account())
    try:
        service.require_parent(me)
    except service.NotFound:
        abort(404)
    return me


def consent_or_404(me: Membership, consent_id: str) -> Consent:
    try:
        return service.get_consent(me, consent_id)
    except service.NotFound:
        abort(404)

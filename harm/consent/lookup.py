"""One of the family's consents, or 404: shared by the consent pages and API."""
from __future__ import annotations

from harm.consent import service
from harm.consent.models import Consent
from harm.families.models import Membership


def consent_or_404(me: Membership, consent_id: str) -> Consent:
    return service.get_consent(me, consent_id)  # errors.NotFound (a 404) when there is none for this member

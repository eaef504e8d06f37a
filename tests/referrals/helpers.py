"""A referral made through the API, as a caseworker would."""
from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

REFERRAL = {"service": "mental_health", "provider_name": "Riverside Counseling", "provider_phone": "555-010-0199",
            "provider_address": "12 Main St", "reason": "Someone to talk to about stress at home."}


def api(household: Any, tail: str = "") -> str:
    return f"/api/v1/families/{household.id}/referrals{tail}"


def propose(client: FlaskClient, household: Any, **changes: Any) -> dict[str, Any]:
    response = client.post(api(household), json=REFERRAL | changes)
    assert response.status_code == 201, response.text
    return response.get_json()  # type: ignore[no-any-return]

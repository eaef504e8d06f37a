"""A peer's reminders tell only what the parent shares with peers (a kit's expiry, a review or visit date)."""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from harm.extensions import db
from harm.families.models import Family
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    return shared_app


def reminder(kind: str, family: str) -> dict[str, Any]:
    return {"kind": kind, "family": family, "at_time": "09:00", "timezone": "America/Chicago"}


def test_a_peer_gets_no_reminder_about_what_the_parent_does_not_share(make_client: Any, household: Household) -> None:
    family = db.session.get(Family, household.family.id)
    assert family is not None
    peer_member = next(m for m in family.memberships if m.role == "peer")
    peer_member.peer_parts = ["household", "supports"]
    db.session.commit()
    peer = sign_in(make_client(), household.people["peer"])
    for kind in ("naloxone_expiry", "plan_review", "checkin"):
        refused = peer.post("/api/v1/reminders", json=reminder(kind, household.id))
        assert refused.status_code == 422 and "family" in refused.get_json()["errors"]["json"], kind
    assert peer.get("/api/v1/reminders").get_json() == []

    peer_member.peer_parts = ["household", "supports", "naloxone", "checkins"]
    db.session.commit()
    for kind in ("naloxone_expiry", "checkin"):
        assert peer.post("/api/v1/reminders", json=reminder(kind, household.id)).status_code == 201, kind
    assert peer.post("/api/v1/reminders", json=reminder("plan_review", household.id)).status_code == 422
    caseworker = sign_in(make_client(), household.people["caseworker"])
    assert caseworker.post("/api/v1/reminders", json=reminder("plan_review", household.id)).status_code == 201

"""Schemathesis over every operation of the OpenAPI document, signed in as a parent with a real family.

Each operation gets FUZZ_EXAMPLES generated requests (a small number in `make test`, many more in
`make fuzz`). The family, member, invitation and section in the path are mostly swapped for real ones,
so the requests reach the code behind the access check instead of stopping at a 404.
"""
from __future__ import annotations

import os
import random
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from harm import create_app
from harm.extensions import db, limiter
from harm.families.models import Invitation, Membership
from harm.plans.sections import SECTION_KEYS
from harm.referrals.models import Referral
from harm.reviews.models import JointReview
from tests.conftest import app_environ, sign_in
from tests.referrals.helpers import REFERRAL
from tests.reviews.helpers import add_review

# Every check but one: a request the document calls valid may still break a rule of the family's
# (remove the only parent, redeem a code that does not exist), and those answer 422 on purpose.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
# `make test` sends the same examples every run; `make fuzz` (FUZZ_EXAMPLES set) explores anew each time.
BOUNDED = "FUZZ_EXAMPLES" not in os.environ

# The document only: this app never touches its (in-memory) database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app(app_environ("sqlite://")))


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def real_path_parameters(case: Any, household: Any) -> None:
    """Point most requests at the household's own records (some keep their generated values)."""
    chooser = random.Random(repr(case.path_parameters))  # noqa: S311 - picks test data, not a secret
    if not case.path_parameters or chooser.random() < 0.1:
        return
    family = household.family
    members = db.session.execute(db.select(Membership.public_id).where(Membership.family_id == family.id))
    invitations = db.session.execute(db.select(Invitation.public_id).where(Invitation.family_id == family.id))
    reviews = db.session.execute(db.select(JointReview.public_id).where(JointReview.family_id == family.id))
    referrals = db.session.execute(db.select(Referral.public_id).where(Referral.family_id == family.id))
    real = {
        "family_id": [family.public_id],
        "member_id": list(members.scalars()) or ["0" * 32],
        "invitation_id": list(invitations.scalars()) or ["0" * 32],
        "review_id": list(reviews.scalars()) or ["0" * 32],
        "referral_id": list(referrals.scalars()) or ["0" * 32],
        "key": list(SECTION_KEYS),
    }
    for name in case.path_parameters:
        if name in real:
            case.path_parameters[name] = chooser.choice(real[name])


@pytest.fixture
def parent(app: Any, household: Any) -> Any:
    add_review(household)
    browser = sign_in(app.test_client(), household.people["parent"])
    assert browser.post(f"/api/v1/families/{household.id}/referrals", json=REFERRAL).status_code == 201
    return browser


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=BOUNDED,
          suppress_health_check=list(HealthCheck))
def test_every_api_operation_survives_generated_requests(case: Any, parent: Any, household: Any) -> None:
    limiter.reset()  # the limits are tested elsewhere; here every request should reach its view
    real_path_parameters(case, household)
    case.call_and_validate(session=parent, headers={"Accept-Encoding": "identity"},
                          excluded_checks=[positive_data_acceptance])
    db.session.rollback()
    if parent.get("/api/v1/me").status_code == 401:  # the case signed out or removed the parent
        sign_in(parent, household.people["parent"])


# ---- Regressions: what the fuzzer found, each kept as a plain test ---------------------------------


def test_passkey_options_for_a_signed_in_account_need_no_body(client, household):
    """Found by the fuzzer: the document required a body that the view never needed."""
    spec = client.get("/api/v1/openapi.json").get_json()
    assert not spec["paths"]["/api/v1/auth/register/options"]["post"]["requestBody"].get("required", False)
    sign_in(client, household.people["parent"])
    answer = client.post("/api/v1/auth/register/options")
    assert answer.status_code == 200 and answer.get_json()["challenge"]

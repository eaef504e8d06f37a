"""Making, signing (passkey), showing, revoking and replacing a consent; expiry on its own."""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from harm.consent.models import Consent
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, plant_every_category, planted, sign_consent

pytestmark = pytest.mark.db


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def _signed_consent(app: Flask, household: Household, authenticator: Authenticator) -> tuple[object, str]:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    plant_every_category(parent, household.id)
    drafted = parent.post(f"/api/v1/families/{household.id}/consents", json=consent_form(household))
    assert drafted.status_code == 201, drafted.text
    consent_id = drafted.get_json()["id"]
    assert drafted.get_json()["status"] == "draft"
    signed = sign_consent(parent, authenticator, household.id, consent_id)
    assert signed.status_code == 200, signed.text
    assert signed.get_json()["status"] == "active"
    return parent, consent_id


def test_a_signed_consent_shows_the_named_worker_the_chosen_categories(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 404
    _signed_consent(app, household, authenticator)
    page = caseworker.get(f"/f/{household.id}/use-details")
    assert page.status_code == 200
    assert planted("moud") in page.text and planted("treatment") in page.text
    assert planted("substances") not in page.text
    peer = sign_in(app.test_client(), household.people[roles.PEER])
    assert peer.get(f"/f/{household.id}/use-details").status_code == 404


def test_an_unsigned_draft_shows_nothing(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    drafted = parent.post(f"/f/{household.id}/consents", data=consent_form(household))
    assert drafted.status_code == 302
    document = parent.get(drafted.location)
    assert "Sign with my passkey" in document.text
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 404


def test_revoking_ends_access_on_the_very_next_request(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent, consent_id = _signed_consent(app, household, authenticator)
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/api/v1/families/{household.id}/use-details").status_code == 200
    revoked = parent.post(f"/f/{household.id}/consents/{consent_id}/revoke")
    assert revoked.status_code == 302
    assert caseworker.get(f"/api/v1/families/{household.id}/use-details").status_code == 404
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 404
    listed = parent.get(f"/api/v1/families/{household.id}/consents").get_json()
    assert listed[0]["status"] == "revoked" and listed[0]["revoked_at"]


def test_an_expired_consent_stops_on_its_own(app: Flask, household: Household, authenticator: Authenticator) -> None:
    _signed_consent(app, household, authenticator)
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 200
    consent = db.session.execute(db.select(Consent)).scalar_one()
    consent.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 404
    assert caseworker.get(f"/api/v1/families/{household.id}/use-details").status_code == 404


def test_a_removed_member_loses_access_at_once(app: Flask, household: Household, authenticator: Authenticator) -> None:
    _signed_consent(app, household, authenticator)
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    membership = next(m for m in household.family.memberships if m.role == roles.CASEWORKER)
    db.session.delete(membership)
    db.session.commit()
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 404


def test_the_document_holds_every_element_and_can_be_downloaded(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent, consent_id = _signed_consent(app, household, authenticator)
    page = parent.get(f"/f/{household.id}/consents/{consent_id}").text
    download = parent.get(f"/f/{household.id}/consents/{consent_id}/download")
    assert download.headers["Content-Disposition"].startswith("attachment")
    for text in (page, download.text):
        for element in ("Riley Parent", "Family Plan", "Medicine for opioid use disorder", "Treatment visits",
                        "Morgan Caseworker", "To plan treatment with my caseworker.", "Stop sharing",
                        "when my case closes", "Signed by Riley Parent with their passkey",
                        "42 CFR part 2 prohibits unauthorized use or disclosure of these records."):
            assert element in text, element


def test_a_new_version_replaces_the_old_one_when_signed(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent, first_id = _signed_consent(app, household, authenticator)
    form = parent.get(f"/f/{household.id}/consents/new?from={first_id}")
    assert form.status_code == 200 and "To plan treatment with my caseworker." in form.text
    second = parent.post(f"/api/v1/families/{household.id}/consents",
                         json=consent_form(household, categories=["drug_tests"], replaces=first_id)).get_json()
    assert second["version"] == 2
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert planted("moud") in caseworker.get(f"/f/{household.id}/use-details").text  # not in force yet
    assert sign_consent(parent, authenticator, household.id, second["id"]).status_code == 200
    seen = caseworker.get(f"/f/{household.id}/use-details").text
    assert planted("drug_tests") in seen and planted("moud") not in seen
    statuses = {c["id"]: c["status"] for c in parent.get(f"/api/v1/families/{household.id}/consents").get_json()}
    assert statuses == {first_id: "replaced", second["id"]: "active"}
    first = db.session.execute(db.select(Consent).where(Consent.public_id == first_id)).scalar_one()
    assert first.categories == ["moud", "treatment"]  # never edited in place


def test_only_the_parents_own_passkey_signs(app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    consent_id = parent.post(f"/api/v1/families/{household.id}/consents",
                             json=consent_form(household)).get_json()["id"]
    # Someone else's passkey (another account, on another phone) cannot sign it.
    stranger_phone = Authenticator(origin=authenticator.origin)
    stranger = sign_in(app.test_client(), household.people["outsider"])
    add_parent_passkey(stranger, stranger_phone)
    options = parent.post(f"/api/v1/families/{household.id}/consents/{consent_id}/sign/options").get_json()
    refused = parent.post(f"/api/v1/families/{household.id}/consents/{consent_id}/sign/verify",
                          json={"credential": stranger_phone.get(options)})
    assert refused.status_code == 422
    assert refused.get_json()["message"] == "We could not confirm this with your passkey. Please try again."
    # A passkey without the user-verified flag is refused too.
    authenticator.user_verified = False
    assert sign_consent(parent, authenticator, household.id, consent_id).status_code == 422
    authenticator.user_verified = True
    # A replayed answer to a used challenge is refused.
    options = parent.post(f"/api/v1/families/{household.id}/consents/{consent_id}/sign/options").get_json()
    answer = authenticator.get(options)
    url = f"/api/v1/families/{household.id}/consents/{consent_id}/sign/verify"
    assert parent.post(url, json={"credential": answer}).status_code == 200
    assert parent.post(url, json={"credential": answer}).status_code == 422
    assert db.session.execute(db.select(Consent)).scalar_one().signed_at is not None


@pytest.mark.parametrize(("changes", "field"), [
    ({"categories": []}, "categories"),
    ({"categories": ["everything"]}, "categories"),
    ({"recipients": []}, "recipients"),
    ({"recipients": ["f" * 32]}, "recipients"),
    ({"purpose": "   "}, "purpose"),
    ({"parent_name": ""}, "parent_name"),
    ({"expires_on": "2001-01-01"}, "expires_on"),
    ({"expires_on": "soon"}, "expires_on"),
    ({"substances": "heroin"}, "substances"),
])
def test_a_bad_consent_is_refused_with_a_clear_message_and_nothing_saved(
        app: Flask, household: Household, changes: dict[str, object], field: str) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    refused = parent.post(f"/api/v1/families/{household.id}/consents", json=consent_form(household, **changes))
    assert refused.status_code == 422
    assert field in refused.get_json()["errors"]["json"]
    if field != "substances":  # a page form has no such field to send
        page = parent.post(f"/f/{household.id}/consents", data=consent_form(household, **changes))
        assert page.status_code == 422 and "Some answers need a fix" in page.text
    assert db.session.execute(db.select(Consent)).first() is None


def test_a_caregiver_cannot_make_a_consent(app: Flask, household: Household) -> None:
    caregiver = sign_in(app.test_client(), household.people[roles.CAREGIVER])
    assert caregiver.post(f"/api/v1/families/{household.id}/consents",
                          json=consent_form(household)).status_code == 403
    assert caregiver.get(f"/f/{household.id}/consents").status_code == 403

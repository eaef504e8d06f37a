""""What will they see": the parent opens the recipient's own use-details page, rendered for them as a preview,
before signing and at any time after; the preview is the parent's own look and is never logged as a view."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.families import roles
from harm.use_details import CATEGORIES
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in, table_counts
from tests.vault.helpers import (
    add_parent_passkey,
    consent_form,
    give_consent,
    plant_every_category,
    planted,
    sign_consent,
)

pytestmark = pytest.mark.db

TICKED = ["moud", "treatment"]


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def _sections(html: str) -> list[str]:
    """The use-detail sections of a page, as the recipient reads them."""
    return re.findall(r'<section aria-labelledby="cat-.*?</section>', html, flags=re.DOTALL)


def _parent_with_details(app: Flask, household: Household) -> FlaskClient:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    return parent


def _draft(parent: FlaskClient, household: Household) -> str:
    drafted = parent.post(f"/api/v1/families/{household.id}/consents",
                          json=consent_form(household, categories=TICKED))
    assert drafted.status_code == 201, drafted.text
    return str(drafted.get_json()["id"])


def _preview(client: FlaskClient, household: Household, consent_id: str) -> object:
    return client.get(f"/f/{household.id}/consents/{consent_id}/preview")


def test_the_preview_of_a_signed_consent_is_the_recipients_own_page(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent = _parent_with_details(app, household)
    add_parent_passkey(parent, authenticator)
    consent_id = _draft(parent, household)
    assert sign_consent(parent, authenticator, household.id, consent_id).status_code == 200
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    theirs = caseworker.get(f"/f/{household.id}/use-details")
    assert theirs.status_code == 200

    preview = _preview(parent, household, consent_id)
    assert preview.status_code == 200  # type: ignore[attr-defined]
    html = preview.text  # type: ignore[attr-defined]
    assert _sections(html) == _sections(theirs.text) and len(_sections(html)) == len(TICKED)
    assert 'class="notice preview"' in html and "Preview" in html and "Morgan Caseworker" in html
    assert "The parent chose to share these details with you." in html  # the recipient's own words
    assert "only-for-me-note" not in html and "Delete this entry" not in html and "Add a detail" not in html


def test_the_preview_of_a_draft_shows_only_the_ticked_categories(app: Flask, household: Household) -> None:
    parent = _parent_with_details(app, household)
    consent_id = _draft(parent, household)
    document = parent.get(f"/f/{household.id}/consents/{consent_id}")
    assert f"/consents/{consent_id}/preview" in document.text  # offered before signing

    html = _preview(parent, household, consent_id).text  # type: ignore[attr-defined]
    for category in CATEGORIES:
        assert (planted(category) in html) == (category in TICKED), category
    assert "only-for-me-note" not in html
    assert "Not signed yet" in html  # what they will see once it is signed, not what they see now
    # The draft gives the caseworker nothing yet.
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 404


def test_opening_the_preview_writes_nothing_at_all(app: Flask, household: Household) -> None:
    parent = _parent_with_details(app, household)
    consent = give_consent(household, "active", list(CATEGORIES), [roles.CASEWORKER])
    assert consent is not None
    parent.get(f"/f/{household.id}/consents/{consent.public_id}")
    before = table_counts()
    assert _preview(parent, household, consent.public_id).status_code == 200  # type: ignore[attr-defined]
    assert table_counts() == before  # no access-log entry: it is the parent's own look
    log = parent.get(f"/f/{household.id}/access-log")
    assert "Morgan Caseworker" not in log.text


def test_the_preview_of_a_stopped_consent_shows_that_they_see_nothing_under_it(
        app: Flask, household: Household) -> None:
    parent = _parent_with_details(app, household)
    consent = give_consent(household, "revoked", list(CATEGORIES), [roles.CASEWORKER])
    assert consent is not None
    html = _preview(parent, household, consent.public_id).text  # type: ignore[attr-defined]
    assert _sections(html) == []
    assert not any(planted(category) in html for category in CATEGORIES)
    assert "cannot see anything under this consent now" in html


@pytest.mark.parametrize("who", [roles.CASEWORKER, roles.PEER, roles.CAREGIVER, "outsider", "stranger"])
def test_nobody_but_the_parent_can_open_the_preview(app: Flask, household: Household, who: str) -> None:
    parent = _parent_with_details(app, household)
    consent = give_consent(household, "active", list(CATEGORIES), [roles.CASEWORKER, roles.PEER])
    assert consent is not None
    assert _preview(parent, household, consent.public_id).status_code == 200  # type: ignore[attr-defined]
    client = app.test_client()
    if who != "stranger":
        sign_in(client, household.people[who])
    before = table_counts()
    answer = _preview(client, household, consent.public_id)
    expected = {"outsider": 404, "stranger": 302}.get(who, 403)
    assert answer.status_code == expected, who  # type: ignore[attr-defined]
    assert not any(planted(category) in answer.text for category in CATEGORIES)  # type: ignore[attr-defined]
    assert table_counts() == before


def test_another_familys_parent_cannot_preview_this_familys_consent_through_their_own(
        app: Flask, household: Household) -> None:
    parent = _parent_with_details(app, household)
    consent = give_consent(household, "active", list(CATEGORIES), [roles.CASEWORKER])
    assert consent is not None
    assert _preview(parent, household, consent.public_id).status_code == 200  # type: ignore[attr-defined]
    other = sign_in(app.test_client(), household.people["outsider"])
    answer = other.get(f"/f/{household.other_family.public_id}/consents/{consent.public_id}/preview")
    assert answer.status_code == 404
    assert not any(planted(category) in answer.text for category in CATEGORIES)


def test_the_list_offers_a_preview_of_every_consent(app: Flask, household: Household) -> None:
    parent = _parent_with_details(app, household)
    ids = [c.public_id for c in (give_consent(household, state, TICKED, [roles.CASEWORKER])
                                 for state in ("active", "draft", "revoked")) if c is not None]
    listing = parent.get(f"/f/{household.id}/consents")
    for consent_id in ids:
        assert f"/consents/{consent_id}/preview" in listing.text

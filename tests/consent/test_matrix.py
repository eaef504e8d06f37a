"""Who sees which use details: every role x every category x every consent state, pages and API."""
from __future__ import annotations

import re

import pytest
from flask import Flask

from harm.families import roles
from harm.use_details import CATEGORIES, PART2_NOTICE
from tests.conftest import Household, sign_in
from tests.vault.helpers import STATES, give_consent, plant_every_category, planted

WORKERS = (roles.CAREGIVER, roles.CASEWORKER, roles.PEER)
NOTICE = str(PART2_NOTICE)


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def _sees(app: Flask, household: Household, who: str) -> tuple[set[str], set[str], str, int]:
    """(categories seen through the API, through the page, page text, page status)."""
    client = sign_in(app.test_client(), household.people[who])
    api = client.get(f"/api/v1/families/{household.id}/use-details")
    page = client.get(f"/f/{household.id}/use-details")
    api_seen: set[str] = set()
    if api.status_code == 200:
        body = api.get_json()
        assert body["notice"] == NOTICE
        api_seen = {entry["category"] for entry in body["entries"]}
    else:
        assert api.status_code == 404 and api.get_json()["code"] == 404
    page_seen = {key for key in CATEGORIES if planted(key) in page.text}
    return api_seen, page_seen, page.text, page.status_code


@pytest.mark.db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("category", list(CATEGORIES))
@pytest.mark.parametrize("who", WORKERS)
def test_a_worker_sees_a_category_exactly_when_an_active_consent_names_them_and_it(
        app: Flask, household: Household, who: str, category: str, state: str) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, state, [category], [who])
    api_seen, page_seen, text, status = _sees(app, household, who)
    expected = {category} if state == "active" else set()
    assert api_seen == expected
    assert page_seen == expected
    if expected:
        assert status == 200 and NOTICE in text
        assert "only-for-me-note" not in text  # a private note is never shared
    else:
        assert status == 404 and NOTICE not in text


@pytest.mark.db
@pytest.mark.parametrize("state", STATES)
def test_a_consent_naming_someone_else_shows_nothing_and_the_outsider_never_sees(
        app: Flask, household: Household, state: str) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, state, list(CATEGORIES), [roles.CASEWORKER])
    for who in (roles.PEER, roles.CAREGIVER, "outsider"):
        api_seen, page_seen, _text, status = _sees(app, household, who)
        assert (api_seen, page_seen, status) == (set(), set(), 404), who


@pytest.mark.db
@pytest.mark.parametrize("state", STATES)
def test_the_parent_always_sees_every_category_and_their_private_notes(
        app: Flask, household: Household, state: str) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, state, ["moud"], [roles.CASEWORKER])
    api_seen, page_seen, text, status = _sees(app, household, roles.PARENT)
    assert api_seen == page_seen == set(CATEGORIES)
    assert status == 200 and NOTICE in text and "only-for-me-note" in text


@pytest.mark.db
def test_without_consent_the_answer_is_the_same_as_for_a_family_with_no_use_details(
        app: Flask, household: Household) -> None:
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    caseworker.get("/help/overdose")  # shows (and so clears) the "you are signed in" message
    empty_page = caseworker.get(f"/f/{household.id}/use-details")
    empty_api = caseworker.get(f"/api/v1/families/{household.id}/use-details")
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    full_page = caseworker.get(f"/f/{household.id}/use-details")
    full_api = caseworker.get(f"/api/v1/families/{household.id}/use-details")
    assert empty_page.status_code == full_page.status_code == 404
    assert empty_api.get_json() == full_api.get_json()
    strip = re.compile(r'name="csrf(-token" content|_token" value)="[^"]*"')  # signed afresh each second
    assert strip.sub("", empty_page.text) == strip.sub("", full_page.text)
    overview = caseworker.get(f"/f/{household.id}").text
    assert "/use-details" not in overview


@pytest.mark.db
def test_a_worker_cannot_write_use_details(app: Flask, household: Household) -> None:
    give_consent(household, "active", list(CATEGORIES), [roles.CASEWORKER])
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    refused = caseworker.post(f"/api/v1/families/{household.id}/use-details",
                              json={"category": "moud", "text": "written by a worker"})
    assert refused.status_code == 403
    assert caseworker.post(f"/f/{household.id}/use-details",
                           data={"category": "moud", "text": "written by a worker"}).status_code == 403

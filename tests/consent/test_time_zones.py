"""A consent's last day ends at midnight where the parent is; a parent's "today" is their own, not UTC's."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from harm.families import roles
from tests.authenticator import Authenticator
from tests.clock import freeze
from tests.conftest import Household, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, plant_every_category, planted, sign_consent

pytestmark = pytest.mark.db

# A day in the past (sessions made now stay fresh), in winter: Los Angeles is UTC-8, Chicago UTC-6.
DAY = "2025-12-01"


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    return shared_app


def _zone(client, name: str) -> None:  # type: ignore[no-untyped-def]
    saved = client.post("/account/time-zone", data={"time_zone": name})
    assert saved.status_code == 302, saved.text


def test_a_last_day_of_today_in_los_angeles_lasts_until_that_day_ends_there(
        app: Flask, household: Household, authenticator: Authenticator, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = freeze(monkeypatch, datetime(2025, 12, 1, 20, 0, tzinfo=UTC))  # noon in Los Angeles
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    _zone(parent, "America/Los_Angeles")
    add_parent_passkey(parent, authenticator)
    plant_every_category(parent, household.id)
    drafted = parent.post(f"/api/v1/families/{household.id}/consents", json=consent_form(household, expires_on=DAY))
    assert drafted.status_code == 201, drafted.text
    consent_id = drafted.get_json()["id"]
    assert sign_consent(parent, authenticator, household.id, consent_id).status_code == 200
    assert "Dec 1, 2025" in parent.get(f"/f/{household.id}/consents/{consent_id}").text

    for moment, shown in ((datetime(2025, 12, 2, 1, 30, tzinfo=UTC), True),    # 5:30 PM on Dec 1 there
                          (datetime(2025, 12, 2, 7, 59, tzinfo=UTC), True),    # 11:59 PM on Dec 1 there
                          (datetime(2025, 12, 2, 8, 0, tzinfo=UTC), False)):   # midnight: Dec 2 there
        clock.at(moment)
        # Hours later the idle lock is on: each looks again from a fresh sign-in.
        caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
        page = caseworker.get(f"/f/{household.id}/use-details")
        assert (page.status_code == 200 and planted("moud") in page.text) is shown, moment
        parent = sign_in(app.test_client(), household.people[roles.PARENT])
        status = parent.get(f"/api/v1/families/{household.id}/consents/{consent_id}").get_json()["status"]
        assert status == ("active" if shown else "expired"), moment


def test_at_1_30_utc_a_us_parent_can_pick_their_own_today(
        app: Flask, household: Household, monkeypatch: pytest.MonkeyPatch) -> None:
    freeze(monkeypatch, datetime(2025, 12, 2, 1, 30, tzinfo=UTC))  # 7:30 PM on Dec 1 in Chicago
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    _zone(parent, "America/Chicago")
    form = parent.get(f"/f/{household.id}/consents/new").text
    assert f'min="{DAY}"' in form
    drafted = parent.post(f"/f/{household.id}/consents", data=consent_form(household, expires_on=DAY))
    assert drafted.status_code == 302, drafted.text
    assert "Dec 1, 2025" in parent.get(drafted.location).text
    milestones = parent.get(f"/f/{household.id}/milestones").text
    assert f'max="{DAY}" value="{DAY}"' in milestones
    assert parent.post(f"/f/{household.id}/consents",
                       data=consent_form(household, expires_on="2025-11-30")).status_code == 422


def test_without_a_zone_the_day_is_utcs(app: Flask, household: Household, monkeypatch: pytest.MonkeyPatch) -> None:
    freeze(monkeypatch, datetime(2025, 12, 2, 1, 30, tzinfo=UTC))
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    assert 'min="2025-12-02"' in parent.get(f"/f/{household.id}/consents/new").text

"""A caseworker's "Today's visits" is today where the caseworker is, not in UTC."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Membership
from tests.clock import freeze
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db
TODAYS_VISITS = re.compile(r'<section class="today-visits".*?</section>', re.S)


def test_at_1_30_utc_a_caseworker_in_los_angeles_sees_their_own_days_visits(
        make_client, household: Household, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    freeze(monkeypatch, datetime(2025, 12, 2, 1, 30, tzinfo=UTC))  # 5:30 PM on Dec 1 in Los Angeles
    db.session.add(CheckIn(family_id=household.family.id, happened_on=date(2025, 11, 20), how_it_went="ok",
                           next_on=date(2025, 12, 1)))
    db.session.add(CheckIn(family_id=household.other_family.id, happened_on=date(2025, 11, 20), how_it_went="ok",
                           next_on=date(2025, 12, 2)))
    db.session.commit()
    worker = household.people[roles.CASEWORKER]
    db.session.add(Membership(family_id=household.other_family.id, account_id=worker.id, role=roles.CASEWORKER))
    db.session.commit()
    browser = sign_in(make_client(), worker)
    assert browser.post("/account/time-zone", data={"time_zone": "America/Los_Angeles"}).status_code == 302
    section = TODAYS_VISITS.search(browser.get("/caseload").text)
    assert section, "no visits today"
    assert "Test household" in section.group(0) and "Other household" not in section.group(0)

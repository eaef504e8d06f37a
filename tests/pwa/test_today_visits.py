"""The caseload's "Today's visits": the families with a visit today, ready to keep for offline in one step."""
from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta

import pytest

from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.plans.models import PlanSection
from harm.plans.sections import SECTIONS
from tests.conftest import make_account, sign_in

pytestmark = pytest.mark.db


def family_with_visit(caseworker_id: int, name: str, next_on: date) -> str:
    family = Family(name=name)
    db.session.add(family)
    db.session.flush()
    db.session.add(Membership(family_id=family.id, account_id=caseworker_id, role=roles.CASEWORKER))
    db.session.add_all(PlanSection(family_id=family.id, key=key, data=section.empty_data())
                       for key, section in SECTIONS.items())
    db.session.add(CheckIn(family_id=family.id, happened_on=date.today() - timedelta(days=7), how_it_went="ok",
                           next_on=next_on))
    db.session.commit()
    return str(family.public_id)


def kept_today(page: str) -> list[dict[str, object]]:
    match = re.search(r"data-families='([^']*)'", page)
    return json.loads(html.unescape(match.group(1))) if match else []


def test_the_caseload_shows_todays_visits_with_the_pages_to_keep(make_client, app):
    caseworker = make_account("Morgan Caseworker")
    browser = sign_in(make_client(), caseworker)
    today = date.today()  # at run time: a module-level date went stale when the run crossed midnight
    today_id = family_with_visit(caseworker.id, "The Birch family", today)
    family_with_visit(caseworker.id, "The Cedar family", today + timedelta(days=1))
    page = browser.get("/caseload").text
    section = page[page.index("today-visits-title"):page.index("</section>")]
    assert "The Birch family" in section and "The Cedar family" not in section
    [kept] = kept_today(page)
    assert kept["family"] == today_id
    urls = kept["urls"]
    assert isinstance(urls, list) and f"/f/{today_id}" in urls and f"/f/{today_id}/plan/naloxone" in urls
    for url in urls:
        assert browser.get(url).status_code == 200, url
    # A search that hides the family still leaves today's visits in view.
    searched = browser.get("/caseload?q=Cedar").text
    assert [k["family"] for k in kept_today(searched)] == [today_id]


def test_no_visit_today_says_so_and_offers_nothing_to_keep(make_client, household):
    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    page = caseworker.get("/caseload").text
    section = page[page.index("today-visits-title"):page.index("</section>")]
    assert "No visits today." in section and "keep-today" not in page

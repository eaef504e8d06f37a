"""Outcome reports: de-identified, no count from 1 to 10 anywhere, not even by differencing."""
from __future__ import annotations

import re
from datetime import date, timedelta

from harm.agencies.models import FamilyOutcome
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection
from harm.plans.sections import SECTIONS
from harm.reports.suppression import Breakdown, safe
from tests.agencies.helpers import agency_with, cells
from tests.conftest import make_account, sign_in

THREE_DONE = {
    "storage": {"has_lockbox": True, "location": "Closet", "out_of_reach": True},
    "supports": {"people": [{"name": "Robin", "kind": "family", "phone": "555-010-0100"}]},
    "goals": {"goals": [{"goal": "Keep the kids safe"}]},
}


def add_agency_families(worker_id: int, agency_id: int, count: int, three_done: int = 0, recovered: int = 0) -> None:
    today = date.today()  # at run time, not import time: a run may cross midnight
    for n in range(count):
        family = Family(name=f"Secret Family {n}")
        db.session.add(family)
        db.session.flush()
        db.session.add(Membership(family_id=family.id, account_id=worker_id, role=roles.CASEWORKER))
        for key, section in SECTIONS.items():
            data = section.empty_data() | (THREE_DONE.get(key, {}) if n < three_done else {})
            db.session.add(PlanSection(family_id=family.id, key=key, data=data))
        db.session.add(Milestone(family_id=family.id, kind="naloxone_in_home", happened_on=today - timedelta(days=3)))
        if n < recovered:
            db.session.add(FamilyOutcome(agency_id=agency_id, family_id=family.id, recovery="yes", at_home="yes",
                                         recorded_on=today))
    db.session.commit()


def report_for(make_client, count: int, **kwargs: int) -> tuple[str, list[list[str]]]:
    today = date.today()  # at run time, not import time: a run may cross midnight
    worker = make_account("Morgan Caseworker")
    agency, admin = agency_with(caseworker=worker)
    add_agency_families(worker.id, agency.id, count, **kwargs)
    browser = sign_in(make_client(), admin)
    query = f"?start={(today - timedelta(days=30)).isoformat()}&end={today.isoformat()}"
    page = browser.get("/agency/report" + query)
    csv_response = browser.get("/agency/report.csv" + query)
    assert page.status_code == csv_response.status_code == 200
    assert csv_response.mimetype == "text/csv"
    return page.text, cells(csv_response.text)[1:]


def shown_counts(page: str, rows: list[list[str]]) -> list[int]:
    in_page = [int(n) for n in re.findall(r"<td>(\d+)</td>", page)]
    in_page += [int(n) for n in re.findall(r"</h2>|Families: (\d+)", page) if n]
    return in_page + [int(value) for _m, _g, value in rows if value.isdigit()]


def test_ten_families_show_no_count_below_eleven_anywhere(make_client, app):
    page, rows = report_for(make_client, 10, three_done=4, recovered=3)
    assert all(n == 0 or n >= 11 for n in shown_counts(page, rows)), rows
    assert ["Families", "All", "fewer than 11"] in rows
    assert "Secret Family" not in page and not any("Secret Family" in " ".join(r) for r in rows)
    assert '<svg class="chart"' not in page  # the monthly chart needs every month to pass


def test_a_breakdown_with_a_small_cell_is_withheld_whole(make_client, app):
    # 25 families: 5 with three parts done (a small cell), 12 with outcomes recorded, 13 not known.
    page, rows = report_for(make_client, 25, three_done=5, recovered=12)
    assert all(n == 0 or n >= 11 for n in shown_counts(page, rows)), rows
    assert ["Families", "All", "25"] in rows
    completeness = [r for r in rows if r[0] == "Plan completeness"]
    assert completeness == [["Plan completeness", "All groups", "not shown (a group has fewer than 11)"]]
    # Every breakdown that is shown is shown whole: its cells add up to the total, so nothing hides by difference.
    for measure in {r[0] for r in rows} - {"Families", "Plan completeness", "Families with a milestone",
                                            "Families with this milestone",
                                            "Families with a milestone, by month"}:
        values = [int(r[2]) for r in rows if r[0] == measure]
        assert sum(values) == 25, measure
    recovery = {r[1]: r[2] for r in rows if r[0] == "Parent making progress in recovery"}
    assert recovery == {"Yes": "12", "No": "0", "Not known yet": "13"}
    assert '<svg class="chart"' in page and "Families with a milestone, by month" in page


def test_the_cell_rule():
    assert [safe(n) for n in (0, 1, 10, 11, 250)] == [0, None, None, 11, 250]
    assert Breakdown.of([("a", "A"), ("b", "B")], [11, 10]).cells is None
    assert Breakdown.of([("a", "A"), ("b", "B")], [11, 0]).pairs == [("A", 11), ("B", 0)]


def test_a_caseworker_records_outcomes_for_their_agency(make_client, household):
    agency_with(caseworker=household.people["caseworker"])
    caseworker = sign_in(make_client(), household.people["caseworker"])
    url = f"/f/{household.id}/outcomes"
    assert caseworker.post(url, data={"recovery": "maybe"}).status_code == 422
    assert caseworker.post(url, data={"recovery": "yes", "at_home": "yes"}).status_code == 302
    parent = sign_in(make_client(), household.people["parent"]).get(url).text
    at_home = parent[parent.index('id="outcome-at_home"'):parent.index('id="outcome-reunified"')]
    assert "Children remain at home" in at_home
    assert "<bdi>Riverside Family Services</bdi>: <strong>Yes</strong>" in at_home
    assert "Record outcomes" not in parent
    assert db.session.query(FamilyOutcome).count() == 1


def test_a_bad_period_falls_back_to_a_year_with_a_message(make_client, app):
    _agency, admin = agency_with()
    browser = sign_in(make_client(), admin)
    page = browser.get("/agency/report?start=2026-05-01&end=2026-01-01")
    assert page.status_code == 200 and "Please choose a start before the end" in page.text

"""The caseload and the agency report as JSON: the same rows and figures as their pages, to the same people."""
from __future__ import annotations

from datetime import date, timedelta

from tests.agencies.helpers import agency_with
from tests.caseload.test_caseload import add_families
from tests.conftest import make_account, sign_in
from tests.reports.test_reports import add_agency_families


def test_the_caseload_api_lists_the_caseworkers_families_with_what_is_overdue(make_client, app):
    caseworker = make_account("Morgan Caseworker")
    add_families(caseworker.id, 3)
    browser = sign_in(make_client(), caseworker)
    rows = browser.get("/api/v1/caseload?sort=next_visit").get_json()
    assert [r["family"]["name"] for r in rows] == ["Family 000", "Family 001", "Family 002"]
    first = rows[0]
    assert first["total"] == 6 and first["done"] == 0 and first["percent"] == 0
    assert first["next_visit"] == (date.today() - timedelta(days=5)).isoformat()
    assert "checkin_missed" in first["overdue"] and "kit_expired" in first["overdue"]
    assert len(first["milestones"]) == 3 and first["milestones"][0]["kind"] == "lockbox_in_place"
    found = browser.get("/api/v1/caseload?q=family 001").get_json()
    assert [r["family"]["name"] for r in found] == ["Family 001"]
    assert browser.get("/api/v1/caseload?q=%25").get_json() == []  # a wildcard is just a letter


def test_the_caseload_api_shows_nobody_elses_families(make_client, household):
    for role in ("peer", "parent", "caregiver", "outsider"):
        assert sign_in(make_client(), household.people[role]).get("/api/v1/caseload").get_json() == [], role
    assert make_client().get("/api/v1/caseload").status_code == 401
    rows = sign_in(make_client(), household.people["caseworker"]).get("/api/v1/caseload").get_json()
    assert [r["family"]["id"] for r in rows] == [household.id]


def test_bad_caseload_queries_get_the_one_error_shape(make_client, household):
    browser = sign_in(make_client(), household.people["caseworker"])
    for query, field in (("sort=nonsense", "sort"), ("q=" + "x" * 81, "q")):
        answer = browser.get("/api/v1/caseload?" + query)
        assert answer.status_code == 422, query
        body = answer.get_json()
        assert body["code"] == 422 and field in body["errors"]["query"], body


def test_the_report_api_matches_the_report_page_and_suppresses_small_counts(make_client, app):
    today = date.today()
    worker = make_account("Morgan Caseworker")
    agency, admin = agency_with(caseworker=worker)
    add_agency_families(worker.id, agency.id, 25, three_done=5, recovered=12)
    browser = sign_in(make_client(), admin)
    query = f"?start={(today - timedelta(days=30)).isoformat()}&end={today.isoformat()}"
    report = browser.get("/api/v1/agency/report" + query).get_json()
    assert report["families"] == 25 and report["end"] == today.isoformat()
    assert report["completeness"] == {"withheld": True, "groups": []}  # 5 with three parts done: a small cell
    recovery = {g["key"]: g["families"] for g in report["outcomes"]["recovery"]["groups"]}
    assert recovery == {"yes": 12, "no": 0, "unknown": 13}
    naloxone = next(k for k in report["milestone_kinds"] if k["kind"] == "naloxone_in_home")
    assert naloxone["families"] == 25 and report["families_with_milestone"] == 25
    assert "Secret Family" not in str(report)


def test_the_report_api_never_shows_a_count_from_one_to_ten(make_client, app):
    worker = make_account("Morgan Caseworker")
    agency, admin = agency_with(caseworker=worker)
    add_agency_families(worker.id, agency.id, 10, three_done=4, recovered=3)
    report = sign_in(make_client(), admin).get("/api/v1/agency/report").get_json()
    counts = [report["families"], report["families_with_milestone"]]
    counts += [kind["families"] for kind in report["milestone_kinds"]]
    for breakdown in (report["completeness"], report["months"], *report["outcomes"].values()):
        counts += [g["families"] for g in breakdown["groups"]]
    assert report["families"] is None and all(n is None or n == 0 or n >= 11 for n in counts), report


def test_only_an_agency_admin_gets_the_report_and_a_bad_period_changes_nothing(make_client, household):
    _agency, admin = agency_with(caseworker=household.people["caseworker"])
    for role in ("caseworker", "parent", "outsider"):
        assert sign_in(make_client(), household.people[role]).get("/api/v1/agency/report").status_code == 404, role
    browser = sign_in(make_client(), admin)
    for query in ("start=2026-05-01&end=2026-01-01", "start=2020-01-01&end=2026-01-01", "start=2026-01-01",
                  "start=yesterday&end=2026-01-01", "start=0001-01-01&end=2026-01-01"):
        answer = browser.get("/api/v1/agency/report?" + query)
        assert answer.status_code == 422 and answer.get_json()["errors"]["query"], query


def test_the_caseload_api_gives_each_familys_newest_milestones_as_the_milestone_api_does(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    today = date.today()
    for days, kind in ((5, "lockbox_in_place"), (1, "support_added"), (3, "naloxone_in_home"), (9, "own")):
        answer = parent.post(f"/api/v1/families/{household.id}/milestones",
                             json={"kind": kind, "title": "First walk together" if kind == "own" else "",
                                   "happened_on": (today - timedelta(days=days)).isoformat()})
        assert answer.status_code == 201, answer.get_json()
    timeline = parent.get(f"/api/v1/families/{household.id}/milestones").get_json()
    rows = sign_in(make_client(), household.people["caseworker"]).get("/api/v1/caseload").get_json()
    newest = rows[0]["milestones"]
    assert [m["kind"] for m in newest] == ["support_added", "naloxone_in_home", "lockbox_in_place"]
    assert newest == [m for m in timeline if m["kind"] != "own"][:3]
    assert newest[0]["recorded_by"] == "Riley Parent" and newest[0]["label"] == "Support person added"

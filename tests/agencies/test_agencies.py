"""Agencies: the admin manages workers with one-time codes, never sees a plan; a turned-off worker is out at once."""
from __future__ import annotations

import re

from sqlalchemy import select

from harm.agencies.models import AgencyWorker
from harm.extensions import db
from tests.agencies.helpers import agency_with
from tests.conftest import make_account, sign_in


def code_on(page: str) -> str:
    match = re.search(r"data-code>([A-Z0-9-]+)<", page)
    assert match, "no code on the page"
    return match.group(1)


def test_a_signed_in_person_starts_an_agency_and_becomes_its_admin(make_client, app):
    browser = sign_in(make_client(), make_account("Dana Admin"))
    assert browser.post("/agency", data={"name": "  "}).status_code == 422
    assert browser.post("/agency", data={"name": "Riverside Family Services"}).status_code == 302
    page = browser.get("/agency").text
    assert "Riverside Family Services" in page and "Agency admin" in page and "Invite a worker" in page
    again = browser.post("/agency", data={"name": "A second one"})
    assert again.status_code == 422 and "already part of an agency" in again.text


def test_admin_invites_a_worker_with_a_one_time_code(make_client, app):
    _agency, admin = agency_with()
    admin_browser = sign_in(make_client(), admin)
    code = code_on(admin_browser.post("/agency/invitations", data={"role": "peer", "label": "Pat"}).text)
    worker = make_account("Pat Peer")
    worker_browser = sign_in(make_client(), worker)
    assert worker_browser.post("/agency/join", data={"code": code}).status_code == 302
    assert "Peer recovery specialist" in worker_browser.get("/agency").text
    other = sign_in(make_client(), make_account("Someone Else"))
    reused = other.post("/agency/join", data={"code": code})
    assert reused.status_code == 422 and "That code did not work" in reused.text
    assert admin_browser.post("/agency/invitations", data={"role": "boss"}).status_code == 422


def test_the_admin_never_reaches_a_family_plan(make_client, household):
    _agency, admin = agency_with(caseworker=household.people["caseworker"])
    browser = sign_in(make_client(), admin)
    for url in (f"/f/{household.id}", f"/f/{household.id}/plan/household", f"/f/{household.id}/checkins",
                f"/f/{household.id}/reviews", f"/api/v1/families/{household.id}/plan",
                f"/api/v1/families/{household.id}/checkins"):
        assert browser.get(url).status_code == 404, url
    assert household.family.name not in browser.get("/agency/report").text
    assert household.family.name not in browser.get("/agency/report.csv").text


def test_a_turned_off_worker_loses_their_session_and_cannot_sign_in(make_client, household):
    caseworker = household.people["caseworker"]
    _agency, admin = agency_with(caseworker=caseworker)
    worker_browser = sign_in(make_client(), caseworker)
    assert worker_browser.get(f"/f/{household.id}").status_code == 200
    worker_id = db.session.execute(select(AgencyWorker.public_id).where(
        AgencyWorker.account_id == caseworker.id)).scalar_one()
    admin_browser = sign_in(make_client(), admin)
    response = admin_browser.post(f"/agency/workers/{worker_id}/deactivate")
    assert response.status_code == 302
    assert "can no longer sign in" in admin_browser.get("/agency").text
    assert worker_browser.get(f"/f/{household.id}").status_code == 302  # sent to sign in
    assert worker_browser.get(f"/api/v1/families/{household.id}/plan").status_code == 401
    fresh = sign_in(make_client(), caseworker)  # the code is accepted, but no session comes of it
    assert fresh.get("/account").status_code == 302
    assert fresh.get(f"/api/v1/families/{household.id}").status_code == 401
    # The family keeps its plan, and its parent still works.
    parent = sign_in(make_client(), household.people["parent"])
    assert parent.get(f"/f/{household.id}").status_code == 200


def test_only_the_admin_manages_workers(make_client, household):
    agency, admin = agency_with(caseworker=household.people["caseworker"])
    worker = sign_in(make_client(), household.people["caseworker"])
    admin_id = agency.workers[0].public_id
    assert worker.post(f"/agency/workers/{admin_id}/deactivate").status_code == 404
    assert worker.post("/agency/invitations", data={"role": "peer"}).status_code == 404
    assert worker.get("/agency/report").status_code == 404
    own = sign_in(make_client(), admin).post(f"/agency/workers/{admin_id}/deactivate")
    assert own.status_code == 422
    assert db.session.get(AgencyWorker, agency.workers[0].id).active


def test_operator_creates_an_agency_from_the_command_line(runner, make_client):
    result = runner.invoke(args=["agencies", "create", "Hillside Services", "Lee Admin"])
    assert result.exit_code == 0, result.output
    code = re.search(r"with: ([A-Z0-9-]+)", result.output).group(1)
    browser = make_client()
    assert browser.post("/signin/code", data={"code": code}).status_code == 302
    assert "Hillside Services" in browser.get("/agency").text

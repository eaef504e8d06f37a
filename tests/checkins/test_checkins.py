"""Peer check-ins: recorded by peers and caseworkers, read by the whole family, no place for use details."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.milestones.models import Milestone
from tests.conftest import sign_in


def test_a_peer_records_a_check_in_and_the_parent_reads_it(make_client, household):
    peer = sign_in(make_client(), household.people["peer"])
    next_on = (date.today() + timedelta(days=14)).isoformat()
    response = peer.post(f"/f/{household.id}/checkins", data={
        "how_it_went": "Good week. We fixed the lockbox.", "needs": "Bus fare to the clinic",
        "next_on": next_on, "milestone": "lockbox_in_place"})
    assert response.status_code == 302
    parent = sign_in(make_client(), household.people["parent"])
    page = parent.get(f"/f/{household.id}/checkins").text
    assert "Good week. We fixed the lockbox." in page and "Bus fare to the clinic" in page and "Avery Peer" in page
    assert "Add a check-in" not in page  # the parent reads; peers and caseworkers record
    assert db.session.execute(select(Milestone.kind)).scalar_one() == "lockbox_in_place"
    listed = parent.get(f"/api/v1/families/{household.id}/checkins").get_json()
    assert listed[0]["milestone"] == "Lockbox in place" and listed[0]["next_on"] == next_on


def test_the_api_refuses_use_details_with_a_clear_message(make_client, household):
    peer = sign_in(make_client(), household.people["peer"])
    url = f"/api/v1/families/{household.id}/checkins"
    response = peer.post(url, json={"how_it_went": "Fine", "substance": "anything", "drug_test": "x"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert "Check-ins never hold use details: what was used, how much or when." in errors["substance"][0]
    assert peer.post(url, json={"how_it_went": "   "}).status_code == 422
    assert peer.post(url, json={"how_it_went": "Fine", "happened_on": "yesterday"}).status_code == 422
    assert peer.post(url, json={"how_it_went": "Fine", "next_on": "2020-01-01"}).status_code == 422
    assert peer.post(url, json={"how_it_went": "Fine", "milestone": "own"}).status_code == 422
    assert peer.post(url, json={"how_it_went": "x" * 1001}).status_code == 422
    assert peer.post(url, json=["not an object"]).status_code == 422
    assert db.session.execute(select(CheckIn)).first() is None
    assert db.session.execute(select(Milestone)).first() is None


def test_a_bad_check_in_form_keeps_what_was_typed(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    response = caseworker.post(f"/f/{household.id}/checkins", data={"how_it_went": "", "needs": "Diapers"})
    assert response.status_code == 422
    assert "Please write how it went" in response.text and "Diapers" in response.text


def test_parents_and_caregivers_do_not_record_check_ins(make_client, household):
    for role in ("parent", "caregiver"):
        browser = sign_in(make_client(), household.people[role])
        assert browser.post(f"/f/{household.id}/checkins", data={"how_it_went": "x"}).status_code == 403
    assert db.session.execute(select(CheckIn)).first() is None


def test_a_peer_still_cannot_edit_plan_sections(make_client, household):
    peer = sign_in(make_client(), household.people["peer"])
    assert peer.post(f"/f/{household.id}/plan/household", data={"version": "0", "our_words": "x"}).status_code == 403
    assert peer.put(f"/api/v1/families/{household.id}/plan/household",
                    json={"version": 0, "data": {"our_words": "x"}}).status_code == 403

"""Milestones: a timeline of what the family did, with no place for drug use."""
from __future__ import annotations

from datetime import date, timedelta

from harm.extensions import db
from harm.milestones.models import Milestone
from tests.conftest import sign_in


def test_members_record_milestones_on_the_timeline(make_client, household):
    peer = sign_in(make_client(), household.people["peer"])
    response = peer.post(f"/f/{household.id}/milestones", data={"kind": "lockbox_in_place", "note": "Top shelf"})
    assert response.status_code == 302
    parent = sign_in(make_client(), household.people["parent"])
    page = parent.get(f"/f/{household.id}/milestones").text
    assert "Lockbox in place" in page and "Top shelf" in page and "Avery Peer" in page
    assert "Lockbox in place" in parent.get(f"/f/{household.id}").text


def test_every_named_milestone_kind_is_offered(make_client, household):
    page = sign_in(make_client(), household.people["parent"]).get(f"/f/{household.id}/milestones").text
    for label in ("Naloxone kit in the home", "Household trained on naloxone", "Lockbox in place",
                  "Overdose plan gone over with the household", "Backup caregiver said yes",
                  "Support person added", "Plan reviewed at a visit", "Our own milestone"):
        assert label in page
    assert "Do not write here what was used, how much or when." in page


def test_own_milestone_needs_a_title(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    response = parent.post(f"/f/{household.id}/milestones", data={"kind": "own", "title": " "})
    assert response.status_code == 422 and "Please say what happened." in response.text
    parent.post(f"/f/{household.id}/milestones", data={"kind": "own", "title": "First family dinner"})
    assert db.session.execute(db.select(Milestone.title)).scalar_one() == "First family dinner"


def test_api_refuses_fields_that_do_not_exist(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    url = f"/api/v1/families/{household.id}/milestones"
    response = parent.post(url, json={"kind": "naloxone_in_home", "substance": "anything"})
    assert response.status_code == 422
    assert response.get_json()["errors"]["json"]["substance"] == ["There is no such field here."]
    assert parent.post(url, json={"kind": "made_up"}).status_code == 422
    assert parent.post(url, json=["not", "an", "object"]).status_code == 422
    future = (date.today() + timedelta(days=5)).isoformat()
    assert parent.post(url, json={"kind": "lockbox_in_place", "happened_on": future}).status_code == 422
    assert parent.post(url, json={"kind": "lockbox_in_place", "note": "x" * 501}).status_code == 422
    assert db.session.execute(db.select(Milestone)).first() is None


def test_api_timeline_is_newest_first(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    url = f"/api/v1/families/{household.id}/milestones"
    parent.post(url, json={"kind": "lockbox_in_place", "happened_on": "2026-01-05"})
    parent.post(url, json={"kind": "naloxone_in_home", "happened_on": "2026-03-01"})
    timeline = parent.get(url).get_json()
    assert [m["kind"] for m in timeline] == ["naloxone_in_home", "lockbox_in_place"]
    assert timeline[0]["label"] == "Naloxone kit in the home"

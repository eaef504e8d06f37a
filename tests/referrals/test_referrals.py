"""Referrals through HTTP: proposed by a worker or the parent, answered by the parent, followed step by step."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

from sqlalchemy import func, select

from harm.agencies.models import Agency
from harm.extensions import db
from harm.milestones.models import Milestone
from harm.referrals.models import Referral, ReferralStep
from tests.agencies.helpers import agency_with
from tests.conftest import sign_in, table_counts
from tests.referrals.helpers import REFERRAL, api, propose


def household_with_child(client, household) -> None:
    data = {"members": [{"name": "Sky", "age_range": "0-5"}, {"name": "Riley", "age_range": "adult"}]}
    assert client.put(f"/api/v1/families/{household.id}/plan/household",
                      json={"version": 0, "data": data}).status_code == 200


def test_a_caseworker_refers_a_child_and_the_parent_agrees_on_the_pages(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    household_with_child(parent, household)
    caseworker = sign_in(make_client(), household.people["caseworker"])
    form = caseworker.get(f"/f/{household.id}/referrals").text
    assert "Do not write use details here" in form and "drug test results" in form  # the app's own words
    assert '<option value="Sky"' in form
    made = caseworker.post(f"/f/{household.id}/referrals", data={
        "person": "Sky", "service": "early_intervention", "provider_name": "Little Steps", "provider_phone":
        "(555) 010-0123", "provider_address": "", "reason": "Help with talking and walking."})
    assert made.status_code == 302
    page = parent.get(made.location).text
    assert "Early intervention for a child" in page and "Little Steps" in page and "Sky" in page
    assert 'href="tel:5550100123"' in page  # the phone dials in one tap
    assert "Yes, send it" in page and "I want to talk about it first" in page and "No, thank you" in page
    overview = parent.get(f"/f/{household.id}").text
    assert "Waiting for the parent" in overview and "plan-referrals" in overview, overview
    assert parent.post(made.location + "/answer", data={"answer": "agree"}).status_code == 302
    page = parent.get(made.location).text
    assert "The parent said yes" in page and "answer-title" not in page  # answered once
    steps = caseworker.get(api(household, "/" + made.location.rsplit("/", 1)[1])).get_json()["steps"]
    assert [(s["stage"], s["answer"], s["by"], s["role"]) for s in steps] == [
        ("proposed", None, "Morgan Caseworker", "caseworker"), ("agreed", "agree", "Riley Parent", "parent")]
    assert all(s["at"] for s in steps)


def test_a_referral_moves_forward_to_the_end_and_each_step_is_a_milestone(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    peer = sign_in(make_client(), household.people["peer"])
    made = propose(peer, household, service="moud", provider_name="Eastside Clinic")
    url = api(household, f"/{made['id']}")
    assert parent.post(url + "/answer", json={"answer": "talk"}).get_json()["stage"] == "proposed"
    assert parent.post(url + "/answer", json={"answer": "agree"}).get_json()["stage"] == "agreed"
    intake = (date.today() + timedelta(days=5)).isoformat()
    for who, body in ((caseworker, {"stage": "sent"}), (caseworker, {"stage": "accepted"}),
                      (caseworker, {"stage": "intake_scheduled", "intake_on": intake}),
                      (parent, {"stage": "intake_attended"}), (peer, {"stage": "engaged"}),
                      (caseworker, {"stage": "completed"})):
        response = who.post(url + "/stage", json=body)
        assert response.status_code == 200, response.text
        assert response.get_json()["stage"] == body["stage"]
    shown = caseworker.get(url).get_json()
    assert shown["intake_on"] == intake and shown["sent_on"] == date.today().isoformat()
    assert [s["stage"] for s in shown["steps"]] == ["proposed", "proposed", "agreed", "sent", "accepted",
                                                    "intake_scheduled", "intake_attended", "engaged", "completed"]
    assert [s["role"] for s in shown["steps"]][-3:] == ["parent", "peer", "caseworker"]
    # Closed: nothing more changes, not even a withdrawal.
    assert caseworker.post(url + "/stage", json={"stage": "withdrawn"}).status_code == 422
    timeline = parent.get(f"/api/v1/families/{household.id}/milestones").get_json()
    labels = [m["label"] for m in timeline]
    assert len(labels) == 9 and "Went to a first visit" in labels and "The parent asked to talk about a referral" \
        in labels
    words = json.dumps(timeline)
    assert "Eastside" not in words and "opioid" not in words.lower()  # neither the program nor the service


def test_bad_steps_get_a_clear_422_and_change_nothing(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    made = propose(caseworker, household)
    url = api(household, f"/{made['id']}")

    def refused(client, body, field, words):
        before = table_counts()
        response = client.post(url + "/stage", json=body)
        assert response.status_code == 422, response.text
        assert words in " ".join(response.get_json()["errors"]["json"][field]), response.text
        assert table_counts() == before

    refused(caseworker, {"stage": "sent"}, "stage", "The parent has not said yes yet")
    refused(caseworker, {"stage": "engaged"}, "stage", "The parent has not said yes yet")
    refused(caseworker, {"stage": "agreed"}, "stage", "Please pick one of the choices")  # only the parent's answer
    refused(caseworker, {"stage": "on_the_moon"}, "stage", "Please pick one of the choices")
    assert parent.post(url + "/answer", json={"answer": "agree"}).status_code == 200
    assert caseworker.post(url + "/stage", json={"stage": "accepted"}).status_code == 200
    refused(caseworker, {"stage": "sent"}, "stage", "only moves forward")
    refused(caseworker, {"stage": "intake_scheduled"}, "intake_on", "Please give the day of the first visit")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    refused(caseworker, {"stage": "intake_scheduled", "intake_on": yesterday}, "intake_on", "cannot be before")
    refused(caseworker, {"stage": "intake_scheduled", "intake_on": "soon"}, "intake_on", "Please give a date like")
    before = table_counts()
    assert parent.post(url + "/answer", json={"answer": "agree"}).status_code == 422  # already answered
    assert parent.post(url + "/answer", json={"answer": "maybe"}).status_code == 422
    assert table_counts() == before
    assert caseworker.get(url).get_json()["stage"] == "accepted"


def test_text_with_control_characters_or_no_reason_is_refused_in_the_readers_language(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    before = table_counts()
    response = caseworker.post(api(household), json=REFERRAL | {"reason": "Call\x1b[2J now"},
                               headers={"Accept-Language": "es"})
    assert response.status_code == 422
    assert "caracteres" in response.get_json()["errors"]["json"]["reason"][0]  # the app's Spanish words
    for changes in ({"provider_name": "Bad\x07name"}, {"reason": "  "}, {"provider_phone": "call me"},
                    {"service": "spa_day"}, {"person": "Nobody here"}, {"substance": "anything"}):
        assert caseworker.post(api(household), json=REFERRAL | changes).status_code == 422, changes
    page = caseworker.post(f"/f/{household.id}/referrals", data=REFERRAL | {"reason": "Tab\x0bhere"})
    assert page.status_code == 422
    assert "characters we cannot save" in page.text and "Riverside Counseling" in page.text  # what was typed stays
    assert table_counts() == before


def test_the_parent_can_decline_or_stop_a_referral_and_nothing_is_sent(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    declined = propose(caseworker, household)
    response = parent.post(api(household, f"/{declined['id']}/answer"), json={"answer": "decline"})
    assert response.get_json()["stage"] == "parent_declined"
    assert caseworker.post(api(household, f"/{declined['id']}/stage"), json={"stage": "sent"}).status_code == 422
    own = propose(parent, household, service="housing", provider_name="City Housing Help")
    assert parent.post(api(household, f"/{own['id']}/answer"), json={"answer": "agree"}).status_code == 200
    assert caseworker.post(api(household, f"/{own['id']}/stage"), json={"stage": "sent"}).status_code == 200
    stopped = parent.post(f"/f/{household.id}/referrals/{own['id']}/stage", data={"stage": "withdrawn"})
    assert stopped.status_code == 302
    assert db.session.execute(select(Referral.stage).where(Referral.public_id == own["id"])).scalar_one() \
        == "withdrawn"
    page = parent.get(f"/f/{household.id}/referrals/{own['id']}").text
    assert "Stopped" in page and "Write down the next step" not in page


def _sent_days_ago(public_id: str, days: int) -> None:
    referral = db.session.execute(select(Referral).where(Referral.public_id == public_id)).scalar_one()
    referral.sent_on = date.today() - timedelta(days=days)
    db.session.commit()


def test_a_sent_referral_without_a_first_visit_after_14_days_is_overdue_on_the_caseload_and_the_plan(
        make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    made = propose(caseworker, household)
    url = api(household, f"/{made['id']}")
    parent.post(url + "/answer", json={"answer": "agree"})
    caseworker.post(url + "/stage", json={"stage": "sent"})
    _sent_days_ago(made["id"], 14)
    assert caseworker.get(url).get_json()["overdue"] is False  # 14 days is not yet late
    assert "referral_waiting" not in caseworker.get("/api/v1/caseload").get_json()[0]["overdue"]
    _sent_days_ago(made["id"], 15)
    assert caseworker.get(url).get_json()["overdue"] is True
    assert caseworker.get("/api/v1/caseload").get_json()[0]["overdue"] == ["referral_waiting"]
    assert "A referral is overdue: no first visit yet" in caseworker.get("/caseload").text
    assert "Overdue: no first visit yet" in parent.get(f"/f/{household.id}").text
    # A first visit set: no longer overdue anywhere.
    later = (date.today() + timedelta(days=3)).isoformat()
    caseworker.post(url + "/stage", json={"stage": "intake_scheduled", "intake_on": later})
    assert caseworker.get("/api/v1/caseload").get_json()[0]["overdue"] == []
    assert "Overdue: no first visit yet" not in parent.get(f"/f/{household.id}").text


def test_the_referring_agency_sets_its_own_number_of_days(make_client, household):
    agency, admin = agency_with(caseworker=household.people["caseworker"])
    admin_browser = sign_in(make_client(), admin)
    assert "When a referral is overdue" in admin_browser.get("/agency").text
    for bad in ("0", "366", "two weeks"):
        refused = admin_browser.post("/agency/referral-days", data={"referral_overdue_days": bad})
        assert refused.status_code == 422 and "Please choose between 1 and 365 days." in refused.text
    assert db.session.get(Agency, agency.id).referral_overdue_days is None
    assert admin_browser.post("/agency/referral-days", data={"referral_overdue_days": "30"}).status_code == 302
    # A caseworker may not change it.
    caseworker_browser = sign_in(make_client(), household.people["caseworker"])
    assert caseworker_browser.post("/agency/referral-days", data={"referral_overdue_days": "1"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).referral_overdue_days == 30
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    made = propose(caseworker, household)
    url = api(household, f"/{made['id']}")
    parent.post(url + "/answer", json={"answer": "agree"})
    caseworker.post(url + "/stage", json={"stage": "sent"})
    _sent_days_ago(made["id"], 20)
    assert caseworker.get(url).get_json()["overdue"] is False
    _sent_days_ago(made["id"], 31)
    assert caseworker.get(url).get_json()["overdue"] is True


def test_deleting_the_family_removes_its_referrals_and_their_steps(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    made = propose(caseworker, household)
    parent.post(api(household, f"/{made['id']}/answer"), json={"answer": "agree"})
    assert parent.post(f"/f/{household.id}/delete", data={"family_name": "Test household"}).status_code == 302
    db.session.remove()
    assert db.session.execute(select(func.count()).select_from(Referral)).scalar_one() == 0
    assert db.session.execute(select(func.count()).select_from(ReferralStep)).scalar_one() == 0
    assert db.session.execute(select(func.count()).select_from(Milestone)).scalar_one() == 0


def test_the_export_and_its_printable_copy_hold_the_referrals(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    made = propose(caseworker, household)
    parent.post(api(household, f"/{made['id']}/answer"), json={"answer": "talk"})
    data = json.loads(parent.get(f"/f/{household.id}/your-data/export.json").text)
    (exported,) = data["referrals"]
    assert exported["provider_name"] == "Riverside Counseling" and exported["reason"] == REFERRAL["reason"]
    assert [(s["stage"], s["answer"], s["by"]) for s in exported["steps"]] == [
        ("proposed", None, "Morgan Caseworker"), ("proposed", "talk", "Riley Parent")]
    printable = parent.get(f"/f/{household.id}/your-data/print").text
    assert "Referrals" in printable and "Mental health" in printable and "I want to talk about it first" in printable


def test_the_openapi_document_describes_the_referral_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    assert set(paths["/api/v1/families/{family_id}/referrals"]) >= {"get", "post"}
    for tail in ("/answer", "/stage"):
        operation = paths["/api/v1/families/{family_id}/referrals/{referral_id}" + tail]["post"]
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schemas = spec["components"]["schemas"]
    assert "intake_on" in schemas["ReferralMoveIn"]["properties"]
    assert set(schemas["ReferralOut"]["properties"]) >= {"stage", "overdue", "steps", "provider"}


def test_the_printable_export_names_each_referral_milestone_by_its_step_never_its_key(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    url = api(household, f"/{propose(caseworker, household)['id']}")
    assert parent.post(url + "/answer", json={"answer": "agree"}).status_code == 200
    intake = (date.today() + timedelta(days=3)).isoformat()
    for body in ({"stage": "sent"}, {"stage": "intake_scheduled", "intake_on": intake}, {"stage": "intake_attended"}):
        assert caseworker.post(url + "/stage", json=body).status_code == 200
    printable = parent.get(f"/f/{household.id}/your-data/print").text
    milestones = printable[printable.index('id="part-milestones"'):].split("</section>")[0]
    for label in ("A referral was made", "The parent said yes to a referral", "A referral was sent",
                  "A first visit was set", "Went to a first visit"):
        assert label in milestones, label
    assert not re.search(r">\s*(proposed|agreed|sent|intake_scheduled|intake_attended)\s*<", milestones)
    assert "intake_" not in printable


def test_a_parent_answering_a_referral_a_worker_stopped_is_told_it_is_closed_not_that_they_answered(
        make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    referral = propose(caseworker, household)
    assert caseworker.post(api(household, f"/{referral['id']}/stage"), json={"stage": "withdrawn"}).status_code == 200
    answer = parent.post(api(household, f"/{referral['id']}/answer"), json={"answer": "agree"})
    assert answer.status_code == 422
    assert "This referral is closed." in answer.text and "already has your answer" not in answer.text

"""Every step of a referral, and the parent's answer, is one line in the parent's access log, in the same save."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from harm.audit.models import AccessLogEntry
from harm.extensions import db
from tests.conftest import sign_in
from tests.referrals.helpers import api, propose

LINE = "Wrote down a step in a referral"


def referral_entries(household):
    return list(db.session.execute(select(AccessLogEntry).where(
        AccessLogEntry.chain == household.id, AccessLogEntry.action == "referral_step")
        .order_by(AccessLogEntry.seq)).scalars())


def verify(app):
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def test_each_change_adds_one_entry_a_refused_change_none_and_the_parent_reads_them(app, make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    parent = sign_in(make_client(), household.people["parent"])
    peer = sign_in(make_client(), household.people["peer"])
    made = propose(caseworker, household)
    url = api(household, f"/{made['id']}")
    assert len(referral_entries(household)) == 1
    intake = (date.today() + timedelta(days=4)).isoformat()
    changes = ((parent, "/answer", {"answer": "talk"}, 200), (parent, "/answer", {"answer": "agree"}, 200),
               (parent, "/answer", {"answer": "agree"}, 422),  # answered already
               (caseworker, "/stage", {"stage": "sent"}, 200),
               (caseworker, "/stage", {"stage": "agreed"}, 422),  # not a step a worker writes
               (peer, "/stage", {"stage": "intake_scheduled"}, 422),  # no day given
               (peer, "/stage", {"stage": "intake_scheduled", "intake_on": intake}, 200),
               (caseworker, "/stage", {"stage": "accepted"}, 422))  # backwards
    for who, tail, body, status in changes:
        before = len(referral_entries(household))
        response = who.post(url + tail, json=body)
        assert response.status_code == status, (body, response.text)
        assert len(referral_entries(household)) == before + (status == 200), body
    page_refused = caseworker.post(f"/f/{household.id}/referrals/{made['id']}/stage", data={"stage": "sent"})
    assert page_refused.status_code == 422 and len(referral_entries(household)) == 5
    assert caseworker.post(f"/f/{household.id}/referrals/{made['id']}/stage",
                           data={"stage": "withdrawn"}).status_code == 302

    entries = referral_entries(household)
    steps = caseworker.get(url).get_json()["steps"]
    assert len(entries) == len(steps) == 6
    assert {e.subject for e in entries} == {made["id"]}
    assert [(e.actor_name, e.actor_role) for e in entries] == [(s["by"], s["role"]) for s in steps]

    log = parent.get(f"/f/{household.id}/access-log")
    assert log.status_code == 200 and log.text.count(LINE) == 6
    assert "referral_step" not in log.text
    others = parent.get(f"/f/{household.id}/access-log?who=others").text
    assert others.count(LINE) == 4  # the caseworker's and the peer's, not the parent's own two answers
    printable = parent.get(f"/f/{household.id}/your-data/print").text
    assert LINE in printable and "referral_step" not in printable


def test_audit_verify_reports_a_referral_step_whose_entry_is_gone(app, make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    made = propose(caseworker, household)
    assert caseworker.post(api(household, f"/{made['id']}/stage"), json={"stage": "withdrawn"}).status_code == 200
    assert verify(app)[0] == 0
    # Someone strips the last entry from the end of the chain (the chain itself still links up).
    db.session.delete(referral_entries(household)[-1])
    db.session.commit()
    code, output = verify(app)
    assert code == 1
    assert f"MISSING chain {household.id}: no referral step entry for {made['id']}" in output

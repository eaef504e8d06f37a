"""Who may not touch a referral gets the one refusal everyone gets, and nothing changes."""
from __future__ import annotations

from harm.extensions import db
from harm.families.access import refusal_for
from harm.families.capabilities import Capability
from tests.conftest import sign_in, table_counts
from tests.referrals.helpers import REFERRAL, api, propose


def test_a_worker_posting_the_parents_answer_gets_the_same_refusal_as_every_other(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    made = propose(caseworker, household)
    workers = {role: sign_in(make_client(), household.people[role]) for role in ("peer", "caregiver")}
    workers["caseworker"] = caseworker
    before = table_counts()
    for role, worker in workers.items():
        response = worker.post(api(household, f"/{made['id']}/answer"), json={"answer": "agree"})
        assert response.status_code == 403
        assert response.get_json()["message"] == refusal_for(role, Capability.ANSWER_REFERRAL)
        page = worker.post(f"/f/{household.id}/referrals/{made['id']}/answer", data={"answer": "agree"})
        assert page.status_code == 403
        # Moving it to "agreed" is no way around the parent either.
        if role != "caregiver":
            assert worker.post(api(household, f"/{made['id']}/stage"), json={"stage": "agreed"}).status_code == 422
            assert worker.post(api(household, f"/{made['id']}/stage"), json={"stage": "sent"}).status_code == 422
    assert table_counts() == before
    assert caseworker.get(api(household, f"/{made['id']}")).get_json()["stage"] == "proposed"


def test_another_family_and_a_stranger_get_404_for_every_referral_route(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    made = propose(caseworker, household)
    outsider = sign_in(make_client(), household.people["outsider"])
    stranger = make_client()
    other = household.other_family.public_id
    routes = (("get", "", None), ("get", f"/{made['id']}", None), ("post", "", REFERRAL),
              ("post", f"/{made['id']}/answer", {"answer": "agree"}),
              ("post", f"/{made['id']}/stage", {"stage": "withdrawn"}))
    before = table_counts()
    for method, path, body in routes:
        # Not a member of the household: 404, as for a family that does not exist.
        assert getattr(outsider, method)(api(household, path), json=body).status_code == 404, path
        assert getattr(outsider, method)(f"/f/{household.id}/referrals{path}", data=body).status_code == 404, path
        # Signed out: sent to sign in (the API: 401).
        assert getattr(stranger, method)(api(household, path), json=body).status_code == 401, path
        assert getattr(stranger, method)(f"/f/{household.id}/referrals{path}", data=body).status_code == 302, path
        if path:  # the household's referral through the outsider's own family, where they are the parent
            assert getattr(outsider, method)(f"/api/v1/families/{other}/referrals{path}", json=body).status_code == 404
            assert getattr(outsider, method)(f"/f/{other}/referrals{path}", data=body).status_code == 404
    assert table_counts() == before
    assert outsider.get(f"/api/v1/families/{other}/referrals").get_json() == []
    assert caseworker.get(api(household, f"/{made['id']}")).get_json()["stage"] == "proposed"


def test_a_caregiver_may_not_see_referrals(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    made = propose(caseworker, household)
    caregiver = sign_in(make_client(), household.people["caregiver"])
    for url in (api(household), api(household, f"/{made['id']}"), f"/f/{household.id}/referrals",
                f"/f/{household.id}/referrals/{made['id']}"):
        response = caregiver.get(url)
        assert response.status_code == 403
        assert "Riverside Counseling" not in response.text
    assert "Riverside Counseling" not in caregiver.get(f"/f/{household.id}").text
    db.session.remove()

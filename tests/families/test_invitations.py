"""Inviting workers, enrolling a parent, who has access, and removing people."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask

from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.families.models import Invitation, Membership
from harm.models_base import utcnow
from tests.authenticator import Authenticator
from tests.conftest import ORIGIN, make_account, register_with_passkey, sign_in


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def code_on(page: str) -> str:
    match = re.search(r"<code data-code>([A-Z0-9-]+)</code>", page)
    assert match, "no code on the page"
    return match.group(1)


def invite(client, family_id, role="caseworker", label="Ms. Example"):
    response = client.post(f"/f/{family_id}/invitations", data={"role": role, "label": label})
    assert response.status_code == 200, response.text
    return code_on(response.text)


def members(family) -> dict[str, str]:
    rows = db.session.execute(db.select(Membership).where(Membership.family_id == family.id)).scalars()
    return {m.account.display_name: m.role for m in rows}


def test_worker_without_account_joins_with_code_and_passkey(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    code = invite(parent, household.id, "caseworker")
    worker = make_client()
    response = worker.post("/join", data={"code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response.location == "/signup"
    assert "Your code worked" in worker.get("/signup").text
    registered = register_with_passkey(worker, Authenticator(origin=ORIGIN), "Dee Worker")
    assert registered.status_code == 200
    assert worker.get("/welcome").text.count("/join/accept") >= 1
    joined = worker.get("/join/accept")
    assert joined.status_code == 302 and joined.location == f"/f/{household.id}"
    assert members(household.family)["Dee Worker"] == "caseworker"
    assert "Dee Worker" in parent.get(f"/f/{household.id}/people").text


def test_signed_in_account_joins_at_once(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    code = invite(parent, household.id, "peer")
    newcomer = sign_in(make_client(), make_account("Lee Peer"))
    response = newcomer.post("/join", data={"code": code})
    assert response.location == "/join/accept"
    assert newcomer.get("/join/accept").status_code == 302
    assert members(household.family)["Lee Peer"] == "peer"


def test_code_works_once(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    code = invite(parent, household.id)
    first = sign_in(make_client(), make_account("First"))
    first.post("/join", data={"code": code})
    first.get("/join/accept")
    second = sign_in(make_client(), make_account("Second"))
    response = second.post("/join", data={"code": code})
    assert response.status_code == 422
    assert "That code did not work" in response.text
    assert "Second" not in members(household.family)


def test_revoked_and_expired_codes_do_not_work(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    revoked = invite(parent, household.id, label="Revoked")
    expired = invite(parent, household.id, label="Expired")
    rows = {i.label: i for i in db.session.execute(db.select(Invitation)).scalars()}
    parent.post(f"/f/{household.id}/invitations/{rows['Revoked'].public_id}/revoke")
    rows["Expired"].expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    someone = sign_in(make_client(), make_account("Someone"))
    for code in (revoked, expired):
        assert someone.post("/join", data={"code": code}).status_code == 422
    assert "Someone" not in members(household.family)


def test_invitation_lasts_72_hours(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    invite(parent, household.id)
    invitation = db.session.execute(db.select(Invitation)).scalar_one()
    assert timedelta(hours=71, minutes=59) < invitation.expires_at - utcnow() <= timedelta(hours=72)


def test_codes_are_not_stored_in_clear(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    code = invite(parent, household.id)
    stored = db.session.execute(db.select(Invitation)).scalar_one()
    assert code.replace("-", "") not in stored.code_hash


def test_a_mistyped_or_malformed_code_gets_one_clear_message(client):
    for code in ("", "ABC", "<script>", "AAAAA-AAAAA", "x" * 39):
        response = client.post("/join", data={"code": code})
        assert response.status_code == 422
        assert "That code did not work. Check it and try again, or ask for a new one." in response.text


def test_caseworker_starts_family_and_parent_enrolls(make_client):
    worker = sign_in(make_client(), make_account("Casey Worker"))
    response = worker.post("/families/new", data={"name": "Rivera family", "my_role": "caseworker"})
    assert response.status_code == 200
    code = code_on(response.text)
    parent = make_client()
    parent.post("/join", data={"code": code})
    register_with_passkey(parent, Authenticator(origin=ORIGIN), "Ana")
    landed = parent.get("/join/accept")
    family_id = landed.location.rsplit("/", 1)[-1]
    me = parent.get(f"/api/v1/families/{family_id}").get_json()
    assert me["my_role"] == "parent"
    assert {m["name"]: m["role"] for m in me["members"]} == {"Casey Worker": "caseworker", "Ana": "parent"}
    # Now the parent owns the plan: the caseworker can no longer invite a parent.
    refused = worker.post(f"/api/v1/families/{family_id}/invitations", json={"role": "parent"})
    assert refused.status_code == 403


def test_parent_removes_a_worker_who_then_sees_404(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    worker = sign_in(make_client(), household.people["caseworker"])
    assert worker.get(f"/f/{household.id}").status_code == 200
    member_id = next(m.public_id for m in household.family.memberships if m.role == "caseworker")
    response = parent.post(f"/f/{household.id}/members/{member_id}/remove", data={"confirmed": "yes"})
    assert response.status_code == 302
    assert worker.get(f"/f/{household.id}").status_code == 404
    assert worker.get(f"/api/v1/families/{household.id}/plan").status_code == 404


def test_only_parent_cannot_be_removed_or_leave(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    my_id = next(m.public_id for m in household.family.memberships if m.role == "parent")
    response = parent.delete(f"/api/v1/families/{household.id}/members/{my_id}")
    assert response.status_code == 422
    assert "only parent" in response.get_json()["message"]
    assert members(household.family)["Riley Parent"] == "parent"


def test_worker_can_leave(make_client, household):
    peer = sign_in(make_client(), household.people["peer"])
    my_id = next(m.public_id for m in household.family.memberships if m.role == "peer")
    assert peer.post(f"/f/{household.id}/members/{my_id}/remove", data={"confirmed": "yes"}).location == "/"
    assert "Avery Peer" not in members(household.family)


def test_people_page_shows_who_can_see_what(make_client, household):
    page = sign_in(make_client(), household.people["parent"]).get(f"/f/{household.id}/people").text
    for name in ("Riley Parent", "Quinn Caregiver", "Morgan Caseworker", "Avery Peer"):
        assert name in page
    assert "Can see only the parts of the plan you share with peers" in page


def test_caseworker_gives_parent_a_new_signin_code(make_client, household):
    worker = sign_in(make_client(), household.people["caseworker"])
    parent_member = next(m.public_id for m in household.family.memberships if m.role == "parent")
    page = worker.post(f"/f/{household.id}/members/{parent_member}/signin-code")
    assert page.status_code == 200
    code = re.search(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", page.text).group(1)
    new_phone = make_client()
    signed_in = new_phone.post("/signin/code", data={"code": code})
    assert signed_in.location == "/account/worker-code"  # what the code did, and: add a passkey
    assert new_phone.get("/api/v1/me").get_json()["display_name"] == "Riley Parent"
    assert new_phone.post("/signin/code", data={"code": code}).status_code == 422


def test_parent_cannot_issue_signin_codes_and_worker_cannot_for_other_workers(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    worker = sign_in(make_client(), household.people["caseworker"])
    peer_member = next(m.public_id for m in household.family.memberships if m.role == "peer")
    assert parent.post(f"/api/v1/families/{household.id}/members/{peer_member}/signin-code").status_code == 403
    assert worker.post(f"/api/v1/families/{household.id}/members/{peer_member}/signin-code").status_code == 422


def test_family_needs_a_name(make_client):
    client = sign_in(make_client(), make_account("Someone"))
    response = client.post("/families/new", data={"name": "   ", "my_role": "parent"})
    assert response.status_code == 422 and "Please give the family a name" in response.text
    response = client.post("/api/v1/families", json={"name": "X", "my_role": "agency"})
    assert response.status_code == 422
    assert client.get("/api/v1/families").get_json() == []


def test_api_invitation_round_trip(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    created = parent.post(f"/api/v1/families/{household.id}/invitations", json={"role": "peer", "label": "Pat"})
    assert created.status_code == 201
    body = created.get_json()
    listed = parent.get(f"/api/v1/families/{household.id}/invitations").get_json()
    assert [i["id"] for i in listed] == [body["id"]] and "code" not in listed[0]
    joiner = sign_in(make_client(), make_account("Pat"))
    joined = joiner.post("/api/v1/invitations/accept", json={"code": body["code"]})
    assert joined.status_code == 200 and joined.get_json()["my_role"] == "peer"
    assert parent.get(f"/api/v1/families/{household.id}/invitations").get_json() == []


def test_code_sign_in_with_a_pending_invitation_joins_the_family(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    code = invite(parent, household.id, "caregiver")
    helper = make_account("Grandpa Example")
    phone = make_client()
    phone.post("/join", data={"code": code})
    signed_in = phone.post("/signin/code", data={"code": issue_signin_code(helper)})
    assert signed_in.location == "/join/accept"
    assert phone.get("/join/accept").location == f"/f/{household.id}"
    assert members(household.family)["Grandpa Example"] == "caregiver"

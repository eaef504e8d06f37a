"""Only the parent is the parent: a caseworker's sign-in code for the parent, tried as a takeover step by step."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from harm.accounts.models import Account, OneTimeCode, Passkey, WorkerRecovery
from harm.audit.models import AccessLogEntry
from harm.extensions import db
from harm.families.models import Family
from harm.models_base import utcnow
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db

PRIVATE_NOTE = "Private note the parent never shared"


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    return shared_app


def add_passkey(client: FlaskClient, phone: Authenticator, name: str = "My phone") -> Any:
    options = client.post("/api/v1/auth/register/options", json={}).get_json()
    return client.post("/api/v1/auth/register/verify", json={"credential": phone.create(options), "passkey_name": name})


def passkey_sign_in(client: FlaskClient, phone: Authenticator) -> Any:
    options = client.post("/api/v1/auth/signin/options").get_json()
    return client.post("/api/v1/auth/signin/verify", json={"credential": phone.get(options)})


def member_id(household: Household, role: str) -> str:
    return next(m.public_id for m in household.family.memberships if m.role == role)


def worker_code(make_client: Any, household: Household) -> str:
    worker = sign_in(make_client(), household.people["caseworker"])
    given = worker.post(f"/api/v1/families/{household.id}/members/{member_id(household, 'parent')}/signin-code")
    assert given.status_code == 201, given.text
    return str(given.get_json()["code"])


@pytest.fixture
def parent_phone(make_client: Any, household: Household) -> tuple[FlaskClient, Authenticator]:
    """The parent, signed in on their own phone with their own passkey, with a private use detail kept."""
    browser = sign_in(make_client(), household.people["parent"])
    phone = Authenticator(origin="http://localhost")
    assert add_passkey(browser, phone).status_code == 200
    saved = browser.post(f"/f/{household.id}/use-details", data={"category": "substances", "text": PRIVATE_NOTE,
                                                                 "private": "yes"})
    assert saved.status_code == 302
    return browser, phone


def log_actions(household: Household) -> list[tuple[str, str, str]]:
    entries = db.session.execute(select(AccessLogEntry).where(AccessLogEntry.chain == household.id)
                                 .order_by(AccessLogEntry.seq)).scalars()
    return [(e.actor_name, e.actor_role, e.action) for e in entries if e.action.startswith("recovery")]


def test_a_caseworker_with_the_parents_code_reaches_nothing_the_parent_keeps_closed(
        make_client: Any, household: Household, parent_phone: tuple[FlaskClient, Authenticator]) -> None:
    parent_browser, _ = parent_phone
    family_url, api = f"/f/{household.id}", f"/api/v1/families/{household.id}"
    code = worker_code(make_client, household)

    thief = make_client()
    signed_in = thief.post("/signin/code", data={"code": code})
    assert signed_in.status_code == 302 and signed_in.location == "/account/worker-code"
    assert thief.get("/api/v1/me").get_json()["display_name"] == "Riley Parent"
    # Every other browser of the parent's was signed out.
    assert parent_browser.get(family_url).status_code == 302

    # The plan itself (which the caseworker already sees) stays open; nothing the parent keeps closed does.
    assert thief.get(family_url).status_code == 200
    for path in (family_url + "/use-details", api + "/use-details", family_url + "/your-data/export.json",
                 api + "/export", family_url + "/access-log"):
        refused = thief.get(path)
        assert refused.status_code == 403, path
        assert PRIVATE_NOTE not in refused.text
    for method, path, body in (
        ("post", api + "/consents", {"categories": ["substances"], "purpose": "x", "expires_on": "2030-01-01",
                                     "recipients": [member_id(household, "caseworker")]}),
        ("post", family_url + "/delete", {"family_name": "Test household"}),
        ("delete", api, None),
        ("post", api + "/invitations", {"role": "caseworker"}),
        ("post", f"{family_url}/members/{member_id(household, 'peer')}/remove", None),
    ):
        sent = getattr(thief, method)(path, json=body) if path.startswith("/api/") else thief.post(path, data=body)
        assert sent.status_code == 403, (method, path, sent.text[:200])
    assert db.session.get(Family, household.family.id) is not None

    parent = db.session.get(Account, household.people["parent"].id)
    assert parent is not None
    parents_passkey = parent.passkeys[0].public_id
    # The account's ways in stay as the parent left them.
    thief.post(f"/account/passkeys/{parents_passkey}/remove")
    thief.post("/account/recovery-codes")
    thief.post("/account/worker-codes", data={"allowed": "no"})
    db.session.expire_all()
    assert [p.public_id for p in parent.passkeys] == [parents_passkey]
    assert db.session.execute(select(OneTimeCode).where(OneTimeCode.account_id == parent.id,
                                                        OneTimeCode.kind == "recovery")).first() is None
    assert parent.worker_recovery_allowed
    # One passkey may be added (the lost phone's replacement), and it opens nothing more.
    thiefs_phone = Authenticator(origin="http://localhost")
    assert add_passkey(thief, thiefs_phone, "Worker phone").status_code == 200
    second = thief.post("/api/v1/auth/register/options", json={})
    assert second.status_code == 422 and "already added a new passkey" in second.get_json()["message"]
    thief.post("/api/v1/auth/signout")
    assert passkey_sign_in(thief, thiefs_phone).get_json()["next"] == "/account/worker-code"
    assert thief.get(family_url + "/use-details").status_code == 403

    assert log_actions(household) == [("Morgan Caseworker", "caseworker", "recovery_code_given"),
                                      ("Riley Parent", "parent", "recovery_code_used")]


def test_the_parents_old_passkey_is_told_at_sign_in_and_undoes_it(
        make_client: Any, household: Household, parent_phone: tuple[FlaskClient, Authenticator], runner: Any) -> None:
    _, phone = parent_phone
    thief = make_client()
    thief.post("/signin/code", data={"code": worker_code(make_client, household)})
    add_passkey(thief, Authenticator(origin="http://localhost"), "Worker phone")

    back = make_client()
    answer = passkey_sign_in(back, phone).get_json()
    assert answer["next"] == "/account/worker-code"
    notice = back.get("/account/worker-code").text
    assert "Morgan Caseworker" in notice and "Was this you?" in notice
    recovery = db.session.execute(select(WorkerRecovery)).scalar_one()
    undone = back.post(f"/account/worker-code/{recovery.public_id}/not-mine")
    assert undone.status_code == 302

    db.session.expire_all()
    parent = db.session.get(Account, household.people["parent"].id)
    assert parent is not None
    assert [p.name for p in parent.passkeys] == ["My phone"]
    assert not parent.worker_recovery_allowed
    assert thief.get("/api/v1/me").status_code == 401
    assert back.get(f"/f/{household.id}/use-details").status_code == 200
    refused = sign_in(make_client(), household.people["caseworker"]).post(
        f"/api/v1/families/{household.id}/members/{member_id(household, 'parent')}/signin-code")
    assert refused.status_code == 422 and "turned off" in refused.get_json()["message"]
    assert log_actions(household)[-1] == ("Riley Parent", "parent", "recovery_cancelled")
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


def test_a_parent_who_lost_their_phone_gets_back_in_and_everything_opens_after_the_wait(
        make_client: Any, household: Household, parent_phone: tuple[FlaskClient, Authenticator]) -> None:
    new_phone_browser = make_client()
    new_phone_browser.post("/signin/code", data={"code": worker_code(make_client, household)})
    page = new_phone_browser.get("/account/worker-code").text
    assert "Add a passkey" in page and "Was this you?" not in page
    new_phone = Authenticator(origin="http://localhost")
    assert add_passkey(new_phone_browser, new_phone, "New phone").status_code == 200
    assert new_phone_browser.get(f"/f/{household.id}/use-details").status_code == 403

    recovery = db.session.execute(select(WorkerRecovery)).scalar_one()
    recovery.hold_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    opened = new_phone_browser.get(f"/f/{household.id}/use-details")
    assert opened.status_code == 200 and PRIVATE_NOTE in opened.text
    # The old passkey, if it turns up, is still told and can still undo it.
    assert passkey_sign_in(make_client(), parent_phone[1]).get_json()["next"] == "/account/worker-code"


def test_the_old_passkey_can_end_the_wait_at_once(
        make_client: Any, household: Household, parent_phone: tuple[FlaskClient, Authenticator]) -> None:
    code_browser = make_client()
    code_browser.post("/signin/code", data={"code": worker_code(make_client, household)})
    old = make_client()
    passkey_sign_in(old, parent_phone[1])
    recovery = db.session.execute(select(WorkerRecovery)).scalar_one()
    # Only an older passkey may answer: the browser that used the code may not.
    assert code_browser.post(f"/account/worker-code/{recovery.public_id}/mine").status_code == 302
    assert code_browser.get(f"/f/{household.id}/use-details").status_code == 403
    assert old.post(f"/account/worker-code/{recovery.public_id}/mine").status_code == 302
    assert code_browser.get(f"/f/{household.id}/use-details").status_code == 200
    assert passkey_sign_in(make_client(), parent_phone[1]).get_json()["next"] == "/"


def test_a_parent_can_turn_worker_codes_off_and_an_open_code_stops_working(
        make_client: Any, household: Household, parent_phone: tuple[FlaskClient, Authenticator]) -> None:
    parent_browser, _ = parent_phone
    code = worker_code(make_client, household)
    assert "Turn off sign-in codes from workers" in parent_browser.get("/account").text
    assert parent_browser.post("/account/worker-codes", data={"allowed": "no"}).status_code == 302
    assert make_client().post("/signin/code", data={"code": code}).status_code == 422
    worker = sign_in(make_client(), household.people["caseworker"])
    url = f"/f/{household.id}/members/{member_id(household, 'parent')}/signin-code"
    refused = worker.post(url, follow_redirects=True)
    assert "turned off sign-in codes from workers" in refused.text
    assert db.session.execute(select(WorkerRecovery)).first() is None
    parent_browser.post("/account/worker-codes", data={"allowed": "yes"})
    assert worker.post(url).status_code == 200
    assert parent_browser.post("/account/worker-codes", data={"allowed": "maybe"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Account, household.people["parent"].id).worker_recovery_allowed  # type: ignore[union-attr]


def test_a_worker_code_is_stored_only_as_a_keyed_hash(make_client: Any, household: Household) -> None:
    code = worker_code(make_client, household)
    stored = db.session.execute(select(OneTimeCode).where(OneTimeCode.kind == "assisted")).scalar_one()
    assert code.replace("-", "") not in stored.code_hash and len(stored.code_hash) == 64
    assert db.session.execute(select(Passkey)).first() is None


def test_audit_verify_finds_a_worker_code_used_with_no_entry(make_client: Any, household: Household,
                                                             runner: Any) -> None:
    thief = make_client()
    thief.post("/signin/code", data={"code": worker_code(make_client, household)})
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    # A code made and used behind the service's back (straight into the database) has no entry naming it.
    hidden = WorkerRecovery(account_id=household.people["parent"].id, issued_by_name="Morgan Caseworker",
                            family_id=household.family.id, used_at=utcnow(), hold_until=utcnow())
    db.session.add(hidden)
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"worker code used entry for {hidden.public_id}" in result.output


def test_an_api_call_asks_once_whether_the_account_is_held(make_client: Any, household: Household,
                                                           count_statements: Any) -> None:
    """The API checks a route's capability before reading its body, then the route itself: one hold query."""
    parent = sign_in(make_client(), household.people["parent"])
    with count_statements() as statements:
        assert parent.get(f"/api/v1/families/{household.id}/use-details").status_code == 200
    held = [s for s in statements if "FROM worker_recovery" in s]
    assert len(held) == 1, held


@pytest.mark.parametrize("language", ["es", "ar", "zh_Hans", "vi", "ko", "fil"])
def test_the_hold_and_the_notice_speak_the_readers_language(make_client: Any, household: Household,
                                                            language: str) -> None:
    thief = make_client()
    thief.post("/signin/code", data={"code": worker_code(make_client, household)})
    thief.get(f"/language?to={language}")
    refused = thief.get(f"/f/{household.id}/use-details")
    notice = thief.get("/account/worker-code")
    assert refused.status_code == 403 and notice.status_code == 200
    assert "stay closed until" not in refused.text and "Morgan Caseworker" in notice.text
    assert "A worker's sign-in code was used" not in notice.text

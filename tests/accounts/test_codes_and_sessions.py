"""One-time codes, recovery codes, rate limits, and sessions."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask

from harm.accounts.models import AccountSession, OneTimeCode
from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.models_base import utcnow
from tests.conftest import make_account, register_with_passkey, sign_in

GENERIC = "That code did not work. Check it and try again, or ask for a new one."


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def test_recovery_codes_work_once_and_a_new_set_replaces_the_old(client, authenticator, make_client):
    register_with_passkey(client, authenticator)
    page = client.post("/account/recovery-codes")
    codes = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", page.text)
    assert len(codes) == 8
    assert "older codes" not in page.text  # the first set replaces nothing
    assert "You have 8 recovery codes left." in client.get("/account").text
    lost_phone = make_client()
    assert lost_phone.post("/signin/code", data={"code": codes[0]}).status_code == 302
    assert "You have 7 recovery codes left." in lost_phone.get("/account").text
    assert make_client().post("/signin/code", data={"code": codes[0]}).status_code == 422
    assert "Your older codes no longer work." in client.post("/account/recovery-codes").text
    assert make_client().post("/signin/code", data={"code": codes[1]}).status_code == 422


def test_expired_signin_code_is_refused(client):
    account = make_account()
    code = issue_signin_code(account)
    row = db.session.execute(db.select(OneTimeCode)).scalar_one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.post("/signin/code", data={"code": code})
    assert response.status_code == 422 and GENERIC in response.text


def test_a_new_signin_code_cancels_the_old_one(client):
    account = make_account()
    old = issue_signin_code(account)
    issue_signin_code(account)
    assert client.post("/signin/code", data={"code": old}).status_code == 422


def test_wrong_codes_are_rate_limited(client):
    for _ in range(10):
        assert client.post("/signin/code", data={"code": "AAAAA-BBBBB"}).status_code == 422
    limited = client.post("/signin/code", data={"code": "AAAAA-BBBBB"})
    assert limited.status_code == 429
    assert "Too many tries" in limited.text
    assert client.post("/api/v1/auth/code", json={"code": "AAAAA-BBBBB"}).status_code == 429


def test_an_office_of_workers_behind_one_address_can_all_sign_in(make_client):
    """Only failures count toward the limit, so twelve good sign-ins in a minute all work."""
    for number in range(12):
        code = issue_signin_code(make_account(f"Worker {number}"))
        assert make_client().post("/signin/code", data={"code": code}).status_code == 302
    assert make_client().post("/signin/code", data={"code": "AAAAA-BBBBB"}).status_code == 422


def test_passkey_sign_in_is_rate_limited(client):
    for _ in range(10):
        client.post("/api/v1/auth/signin/verify", json={"credential": {}})
    response = client.post("/api/v1/auth/signin/verify", json={"credential": {}})
    assert response.status_code == 429
    assert response.get_json()["code"] == 429


def test_session_id_changes_at_sign_in(client):
    client.get("/")
    with client.session_transaction() as session:
        session["sid"] = "planted-by-an-attacker"
    sign_in(client, make_account())
    with client.session_transaction() as session:
        assert session["sid"] != "planted-by-an-attacker"
    assert db.session.execute(db.select(db.func.count()).select_from(AccountSession)).scalar_one() == 1


def test_sign_out_ends_the_session_on_the_server(client):
    sign_in(client, make_account())
    with client.session_transaction() as session:
        stolen = dict(session)
    client.post("/signout")
    with client.session_transaction() as session:
        session.update(stolen)
    assert client.get("/account").status_code == 302


def test_sign_out_everywhere(make_client):
    account = make_account()
    phone, laptop = sign_in(make_client(), account), sign_in(make_client(), account)
    phone.post("/signout/everywhere")
    assert laptop.get("/api/v1/me").status_code == 401


def test_last_passkey_cannot_be_removed(client, authenticator):
    register_with_passkey(client, authenticator)
    passkey_id = client.get("/api/v1/me").get_json()["passkeys"][0]["id"]
    client.post(f"/account/passkeys/{passkey_id}/remove")
    assert len(client.get("/api/v1/me").get_json()["passkeys"]) == 1
    assert "This is your only passkey" in client.get("/account").text


def test_sign_in_redirect_only_follows_local_paths(client):
    account = make_account()
    response = client.post("/signin/code?next=//evil.example/", data={"code": issue_signin_code(account)})
    assert response.location in ("/account", "/")


def test_a_browser_unused_for_30_days_is_signed_out(client):
    sign_in(client, make_account())
    row = db.session.execute(db.select(AccountSession)).scalar_one()
    row.last_seen_at = utcnow() - timedelta(days=31)
    db.session.commit()
    assert client.get("/api/v1/me").status_code == 401
    assert db.session.execute(db.select(AccountSession)).first() is None

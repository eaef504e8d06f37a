"""Passkey registration and sign-in, verified by the real webauthn functions."""
from __future__ import annotations

import json

from harm.accounts.models import Account, Passkey
from harm.extensions import db
from tests.authenticator import Authenticator, b64url, unb64url
from tests.conftest import register_with_passkey


def test_register_creates_account_signs_in_and_goes_to_start_a_plan(client, authenticator):
    response = register_with_passkey(client, authenticator, "Sam")
    assert response.status_code == 200, response.text
    assert response.get_json()["next"] == "/families/new?first=1"
    account = db.session.execute(db.select(Account)).scalar_one()
    assert account.display_name == "Sam"
    assert len(account.passkeys) == 1
    assert client.get("/api/v1/me").get_json()["display_name"] == "Sam"


def test_registration_options_require_resident_key_and_user_verification(client):
    options = client.post("/api/v1/auth/register/options", json={"display_name": "Sam"}).get_json()
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["rp"]["id"] == "localhost"


def test_sign_in_with_passkey_after_sign_out(client, authenticator):
    register_with_passkey(client, authenticator)
    client.post("/api/v1/auth/signout")
    assert client.get("/api/v1/me").status_code == 401
    options = client.post("/api/v1/auth/signin/options").get_json()
    assert options["userVerification"] == "required"
    assert options.get("allowCredentials", []) == []
    response = client.post("/api/v1/auth/signin/verify", json={"credential": authenticator.get(options)})
    assert response.status_code == 200, response.text
    assert client.get("/api/v1/me").status_code == 200


def test_tampered_signature_is_refused(client, authenticator):
    register_with_passkey(client, authenticator)
    client.post("/api/v1/auth/signout")
    options = client.post("/api/v1/auth/signin/options").get_json()
    answer = authenticator.get(options)
    signature = bytearray(unb64url(answer["response"]["signature"]))
    signature[-1] ^= 0x01
    answer["response"]["signature"] = b64url(bytes(signature))
    response = client.post("/api/v1/auth/signin/verify", json={"credential": answer})
    assert response.status_code == 401
    assert response.get_json()["message"] == "We could not sign you in with that passkey."
    assert client.get("/api/v1/me").status_code == 401


def test_tampered_registration_challenge_is_refused(client, authenticator):
    options = client.post("/api/v1/auth/register/options", json={"display_name": "Sam"}).get_json()
    options["challenge"] = b64url(b"not the server's challenge")
    response = client.post("/api/v1/auth/register/verify", json={"credential": authenticator.create(options)})
    assert response.status_code == 422
    assert db.session.execute(db.select(Account)).first() is None


def test_registration_without_user_verification_is_refused(client):
    lax = Authenticator(origin="http://localhost", user_verified=False)
    response = register_with_passkey(client, lax)
    assert response.status_code == 422
    assert db.session.execute(db.select(Passkey)).first() is None


def test_sign_in_from_another_origin_is_refused(client, authenticator):
    register_with_passkey(client, authenticator)
    client.post("/api/v1/auth/signout")
    options = client.post("/api/v1/auth/signin/options").get_json()
    authenticator.origin = "http://evil.example"
    response = client.post("/api/v1/auth/signin/verify", json={"credential": authenticator.get(options)})
    assert response.status_code == 401


def test_a_challenge_works_only_once(client, authenticator):
    register_with_passkey(client, authenticator)
    client.post("/api/v1/auth/signout")
    options = client.post("/api/v1/auth/signin/options").get_json()
    answer = authenticator.get(options)
    assert client.post("/api/v1/auth/signin/verify", json={"credential": answer}).status_code == 200
    client.post("/api/v1/auth/signout")
    assert client.post("/api/v1/auth/signin/verify", json={"credential": answer}).status_code == 401


def test_unknown_passkey_is_refused_with_the_same_message(client, authenticator):
    register_with_passkey(client, authenticator)
    client.post("/api/v1/auth/signout")
    stranger = Authenticator(origin="http://localhost")
    stranger.create({"rp": {"id": "localhost"}, "user": {"id": b64url(b"x" * 32)}, "challenge": "AA"})
    options = client.post("/api/v1/auth/signin/options").get_json()
    response = client.post("/api/v1/auth/signin/verify", json={"credential": stranger.get(options)})
    assert response.status_code == 401
    assert response.get_json()["message"] == "We could not sign you in with that passkey."


def test_garbage_credential_gets_a_clear_error(client):
    client.post("/api/v1/auth/signin/options")
    response = client.post("/api/v1/auth/signin/verify", json={"credential": {"id": "nope"}})
    assert response.status_code == 401
    response = client.post("/api/v1/auth/signin/verify", data=json.dumps([1, 2]),
                           content_type="application/json")
    assert response.status_code == 422
    assert response.get_json()["code"] == 422


def test_second_passkey_for_a_new_phone(client, authenticator):
    register_with_passkey(client, authenticator)
    new_phone = Authenticator(origin="http://localhost")
    options = client.post("/api/v1/auth/register/options", json={}).get_json()
    response = client.post("/api/v1/auth/register/verify",
                           json={"credential": new_phone.create(options), "passkey_name": "New phone"})
    assert response.status_code == 200, response.text
    assert [p["name"] for p in client.get("/api/v1/me").get_json()["passkeys"]] == ["Passkey 1", "New phone"]
    client.post("/api/v1/auth/signout")
    options = client.post("/api/v1/auth/signin/options").get_json()
    assert client.post("/api/v1/auth/signin/verify", json={"credential": new_phone.get(options)}).status_code == 200


def test_empty_name_is_refused_before_any_passkey_is_made(client):
    response = client.post("/api/v1/auth/register/options", json={"display_name": "   "})
    assert response.status_code == 422
    assert response.get_json()["message"] == "Please enter your name."


def test_garbage_registration_answer_is_refused_clearly(client):
    for credential in ({}, {"id": "x", "response": {"attestationObject": "!!", "clientDataJSON": "e30"}}):
        client.post("/api/v1/auth/register/options", json={"display_name": "Sam"})
        response = client.post("/api/v1/auth/register/verify", json={"credential": credential})
        assert response.status_code == 422
        assert response.get_json()["message"] == "This passkey could not be saved. Please try again."
    assert db.session.execute(db.select(Account)).first() is None


def test_verify_without_options_first_is_refused(client, authenticator):
    options = {"rp": {"id": "localhost"}, "user": {"id": b64url(b"u" * 32)}, "challenge": b64url(b"c" * 32)}
    response = client.post("/api/v1/auth/register/verify", json={"credential": authenticator.create(options)})
    assert response.status_code == 422
    assert "took too long" in response.get_json()["message"]

"""A full flow with every logger at DEBUG leaves no plan text, code, token, cookie or key in any log line."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from flask import Flask

from harm import create_app
from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from harm.models_base import utcnow
from harm.reminders import sender
from harm.reminders.keys import current_keys
from tests.conftest import CSRFClient, add_member, app_environ, make_account, register_with_passkey, sign_in
from tests.reminders.push_service import PushService
from tests.vault.helpers import add_parent_passkey, sign_consent

PLANTED = "Plantedword Zanzibar"


@pytest.fixture
def debug_app(database_url: str, app: Flask, caplog: pytest.LogCaptureFixture) -> Iterator[Flask]:
    """The app as an operator who turned on DEBUG everywhere runs it (on the test database)."""
    caplog.set_level(logging.DEBUG)  # before the app: SQLAlchemy decides at start whether to log statements
    debug = create_app(app_environ(database_url) | {"LOG_LEVEL": "DEBUG"})
    debug.test_client_class = CSRFClient
    with debug.app_context():
        yield debug
        db.session.remove()
        db.engine.dispose()


def test_a_full_flow_at_debug_logs_no_secrets(debug_app, authenticator, caplog):
    parent = debug_app.test_client()
    assert register_with_passkey(parent, authenticator, name=PLANTED).status_code == 200
    recovery = re.findall(r"<code>([A-Z0-9]{5}-[A-Z0-9]{5})</code>", parent.post("/account/recovery-codes").text)
    started = parent.post("/api/v1/families", json={"name": PLANTED, "my_role": "parent"})
    assert started.status_code in (200, 201), started.text
    family = parent.get("/api/v1/families").get_json()[0]["id"]
    saved = parent.put(f"/api/v1/families/{family}/plan/storage",
                       json={"version": 0, "data": {"location": PLANTED, "key_holder": PLANTED}})
    assert saved.status_code == 200
    parent.post(f"/api/v1/families/{family}/milestones", json={"kind": "own", "title": PLANTED, "note": PLANTED})
    invitation = parent.post(f"/api/v1/families/{family}/invitations", json={"role": "caseworker", "label": PLANTED})
    code = invitation.get_json()["code"]
    worker = debug_app.test_client()
    lost_phone = worker.post("/signin/code", data={"code": recovery[0]})
    assert lost_phone.status_code == 302
    worker.post("/join", data={"code": code})
    worker.post("/api/v1/auth/code", json={"code": "WRONG-GUESS"})

    secrets_seen = [PLANTED, "Zanzibar", code, code.replace("-", ""), *recovery, debug_app.secret_key,
                    parent.get_cookie("fp_session").value, worker.get_cookie("fp_session").value,
                    parent.csrf_token()]
    logged = "\n".join(f"{record.name} {record.getMessage()} {record.args!r}" for record in caplog.records)
    assert "plan section saved" in logged  # the events are there...
    for secret in secrets_seen:
        assert secret not in logged  # ...and none of what they were about


def test_sql_statement_logs_never_carry_the_values(debug_app, caplog):
    """An operator who turns on SQLAlchemy's statement log still sees no one's words."""
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    try:
        with db.engine.connect() as connection:
            connection.execute(db.text("SELECT :words"), {"words": PLANTED})
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.NOTSET)
    logged = "\n".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    assert "SELECT" in logged and PLANTED not in logged


def test_the_newer_flows_at_debug_log_no_secrets(debug_app, authenticator, caplog):
    """Use details, a signed consent and a worker's read, a share link opened, a check-in, a reminder pushed."""
    parent_account, worker_account = make_account(PLANTED), make_account("Casey " + PLANTED)
    family, _ = start_family(parent_account, PLANTED, roles.PARENT)
    worker_member = add_member(family, worker_account, roles.CASEWORKER)
    parent, worker = sign_in(debug_app.test_client(), parent_account), sign_in(debug_app.test_client(), worker_account)
    add_parent_passkey(parent, authenticator)
    base = f"/api/v1/families/{family.public_id}"
    assert parent.post(base + "/use-details", json={"category": "moud", "text": PLANTED}).status_code == 201
    consent = {"parent_name": PLANTED, "discloser": "Family Plan", "categories": ["moud"],
               "recipients": [worker_member.public_id], "purpose": PLANTED,
               "expires_on": (date.today() + timedelta(days=30)).isoformat(), "expiry_event": PLANTED}
    drafted = parent.post(base + "/consents", json=consent)
    assert drafted.status_code == 201, drafted.text
    assert sign_consent(parent, authenticator, family.public_id, drafted.get_json()["id"]).status_code == 200
    assert PLANTED in worker.get(base + "/use-details").text  # the worker reads under the consent (logged)

    shared = parent.post(f"/f/{family.public_id}/share", data={"parts": ["supports"], "lifetime": "week"})
    token = re.search(r"http://localhost/s/([A-Za-z0-9_-]+)", shared.text).group(1)  # type: ignore[union-attr]
    assert debug_app.test_client().get(f"/s/{token}").status_code == 200

    assert worker.post(base + "/checkins", json={"how_it_went": PLANTED, "needs": PLANTED}).status_code == 201

    with PushService() as push:
        device = push.device("phone").subscription(push.url) | {"device": PLANTED}
        assert parent.post("/api/v1/push/subscriptions", json=device).status_code == 201
        tomorrow = (date.today() + timedelta(days=1)).isoformat()
        reminder = {"kind": "own", "title": PLANTED, "on_date": tomorrow, "at_time": "09:00", "timezone": "UTC",
                    "show_details": True}
        assert parent.post("/api/v1/reminders", json=reminder).status_code == 201
        assert sender.send_due(utcnow() + timedelta(days=2)).sent == 1
        assert PLANTED in push.received[0].message["body"]  # the parent asked for the details on the phone

    secrets_seen = [PLANTED, "Zanzibar", token, device["keys"]["auth"], device["keys"]["p256dh"],
                    current_keys().private_key, debug_app.secret_key, parent.get_cookie("fp_session").value,
                    worker.get_cookie("fp_session").value]
    logged = "\n".join(f"{record.name} {record.getMessage()} {record.args!r}" for record in caplog.records)
    assert "reminders: 1 sent" in logged
    for secret in secrets_seen:
        assert secret not in logged

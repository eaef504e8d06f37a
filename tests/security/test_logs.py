"""A full flow with every logger at DEBUG leaves no plan text, code, token, cookie or key in any log line."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from flask import Flask

from harm import create_app
from harm.extensions import db
from tests.conftest import CSRFClient, app_environ, register_with_passkey

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

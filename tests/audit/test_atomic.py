"""An action and its access-log entry commit together or not at all: the log fails, the action does not happen."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import text

from harm.audit import service as audit
from harm.audit.models import AccessLogEntry
from harm.consent.models import Consent
from harm.extensions import db
from harm.families import roles
from harm.vault.models import UseDetail
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, plant_every_category, sign_consent

pytestmark = pytest.mark.db


@contextmanager
def log_refuses(action: str) -> Iterator[None]:
    """A fault in the database itself: inserting an access-log entry for this action fails."""
    if db.engine.dialect.name == "sqlite":
        statements = [f"CREATE TRIGGER refuse_log BEFORE INSERT ON access_log WHEN NEW.action = '{action}' "
                      "BEGIN SELECT RAISE(ABORT, 'the access log is unavailable'); END"]
        undo = ["DROP TRIGGER refuse_log"]
    else:
        statements = [
            "CREATE FUNCTION refuse_log() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.action = '{action}' THEN RAISE EXCEPTION 'the access log is unavailable'; END IF; "
            "RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_log BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_log()",
        ]
        undo = ["DROP TRIGGER refuse_log ON access_log", "DROP FUNCTION refuse_log()"]
    db.session.commit()  # the test's own session holds nothing open while the table changes
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    try:
        yield
    finally:
        db.session.rollback()
        with db.engine.begin() as connection:
            for statement in undo:
                connection.execute(text(statement))


def _entries(chain: str, action: str) -> list[AccessLogEntry]:
    return list(db.session.execute(db.select(AccessLogEntry).where(
        AccessLogEntry.chain == chain, AccessLogEntry.action == action)).scalars())


def test_a_consent_whose_log_entry_fails_does_not_go_into_force(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    fid, form = household.id, consent_form(household)
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    consent_id = parent.post(f"/api/v1/families/{fid}/consents", json=form).get_json()["id"]
    with log_refuses(audit.CONSENT_SIGNED):
        assert sign_consent(parent, authenticator, fid, consent_id).status_code == 500
    consent = db.session.execute(db.select(Consent).where(Consent.public_id == consent_id)).scalar_one()
    assert consent.signed_at is None
    assert _entries(fid, audit.CONSENT_SIGNED) == []
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/api/v1/families/{fid}/use-details").status_code == 404
    assert app.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0

    # With the log back, the same consent signs, and each of its categories is logged under its id.
    assert sign_consent(parent, authenticator, fid, consent_id).status_code == 200
    signed = _entries(fid, audit.CONSENT_SIGNED)
    assert sorted(e.category for e in signed) == sorted(form["categories"])
    assert {e.subject for e in signed} == {consent_id}
    assert caseworker.get(f"/api/v1/families/{fid}/use-details").status_code == 200


def test_a_deletion_whose_log_entry_fails_deletes_nothing(app: Flask, household: Household) -> None:
    fid = household.id
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, fid)
    entry_id = db.session.execute(db.select(UseDetail.public_id).limit(1)).scalar_one()
    with log_refuses(audit.DELETED):
        assert parent.delete(f"/api/v1/families/{fid}/use-details/{entry_id}").status_code == 500
    with log_refuses(audit.USE_DETAILS_DELETED):
        assert parent.post(f"/f/{fid}/use-details/delete-all", data={"confirm": "yes"}).status_code == 500
    assert db.session.execute(db.select(db.func.count()).select_from(UseDetail)).scalar_one() == 7
    assert _entries(fid, audit.DELETED) == [] and _entries(fid, audit.USE_DETAILS_DELETED) == []


def test_a_read_whose_log_entry_fails_shows_nothing(app: Flask, household: Household) -> None:
    fid = household.id
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, fid)
    with log_refuses(audit.VIEWED):
        answer = parent.get(f"/api/v1/families/{fid}/use-details")
        page = parent.get(f"/f/{fid}/use-details")
    assert answer.status_code == 500 and "planted" not in answer.text
    assert page.status_code == 500 and "planted" not in page.text
    assert _entries(fid, audit.VIEWED) == []

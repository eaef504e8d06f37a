"""`flask audit verify` finds a logged action with no entry: a consent signed or revoked, or an export, unlogged."""
from __future__ import annotations

import pytest
from flask import Flask

from harm.audit import completeness
from harm.audit import service as audit
from harm.audit.completeness import Gap, register_completeness_check
from harm.audit.models import AccessLogEntry
from harm.consent.models import Consent
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, give_consent, sign_consent

pytestmark = pytest.mark.db


def verify(app: Flask) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def test_a_consent_signed_outside_the_app_is_reported(app: Flask, household: Household) -> None:
    fid = household.id
    consent = give_consent(household, "active", ["moud"], [roles.CASEWORKER])
    assert consent is not None
    code, output = verify(app)
    assert code == 1
    assert f"MISSING chain {fid}: no consent signed entry for {consent.public_id}" in output


def test_signed_and_revoked_through_the_app_verifies_and_a_hidden_revocation_is_reported(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    fid, form = household.id, consent_form(household)
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    consent_id = parent.post(f"/api/v1/families/{fid}/consents", json=form).get_json()["id"]
    assert sign_consent(parent, authenticator, fid, consent_id).status_code == 200
    assert verify(app) == (0, "All 1 chain(s) check out, and every logged action has its entry.\n")
    revoked = parent.post(f"/api/v1/families/{fid}/consents/{consent_id}/revoke")
    assert revoked.status_code in (200, 204), revoked.text
    assert verify(app)[0] == 0

    # Someone strips the revocation's entries from the end of the chain (the chain itself still links up).
    db.session.execute(db.delete(AccessLogEntry).where(AccessLogEntry.action == audit.CONSENT_REVOKED))
    db.session.commit()
    assert audit.verify_all()[1] == []
    code, output = verify(app)
    assert code == 1 and f"no consent revoked entry for {consent_id}" in output


def test_an_export_with_its_entries_removed_is_reported(app: Flask, household: Household) -> None:
    fid = household.id
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    assert parent.get(f"/api/v1/families/{fid}/export").status_code == 200
    assert verify(app)[0] == 0
    exported = list(db.session.execute(db.select(AccessLogEntry).where(AccessLogEntry.action == audit.EXPORTED))
                    .scalars())
    assert exported and len({e.subject for e in exported}) == 1
    db.session.execute(db.delete(AccessLogEntry).where(AccessLogEntry.action == audit.EXPORTED))
    db.session.commit()
    code, output = verify(app)
    assert code == 1 and f"MISSING chain {fid}: no export entry for {exported[0].subject}" in output


def test_an_entry_written_before_entries_named_their_subject_still_counts(app: Flask, household: Household) -> None:
    consent = give_consent(household, "active", ["moud"], [roles.CASEWORKER])
    assert consent is not None
    consent.signed_at = utcnow()
    audit.record(household.family, actor=household.people[roles.PARENT], actor_role=roles.PARENT,
                 action=audit.CONSENT_SIGNED, category="moud")  # no subject, as before
    db.session.commit()
    assert verify(app)[0] == 0
    assert db.session.get(Consent, consent.id) is not None


def test_a_feature_adds_its_own_completeness_check(app: Flask, household: Household,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(completeness, "CHECKS", dict(completeness.CHECKS))
    register_completeness_check("recovery", lambda: [Gap("recovery", household.id, "a" * 32)])
    code, output = verify(app)
    assert code == 1 and f"MISSING chain {household.id}: no recovery entry for {'a' * 32}" in output

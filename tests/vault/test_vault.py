"""Use details: kept encrypted, refused where they do not belong, never in logs, keys rotate."""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from harm import create_app
from harm.config import ConfigError
from harm.extensions import db
from harm.families import roles
from harm.vault.keys import Vault
from harm.vault.models import UseDetail
from harm.vault.service import export_entries
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.vault.helpers import PLANTED, add_parent_passkey, consent_form, plant_every_category, sign_consent

pytestmark = pytest.mark.db


def test_the_parent_keeps_private_notes_without_any_consent(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    saved = parent.post(f"/f/{household.id}/use-details",
                        data={"category": "return_to_use", "text": "A hard week.", "happened_on": "2026-11-01"})
    assert saved.status_code == 302
    page = parent.get(f"/f/{household.id}/use-details")
    assert "A hard week." in page.text
    assert "42 CFR part 2 prohibits unauthorized use or disclosure of these records." in page.text
    assert page.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("form", "field"), [
    ({"category": "", "text": "x"}, "Please pick what kind of detail this is."),
    ({"category": "favourite_colour", "text": "x"}, "Please pick what kind of detail this is."),
    ({"category": "moud", "text": "   "}, "Please write"),
    ({"category": "moud", "text": "x" * 1001}, "Please write between 1 and 1000 letters."),
    ({"category": "moud", "text": "x", "happened_on": "2999-01-01"}, "The date cannot be in the future."),
    ({"category": "moud", "text": "x", "happened_on": "yesterday"}, "Please give a date like 2027-03-31."),
])
def test_a_bad_entry_is_refused_with_a_clear_message_and_nothing_saved(
        app: Flask, household: Household, form: dict[str, str], field: str) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    page = parent.post(f"/f/{household.id}/use-details", data=form)
    assert page.status_code == 422 and field in page.text, re.findall(r'class="error"[^<]*', page.text)
    api = parent.post(f"/api/v1/families/{household.id}/use-details", json=form)
    assert api.status_code == 422 and api.get_json()["message"] == "Some answers need a fix."
    assert db.session.execute(db.select(UseDetail)).first() is None


def test_the_parent_deletes_one_entry_or_all_of_them(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    entries = parent.get(f"/api/v1/families/{household.id}/use-details").get_json()["entries"]
    one = entries[0]["id"]
    assert parent.delete(f"/api/v1/families/{household.id}/use-details/{one}").status_code == 204
    assert parent.delete(f"/api/v1/families/{household.id}/use-details/{one}").status_code == 404
    assert len(db.session.execute(db.select(UseDetail)).all()) == len(entries) - 1
    unticked = parent.post(f"/f/{household.id}/use-details/delete-all", data={})
    assert unticked.status_code == 302 and db.session.execute(db.select(UseDetail)).first() is not None
    assert parent.post(f"/f/{household.id}/use-details/delete-all", data={"confirm": "yes"}).status_code == 302
    assert db.session.execute(db.select(UseDetail)).first() is None


def test_milestones_and_the_plan_refuse_a_use_details_field(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    milestone = parent.post(f"/api/v1/families/{household.id}/milestones",
                            json={"kind": "lockbox_in_place", "substances": PLANTED})
    assert milestone.status_code == 422
    assert milestone.get_json()["errors"]["json"]["substances"] == ["There is no such field here."]
    section = parent.put(f"/api/v1/families/{household.id}/plan/household",
                         json={"version": 0, "data": {"drug_tests": PLANTED}})
    assert section.status_code == 422
    assert "There is no such field here." in section.text
    assert PLANTED not in parent.get(f"/api/v1/families/{household.id}/plan").text


def _database_bytes(app: Flask) -> bytes:
    url = db.engine.url
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but pg_dump is not installed")
        pytest.skip("pg_dump is not installed")
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return subprocess.run([pg_dump, "--data-only", plain], capture_output=True, check=True, timeout=120).stdout


def test_a_planted_use_detail_is_nowhere_in_the_database_in_clear_text(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    plant_every_category(parent, household.id)
    consent_id = parent.post(f"/api/v1/families/{household.id}/consents", json=consent_form(household)).get_json()["id"]
    sign_consent(parent, authenticator, household.id, consent_id)
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert PLANTED in caseworker.get(f"/f/{household.id}/use-details").text
    dump = _database_bytes(app)
    assert b"Riley Parent" in dump  # the dump really holds the family's rows
    assert PLANTED.encode() not in dump
    assert b"only-for-me-note" not in dump


def test_no_use_detail_code_or_key_in_any_log_line_at_debug(
        app: Flask, household: Household, authenticator: Authenticator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    from harm.accounts.service import issue_signin_code

    code = issue_signin_code(household.people[roles.PARENT])
    parent = app.test_client()
    assert parent.post("/signin/code", data={"code": code}).status_code == 302
    add_parent_passkey(parent, authenticator)
    plant_every_category(parent, household.id)
    consent_id = parent.post(f"/api/v1/families/{household.id}/consents", json=consent_form(household)).get_json()["id"]
    sign_consent(parent, authenticator, household.id, consent_id)
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    caseworker.get(f"/f/{household.id}/use-details")
    caseworker.get(f"/api/v1/families/{household.id}/use-details")
    parent.get(f"/f/{household.id}/your-data/export.json")
    parent.post(f"/f/{household.id}/use-details", data={"category": "moud", "text": PLANTED + "-bad",
                                                        "happened_on": "2999-01-01"})
    parent.post(f"/f/{household.id}/consents/{consent_id}/revoke")
    parent.post(f"/f/{household.id}/use-details/delete-all", data={"confirm": "yes"})
    logged = caplog.text + "".join(repr(r.args) for r in caplog.records)
    assert "consent signed" in logged and "use detail added" in logged  # the flow was logged
    assert PLANTED not in logged and "only-for-me-note" not in logged
    assert code not in logged
    for key in app.extensions["vault"].keys:
        assert key not in logged


def test_rotation_keeps_old_entries_readable_then_moves_them_to_the_new_key(
        app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    settings, old_vault = app.config["SETTINGS"], app.extensions["vault"]
    old_keys = old_vault.keys
    # As in production: the keys come from VAULT_KEYS.
    app.config["SETTINGS"] = replace(settings, vault_keys=",".join(old_keys))
    try:
        printed = app.test_cli_runner().invoke(args=["vault", "rotate-key"])
        assert printed.exit_code == 0, printed.output
        new_value = printed.output.split("VAULT_KEYS=")[-1].strip()
        new_keys = new_value.split(",")
        assert new_keys[1:] == old_keys and len(new_keys) == len(old_keys) + 1
        # The servers restart with the new VAULT_KEYS: what was written under the old key still reads.
        app.extensions["vault"] = Vault(new_keys)
        before = export_entries(household.family)
        assert app.test_cli_runner().invoke(args=["vault", "reencrypt"]).exit_code == 0
    finally:
        app.config["SETTINGS"], app.extensions["vault"] = settings, old_vault
    only_new = Vault(new_keys[:1])
    sealed = [row.sealed for row in db.session.execute(db.select(UseDetail)).scalars()]
    assert sorted(only_new.open(token)["text"] for token in sealed) == sorted(e["text"] for e in before)
    with pytest.raises(RuntimeError):
        Vault(old_keys).open(sealed[0])


def test_rotation_with_the_key_file_re_encrypts_at_once(
        app: Flask, household: Household, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    key_path = tmp_path / "vault_keys"
    monkeypatch.setattr("harm.vault.cli.key_file", lambda _app: key_path)
    old_vault = app.extensions["vault"]
    result = app.test_cli_runner().invoke(args=["vault", "rotate-key"])
    try:
        assert result.exit_code == 0, result.output
        assert key_path.stat().st_mode & 0o077 == 0
        new_keys = key_path.read_text().split(",")
        assert new_keys[1:] == old_vault.keys
        newest = Vault(new_keys[:1])
        for row in db.session.execute(db.select(UseDetail)).scalars():
            assert newest.open(row.sealed)["text"]
    finally:
        app.extensions["vault"] = old_vault


def test_production_refuses_to_start_without_vault_keys(tmp_path: Path) -> None:
    production = {"FAMILY_PLAN_ENV": "production", "SECRET_KEY": "k3Jr9-Qx2mVw7LpZ8tY4nB6cHd1fGs0aE5uRiOy",
                  "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}", "WEBAUTHN_RP_ID": "plan.example.org",
                  "WEBAUTHN_ORIGIN": "https://plan.example.org", "SINGLE_PROCESS": "1"}
    with pytest.raises(ConfigError, match="VAULT_KEYS"):
        create_app(production)
    with pytest.raises(ConfigError, match="VAULT_KEYS"):
        create_app(production | {"VAULT_KEYS": "not-a-key"})
    assert create_app(production | {"VAULT_KEYS": Fernet.generate_key().decode()})

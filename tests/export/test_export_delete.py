"""The parent's export (JSON and printable) and deleting use details or the whole family."""
from __future__ import annotations

import json

import pytest
from flask import Flask
from sqlalchemy import select

from harm.audit import service as audit
from harm.audit.models import AccessLogEntry
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family
from harm.use_details import CATEGORIES
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, plant_every_category, planted, sign_consent

pytestmark = pytest.mark.db
NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."


def _fill_everything(app: Flask, household: Household, authenticator: Authenticator) -> object:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    family_id = household.id
    assert parent.put(f"/api/v1/families/{family_id}/plan/household",
                      json={"version": 0, "data": {"our_words": "Sky walks to school."}}).status_code == 200
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.post(f"/api/v1/families/{family_id}/milestones",
                           json={"kind": "lockbox_in_place", "note": "Lockbox on the top shelf."}).status_code == 201
    invited = parent.post(f"/api/v1/families/{family_id}/invitations", json={"role": "peer", "label": "Pat"})
    assert invited.status_code == 201, invited.text
    plant_every_category(parent, family_id)
    consent_id = parent.post(f"/api/v1/families/{family_id}/consents", json=consent_form(household)).get_json()["id"]
    assert sign_consent(parent, authenticator, family_id, consent_id).status_code == 200
    return parent, invited.get_json()


def test_the_export_holds_everything_the_family_entered(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent, invitation = _fill_everything(app, household, authenticator)
    download = parent.get(f"/f/{household.id}/your-data/export.json")
    assert download.status_code == 200 and download.headers["Cache-Control"] == "no-store"
    assert download.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(download.text)
    assert data["notice"] == NOTICE
    assert data["family"]["name"] == "Test household"
    assert {m["name"] for m in data["memberships"]} == {"Riley Parent", "Quinn Caregiver", "Morgan Caseworker",
                                                        "Avery Peer"}
    household_section = next(s for s in data["plan"] if s["key"] == "household")
    assert household_section["data"]["our_words"] == "Sky walks to school."
    assert household_section["revisions"][0]["data"]["our_words"] == "Sky walks to school."
    assert data["milestones"][0]["note"] == "Lockbox on the top shelf."
    assert data["invitations"][0]["label"] == "Pat"
    assert "code_hash" not in download.text and invitation.get("code", "no code") not in download.text
    assert data["consents"][0]["purpose"] == "To plan treatment with my caseworker."
    assert {e["text"] for e in data["use_details"]} == {planted(c) for c in CATEGORIES} | {"only-for-me-note"}
    assert any(e["action"] == "consent_signed" for e in data["access_log"])
    exported = [e for e in audit.entries_for(household.family) if e.action == "exported"]
    assert {e.category for e in exported} == set(CATEGORIES)
    printable = parent.get(f"/f/{household.id}/your-data/print").text
    assert NOTICE in printable and planted("moud") in printable and "Sky walks to school." in printable
    api = parent.get(f"/api/v1/families/{household.id}/export").get_json()
    assert api["use_details"] and api["notice"] == NOTICE
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/your-data/export.json").status_code == 403
    assert caseworker.get(f"/api/v1/families/{household.id}/export").status_code == 403


def test_deleting_the_family_leaves_no_row_of_it_behind(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    parent, _invitation = _fill_everything(app, household, authenticator)
    family_id, public_id = household.family.id, household.id
    other_id = household.other_family.id
    refused = parent.post(f"/f/{public_id}/delete", data={"family_name": "Wrong name"})
    assert refused.status_code == 422 and "type the family" in refused.text
    deleted = parent.post(f"/f/{public_id}/delete", data={"family_name": "test household"})
    assert deleted.status_code == 302
    db.session.remove()
    for table in db.metadata.sorted_tables:
        if "family_id" in table.columns:
            left = db.session.execute(select(table).where(table.c.family_id == family_id)).all()
            assert left == [], table.name
    assert db.session.get(Family, family_id) is None
    assert db.session.execute(select(db.text("count(*)")).select_from(db.table("section_revision"))).scalar() == 0
    log_rows = list(db.session.execute(select(AccessLogEntry).where(AccessLogEntry.chain == public_id)).scalars())
    assert [(r.action, r.family_id, r.category, r.actor_name) for r in log_rows] == [
        ("family_deleted", None, None, "Riley Parent")]
    assert db.session.get(Family, other_id) is not None
    assert audit.verify_all()[1] == []
    assert parent.get(f"/f/{public_id}").status_code == 404


def test_the_api_deletes_a_family_for_its_parent_only(app: Flask, household: Household) -> None:
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.delete(f"/api/v1/families/{household.id}").status_code == 403
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    assert parent.delete(f"/api/v1/families/{household.id}").status_code == 204
    assert db.session.execute(select(Family).where(Family.public_id == household.id)).first() is None


def test_deleting_use_details_keeps_the_rest_and_logs_it(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    assert parent.post(f"/f/{household.id}/use-details/delete-all", data={"confirm": "yes"}).status_code == 302
    data = parent.get(f"/api/v1/families/{household.id}/export").get_json()
    assert data["use_details"] == [] and data["family"]["name"] == "Test household"
    assert any(e["action"] == "use_details_deleted" for e in data["access_log"])

"""The export holds every row of every table that belongs to a family, and deleting leaves none behind.

Generic on purpose: it walks SQLAlchemy's metadata, so a table added later with a family_id (or hanging off
one that has it) must be filled here and exported, or this test fails.
"""
from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Table, select

from harm.extensions import db, limiter
from harm.families import roles
from tests.agencies.helpers import agency_with
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, plant_every_category, sign_consent

pytestmark = pytest.mark.db

# Columns that are not what anyone entered, each with the reason it stays out of the export.
NOT_EXPORTED = {
    ("invitation", "code_hash"): "a secret: it would let someone join",
    ("share_link", "token_hash"): "a secret: it would open the link",
    ("access_log", "prev_hash"): "the chain link; each entry's own hash is exported",
    ("reminder", "claimed_by"): "the sending worker's lock",
}
SECRETS = {key for key, why in NOT_EXPORTED.items() if why.startswith("a secret")}


def family_tables() -> list[Table]:
    """Tables with a family_id, and the tables that hang off them (a foreign key to one of them)."""
    owned = [t for t in db.metadata.sorted_tables if "family_id" in t.columns or t.name == "family"]
    names = {t.name for t in owned}
    children = [t for t in db.metadata.sorted_tables if t.name not in names and t.name != "account"
                and any(fk.column.table.name in names - {"account"} for fk in t.foreign_keys)]
    return owned + children


def rows_of(table: Table, family_id: int) -> list[dict[str, Any]]:
    if table.name == "family":
        where = table.c.id == family_id
    elif "family_id" in table.columns:
        where = table.c.family_id == family_id
    else:  # a child table: rows whose parent row belongs to the family
        fk = next(fk for fk in table.foreign_keys if "family_id" in fk.column.table.columns)
        parent = fk.column.table
        where = fk.parent.in_(select(fk.column).where(parent.c.family_id == family_id))
    return [dict(r._mapping) for r in db.session.execute(select(table).where(where))]


def texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    return []


def _fill_every_table(app: Flask, household: Household, authenticator: Authenticator) -> FlaskClient:
    fid = household.id
    agency_with(caseworker=household.people[roles.CASEWORKER])
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    peer = sign_in(app.test_client(), household.people[roles.PEER])
    add_parent_passkey(parent, authenticator)
    parent_member = next(m.public_id for m in household.family.memberships if m.role == roles.PARENT)
    answers = [
        parent.put(f"/api/v1/families/{fid}/plan/household", json={"version": 0, "data": {"our_words": "Kite day."}}),
        caseworker.post(f"/api/v1/families/{fid}/milestones", json={"kind": "lockbox_in_place", "note": "Top shelf."}),
        parent.post(f"/api/v1/families/{fid}/invitations", json={"role": "peer", "label": "Pat from group"}),
        peer.post(f"/api/v1/families/{fid}/checkins", json={"how_it_went": "Walked the dog.", "needs": "Bus pass."}),
        parent.post("/api/v1/reminders", json={"kind": "checkin", "family": fid, "title": "Visit with Morgan",
                                               "on_date": "2031-01-06", "at_time": "15:30",
                                               "timezone": "America/Chicago"}),
        caseworker.post(f"/f/{fid}/outcomes", data={"recovery": "yes", "at_home": "yes"}),
        caseworker.post(f"/api/v1/families/{fid}/members/{parent_member}/signin-code"),
        parent.post(f"/f/{fid}/share", data={"parts": ["supports"], "lifetime": "day", "label": "For Grandma Lu"}),
    ]
    assert [a.status_code for a in answers] == [200, 201, 201, 201, 201, 302, 201, 200], [a.text[:200] for a in answers]
    link = re.search(r"/s/[A-Za-z0-9_-]{20,}", answers[-1].text)
    assert link and app.test_client().get(link.group(0)).status_code == 200  # grandma opens it once
    review = caseworker.post(f"/f/{fid}/reviews/new", data={
        "children_safety": "Sky feels safe.", "children_care": "Lunches packed.", "children_working": "School.",
        "children_change": "Bedtime.", "parent_working": "Meetings.", "parent_change": "Sleep.",
        "family_working": "Sunday dinner.", "family_change": "Less yelling.", "next_review_on": "2031-02-01"})
    assert review.status_code == 302, review.text
    assert parent.post(review.location + "/comments", data={"comment": "Thank you, it helped."}).status_code == 302
    assert parent.post(review.location + "/family-part", data={"own_children": "Sky laughs more."}).status_code == 302
    assert parent.post(f"/f/{fid}/outcomes/notes", data={"outcome": "at_home", "note": "Home all year."}).status_code \
        == 302
    referral = caseworker.post(f"/api/v1/families/{fid}/referrals", json={
        "service": "parenting", "provider_name": "Hope Parenting Group", "provider_phone": "555-010-0144",
        "provider_address": "8 Elm Rd", "reason": "Tips for bedtime."}).get_json()["id"]
    assert parent.post(f"/api/v1/families/{fid}/referrals/{referral}/answer", json={"answer": "agree"}).status_code \
        == 200
    assert caseworker.post(f"/api/v1/families/{fid}/referrals/{referral}/stage", json={"stage": "sent"}).status_code \
        == 200
    plant_every_category(parent, fid)
    consent_id = parent.post(f"/api/v1/families/{fid}/consents", json=consent_form(household)).get_json()["id"]
    assert sign_consent(parent, authenticator, fid, consent_id).status_code == 200
    assert parent.get(f"/api/v1/families/{fid}/export").status_code == 200  # an earlier export, on record
    caregiver = next(m.public_id for m in household.family.memberships if m.role == roles.CAREGIVER)
    assert parent.delete(f"/api/v1/families/{fid}/members/{caregiver}").status_code == 204  # kept for an undo
    return parent


def test_every_row_of_every_family_table_is_in_the_export_and_deleting_leaves_none(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    limiter.reset()
    parent = _fill_every_table(app, household, authenticator)
    family_id = household.family.id
    tables = family_tables()
    before = {table.name: rows_of(table, family_id) for table in tables}  # the export's own log entries come after
    export = parent.get(f"/f/{household.id}/your-data/export.json")
    assert export.status_code == 200
    data = json.loads(export.text)
    exported = json.dumps(data, ensure_ascii=False)
    for table in tables:
        rows = before[table.name]
        assert rows, f"{table.name}: this test does not fill it yet; add a row above (and to the export)"
        for row in rows:
            for column, value in row.items():
                key = (table.name, column)
                if column == "public_id" or key in NOT_EXPORTED:
                    if key in SECRETS:
                        assert value not in exported, key
                    continue
                for text in texts(value):
                    assert json.dumps(text, ensure_ascii=False)[1:-1] in exported, f"{table.name}.{column}"
    assert {e["text"] for e in data["use_details"]} >= {"only-for-me-note"}  # the sealed text, opened
    assert data["joint_reviews"][0]["comments"][0]["text"] == "Thank you, it helped."

    assert parent.post(f"/f/{household.id}/delete", data={"family_name": "Test household"}).status_code == 302
    db.session.remove()
    for table in tables:
        assert rows_of(table, family_id) == [], table.name
    limiter.reset()

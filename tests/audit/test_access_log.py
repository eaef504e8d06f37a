"""The access log: every read, export and change; chained by hashes; `flask audit verify`."""
from __future__ import annotations

import pytest
from flask import Flask

from harm.audit import service as audit
from harm.audit.models import AccessLogEntry
from harm.extensions import db
from harm.families import roles
from harm.use_details import CATEGORIES
from tests.conftest import Household, sign_in
from tests.vault.helpers import give_consent, plant_every_category

pytestmark = pytest.mark.db


def _entries(household: Household) -> list[AccessLogEntry]:
    return list(db.session.execute(db.select(AccessLogEntry).where(
        AccessLogEntry.chain == household.id).order_by(AccessLogEntry.seq)).scalars())


def test_the_parent_sees_who_viewed_what_and_when(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, "active", ["moud"], [roles.CASEWORKER])
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 200
    last = _entries(household)[-1]
    assert (last.actor_name, last.actor_role, last.action, last.category) == (
        "Morgan Caseworker", "caseworker", "viewed", "moud")
    page = parent.get(f"/f/{household.id}/access-log").text
    assert "<bdi>Morgan Caseworker</bdi> (Caseworker)" in page and "Medicine for opioid use disorder" in page
    api = parent.get(f"/api/v1/families/{household.id}/access-log").get_json()
    assert api[0]["actor"] == "Morgan Caseworker" and api[0]["action"] == "viewed"
    added = [e for e in _entries(household) if e.action == "added"]
    assert len(added) == len(CATEGORIES) + 1
    # A refused look is not a disclosure, and leaves no trace either.
    before = len(_entries(household))
    peer = sign_in(app.test_client(), household.people[roles.PEER])
    assert peer.get(f"/f/{household.id}/use-details").status_code == 404
    assert len(_entries(household)) == before
    assert caseworker.get(f"/f/{household.id}/access-log").status_code == 403


def test_someone_without_an_account_can_be_logged(app: Flask, household: Household) -> None:
    audit.record(household.family, actor=None, actor_role="someone with a share link", action="opened share link")
    entry = _entries(household)[-1]
    assert entry.actor_id is None and entry.actor_role == "someone with a share link"
    assert audit.verify_all()[1] == []


def test_the_chain_verifies_and_a_tampered_entry_is_found(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    parent.get(f"/f/{household.id}/use-details")
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and "check out" in ok.output
    entries = _entries(household)
    assert all(e.prev_hash == p.entry_hash for p, e in zip(entries, entries[1:], strict=False))
    # Someone edits one entry to hide what was seen.
    db.session.execute(db.update(AccessLogEntry).where(AccessLogEntry.id == entries[3].id).values(category="moud"))
    db.session.commit()
    broken = runner.invoke(args=["audit", "verify"])
    assert broken.exit_code == 1
    assert f"chain {household.id} entry {entries[3].seq}: was changed after it was written" in broken.output


def test_a_removed_entry_is_found(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    entries = _entries(household)
    db.session.execute(db.delete(AccessLogEntry).where(AccessLogEntry.id == entries[2].id))
    db.session.commit()
    checked, problems = audit.verify_all()
    assert checked == 1 and problems
    assert app.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 1


def test_the_log_keeps_entries_at_least_three_years_back(
        app: Flask, household: Household, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    from harm.models_base import utcnow

    long_ago = utcnow() - timedelta(days=3 * 366)
    monkeypatch.setattr(audit, "utcnow", lambda: long_ago)
    audit.record(household.family, actor=household.people[roles.CASEWORKER], actor_role=roles.CASEWORKER,
                 action=audit.VIEWED, category="moud")
    monkeypatch.undo()
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    api = parent.get(f"/api/v1/families/{household.id}/access-log").get_json()
    assert api[-1]["actor"] == "Morgan Caseworker" and api[-1]["at"].startswith(long_ago.date().isoformat())
    page = parent.get(f"/f/{household.id}/access-log").text
    assert "<bdi>Morgan Caseworker</bdi> (Caseworker)" in page
    assert page.count('<li class="log-line') == len(api)  # every entry, none cut
    assert audit.verify_all()[1] == []

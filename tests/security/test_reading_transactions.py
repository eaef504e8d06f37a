"""A save in progress never holds up a reader, nor shows through to one; on SQLite a GET reads without the write lock.

Runs on the session's database: SQLite (WAL) in the first pass of `make test`, PostgreSQL in the second.
"""
from __future__ import annotations

import json
import time
from datetime import date

import pytest
from sqlalchemy import event, text

from harm.db_events import WriteWhileReading, will_write
from harm.extensions import db
from harm.families import roles
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection
from tests.conftest import sign_in


def plan_page(client, family: str):  # type: ignore[no-untyped-def]
    return client.get(f"/f/{family}")


def test_a_reader_is_not_held_up_by_a_save_in_progress_and_does_not_see_it(
        make_client, household) -> None:
    family = household.id
    parent = sign_in(make_client(), household.people[roles.PARENT])
    assert plan_page(parent, family).status_code == 200  # the session's times are written now, not below
    section = db.session.execute(db.select(PlanSection).where(
        PlanSection.family_id == household.family.id, PlanSection.key == "storage")).scalar_one()
    section_id, version = section.id, section.version
    db.session.commit()

    with db.engine.connect() as writer:  # another worker, in the middle of a save
        writer.execute(db.update(PlanSection).where(PlanSection.id == section_id).values(
            data=json.dumps({"location": "a half-done save"}), version=version + 1))
        started = time.monotonic()
        page = plan_page(parent, family)
        waited = time.monotonic() - started
        answer = parent.get(f"/api/v1/families/{family}/plan/storage")
        writer.rollback()

    assert page.status_code == 200 and answer.status_code == 200
    assert answer.get_json()["version"] == version
    assert "a half-done save" not in page.text
    assert waited < 5, f"the page waited {waited:.1f} s for another worker's save"


def test_sqlite_begins_a_get_deferred_and_a_write_immediate(app, make_client, household,
                                                            database_url) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL has no database-wide write lock to take at BEGIN")
    family = household.id
    parent = sign_in(make_client(), household.people[roles.PARENT])
    version = parent.get(f"/api/v1/families/{family}/plan/storage").get_json()["version"]
    plan_page(parent, family)
    begins: list[str] = []

    def note(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if statement.startswith("BEGIN"):
            begins.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        db.session.commit()  # the test's own reads end here, as a server's do with each request
        assert plan_page(parent, family).status_code == 200
        read = list(begins)
        db.session.commit()
        begins.clear()
        answer = parent.put(f"/api/v1/families/{family}/plan/storage",
                            json={"version": version, "data": {"location": "top shelf"}})
        write = list(begins)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert answer.status_code == 200, answer.text
    assert read == ["BEGIN"]
    assert write == ["BEGIN IMMEDIATE"]


def test_a_get_that_writes_without_saying_so_is_stopped_and_one_that_says_so_writes(
        app, household, database_url) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the check is for SQLite's reading transactions")
    family_id = household.family.id
    db.session.commit()
    with app.test_request_context("/", method="GET"):
        db.session.execute(text("SELECT 1"))
        with pytest.raises(WriteWhileReading):
            db.session.execute(db.insert(Milestone).values(family_id=family_id, kind="other", title="unsaid",
                                                           happened_on=date(2026, 1, 5)))
        db.session.rollback()

    with app.test_request_context("/", method="GET"):
        db.session.execute(text("SELECT 1"))
        will_write(db.session)
        db.session.execute(db.insert(Milestone).values(family_id=family_id, kind="other", title="said",
                                                       happened_on=date(2026, 1, 5)))
        db.session.commit()
    titles = db.session.execute(db.select(Milestone.title).where(Milestone.family_id == family_id)).scalars().all()
    assert "said" in titles and "unsaid" not in titles

"""The idle period an agency admin sets (its workers are signed out after it), and an admin's reach."""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update

from harm.accounts.models import AccountSession
from harm.agencies.models import Agency, AgencyWorker
from harm.extensions import db
from harm.models_base import utcnow
from tests.agencies.helpers import agency_with
from tests.conftest import make_account, sign_in

pytestmark = pytest.mark.db


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def idle_for(account_id: int, minutes: int) -> None:
    """As if the account's browsers had not been used for this long."""
    db.session.execute(update(AccountSession).where(AccountSession.account_id == account_id)
                       .values(last_seen_at=utcnow() - timedelta(minutes=minutes)))
    db.session.commit()


def test_admin_sets_the_idle_period_and_a_worker_is_signed_out_after_it(make_client, household):
    caseworker = household.people["caseworker"]
    agency, admin = agency_with(caseworker=caseworker)
    admin_browser = sign_in(make_client(), admin)
    assert "Sign workers out when idle" in admin_browser.get("/agency").text
    assert admin_browser.post("/agency/idle-time", data={"idle_minutes": "15"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).idle_minutes == 15
    assert 'value="15"' in admin_browser.get("/agency").text

    worker = sign_in(make_client(), caseworker)
    idle_for(caseworker.id, 10)
    assert worker.get(f"/f/{household.id}").status_code == 200  # 10 minutes idle: still in
    idle_for(caseworker.id, 16)
    assert worker.get(f"/f/{household.id}").status_code == 302  # 16: signed out
    assert worker.get(f"/api/v1/families/{household.id}").status_code == 401
    assert db.session.query(AccountSession).filter_by(account_id=caseworker.id).count() == 0

    # A parent is in no agency: the server's setting (30 days unless SESSION_IDLE_MINUTES says) still applies.
    parent = sign_in(make_client(), household.people["parent"])
    idle_for(household.people["parent"].id, 16)
    assert parent.get(f"/f/{household.id}").status_code == 200


def test_empty_goes_back_to_the_server_setting(make_client, household):
    caseworker = household.people["caseworker"]
    agency, admin = agency_with(caseworker=caseworker)
    admin_browser = sign_in(make_client(), admin)
    admin_browser.post("/agency/idle-time", data={"idle_minutes": "5"})
    assert admin_browser.post("/agency/idle-time", data={"idle_minutes": " "}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).idle_minutes is None
    worker = sign_in(make_client(), caseworker)
    idle_for(caseworker.id, 60)
    assert worker.get(f"/f/{household.id}").status_code == 200


@pytest.mark.parametrize("typed", ["4", "241", "0", "-5", "ten", "12.5", "99999999999999999999"])
def test_a_bad_idle_period_is_refused_and_changes_nothing(make_client, app, typed):
    agency, admin = agency_with()
    admin_browser = sign_in(make_client(), admin)
    admin_browser.post("/agency/idle-time", data={"idle_minutes": "45"})
    response = admin_browser.post("/agency/idle-time", data={"idle_minutes": typed})
    assert response.status_code == 422
    assert "Please choose between 5 and 240 minutes." in response.text
    assert f'value="{typed}"' in response.text  # what they typed stays in the box
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).idle_minutes == 45


def test_the_refusal_is_translated(make_client, app):
    _agency, admin = agency_with()
    admin_browser = sign_in(make_client(), admin)
    admin_browser.post("/account/language", data={"language": "es"})
    response = admin_browser.post("/agency/idle-time", data={"idle_minutes": "1"})
    assert response.status_code == 422 and 'lang="es"' in response.text


def test_only_the_agency_admin_sets_it(make_client, household):
    caseworker = household.people["caseworker"]
    agency, _admin = agency_with(caseworker=caseworker)
    worker = sign_in(make_client(), caseworker)
    assert worker.post("/agency/idle-time", data={"idle_minutes": "5"}).status_code == 404
    outsider = sign_in(make_client(), make_account("Sam Outside"))
    assert outsider.post("/agency/idle-time", data={"idle_minutes": "5"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).idle_minutes is None


def test_an_admin_cannot_turn_off_another_agencys_worker(make_client, household):
    caseworker = household.people["caseworker"]
    _theirs, _their_admin = agency_with(caseworker=caseworker)
    _mine, my_admin = agency_with("Robin Admin")
    worker_id = db.session.execute(select(AgencyWorker.public_id).where(
        AgencyWorker.account_id == caseworker.id)).scalar_one()
    refused = sign_in(make_client(), my_admin).post(f"/agency/workers/{worker_id}/deactivate")
    assert refused.status_code == 422 and "That worker was not found." in refused.text
    db.session.expire_all()
    assert db.session.execute(select(AgencyWorker.active).where(AgencyWorker.public_id == worker_id)).scalar_one()
    assert sign_in(make_client(), caseworker).get(f"/f/{household.id}").status_code == 200

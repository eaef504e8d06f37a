"""The idle lock: after the chosen time the plan is not readable (page or API) until this account's passkey."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from harm.accounts.models import AccountSession
from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from harm.lock.models import LockSetting
from harm.models_base import utcnow
from tests.authenticator import Authenticator
from tests.conftest import ORIGIN, register_with_passkey, table_counts
from tests.plan_data import NALOXONE_PLACE, fill_plan

pytestmark = pytest.mark.db


def go_idle(minutes: int) -> None:
    """Move this browser's last use back in time, as if the phone sat unused."""
    for row in db.session.execute(select(AccountSession)).scalars():
        row.active_at = utcnow() - timedelta(minutes=minutes)
        row.last_seen_at = utcnow() - timedelta(minutes=minutes)
    db.session.commit()


@pytest.fixture
def parent(client, authenticator: Authenticator):
    assert register_with_passkey(client, authenticator, "Lee").status_code == 200
    session_row = db.session.execute(select(AccountSession)).scalar_one()
    family, _ = start_family(session_row.account, "Lee family", roles.PARENT)
    fill_plan(family)
    client.family_id = family.public_id
    return client


def unlock(client, authenticator: Authenticator, next_path: str = "") -> object:
    options = client.post("/unlock/options").get_json()
    url = "/unlock/verify" + (f"?next={next_path}" if next_path else "")
    return client.post(url, json={"credential": authenticator.get(options)})


def test_the_plan_opens_while_in_use(parent) -> None:
    response = parent.get(f"/f/{parent.family_id}/plan/naloxone")
    assert response.status_code == 200 and NALOXONE_PLACE in response.text


def test_after_the_idle_time_page_and_api_are_locked(parent, authenticator: Authenticator) -> None:
    go_idle(16)
    page = parent.get(f"/f/{parent.family_id}/plan/naloxone")
    assert page.status_code == 302 and page.location.startswith("/unlock?next=")
    api = parent.get(f"/api/v1/families/{parent.family_id}/plan")
    assert api.status_code == 401 and api.get_json()["locked"] is True
    assert NALOXONE_PLACE not in api.text
    lock_screen = parent.get(page.location)
    assert lock_screen.status_code == 200
    assert "The app is locked" in lock_screen.text and "Lee family" not in lock_screen.text
    home = parent.get("/")
    assert home.status_code == 302 and home.location.startswith("/unlock")

    answer = unlock(parent, authenticator, f"/f/{parent.family_id}/plan/naloxone")
    assert answer.status_code == 200 and answer.get_json()["next"] == f"/f/{parent.family_id}/plan/naloxone"
    assert NALOXONE_PLACE in parent.get(f"/f/{parent.family_id}/plan/naloxone").text


def test_emergency_help_stays_open_and_shows_nothing_of_the_plan(parent) -> None:
    assert NALOXONE_PLACE in parent.get("/emergency/3").text
    go_idle(16)
    response = parent.get("/emergency/3")
    assert response.status_code == 200
    assert NALOXONE_PLACE not in response.text and "tel:911" in response.text
    assert parent.get("/help/overdose").status_code == 200


def test_another_accounts_passkey_does_not_unlock(parent, make_client) -> None:
    stranger_key = Authenticator(origin=ORIGIN)
    assert register_with_passkey(make_client(), stranger_key, "Other").status_code == 200
    go_idle(16)
    answer = unlock(parent, stranger_key)
    assert answer.status_code == 401
    assert parent.get(f"/f/{parent.family_id}").status_code == 302


def test_the_parent_chooses_the_time(parent) -> None:
    assert parent.post("/account/lock", data={"minutes": "60"}).status_code == 302
    go_idle(30)
    assert parent.get(f"/f/{parent.family_id}").status_code == 200
    before = table_counts()
    for bad in ("0", "never", "7"):
        response = parent.post("/account/lock", data={"minutes": bad})
        assert response.status_code == 422 and 'class="error"' in response.text
    assert table_counts() == before
    assert db.session.execute(select(LockSetting.minutes)).scalar_one() == 60


def test_the_pages_carry_the_idle_time_for_the_script(parent) -> None:
    page = parent.get(f"/f/{parent.family_id}").text
    assert 'name="lock-after-minutes" content="15"' in page
    assert "js/idle-lock." in page

"""Notifications follow the neutral name chosen on each device, through a push service on 127.0.0.1."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta

import pytest
from flask.testing import FlaskClient

from harm.accounts.models import Account
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from harm.reminders import sender
from harm.reminders.devices import PUSH_DEVICE_COOKIE
from harm.reminders.models import PushSubscription, Reminder
from tests.conftest import Household, sign_in
from tests.reminders.push_service import PushService

pytestmark = pytest.mark.db


@pytest.fixture
def push_service() -> Iterator[PushService]:
    with PushService() as running:
        yield running


def turn_on_push(browser: FlaskClient, push: PushService, name: str) -> str:
    answer = browser.post("/api/v1/push/subscriptions", json=push.device(name).subscription(push.url))
    assert answer.status_code == 201, answer.text
    return str(answer.json["id"])


def due_reminder(account: Account, family_id: int, show_details: bool) -> Reminder:
    reminder = Reminder(account_id=account.id, family_id=family_id, kind="plan_review", title="",
                        on_date=date.today(), at_time=time(9, 0), repeat="none", timezone="UTC",
                        show_details=show_details, paused=False, attempts=0,
                        next_due_at=utcnow() - timedelta(minutes=1))
    db.session.add(reminder)
    db.session.commit()
    return reminder


def stored_names() -> dict[str, str]:
    db.session.expire_all()
    return {s.public_id: s.discreet for s in db.session.execute(db.select(PushSubscription)).scalars()}


def sent_to(push: PushService) -> dict[str, dict[str, str]]:
    return {got.device: got.message for got in push.received}


def test_a_discreet_device_gets_its_neutral_name_and_no_details(make_client, household: Household,
                                                                push_service: PushService) -> None:
    parent = household.people[roles.PARENT]
    plain_phone, notes_phone = sign_in(make_client(), parent), sign_in(make_client(), parent)
    assert notes_phone.post("/device/name", data={"choice": "notes"}).status_code == 302
    turn_on_push(plain_phone, push_service, "plain")
    turn_on_push(notes_phone, push_service, "notes")

    due_reminder(parent, household.family.id, show_details=True)
    sender.send_due()
    got = sent_to(push_service)
    assert got["plain"]["title"] == "Family Plan"
    assert got["plain"]["body"] == "It is time to review your plan."  # details, as the person chose
    assert got["plain"]["icon"] == "/static/icons/discreet/default/icon-192.png"
    assert got["notes"]["title"] == "Notes"
    assert got["notes"]["body"] == "You have a reminder."  # the device's disguise wins over details
    assert got["notes"]["icon"] == "/static/icons/discreet/notes/icon-192.png"
    assert got["notes"]["badge"] == "/static/icons/discreet/notes/icon-192.png"
    for message in got.values():
        assert "Riley" not in str(message) and "Test household" not in str(message)


def test_changing_the_name_on_a_device_changes_its_notifications(make_client, household: Household,
                                                                  push_service: PushService) -> None:
    parent = household.people[roles.PARENT]
    phone, laptop = sign_in(make_client(), parent), sign_in(make_client(), parent)
    phone_id = turn_on_push(phone, push_service, "phone")
    assert phone.get_cookie(PUSH_DEVICE_COOKIE).value == phone_id
    laptop_id = turn_on_push(laptop, push_service, "laptop")

    assert phone.post("/device/name", data={"choice": "calendar"}).status_code == 302
    assert stored_names() == {phone_id: "calendar", laptop_id: "default"}  # only the device where it was chosen

    due_reminder(parent, household.family.id, show_details=False)
    sender.send_due()
    got = sent_to(push_service)
    assert (got["phone"]["title"], got["phone"]["body"]) == ("Calendar", "You have a reminder.")
    assert (got["laptop"]["title"], got["laptop"]["body"]) == ("Family Plan", "You have a reminder.")

    # Back to the app's own name, and a bad choice changes nothing.
    assert phone.post("/device/name", data={"choice": "not-a-name"}).status_code == 422
    assert stored_names()[phone_id] == "calendar"
    assert phone.post("/device/name", data={"choice": "default"}).status_code == 302
    assert stored_names()[phone_id] == "default"

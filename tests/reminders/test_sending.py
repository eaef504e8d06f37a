"""`flask reminders send-due` against a push service on 127.0.0.1: VAPID, encryption, 410, retries, exactly once."""
from __future__ import annotations

import threading
from datetime import date, time, timedelta
from typing import Any

import pytest
from flask import Flask

from harm.accounts.models import Account
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from harm.plans import service as plan_service
from harm.reminders import sender, service
from harm.reminders.keys import current_keys
from harm.reminders.models import PushSubscription, Reminder
from tests.reminders.push_service import PushService

pytestmark = pytest.mark.db


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


@pytest.fixture
def push_service():
    with PushService() as running:
        yield running


def subscribe(account: Account, push: PushService, name: str) -> PushSubscription:
    data = push.device(name).subscription(push.url) | {"device": name}
    return service.subscribe(account, data)


def due_reminder(account: Account, **fields: Any) -> Reminder:
    # Yesterday's: a one-off on today's date at 09:00 is still to come before 09:00 UTC, so it was not "sent".
    values: dict[str, Any] = {"kind": "own", "title": "Take Kit's bag to school",
                              "on_date": date.today() - timedelta(days=1),
                              "at_time": time(9, 0), "repeat": "none", "timezone": "UTC", "show_details": False,
                              "paused": False, "attempts": 0, "next_due_at": utcnow() - timedelta(minutes=1)}
    reminder = Reminder(account_id=account.id, **(values | fields))
    db.session.add(reminder)
    db.session.commit()
    return reminder


def test_send_due_pushes_the_neutral_text_signed_and_encrypted(app, household, push_service, runner):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "phone")
    reminder = due_reminder(parent)
    result = runner.invoke(args=["reminders", "send-due"])
    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output
    [got] = push_service.received
    assert got.vapid_key == current_keys().public_key
    assert got.claims["aud"] == push_service.url and got.claims["sub"].startswith("mailto:")
    assert got.message == {"title": "Family Plan", "body": "You have a reminder.",
                           "url": f"/reminders/{reminder.public_id}", "tag": reminder.public_id,
                           "icon": "/static/icons/discreet/default/icon-192.png",
                           "badge": "/static/icons/discreet/default/icon-192.png"}
    db.session.refresh(reminder)
    assert reminder.next_due_at is None and reminder.last_sent_at is not None and reminder.claimed_by is None
    # Sent once: a second run finds nothing due.
    assert "sent 0" in runner.invoke(args=["reminders", "send-due"]).output
    assert len(push_service.received) == 1


def test_details_only_when_chosen_and_never_a_name(app, household, push_service):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "phone")
    due_reminder(parent, kind="plan_review", family_id=household.family.id, show_details=True)
    due_reminder(parent, kind="checkin", family_id=household.family.id)
    sender.send_due()
    bodies = sorted(r.message["body"] for r in push_service.received)
    assert bodies == ["It is time to review your plan.", "You have a reminder."]
    assert all("Kit" not in body and "Test household" not in body for body in bodies)


def test_a_gone_subscription_is_removed_and_others_still_get_it(app, household, push_service):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "old-phone")
    subscribe(parent, push_service, "new-phone")
    push_service.answers["old-phone"] = 410
    due_reminder(parent)
    report = sender.send_due()
    assert (report.sent, report.removed_subscriptions) == (1, 1)
    assert [r.device for r in push_service.received] == ["new-phone"]
    assert [s.device for s in PushSubscription.query.all()] == ["new-phone"]


def test_a_failing_push_service_is_retried_with_backoff(app, household, push_service):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "phone")
    push_service.answers["phone"] = 503
    reminder = due_reminder(parent, repeat="daily")
    now = utcnow()
    report = sender.send_due(now)
    assert report.retrying == 1
    db.session.refresh(reminder)
    assert reminder.attempts == 1 and reminder.retry_at == now + sender.BACKOFF[0]
    assert sender.send_due(now + timedelta(seconds=30)).retrying == 0  # not yet
    push_service.answers.pop("phone")
    report = sender.send_due(now + sender.BACKOFF[0])
    assert report.sent == 1 and len(push_service.received) == 1
    db.session.refresh(reminder)
    assert reminder.attempts == 0 and reminder.retry_at is None
    assert reminder.next_due_at is not None and reminder.next_due_at > now  # the next day's, at 09:00 UTC
    assert reminder.next_due_at.time() == time(9, 0)


def test_paused_reminders_are_not_sent(app, household, push_service):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "phone")
    due_reminder(parent, paused=True)
    assert sender.send_due().sent == 0 and push_service.received == []


def test_two_senders_at_once_send_each_reminder_exactly_once(app: Flask, household, push_service):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "phone")
    wanted = {due_reminder(parent).public_id for _ in range(12)}
    db.session.remove()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with app.app_context():
                start.wait()
                sender.send_due()
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    tags = [r.message["tag"] for r in push_service.received]
    assert sorted(tags) == sorted(wanted)


def test_naloxone_reminders_follow_the_kit_dates_written_later(app, household, push_service):
    parent = household.people[roles.PARENT]
    subscribe(parent, push_service, "phone")
    reminder = service.create(parent, {"kind": "naloxone_expiry", "family": household.id, "at_time": "00:00",
                                       "timezone": "UTC"})
    assert reminder.next_due_at is None  # no kit dates yet
    expires = date.today() + timedelta(days=8)
    plan_service.save_section(household.family.memberships[0], "naloxone",
                              {"kits": [{"location": "Hall", "expires": expires.isoformat()}]}, 0)
    assert sender.send_due().sent == 0
    db.session.refresh(reminder)
    assert reminder.next_due_at is not None and reminder.next_due_at.date() == date.today() + timedelta(days=1)
    report = sender.send_due(utcnow() + timedelta(days=1, minutes=1))
    assert report.sent == 1  # 7 days before the expiry: tomorrow at midnight
    assert [r.message["body"] for r in push_service.received] == ["You have a reminder."]
    db.session.refresh(reminder)
    assert reminder.next_due_at is None  # the 30-days-before one had passed already

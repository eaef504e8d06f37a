"""Reminders and push subscriptions through HTTP: the happy paths and the bad input."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from harm.families import roles
from harm.reminders.models import PushSubscription, Reminder
from tests.conftest import make_account, sign_in, table_counts
from tests.reminders.fixtures import AUTH, OWN_REMINDER_JSON, P256DH, SUBSCRIPTION_JSON

pytestmark = pytest.mark.db


@pytest.fixture
def parent(client, household):
    return sign_in(client, household.people[roles.PARENT])


def test_a_member_adds_lists_pauses_and_deletes_a_reminder(parent, household):
    made = parent.post("/api/v1/reminders", json=OWN_REMINDER_JSON)
    assert made.status_code == 201, made.text
    reminder = made.get_json()
    assert reminder["next_due_at"].startswith("2031-01-06T15:00:00")
    assert [r["id"] for r in parent.get("/api/v1/reminders").get_json()] == [reminder["id"]]
    paused = parent.patch(f"/api/v1/reminders/{reminder['id']}", json={"paused": True})
    assert paused.get_json()["paused"] is True
    page = parent.get("/reminders")
    assert "Call the clinic" in page.text and "Paused" in page.text
    assert parent.delete(f"/api/v1/reminders/{reminder['id']}").status_code == 204
    assert parent.get("/api/v1/reminders").get_json() == []


def test_a_family_reminder_takes_naloxone_dates_from_the_plan(parent, household):
    expires = (date.today() + timedelta(days=60)).isoformat()
    saved = parent.put(f"/api/v1/families/{household.id}/plan/naloxone",
                       json={"version": 0, "data": {"kits": [{"location": "Kitchen", "expires": expires}]}})
    assert saved.status_code == 200, saved.text
    made = parent.post("/api/v1/reminders", json={"kind": "naloxone_expiry", "family": household.id,
                                                   "at_time": "10:00", "timezone": "America/New_York"})
    assert made.status_code == 201, made.text
    due = date.fromisoformat(made.get_json()["next_due_at"][:10])
    assert due == date.today() + timedelta(days=30)


def test_the_page_form_adds_a_reminder_and_shows_errors(parent, household):
    answer = parent.post("/reminders", data=OWN_REMINDER_JSON | {"quiet_start": "22:00", "quiet_end": "07:00"})
    assert answer.status_code == 302
    reminder = Reminder.query.one()
    assert (reminder.quiet_start.hour, reminder.quiet_end.hour) == (22, 0 + 7)
    bad = parent.post("/reminders", data=OWN_REMINDER_JSON | {"timezone": "Not/AZone", "title": "Second"})
    assert bad.status_code == 422
    assert "We do not know that time zone" in bad.text and 'value="Second"' in bad.text
    assert Reminder.query.count() == 1


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"kind": "dose_time"}, "kind", "Please pick a kind of reminder."),
    ({"timezone": "Mars/Olympus"}, "timezone", "We do not know that time zone."),
    ({"timezone": "../../etc/passwd"}, "timezone", "We do not know that time zone."),
    ({"on_date": "2020-01-01"}, "on_date", "That date and time have already passed."),
    ({"on_date": "tomorrow"}, "on_date", "Please give a date like 2027-03-31."),
    ({"at_time": "25:99"}, "at_time", "Please give a time like 09:00."),
    ({"repeat": "hourly"}, "repeat", "Please pick how often."),
    ({"title": "  "}, "title", "Please say what to remind you about."),
    ({"quiet_start": "22:00"}, "quiet_end", "Please give both ends of the quiet hours, or neither."),
    ({"kind": "plan_review", "family": "0" * 32}, "family", "Please pick one of your family plans."),
    ({"surprise": 1}, "surprise", "There is no such field here."),
])
def test_bad_reminders_get_clear_errors_and_change_nothing(parent, household, change, field, message):
    before = table_counts()
    answer = parent.post("/api/v1/reminders", json=OWN_REMINDER_JSON | change)
    assert answer.status_code == 422, answer.text
    errors = answer.get_json()["errors"]["json"]
    assert any(message in text for text in errors[field]), errors
    assert table_counts() == before


def test_a_reminder_for_another_family_is_refused(parent, household):
    answer = parent.post("/api/v1/reminders", json={"kind": "checkin", "family": household.other_family.public_id,
                                                     "on_date": "2031-01-01", "at_time": "09:00",
                                                     "timezone": "UTC"})
    assert answer.status_code == 422


def test_a_device_turns_push_on_and_off(parent, household, make_client):
    answer = parent.post("/api/v1/push/subscriptions", json=SUBSCRIPTION_JSON | {"device": "Phone"})
    assert answer.status_code == 201, answer.text
    device = answer.get_json()["id"]
    # The same browser again: the subscription is updated, not doubled.
    assert parent.post("/api/v1/push/subscriptions", json=SUBSCRIPTION_JSON).status_code == 201
    assert PushSubscription.query.count() == 1
    other = sign_in(make_client(), household.people[roles.CAREGIVER])
    assert other.delete(f"/api/v1/push/subscriptions/{device}").status_code == 404
    assert parent.delete(f"/api/v1/push/subscriptions/{device}").status_code == 204
    assert PushSubscription.query.count() == 0


def test_turning_push_off_everywhere(parent, household):
    for name in ("a", "b"):
        json = SUBSCRIPTION_JSON | {"endpoint": f"https://push.example.test/{name}"}
        assert parent.post("/api/v1/push/subscriptions", json=json).status_code == 201
    assert parent.post("/push/devices/remove-all").status_code == 302
    assert PushSubscription.query.count() == 0


@pytest.mark.parametrize("body", [
    None,
    {},
    {"endpoint": "https://push.example.test/x"},
    {"endpoint": "ftp://push.example.test/x", "keys": SUBSCRIPTION_JSON["keys"]},
    {"endpoint": "https://push.example.test/x", "keys": {"p256dh": "A" * 87, "auth": AUTH}},
    {"endpoint": "https://push.example.test/x", "keys": {"p256dh": P256DH, "auth": "!" * 22}},
    {"endpoint": "https://push.example.test/x", "keys": "not keys"},
    ["not", "an", "object"],
])
def test_a_malformed_subscription_is_refused(parent, body):
    answer = parent.post("/api/v1/push/subscriptions", json=body)
    assert answer.status_code == 422, answer.text
    assert answer.get_json()["message"] == "Some answers need a fix."
    assert PushSubscription.query.count() == 0


def test_production_takes_only_https_push_addresses(app, parent):
    json = SUBSCRIPTION_JSON | {"endpoint": "http://127.0.0.1:9/push/x"}
    assert parent.post("/api/v1/push/subscriptions", json=json).status_code == 201  # tests may use a local one
    settings = app.config["SETTINGS"]
    from dataclasses import replace

    app.config["SETTINGS"] = replace(settings, env="production", allow_local_push_hosts=False)
    try:
        json = SUBSCRIPTION_JSON | {"endpoint": "http://127.0.0.1:9/push/y"}
        assert parent.post("/api/v1/push/subscriptions", json=json).status_code == 422
    finally:
        app.config["SETTINGS"] = settings


def test_the_reminder_page_shows_only_ones_own(parent, household, make_client):
    made = parent.post("/api/v1/reminders", json=OWN_REMINDER_JSON).get_json()
    assert "Call the clinic" in parent.get(f"/reminders/{made['id']}").text
    stranger = sign_in(make_client(), make_account("Someone Else"))
    assert stranger.get(f"/reminders/{made['id']}").status_code == 404

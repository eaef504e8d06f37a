"""A push service sees only sizes: every message it carries is the same size, whatever it says and in any language."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta

import pytest
from flask import Flask
from flask_babel import force_locale

from harm.accounts.models import Account
from harm.extensions import db
from harm.families import roles
from harm.models_base import utcnow
from harm.reminders import sender
from harm.reminders.kinds import CHECKIN, OWN, PLAN_REVIEW
from harm.reminders.models import Reminder
from tests.conftest import Household, sign_in
from tests.discreet.test_discreet_push import turn_on_push
from tests.reminders.push_service import PushService

pytestmark = pytest.mark.db

# The longest title a person can type (80 letters), in letters of four bytes each: the longest message there is.
LONGEST_TITLE = "\U0001d49c" * 80


@pytest.fixture
def push_service() -> Iterator[PushService]:
    with PushService() as running:
        yield running


def due(account: Account, family_id: int, kind: str, title: str, show_details: bool) -> None:
    db.session.add(Reminder(account_id=account.id, family_id=None if kind == OWN else family_id, kind=kind,
                            title=title, on_date=date.today(), at_time=time(9, 0), repeat="none", timezone="UTC",
                            show_details=show_details, paused=False, attempts=0,
                            next_due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()


def test_every_push_is_one_size_for_discreet_and_detailed_in_every_language(
    app: Flask, make_client, household: Household, push_service: PushService
) -> None:
    parent = household.people[roles.PARENT]
    plain_phone, notes_phone = sign_in(make_client(), parent), sign_in(make_client(), parent)
    assert notes_phone.post("/device/name", data={"choice": "notes"}).status_code == 302
    turn_on_push(plain_phone, push_service, "plain")
    turn_on_push(notes_phone, push_service, "notes")

    for locale in app.config["LOCALES"]:
        with force_locale(locale):
            # Shortest (neutral, or a one-letter title) and longest (a full title; each kind's detailed words).
            due(parent, household.family.id, OWN, LONGEST_TITLE, show_details=True)
            due(parent, household.family.id, OWN, "a", show_details=True)
            due(parent, household.family.id, PLAN_REVIEW, "", show_details=False)
            due(parent, household.family.id, CHECKIN, "", show_details=True)
            due(parent, household.family.id, PLAN_REVIEW, "", show_details=True)
            assert sender.send_due().sent == 5

    got = push_service.received
    assert len(got) == 5 * 2 * len(app.config["LOCALES"])
    bodies = {message.message["body"] for message in got}
    assert {LONGEST_TITLE, "a", "You have a reminder.", "It is time to review your plan."} <= bodies
    assert {message.device for message in got} == {"plain", "notes"}
    # What the push service saw: the encrypted body, one length for every message.
    assert len({message.size for message in got}) == 1, sorted({(m.size, m.device, m.message["body"]) for m in got})
    # What pywebpush was given: the padded text, one fixed size before encryption.
    assert {len(message.plain) for message in got} == {sender.PUSH_PAYLOAD_BYTES}


def test_the_padding_is_only_spaces_after_the_message() -> None:
    icon = "/static/icons/discreet/notes/icon-192.png"
    message = {"title": "Notes", "body": "You have a reminder.", "url": "/reminders/x", "tag": "x", "icon": icon,
               "badge": icon}
    text = sender.padded(message)
    assert len(text.encode()) == sender.PUSH_PAYLOAD_BYTES
    assert text.rstrip(" ") == '{"title":"Notes","body":"You have a reminder.","url":"/reminders/x","tag":"x",' \
        '"icon":"/static/icons/discreet/notes/icon-192.png","badge":"/static/icons/discreet/notes/icon-192.png"}'
    with pytest.raises(ValueError, match="fixed size"):
        sender.padded({**message, "body": "x" * sender.PUSH_PAYLOAD_BYTES})

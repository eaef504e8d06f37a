"""Reminder and push test data shared by the permission table and the reminder tests (all invented)."""
from __future__ import annotations

from datetime import date, time

from harm.accounts.models import Account
from harm.extensions import db
from harm.reminders.models import PushSubscription, Reminder

# A real P-256 point and a 16-byte secret, so the subscription passes validation (no one holds the private key).
P256DH = "BDuSPkgJ-1-jQF5YtrJQw-Z8UTDTBEDCgviHVGhyO14Wein-X6nTrrJ2qCSOVAWPc9QCGPN2L6uKZ0kC4-Ex9zY"
AUTH = "1bAFv9OLknqOzLKHDj3yDg"
SUBSCRIPTION_JSON = {"endpoint": "https://push.example.test/send/abc123", "keys": {"p256dh": P256DH, "auth": AUTH}}
OWN_REMINDER_JSON = {"kind": "own", "title": "Call the clinic", "on_date": "2031-01-06", "at_time": "09:00",
                     "timezone": "America/Chicago"}


def reminder_and_device_of(account: Account) -> dict[str, str]:
    """Give the account a reminder and a push device; their ids for URL templates."""
    reminder = Reminder(account_id=account.id, kind="own", title="Refill the kit", on_date=date(2031, 1, 6),
                        at_time=time(9, 0), repeat="none", timezone="America/Chicago", show_details=False,
                        paused=False, attempts=0)
    device = PushSubscription(account_id=account.id, endpoint="https://push.example.test/send/parent-phone",
                              p256dh=P256DH, auth=AUTH, device="Phone")
    db.session.add_all([reminder, device])
    db.session.commit()
    return {"reminder_id": reminder.public_id, "device_id": device.public_id}

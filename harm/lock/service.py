"""When a session is locked, and what counts as using the app."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from harm.accounts.models import Account, AccountSession
from harm.accounts.service import AccountError, authenticate
from harm.db_events import will_write
from harm.extensions import db
from harm.lock.models import DEFAULT_MINUTES, LockSetting
from harm.models_base import utcnow

log = logging.getLogger(__name__)

# No "never": a phone left open must not show the plan to whoever picks it up.
CHOICES = {
    5: _l("5 minutes"),
    15: _l("15 minutes"),
    30: _l("30 minutes"),
    60: _l("1 hour"),
}
# Quick exit sets the last use this far back: the session is idle, so locked, until the passkey opens it again.
LOCKED_AT = datetime(2000, 1, 1, tzinfo=UTC)
# Writing on every request would turn reads into writes; the lock is counted in minutes.
ACTIVITY_RESOLUTION = timedelta(seconds=30)


def lock_minutes(account: Account) -> int:
    # Asked twice a request (the idle check, then the page's template): look it up once.
    cached = g.get("lock_minutes")
    if cached is not None and cached[0] == account.id:
        return int(cached[1])
    setting = db.session.get(LockSetting, account.id)
    minutes = setting.minutes if setting else DEFAULT_MINUTES
    g.lock_minutes = (account.id, minutes)
    return minutes


def remember_lock_minutes(account_id: int, minutes: int | None) -> None:
    """The setting as the session query read it (harm/accounts/sessions.py): one query fewer a request."""
    g.lock_minutes = (account_id, DEFAULT_MINUTES if minutes is None else minutes)


def set_lock_minutes(account: Account, minutes: Any) -> None:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        value = -1
    if value not in CHOICES:
        raise ValueError(_("Choose one of the times in the list."))
    setting = db.session.get(LockSetting, account.id) or LockSetting(account_id=account.id)
    setting.minutes = value
    db.session.add(setting)
    db.session.commit()
    g.pop("lock_minutes", None)


def is_locked(row: AccountSession) -> bool:
    last = row.active_at or row.last_seen_at
    return utcnow() - last > timedelta(minutes=lock_minutes(row.account))


def mark_active(row: AccountSession) -> None:
    now = utcnow()
    if row.active_at is None or now - row.active_at > ACTIVITY_RESOLUTION:
        will_write(db.session)
        row.active_at = now
        db.session.commit()


def lock_now(row: AccountSession) -> None:
    """Lock this browser's session at once (quick exit): the idle lock, without waiting."""
    will_write(db.session)
    row.active_at = LOCKED_AT
    db.session.commit()
    log.info("session locked by quick exit")


def unlock(row: AccountSession, credential: Any) -> None:
    """Open the app again: only a passkey of the very account this browser is signed in as."""
    passkey = authenticate(credential)
    if passkey.account_id != row.account_id:
        log.info("unlock refused: another account's passkey")
        raise AccountError(_("That passkey is not for the account signed in here."))
    row.active_at = utcnow()
    row.passkey_id = passkey.id
    db.session.commit()
    log.info("session unlocked")

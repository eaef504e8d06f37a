"""Who is signed in: the session row, its account, the agency's idle limit and the lock setting, in one query.

It reads accounts, agencies and lock together, so it sits above all three (the factory hands it to harm.security).
"""
from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import Any

from flask import current_app, g, session
from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import aliased, joinedload

from harm.accounts.models import Account, AccountSession
from harm.accounts.sessions import _hash
from harm.agencies.models import Agency, AgencyWorker
from harm.db_events import will_write
from harm.extensions import db
from harm.lock.models import LockSetting
from harm.lock.service import remember_lock_minutes
from harm.models_base import utcnow

# Writing last_seen_at on every request would turn every read into a write.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def _not_deactivated() -> Any:
    """A worker their agency turned off has no session, old or new."""
    return ~exists().where(AgencyWorker.account_id == AccountSession.account_id, AgencyWorker.active.is_(False))


@cache
def _session_by_token() -> Any:
    """The session row, its account, the account's idle-lock minutes and, for an agency worker, the idle
    minutes their agency chose: one query.

    Built once: every signed-in request runs it, and building a statement costs as much as running it.
    """
    # Aliased, so the deactivation check still looks at every agency_worker row on its own.
    place = aliased(AgencyWorker)
    return (
        select(AccountSession, Agency.idle_minutes, LockSetting.minutes)
        .options(joinedload(AccountSession.account))
        .outerjoin(place, place.account_id == AccountSession.account_id)
        .outerjoin(Agency, Agency.id == place.agency_id)
        .outerjoin(LockSetting, LockSetting.account_id == AccountSession.account_id)
        .where(AccountSession.token_hash == bindparam("token_hash"), _not_deactivated())
    )


def load_current_account() -> Account | None:
    """The account this request is signed in as, or None."""
    token = session.get("sid")
    if not token:
        return None
    found = db.session.execute(_session_by_token(), {"token_hash": _hash(token)}).one_or_none()
    row, agency_minutes, lock_minutes = (None, None, None) if found is None else tuple(found)
    now = utcnow()
    # A browser unused for SESSION_IDLE_MINUTES (or the worker's agency's choice) is signed out.
    idle_limit: timedelta = current_app.permanent_session_lifetime
    if agency_minutes is not None:
        # Only shorter: the cookie itself lives SESSION_IDLE_MINUTES, whatever the agency chose.
        idle_limit = min(idle_limit, timedelta(minutes=agency_minutes))
    if row is not None and now - row.last_seen_at > idle_limit:
        will_write(db.session)
        db.session.delete(row)
        db.session.commit()
        row = None
    if row is None:
        session.pop("sid", None)
        return None
    g.session_row = row  # the idle lock reads and moves this row's active_at
    remember_lock_minutes(row.account_id, lock_minutes)
    if now - row.last_seen_at > min(LAST_SEEN_RESOLUTION, idle_limit / 10):
        will_write(db.session)
        row.last_seen_at = now
        session.modified = True  # slide the cookie's expiry with the row
        db.session.commit()
    return row.account

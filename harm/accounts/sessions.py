"""Signed-in sessions: a random token in the cookie, its hash in the database."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import cache
from typing import Any

from flask import abort, current_app, g, session
from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import aliased, joinedload

from harm.accounts.models import Account, AccountSession, Passkey
from harm.extensions import db
from harm.models_base import random_token, utcnow

# Writing last_seen_at on every request would turn every read into a write.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(account: Account, passkey: Passkey | None = None) -> None:
    """Sign in (with the passkey that proved it, if any): a new session id every time, so a planted cookie
    never becomes signed in."""
    carried = {key: session[key] for key in ("pending_invitation",) if key in session}
    end_session()
    token = random_token()
    row = AccountSession(token_hash=_hash(token), account_id=account.id, passkey_id=passkey.id if passkey else None)
    db.session.add(row)
    db.session.commit()
    session.clear()
    session.update(carried)
    session["sid"] = token
    session.permanent = True
    g.account = account
    g.session_row = row


def end_session() -> None:
    """Sign out this browser."""
    token = session.get("sid")
    if token:
        db.session.execute(
            db.delete(AccountSession).where(AccountSession.token_hash == _hash(token))
        )
        db.session.commit()
    session.clear()
    g.account = None


def end_all_sessions(account: Account) -> None:
    """Sign out every browser of this account."""
    db.session.execute(db.delete(AccountSession).where(AccountSession.account_id == account.id))
    db.session.commit()
    session.clear()


def _not_deactivated() -> Any:
    """A worker their agency turned off has no session, old or new."""
    from harm.agencies.models import AgencyWorker

    return ~exists().where(AgencyWorker.account_id == AccountSession.account_id, AgencyWorker.active.is_(False))


@cache
def _session_by_token() -> Any:
    """The session row, its account, the account's idle-lock minutes and, for an agency worker, the idle
    minutes their agency chose: one query.

    Built once: every signed-in request runs it, and building a statement costs as much as running it.
    """
    from harm.agencies.models import Agency, AgencyWorker
    from harm.lock.models import LockSetting

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
        db.session.delete(row)
        db.session.commit()
        row = None
    if row is None:
        session.pop("sid", None)
        return None
    g.session_row = row  # the idle lock reads and moves this row's active_at
    from harm.lock.service import remember_lock_minutes

    remember_lock_minutes(row.account_id, lock_minutes)
    if now - row.last_seen_at > min(LAST_SEEN_RESOLUTION, idle_limit / 10):
        row.last_seen_at = now
        session.modified = True  # slide the cookie's expiry with the row
        db.session.commit()
    return row.account


def current_account() -> Account | None:
    return g.get("account")


def signed_in_account() -> Account:
    """The account behind a view that needs sign-in (the app-wide check has made sure of one)."""
    account = g.get("account")
    if account is None:
        abort(401)
    return account  # type: ignore[no-any-return]

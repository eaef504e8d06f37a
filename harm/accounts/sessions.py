"""Signed-in sessions: a random token in the cookie, its hash in the database."""
from __future__ import annotations

import hashlib

from flask import abort, g, session

from harm.accounts.models import Account, AccountSession, Passkey
from harm.extensions import db
from harm.models_base import random_token


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


def current_account() -> Account | None:
    return g.get("account")


def signed_in_account() -> Account:
    """The account behind a view that needs sign-in (the app-wide check has made sure of one)."""
    account = g.get("account")
    if account is None:
        abort(401)
    return account  # type: ignore[no-any-return]

"""Remembering a person's language: on the account when signed in, in a cookie always."""
from __future__ import annotations

from flask import current_app
from werkzeug.wrappers import Response

from harm import i18n
from harm.accounts.models import Account
from harm.db_events import will_write
from harm.extensions import db

ONE_YEAR = 365 * 24 * 3600


def chosen_locale(raw: str | None) -> str:
    """The shipped locale asked for; anything unknown or malformed means English."""
    return i18n.normalize(raw) or i18n.DEFAULT


def remember(response: Response, locale: str, account: Account | None) -> None:
    if account is not None:
        will_write(db.session)
        account.language = locale
        db.session.commit()
    response.set_cookie(
        i18n.COOKIE, locale, max_age=ONE_YEAR, httponly=True, samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )

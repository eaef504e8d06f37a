"""The switcher on every page, and the language form on the account page."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _

from harm import i18n
from harm.accounts import service as accounts
from harm.accounts.sessions import signed_in_account
from harm.languages.service import chosen_locale, remember
from harm.redirects import safe_next
from harm.security import public

bp = Blueprint("languages", __name__)


@bp.get("/language")
@public
def switch() -> ResponseReturnValue:
    # A plain link, so the switcher works without JavaScript and on a cached guide page.
    locale = chosen_locale(request.args.get("to"))
    response = redirect(safe_next("/"))
    remember(response, locale, g.account)
    return response


@bp.post("/account/language")
def save_for_account() -> ResponseReturnValue:
    me = signed_in_account()
    raw = request.form.get("language", "")
    locale = i18n.normalize(raw)
    if locale is None:
        message = _("Please choose one of the languages in the list.")
        return render_template(
            "accounts/account.html", me=me, codes_left=accounts.recovery_codes_left(me), language_error=message,
        ), 422
    response = redirect(url_for("accounts.account"))
    remember(response, locale, me)
    with force_locale(locale):
        flash(_("Your language is saved."))
    return response

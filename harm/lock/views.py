"""The lock screen, the passkey unlock, the activity ping and the idle-time setting."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.accounts.service import AccountError, authentication_options
from harm.accounts.sessions import signed_in_account
from harm.errors import api_error
from harm.limits import sign_in_tries
from harm.lock import service
from harm.redirects import safe_next
from harm.security import is_api_request, public

bp = Blueprint("lock", __name__)

# Open while locked: the emergency help and public guides. They then show nothing of anyone's plan.
OPEN_WHILE_LOCKED = {
    "emergency.show_step", "content.overdose_guide", "content.who_can_see", "sharing.shared",
    "discreet.choose", "discreet.save_choice", "accounts.signout", "auth.signout",
}
LOCK_ENDPOINTS = {"lock.unlock_page", "lock.unlock_options", "lock.unlock_verify", "lock.leave_now", "lock.lock_now"}
# Where a request came from, as the browser says (Fetch Metadata). Another site may send someone to /leave; only a
# tap on our own page (or an address typed in) locks, so no other site can lock a person out of their work.
ANOTHER_SITE = {"cross-site", "same-site"}


def _lock_screen() -> Any:
    if is_api_request():
        return api_error(401, _("The app is locked. Open it again with your passkey."), locked=True)
    return redirect(url_for("lock.unlock_page", next=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    @app.before_request
    def enforce_idle_lock() -> Any:
        row = g.get("session_row")
        if row is None or g.get("account") is None or request.endpoint == "static":
            return None
        if request.endpoint in LOCK_ENDPOINTS:
            return None
        if not service.is_locked(row):
            service.mark_active(row)
            return None
        g.locked = True
        if request.endpoint in OPEN_WHILE_LOCKED:
            g.account = None  # these pages then look as they do for anyone signed out
            return None
        return _lock_screen()

    @app.context_processor
    def lock_context() -> dict[str, object]:
        account = g.get("account")
        return {"lock_minutes": service.lock_minutes(account) if account is not None else None}


@bp.get("/unlock")
@public
def unlock_page() -> ResponseReturnValue:
    row = g.get("session_row")
    if row is None or g.get("account") is None:
        return redirect(url_for("accounts.signin", next=safe_next("")))
    if not service.is_locked(row):
        return redirect(safe_next(url_for("content.home")))
    return render_template("lock/unlock.html", next=safe_next(""))


@bp.post("/unlock/options")
@public
@sign_in_tries
def unlock_options() -> ResponseReturnValue:
    if g.get("session_row") is None:
        return api_error(401)
    return authentication_options()


@bp.post("/unlock/verify")
@public
@sign_in_tries
def unlock_verify() -> ResponseReturnValue:
    row = g.get("session_row")
    if row is None:
        return api_error(401)
    try:
        service.unlock(row, (request.get_json(silent=True) or {}).get("credential"))
    except AccountError as error:
        return api_error(401, str(error))
    return {"next": safe_next(url_for("content.home"))}


def _lock_this_browser() -> None:
    row = g.get("session_row")
    if row is not None and g.get("account") is not None:
        service.lock_now(row)


@bp.get("/leave")
@public
def leave_now() -> ResponseReturnValue:
    """Quick exit without JavaScript: lock this browser's session, then go to the neutral site."""
    if request.headers.get("Sec-Fetch-Site") not in ANOTHER_SITE:
        _lock_this_browser()
    return redirect(current_app.config["SETTINGS"].quick_exit_url, code=303)


@bp.post("/lock/now")
@public
def lock_now() -> ResponseReturnValue:
    """Quick exit's beacon from the page (a form post with the page's CSRF token): lock at once."""
    _lock_this_browser()
    return "", 204


@bp.post("/lock/active")
def still_here() -> ResponseReturnValue:
    """The page's script says someone is typing or tapping (the before-request check has counted it)."""
    return "", 204


@bp.get("/account/lock")
def setting() -> ResponseReturnValue:
    account = signed_in_account()
    return render_template("lock/setting.html", choices=service.CHOICES, chosen=service.lock_minutes(account),
                           error=None)


@bp.post("/account/lock")
def save_setting() -> ResponseReturnValue:
    account = signed_in_account()
    try:
        service.set_lock_minutes(account, request.form.get("minutes"))
    except ValueError as error:
        return render_template("lock/setting.html", choices=service.CHOICES, chosen=service.lock_minutes(account),
                               error=str(error)), 422
    flash(_("Saved. The app locks after that much time with no use."))
    return redirect(url_for("lock.setting"))

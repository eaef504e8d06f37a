"""Sign-up, sign-in, codes and the account page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.accounts import recovery, service, time_zone
from harm.accounts.models import Account
from harm.accounts.sessions import current_account, end_all_sessions, end_session, signed_in_account, start_session
from harm.errors import Invalid
from harm.limits import sign_in_tries
from harm.redirects import safe_next
from harm.security import public

bp = Blueprint("accounts", __name__)


def after_sign_in() -> str:
    """Where a person goes once signed in: news of a worker's code first, then a pending invitation."""
    account, row = current_account(), g.get("session_row")
    if account is not None and recovery.should_see_notice(account, row.passkey_id if row else None):
        return url_for("accounts.recovery_notice")
    if session.get("pending_invitation"):
        return url_for("families.accept_pending")
    return safe_next(url_for("content.home"))


def after_sign_up() -> str:
    """A new account: one joining with a code is welcomed first; anyone else starts their plan at once."""
    if session.get("pending_invitation"):
        return url_for("accounts.welcome")
    return url_for("families.new_family", first="1")


def after_code_sign_in(account: Account) -> str:
    """Someone who signed in with a code and has no passkey here is asked to add one."""
    if recovery.hold_of(account) is not None:
        return url_for("accounts.recovery_notice")
    if account.passkeys or session.get("pending_invitation"):
        return after_sign_in()
    flash(_("You are signed in. Now add a passkey, so you can sign in on this phone next time."))
    return url_for("accounts.account")


@bp.get("/signup")
@public
def signup() -> ResponseReturnValue:
    if current_account():
        return redirect(url_for("content.home"))
    return render_template("accounts/signup.html", joining=bool(session.get("pending_invitation")))


@bp.get("/signin")
@public
def signin() -> ResponseReturnValue:
    if current_account():
        return redirect(safe_next(url_for("content.home")))
    return render_template("accounts/signin.html", next=safe_next(""))


@bp.route("/signin/code", methods=["GET", "POST"])
@public
@sign_in_tries
def signin_with_code() -> ResponseReturnValue:
    if request.method == "GET":
        return render_template("accounts/code.html")
    try:
        account = service.redeem_code(request.form.get("code", ""))
    except service.AccountError as error:
        return render_template("accounts/code.html", error=str(error)), 422
    time_zone.from_browser(account, request.form.get("time_zone"))
    start_session(account)
    return redirect(after_code_sign_in(account))


@bp.post("/signout")
def signout() -> ResponseReturnValue:
    end_session()
    flash(_("You are signed out."))
    return redirect(url_for("content.home"))


@bp.post("/signout/everywhere")
def signout_everywhere() -> ResponseReturnValue:
    end_all_sessions(signed_in_account())
    flash(_("You are signed out on every phone and computer."))
    return redirect(url_for("content.home"))


@bp.get("/account")
def account() -> ResponseReturnValue:
    me = signed_in_account()
    return render_template("accounts/account.html", me=me, codes_left=service.recovery_codes_left(me),
                           hold=recovery.hold_of(me), every_zone=request.args.get("zones") == "all")


@bp.get("/welcome")
def welcome() -> ResponseReturnValue:
    return render_template("accounts/welcome.html", next=after_sign_in())


@bp.post("/account/name")
def rename() -> ResponseReturnValue:
    try:
        service.rename_account(signed_in_account(), request.form.get("display_name", ""))
    except service.AccountError as error:
        flash(str(error), "error")
    return redirect(url_for("accounts.account"))


@bp.post("/account/passkeys/<passkey_id>/remove")
def remove_passkey(passkey_id: str) -> ResponseReturnValue:
    try:
        service.remove_passkey(signed_in_account(), passkey_id)
        flash(_("The passkey was removed."))
    except service.AccountError as error:
        flash(str(error), "error")
    return redirect(url_for("accounts.account"))


@bp.get("/account/recovery-codes")
def ask_for_recovery_codes() -> ResponseReturnValue:
    """Asked once the first part of a plan is saved, or opened from My account."""
    return render_template("accounts/recovery_ask.html", next=safe_next(""), saved=request.args.get("saved") == "1")


@bp.post("/account/recovery-codes")
def recovery_codes() -> ResponseReturnValue:
    me = signed_in_account()
    had_codes = service.recovery_codes_left(me) > 0
    try:
        fresh = service.new_recovery_codes(me)
    except service.AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("accounts.account"))
    return render_template("accounts/recovery_codes.html", codes=fresh, next=safe_next(""), had_codes=had_codes)


@bp.get("/account/worker-code")
def recovery_notice() -> ResponseReturnValue:
    me = signed_in_account()
    latest = recovery.unresolved(me)
    if latest is None:
        return redirect(url_for("accounts.account"))
    return render_template("accounts/worker_code.html", recovery=latest, holding=recovery.holds(latest),
                           may_answer=recovery.older_passkey_here(latest, g.get("session_row")))


@bp.post("/account/worker-code/<recovery_id>/<answer>")
def answer_worker_code(recovery_id: str, answer: str) -> ResponseReturnValue:
    """An older passkey says whether the worker's code was used by this person."""
    found = recovery.find(signed_in_account(), recovery_id)
    if found is None or answer not in ("mine", "not-mine"):
        abort(404)
    try:
        if answer == "mine":
            recovery.confirm(found, g.get("session_row"))
            flash(_("Thank you. Everything in your account is open again."))
        else:
            recovery.cancel(found, g.get("session_row"))
            flash(_("Done. The passkeys added with that code were removed, everyone else was signed out, and "
                    "workers can no longer give you sign-in codes. Everything is open again. Make new recovery "
                    "codes now, so you can always get back in."))
    except recovery.RecoveryError as error:
        flash(str(error), "error")
        return redirect(url_for("accounts.recovery_notice"))
    return redirect(url_for("accounts.account"))


@bp.post("/account/worker-codes")
def worker_codes() -> ResponseReturnValue:
    """Turn on or off whether a caseworker may give this person a sign-in code."""
    allowed = request.form.get("allowed", "")
    if allowed not in ("yes", "no"):
        flash(_("Please choose yes or no."), "error")
        return redirect(url_for("accounts.account"))
    try:
        recovery.set_worker_codes_allowed(signed_in_account(), allowed == "yes")
    except recovery.RecoveryError as error:
        flash(str(error), "error")
        return redirect(url_for("accounts.account"))
    flash(_("Saved. A worker can give you a sign-in code if you lose your passkeys.") if allowed == "yes"
          else _("Saved. No worker can give you a sign-in code now."))
    return redirect(url_for("accounts.account"))


@bp.post("/account/time-zone")
def save_time_zone() -> ResponseReturnValue:
    """The person picks their time zone; an unknown one is refused and nothing changes."""
    me = signed_in_account()
    try:
        time_zone.choose(me, request.form.get("time_zone", ""))
    except Invalid as error:
        return render_template("accounts/account.html", me=me, codes_left=service.recovery_codes_left(me),
                               hold=recovery.hold_of(me), time_zone_error=error.messages["time_zone"][0]), 422
    flash(_("Your time zone is saved."))
    return redirect(url_for("accounts.account"))

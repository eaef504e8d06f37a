"""Passkey ceremonies and the signed-in account, as JSON (the page's script uses these)."""
from __future__ import annotations

from typing import Any

from flask import Response, after_this_request, request, url_for
from flask_babel import get_locale
from flask_smorest import Blueprint

from harm.accounts import service, time_zone
from harm.accounts.schemas import AccountOut, CodeIn, CredentialIn, RegisterOptionsIn, SignedIn, TimeZonesOut
from harm.accounts.sessions import current_account, end_session, start_session
from harm.accounts.views import after_code_sign_in, after_sign_in, after_sign_up
from harm.dates import every_place
from harm.errors import api_error
from harm.limits import sign_in_tries
from harm.security import cacheable, public

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Passkeys and sign-in")


def _signed_in(account: Any, next_url: str) -> dict[str, Any]:
    return {"public_id": account.public_id, "display_name": account.display_name, "next": next_url}


@blp.route("/auth/register/options", methods=["POST"])
@blp.arguments(RegisterOptionsIn, required=False)
@blp.response(200, description="Options for navigator.credentials.create()")
@public
def register_options(body: dict[str, Any]) -> Any:
    """Start making a passkey: for a new account, or another passkey for the signed-in one."""
    return service.registration_options(current_account(), body["display_name"])


@blp.route("/auth/register/verify", methods=["POST"])
@blp.arguments(CredentialIn)
@blp.response(200, SignedIn)
@public
@sign_in_tries
def register_verify(body: dict[str, Any]) -> Any:
    """Finish making a passkey; a new account is signed in at once."""
    me = current_account()
    account = service.register_passkey(me, body["credential"], body["passkey_name"])
    time_zone.from_browser(account, body["time_zone"])
    if me is None:
        start_session(account)
        return _signed_in(account, after_sign_up())
    return _signed_in(account, url_for("accounts.account"))


@blp.route("/auth/signin/options", methods=["POST"])
@blp.response(200, description="Options for navigator.credentials.get()")
@public
def signin_options() -> Any:
    """Start signing in with a passkey."""
    return service.authentication_options()


@blp.route("/auth/signin/verify", methods=["POST"])
@blp.arguments(CredentialIn)
@blp.response(200, SignedIn)
@public
@sign_in_tries
def signin_verify(body: dict[str, Any]) -> Any:
    """Finish signing in with a passkey."""
    try:
        passkey = service.authenticate(body["credential"])
    except service.AccountError as error:
        return api_error(401, str(error))
    time_zone.from_browser(passkey.account, body["time_zone"])
    start_session(passkey.account, passkey)
    return _signed_in(passkey.account, after_sign_in())


@blp.route("/auth/code", methods=["POST"])
@blp.arguments(CodeIn)
@blp.response(200, SignedIn)
@public
@sign_in_tries
def signin_code(body: dict[str, Any]) -> Any:
    """Sign in with a one-time or recovery code."""
    try:
        account = service.redeem_code(body["code"])
    except service.AccountError as error:
        return api_error(401, str(error))
    time_zone.from_browser(account, body["time_zone"])
    start_session(account)
    return _signed_in(account, after_code_sign_in(account))


@blp.route("/auth/signout", methods=["POST"])
@blp.response(204)
def signout() -> Any:
    """Sign out this device."""
    end_session()


@blp.route("/me", methods=["GET"])
@blp.response(200, AccountOut)
def me() -> Any:
    """The signed-in account and its passkeys."""
    return current_account()


@blp.route("/time-zones", methods=["GET"])
@blp.response(200, TimeZonesOut)
@public
@cacheable
def time_zones() -> Any:
    """Every place's time zone in the reader's language: the picker on My account loads it only when asked."""
    after_this_request(_conditional)
    return {"zones": [{"name": name, "label": label} for name, label in every_place(str(get_locale()))]}


def _conditional(response: Response) -> Response:
    """The same list again answers 304: the browser keeps it and asks only whether it changed."""
    response.add_etag()
    response.make_conditional(request)
    return response

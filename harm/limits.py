"""Rate limits shared across routes, so guessing through the page and the API counts once."""
from __future__ import annotations

import math
import time
from typing import Any

from flask import Flask, Response, g, make_response, render_template
from flask_babel import ngettext
from flask_limiter import RateLimitExceeded, RequestLimit
from flask_limiter.util import get_remote_address

from harm.errors import api_error, message_for
from harm.extensions import limiter
from harm.security import is_api_request, load_account

TRIES = "10 per minute; 60 per hour"


def failed(response: Response) -> bool:
    """Only failed tries count: workers in one office share an address, and each signs in daily."""
    return response.status_code >= 400


def made(response: Response) -> bool:
    return response.status_code < 400


def signed_in_account_key() -> str:
    """The signed-in account: people behind one address (an office, a phone carrier) each count alone."""
    if "account" not in g:
        # Flask-Limiter's own check may come before the app's sign-in check has looked at the session.
        g.account = load_account()
    account = g.account
    return f"account:{account.public_id}" if account is not None else f"address:{get_remote_address()}"


def export_refused(limit: RequestLimit) -> Response:
    """The 429 for exports: the real wait, in words and in Retry-After."""
    seconds = max(1, math.ceil(limit.reset_at - time.time()))
    minutes = max(1, round(seconds / 60))
    message = ngettext("Too many downloads for now. Please try again in about %(num)d minute.",
                       "Too many downloads for now. Please try again in about %(num)d minutes.", minutes)
    if is_api_request():
        response = make_response(api_error(429, message))
    else:
        response = make_response(render_template("error.html", code=429, message=message), 429)
    response.headers["Retry-After"] = str(seconds)
    return response


def limit_refused(error: RateLimitExceeded) -> Any:
    """A limit that built its own answer (exports) gives it; every other limit, the app's usual 429."""
    if error.response is not None:
        return error.response
    if is_api_request():
        return api_error(429)
    return render_template("error.html", code=429, message=message_for(429)), 429


def init_app(app: Flask) -> None:
    app.register_error_handler(RateLimitExceeded, limit_refused)


# Signing in: passkey answers, one-time codes and recovery codes, on pages and API alike.
sign_in_tries = limiter.shared_limit(TRIES, scope="sign-in", methods=["POST"], deduct_when=failed)
# Joining a family with an invitation code.
join_tries = limiter.shared_limit(TRIES, scope="join", methods=["POST"], deduct_when=failed)
# Making codes (invitations, new sign-in codes) for others.
code_making = limiter.shared_limit("30 per hour", scope="code-making", methods=["POST"])
# Exports of a family's data: only exports made count, each account on its own.
exports = limiter.shared_limit("10 per hour", scope="export", key_func=signed_in_account_key, deduct_when=made,
                               on_breach=export_refused)

"""One JSON error shape for the API, a friendly page for every other error."""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app, jsonify, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError

from harm.security import is_api_request

log = logging.getLogger(__name__)

# Plain words for the statuses a person is likely to meet; others get the general one.
FRIENDLY = {
    400: _l("Something in that request was not right. Please go back and try again."),
    401: _l("Please sign in first."),
    403: _l("Your part in this plan does not let you do that."),
    404: _l("We could not find that page."),
    405: _l("That page cannot be used this way."),
    409: _l("Someone else changed this at the same time."),
    413: _l("That was too much text to save at once. Please make it shorter."),
    429: _l("Too many tries. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. What you saved before is safe."),
}
GENERAL = _l("Something went wrong. Please go back and try again.")


class Refused(Forbidden):
    """The one 403, with words that say why this member may not do this now."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


def message_for(code: int) -> str:
    return str(FRIENDLY.get(code, GENERAL))


def api_error(code: int, message: str | None = None, errors: Any = None, **extra: Any) -> Any:
    """The API's one error shape: code, status, message, errors (and extras such as current)."""
    from werkzeug.http import HTTP_STATUS_CODES

    body = {"code": code, "status": HTTP_STATUS_CODES.get(code, "Error"),
            "message": message or message_for(code), "errors": errors or {}}
    body.update(extra)
    return jsonify(body), code


def handle_http_error(error: HTTPException) -> Any:
    code = error.code or 500
    message = error.message if isinstance(error, Refused) else message_for(code)
    if is_api_request():
        data = getattr(error, "data", None) or {}
        response = api_error(code, message, errors=data.get("messages"))
    else:
        response = render_template("error.html", code=code, message=message), code
    allowed = getattr(error, "valid_methods", None)
    if code == 405 and allowed:
        body, status = response
        return body, status, {"Allow": ", ".join(allowed)}
    return response


def handle_unexpected(error: Exception) -> Any:
    # Only the type in production: a database error's message can carry a user's words.
    log.error("unexpected error: %s", type(error).__name__, exc_info=current_app.testing)
    return handle_http_error(InternalServerError())


def handle_csrf(error: CSRFError) -> Any:
    message = str(_l("This page was open too long. Please go back, reload it and try again."))
    if is_api_request():
        return api_error(400, message)
    return render_template("error.html", code=400, message=message), 400


def init_app(app: Flask) -> None:
    # Registered after flask-smorest's own handler, so this one answers.
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(Exception, handle_unexpected)

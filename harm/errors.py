"""One JSON error shape for the API, a friendly page for every other error."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from harm.extensions import db
from harm.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY, is_api_request

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
SOME_ANSWERS = _l("Some answers need a fix.")


class DomainError(Exception):
    """A request a service cannot do. Raised by services; the handlers registered once in `init_app` make it
    the error page or the API's one error shape. The message, when given, is safe to show."""

    status = 400

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "")
        self.message = message


class NotFound(DomainError):
    """Not there, or not for this person: the same answer either way."""

    status = 404


class NotAllowed(DomainError):
    """This member may not do this (now)."""

    status = 403


class Refused(NotAllowed):
    """The one 403 of the permission table (harm/families/access.py), with words that say why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class Invalid(DomainError):
    """What came in did not pass: one message, and messages by field (as marshmallow nests them)."""

    status = 422

    def __init__(self, message: str | None = None, messages: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.messages = messages or {}


class Conflict(DomainError):
    """Someone changed this first; `current` is the version now stored."""

    status = 409

    def __init__(self, current: Any, message: str | None = None) -> None:
        super().__init__(message)
        self.current = current


def flat_messages(messages: dict[str, Any]) -> dict[str, list[str]]:
    """Each field's messages as a flat list of text, however marshmallow nested them."""

    def flatten(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [m for inner in value.values() for m in flatten(inner)]
        if isinstance(value, list | tuple):
            return [m for inner in value for m in flatten(inner)]
        return [str(value)]

    return {str(key): list(dict.fromkeys(flatten(value))) for key, value in messages.items()}


def message_for(code: int) -> str:
    return str(FRIENDLY.get(code, GENERAL))


def api_error(code: int, message: str | None = None, errors: Any = None, **extra: Any) -> Any:
    """The API's one error shape: code, status, message, errors (and extras such as current)."""
    body = {"code": code, "status": HTTP_STATUS_CODES.get(code, "Error"),
            "message": message or message_for(code), "errors": errors or {}}
    body.update(extra)
    return jsonify(body), code


def error_page(code: int, message: str) -> Any:
    """The app's own error page; a plain page if that page itself cannot be drawn."""
    # A member refused something in their own family goes back to its plan, not to the start.
    membership = g.get("membership") if code == 403 else None
    try:
        return render_template("error.html", code=code, message=message,
                               back_to_family=membership.family.public_id if membership else None), code, {}
    except Exception as error:  # noqa: BLE001 - the error page must never be the error
        log.error("error page failed: %s", type(error).__name__)
        return last_resort_body(code, message, api=False), code, {"Content-Type": "text/html; charset=utf-8"}


def handle_http_error(error: HTTPException) -> Any:
    code = error.code or 500
    message = message_for(code)
    allowed = getattr(error, "valid_methods", None)
    extra = {"Allow": ", ".join(allowed)} if code == 405 and allowed else {}
    if is_api_request():
        data = getattr(error, "data", None) or {}
        body, status = api_error(code, message, errors=data.get("messages"))
        return body, status, extra
    body, status, headers = error_page(code, message)
    return body, status, {**headers, **extra}


def handle_domain_error(error: DomainError) -> Any:
    fields = error.messages if isinstance(error, Invalid) else {}
    message = error.message or str(SOME_ANSWERS if fields else message_for(error.status))
    if is_api_request():
        return api_error(error.status, message, errors={"json": fields} if fields else {})
    return error_page(error.status, message)


def handle_unexpected(error: Exception) -> Any:
    # Only the type: a database error's message (or a traceback's locals) can carry a user's words.
    log.error("unexpected error: %s", type(error).__name__)
    try:
        db.session.rollback()  # a failed transaction would fail the error page's own queries too
    except Exception as rollback_error:  # noqa: BLE001 - the database may be what failed
        log.error("rollback failed: %s", type(rollback_error).__name__)
    return handle_http_error(InternalServerError())


def handle_csrf(error: CSRFError) -> Any:
    message = str(_l("This page was open too long. Please go back, reload it and try again."))
    if is_api_request():
        return api_error(400, message)
    return error_page(400, message)


# ---- the last resort: when even the error handlers fail -------------------------------------------

LAST_RESORT_MESSAGE = "Something went wrong on our side. What you saved before is safe."
SECURITY_HEADERS = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]


def last_resort_body(code: int, message: str, api: bool) -> bytes:
    """A self-contained error answer: no template, no database, no request context needed."""
    if api:
        body = {"code": code, "status": HTTP_STATUS_CODES.get(code, "Error"), "message": message, "errors": {}}
        return json.dumps(body).encode()
    text = message.replace("&", "&amp;").replace("<", "&lt;")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sorry</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f'<body><h1>Sorry</h1><p>{text}</p><p><a href="/">Go to the start page</a></p></body></html>').encode()


class LastResort:
    """Wraps the WSGI app: an exception that escapes Flask becomes a minimal 500; every 5xx has the security headers."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def start_with_headers(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            # A failed after-request step leaves an error answer without its headers: add the missing ones.
            if status.startswith("5"):
                present = {name.lower() for name, _value in headers}
                headers = [*headers, *((name, value) for name, value in SECURITY_HEADERS
                                       if name.lower() not in present)]
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, start_with_headers)
        except Exception as error:  # noqa: BLE001 - the server would otherwise write a bare page and a traceback
            log.error("error handling failed: %s", type(error).__name__)
            api = str(environ.get("PATH_INFO", "")).startswith("/api/")
            body = last_resort_body(500, LAST_RESORT_MESSAGE, api)
            kind = "application/json" if api else "text/html; charset=utf-8"
            headers = [("Content-Type", kind), ("Content-Length", str(len(body))), *SECURITY_HEADERS]
            # Flask calls start_response only once its answer is whole, so nothing has been started yet.
            start_response("500 INTERNAL SERVER ERROR", headers)
            return [body]


class TypeOnly(logging.Filter):
    """Flask's own error logs (a failed request, a failed teardown) keep the exception's type, never its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            # The message itself may name the path (a share token), so only where and what.
            record.msg, record.args = "error in %s: %s", (record.funcName, record.exc_info[0].__name__)
            record.exc_info = None
            record.exc_text = None
        return True


def log_exception_type(exc_info: Any) -> None:
    """Replaces Flask's log_exception, which writes the request path (a share token) and the full traceback."""
    kind = exc_info[0].__name__ if exc_info and exc_info[0] is not None else "unknown"
    log.error("unhandled error on %s: %s", request.method, kind)


def guard(app: Flask) -> None:
    """Called last in the factory, so the wrapper is the outermost layer."""
    app.wsgi_app = LastResort(app.wsgi_app)  # type: ignore[method-assign]


def init_app(app: Flask) -> None:
    app.log_exception = log_exception_type  # type: ignore[method-assign]
    app.logger.addFilter(TypeOnly())
    # Registered after flask-smorest's own handler, so this one answers.
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(Exception, handle_unexpected)

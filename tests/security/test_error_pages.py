"""A 500 that still happens is the app's own answer with every security header, and the log holds only its type.

The app here runs as in production (not testing, so nothing propagates); routes that fail on purpose are
added to this test's own app only, and the error page itself is broken to reach the last resort.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from flask import Flask
from jinja2 import ChoiceLoader, DictLoader
from werkzeug.test import EnvironBuilder

from harm import create_app
from harm.extensions import db
from harm.security import public
from tests.conftest import CSRFClient, app_environ

SECRET = "Riley-uses-fentanyl-on-fridays"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def fail() -> None:
    raise RuntimeError(SECRET)


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(app_environ(database_url))
    app.testing = False  # as in production: an exception is answered, never raised to the caller
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.test_client_class = CSRFClient
    app.add_url_rule("/test-only/fail", "fail_page", public(fail))
    app.add_url_rule("/api/v1/test-only/fail", "fail_api", public(fail))

    @app.after_request
    def broken_after(response):  # type: ignore[no-untyped-def]
        if "after" in (app.config.get("BREAK") or ""):
            raise RuntimeError(SECRET)
        return response

    def broken_handler(error):  # type: ignore[no-untyped-def]
        raise RuntimeError(SECRET)

    app.config["BROKEN_HANDLER"] = broken_handler
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def break_error_page(app: Flask) -> None:
    broken = DictLoader({"error.html": "{% extends 'base.html' %}{% block main %}{{ 1 // 0 }}{% endblock %}"})
    app.jinja_env.loader = ChoiceLoader([broken, app.jinja_env.loader])  # type: ignore[list-item]


def has_security_headers(response) -> None:  # type: ignore[no-untyped-def]
    for name, part in HEADERS.items():
        assert part in response.headers.get(name, ""), name


def log_holds_only_types(caplog: pytest.LogCaptureFixture) -> None:
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in text or "ZeroDivisionError" in text
    assert SECRET not in text and "test-only" not in text
    assert not any(record.exc_info or record.exc_text for record in caplog.records)
    assert "Traceback" not in caplog.text and SECRET not in caplog.text


def test_a_failing_page_gets_the_apps_own_page(app, caplog) -> None:
    with caplog.at_level(logging.INFO):
        answer = app.test_client().get("/test-only/fail")
    assert answer.status_code == 500 and answer.mimetype == "text/html"
    assert "Something went wrong on our side" in answer.text and "<main" in answer.text  # the full page
    has_security_headers(answer)
    log_holds_only_types(caplog)


@pytest.mark.parametrize("path", ["/test-only/fail", "/no-such-page"])
def test_when_the_error_page_itself_fails_a_plain_page_answers(app, caplog, path: str) -> None:
    break_error_page(app)
    with caplog.at_level(logging.INFO):
        answer = app.test_client().get(path)
    assert answer.status_code in (404, 500) and answer.mimetype == "text/html"
    assert "Sorry" in answer.text and SECRET not in answer.text
    has_security_headers(answer)
    log_holds_only_types(caplog)


def test_a_failing_api_route_answers_the_one_json_shape(app, caplog) -> None:
    break_error_page(app)
    with caplog.at_level(logging.INFO):
        answer = app.test_client().get("/api/v1/test-only/fail")
    assert answer.status_code == 500 and answer.mimetype == "application/json"
    assert set(answer.get_json()) == {"code", "status", "message", "errors"}
    has_security_headers(answer)
    log_holds_only_types(caplog)


@pytest.mark.parametrize(("path", "kind"), [("/test-only/fail", "text/html"), ("/api/v1/test-only/fail",
                                                                               "application/json")])
def test_when_everything_fails_the_last_resort_answers_with_the_headers(app, caplog, path: str, kind: str) -> None:
    """The after-request step and the 500 handler fail too: Flask has no answer, so the WSGI wrapper writes one."""
    break_error_page(app)
    app.config["BREAK"] = "after"
    app.register_error_handler(500, app.config["BROKEN_HANDLER"])
    with caplog.at_level(logging.INFO):
        answer = app.test_client().get(path)
    assert answer.status_code == 500 and answer.mimetype == kind
    assert b"Something went wrong on our side" in answer.data
    has_security_headers(answer)
    log_holds_only_types(caplog)


def test_a_wsgi_server_never_sees_an_exception(app) -> None:
    """What gunicorn or Werkzeug would get: a finished answer, not an exception to print with its traceback."""
    break_error_page(app)
    app.config["BREAK"] = "after"
    app.register_error_handler(500, app.config["BROKEN_HANDLER"])
    seen: list[str] = []
    environ = EnvironBuilder(path="/test-only/fail").get_environ()
    body = b"".join(app(environ, lambda status, headers, exc_info=None: seen.append(status)))
    assert seen[-1].startswith("500") and b"Sorry" in body

"""The CSRF token in every page, signed once a session token instead of once a page.

Flask-WTF signs the session's token, with a timestamp, for every page. With no time limit
(`WTF_CSRF_TIME_LIMIT = None`, harm/config.py) the timestamp is never checked, so one signature
serves the token for as long as the session keeps it. Signing was a fifth of the plan page's
template time.
"""
from __future__ import annotations

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

from harm.bounded_cache import BoundedCache

MAX_TOKENS = 4096
FIELD = "csrf_token"


def csrf_token() -> str:
    config = current_app.config
    if config.get("WTF_CSRF_TIME_LIMIT") is not None or config.get("WTF_CSRF_FIELD_NAME", FIELD) != FIELD:
        return str(generate_csrf())
    if FIELD in g:
        return str(g.get(FIELD))
    tokens: BoundedCache[str] = current_app.extensions["signed_csrf_tokens"]
    secret = config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    raw = session.get(FIELD)
    signed = tokens.get((secret, raw)) if isinstance(raw, str) else None
    if signed is None:
        signed = str(generate_csrf())  # makes the session's token if it has none
        tokens.put((secret, session[FIELD]), signed)
    else:
        setattr(g, FIELD, signed)  # as generate_csrf leaves it, for the rest of the request
    return signed


def init_app(app: Flask) -> None:
    app.extensions["signed_csrf_tokens"] = BoundedCache[str](MAX_TOKENS)
    # Replaces Flask-WTF's generate_csrf in templates (it sets both; a later context processor wins).
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
    # `g` outlives one request when an app context is already pushed (tests, CLI): a request after a
    # sign-out, or another browser's, would otherwise get the token Flask-WTF left there.
    app.before_request(forget_last_requests_token)


def forget_last_requests_token() -> None:
    g.pop(FIELD, None)

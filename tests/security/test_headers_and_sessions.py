"""Headers on every kind of answer, session cookies, the idle limit, secrets and the export limit."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from harm import create_app
from harm.accounts.models import AccountSession
from harm.config import ConfigError, Settings
from harm.extensions import db, limiter
from harm.limits import exports
from harm.models_base import utcnow
from harm.security import public
from tests.conftest import CSRFClient, app_environ, make_account, sign_in

PRODUCTION = {"FAMILY_PLAN_ENV": "production", "WEBAUTHN_RP_ID": "localhost", "SINGLE_PROCESS": "1",
              "WEBAUTHN_ORIGIN": "https://localhost", "SECRET_KEY": "k3Vq9-xZp2Lw7_TbN4mRc8Yh1JdGs6Fe",
              "VAULT_KEYS": Fernet.generate_key().decode()}


@pytest.fixture
def new_app() -> Iterator[Callable[[dict[str, str]], Flask]]:
    """Apps with other settings; their database connections are closed afterwards."""
    made: list[Flask] = []

    def make(environ: dict[str, str]) -> Flask:
        made.append(create_app(environ))
        made[-1].test_client_class = CSRFClient
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def urls(household_id: str) -> list[str]:
    """A page, a plan page, an API answer, a static file, an error page and an API error."""
    return ["/", f"/f/{household_id}", f"/api/v1/families/{household_id}/plan", "/static/css/app.css",
            "/no-such-page", "/api/v1/no-such-thing"]


def test_every_kind_of_answer_carries_the_strict_headers(client, household):
    sign_in(client, household.people["parent"])
    for url in urls(household.id):
        answer = client.get(url)
        answer.close()
        headers = answer.headers
        csp = headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                          "worker-src 'self'", "manifest-src 'self'", "object-src 'none'"):
            assert directive in csp, (url, directive)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert headers["Referrer-Policy"] == "no-referrer", url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]


def test_plan_pages_and_api_answers_are_never_stored(client, household):
    sign_in(client, household.people["parent"])
    for url in urls(household.id)[:3] + [f"/api/v1/families/{household.id}/plan/goals/revisions", "/api/v1/me"]:
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_hsts_behind_a_trusted_proxy_that_terminated_tls(database_url, new_app):
    app = new_app(app_environ(database_url) | {"TRUSTED_PROXIES": "1"})
    answer = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in answer.headers
    untrusted = new_app(app_environ(database_url)).test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in untrusted.headers


def test_production_session_cookie_is_secure_httponly_and_samesite(database_url, new_app):
    client = new_app(PRODUCTION | {"DATABASE_URL": database_url}).test_client()
    page = client.get("/signin/code", base_url="https://localhost")  # the form's CSRF token starts a session
    assert page.status_code == 200
    cookie = client.get_cookie("fp_session", domain="localhost")
    assert cookie is not None and cookie.secure and cookie.http_only and cookie.same_site == "Lax"


def test_cookies_may_be_plain_http_only_in_local_development(tmp_path):
    local = Settings.from_env(tmp_path, {"WEBAUTHN_ORIGIN": "http://localhost:5000"})
    assert local.flask_config()["SESSION_COOKIE_SECURE"] is False
    production_over_http = Settings.from_env(
        tmp_path, PRODUCTION | {"DATABASE_URL": "sqlite://", "WEBAUTHN_ORIGIN": "http://plan.example.org"})
    assert production_over_http.flask_config()["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("secret", ["", "short", "a" * 64, "ab" * 40, "0123456789" * 4])
def test_production_refuses_a_missing_or_weak_secret(tmp_path, secret):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Settings.from_env(tmp_path, PRODUCTION | {"DATABASE_URL": "sqlite://", "SECRET_KEY": secret})


def test_production_refuses_to_create_the_app_with_a_weak_secret(database_url):
    with pytest.raises(ConfigError):
        create_app(PRODUCTION | {"DATABASE_URL": database_url, "SECRET_KEY": "x" * 48})


@pytest.fixture
def idle_app(database_url: str, new_app: Callable[[dict[str, str]], Flask]) -> Flask:
    return new_app(app_environ(database_url) | {"SESSION_IDLE_MINUTES": "15"})


def _last_seen(minutes_ago: int) -> None:
    row = db.session.execute(db.select(AccountSession)).scalar_one()
    row.last_seen_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.commit()


def test_the_agency_sets_the_idle_period(app, idle_app):
    client = idle_app.test_client()
    with idle_app.app_context():
        sign_in(client, make_account())
        _last_seen(10)
        assert client.get("/api/v1/me").status_code == 200
        _last_seen(16)
        assert client.get("/api/v1/me").status_code == 401
        db.session.remove()
    assert db.session.execute(db.select(AccountSession)).first() is None


def test_the_idle_period_is_also_the_cookie_lifetime(idle_app):
    assert idle_app.permanent_session_lifetime == timedelta(minutes=15)


@pytest.mark.parametrize("value", ["0", "-5", "soon", "1.5"])
def test_a_bad_idle_period_is_refused(tmp_path, value):
    with pytest.raises(ConfigError, match="SESSION_IDLE_MINUTES"):
        Settings.from_env(tmp_path, {"SESSION_IDLE_MINUTES": value})


def test_exports_share_one_rate_limit(app, household):
    """The family export and report export views use harm.limits.exports; here two stand-ins share it."""

    @exports
    def export_page() -> str:
        return "exported"

    @exports
    def export_api() -> str:
        return "exported"

    app.add_url_rule("/test-export", view_func=public(export_page))
    app.add_url_rule("/api/v1/test-export", view_func=public(export_api))
    limiter.reset()
    client = app.test_client()
    answers = [client.get("/test-export" if i % 2 else "/api/v1/test-export").status_code for i in range(10)]
    assert answers == [200] * 10
    assert client.get("/test-export").status_code == 429
    refused = client.get("/api/v1/test-export")
    assert refused.status_code == 429 and refused.get_json()["code"] == 429

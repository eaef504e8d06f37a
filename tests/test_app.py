"""App-wide behaviour: errors, headers, CSRF, configuration, migrations, logs, the demo command."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import abort
from flask.testing import FlaskClient
from werkzeug.exceptions import default_exceptions

from harm import create_app
from harm.config import ConfigError, Settings
from harm.extensions import db
from harm.families.models import Family
from harm.plans.models import PlanSection
from harm.schema_migrations import enable_migrations
from tests.conftest import app_environ, make_account, sign_in

ROOT = Path(__file__).resolve().parent.parent
STRONG = "k3Vq9-xZp2Lw7_TbN4mRc8Yh1JdGs6Fe"


@pytest.fixture
def failing_app(app):
    """The app with routes that fail in every way a request can."""
    from harm.security import public

    @public
    def fail(code: int):  # type: ignore[no-untyped-def]
        abort(code)

    @public
    def crash():  # type: ignore[no-untyped-def]
        raise RuntimeError("secret words from a user")

    app.add_url_rule("/test-fail/<int:code>", view_func=fail)
    app.add_url_rule("/api/v1/test-fail/<int:code>", endpoint="api_fail", view_func=fail)
    app.add_url_rule("/test-crash", view_func=crash)
    return app


@pytest.mark.parametrize("code", sorted(c for c in default_exceptions if c >= 400))
def test_every_error_status_has_a_friendly_page_and_json_shape(failing_app, code):
    client = failing_app.test_client()
    page = client.get(f"/test-fail/{code}")
    assert page.status_code == code
    assert page.mimetype == "text/html" and "<h1>Sorry</h1>" in page.text
    assert f"Error code: {code}" in page.text
    api = client.get(f"/api/v1/test-fail/{code}")
    assert api.status_code == code
    body = api.get_json()
    assert set(body) >= {"code", "status", "message", "errors"} and body["code"] == code


def test_an_unexpected_error_shows_a_kind_page_and_hides_the_details(failing_app):
    response = failing_app.test_client().get("/test-crash")
    assert response.status_code == 500
    assert "What you saved before is safe." in response.text
    assert "secret words" not in response.text


def test_405_says_which_methods_are_allowed(client):
    response = client.delete("/api/v1/families")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_security_headers_on_every_page(client, household):
    sign_in(client, household.people["parent"])
    for url in ("/", f"/f/{household.id}", f"/api/v1/families/{household.id}/plan", "/nope"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "no-store"


def test_session_cookie_is_httponly_and_samesite(client):
    sign_in(client, make_account())
    cookie = client.get_cookie("fp_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_pages_have_no_inline_script_and_load_nothing_from_other_hosts(client, household):
    sign_in(client, household.people["parent"])
    for url in ("/", "/signin", "/signup", f"/f/{household.id}", f"/f/{household.id}/plan/household"):
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        # The quick exit is a link away to another site, not something the page loads.
        loads = re.sub(r'<a class="quick-exit"[^>]*>', "", html)
        assert not re.search(r"""(src|href)=["']https?://""", loads), url
        assert " style=" not in html and "<style" not in html


def test_forms_and_api_without_csrf_token_are_refused(app):
    raw = FlaskClient(app, app.response_class, use_cookies=True)
    response = raw.post("/signin/code", data={"code": "AAAAA-BBBBB"})
    assert response.status_code == 400
    assert "This page was open too long" in response.text
    assert raw.post("/api/v1/auth/signin/options").get_json()["code"] == 400


def test_csrf_is_checked_for_a_signed_in_session(app, household):
    client = sign_in(app.test_client(), household.people["parent"])
    cookie = client.get_cookie("fp_session")
    raw = FlaskClient(app, app.response_class, use_cookies=True)
    raw.set_cookie("fp_session", cookie.value)
    assert raw.get(f"/f/{household.id}").status_code == 200
    response = raw.put(f"/api/v1/families/{household.id}/plan/goals", json={"version": 0, "data": {}})
    assert response.status_code == 400
    refused = raw.post(f"/f/{household.id}/plan/goals", data={"version": "0", "goals-0-goal": "forged"})
    assert refused.status_code == 400
    goals = db.session.execute(db.select(PlanSection).where(PlanSection.key == "goals",
                                                             PlanSection.family_id == household.family.id))
    assert goals.scalar_one().version == 0


def test_production_refuses_to_start_without_real_secrets(tmp_path):
    base = {"FAMILY_PLAN_ENV": "production", "DATABASE_URL": "postgresql+psycopg://x@127.0.0.1/x",
            "WEBAUTHN_RP_ID": "plan.example.org", "WEBAUTHN_ORIGIN": "https://plan.example.org", "SINGLE_PROCESS": "1"}
    for secret in ("", "dev", "short-secret"):
        with pytest.raises(ConfigError, match="SECRET_KEY"):
            Settings.from_env(tmp_path, base | {"SECRET_KEY": secret})
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        Settings.from_env(tmp_path, {k: v for k, v in base.items() if k != "DATABASE_URL"} | {"SECRET_KEY": STRONG})
    settings = Settings.from_env(tmp_path, base | {"SECRET_KEY": STRONG})
    assert settings.flask_config()["SESSION_COOKIE_SECURE"] is True
    assert not (tmp_path / "secret_key").exists()


def test_development_generates_and_keeps_its_secret_in_instance(tmp_path):
    first = Settings.from_env(tmp_path, {})
    second = Settings.from_env(tmp_path, {})
    assert len(first.secret_key) >= 40 and first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first.database_url == f"sqlite:///{tmp_path / 'family_plan.sqlite'}"


def test_unknown_environment_name_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        Settings.from_env(tmp_path, {"FAMILY_PLAN_ENV": "prod"})


def test_migrations_at_head_match_the_models(app):
    """The test database was built by `flask db upgrade`; the models must describe it exactly."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_upgrade_an_empty_sqlite_database_to_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    fresh = create_app(app_environ(url))
    enable_migrations(fresh)
    with fresh.app_context():
        from flask_migrate import upgrade

        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        db.engine.dispose()


def test_demo_command_prints_working_codes_and_runs_twice(app, runner, make_client):
    first = runner.invoke(args=["demo", "create"])
    assert first.exit_code == 0, first.output
    codes = re.findall(r"code: ([A-Z0-9]{5}-[A-Z0-9]{5})", first.output)
    assert len(codes) == 4  # parent, caseworker, peer, and the demo agency's admin
    second = runner.invoke(args=["demo", "create"])
    assert db.session.execute(db.select(db.func.count()).select_from(Family)).scalar_one() == 1
    fresh_codes = re.findall(r"code: ([A-Z0-9]{5}-[A-Z0-9]{5})", second.output)
    client = make_client()
    assert client.post("/signin/code", data={"code": codes[0]}).status_code == 422  # replaced
    assert client.post("/signin/code", data={"code": fresh_codes[0]}).status_code == 302
    assert "The Demo family" in client.get("/").text


def test_openapi_document_describes_every_api_route(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {re.sub(r"\{[^}]+\}", "<>", path) for path in spec["paths"]}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api-docs.openapi_json":
            assert re.sub(r"<[^>]+>", "<>", rule.rule) in documented, rule.rule
    assert "Error" in spec["components"]["schemas"] or "DEFAULT_ERROR" in spec["components"].get("responses", {})


def test_logs_hold_no_plan_text_codes_or_names(make_client, household, caplog, runner):
    caplog.set_level(logging.DEBUG)
    planted = "Plantedword Zanzibar"
    parent = sign_in(make_client(), household.people["parent"])
    parent.post(f"/f/{household.id}/plan/household", data={"version": "0", "members-0-name": planted,
                                                            "our_words": planted})
    invitation = parent.post(f"/f/{household.id}/invitations", data={"role": "peer", "label": planted})
    code = re.search(r"<code data-code>([A-Z0-9-]+)</code>", invitation.text).group(1)
    joiner = sign_in(make_client(), make_account(planted))
    joiner.post("/join", data={"code": code})
    joiner.get("/join/accept")
    parent.post(f"/f/{household.id}/milestones", data={"kind": "own", "title": planted, "note": planted})
    parent.post("/signin/code", data={"code": code})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "the flow should log its events"
    for secret in (planted, "Zanzibar", code, code.replace("-", ""), "Riley Parent"):
        assert secret not in logged


STIGMA = re.compile(r"\b(addicts?|junkies|junkie|drug abusers?|substance abusers?|dirty (urine|screen|test)s?|"
                    r"clean (urine|screen|test)s?|former addicts?|crack bab(y|ies))\b", re.IGNORECASE)


def test_user_facing_text_uses_person_first_words():
    files = [*ROOT.glob("harm/templates/**/*.html"), *ROOT.glob("harm/**/*.py"), *ROOT.glob("harm/static/**/*.js")]
    hits = [f"{path.relative_to(ROOT)}: {m.group(0)}" for path in files for m in STIGMA.finditer(path.read_text())]
    assert hits == []


def test_a_language_we_do_not_ship_falls_back_to_english(client):
    for header in ("de-DE,de;q=0.9", "xx", "!!;q=abc", ""):
        page = client.get("/", headers={"Accept-Language": header})
        assert page.status_code == 200
        assert '<html lang="en" dir="ltr">' in page.text

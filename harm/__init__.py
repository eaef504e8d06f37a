"""Family Plan: a family-centred harm-reduction safety plan."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from harm.config import Settings

PACKAGE = Path(__file__).resolve().parent


def create_app(environ: dict[str, str] | None = None) -> Flask:
    """Build the app from environment settings (or the mapping given)."""
    # Templates and static files sit in the package; instance/ is next to it in a checkout, under the
    # environment's var/ when installed (Flask's own choice).
    app = Flask(__name__)
    settings = Settings.from_env(Path(app.instance_path), environ)
    app.config.from_mapping(settings.flask_config())
    app.config["SETTINGS"] = settings
    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("harm").setLevel(settings.log_level)
    from harm import access_logs

    access_logs.init_app(app)  # share-link tokens and search words stay out of access logs
    if settings.trusted_proxies:
        # Behind a TLS-terminating proxy: trust its X-Forwarded-* for scheme and client address.
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    from harm import errors, i18n, security
    from harm.extensions import api, babel, csrf, db, limiter, migrate
    from harm.stored_json import load_stored_json

    # Every JSON column is read through it (text columns never hold a lone surrogate: the drivers refuse them).
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"],
                                               "json_deserializer": load_stored_json}
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE / "migrations"))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    api.init_app(app)
    security.init_app(app)
    from harm import input_edge

    input_edge.init_app(app)
    i18n.init_app(app)
    from harm.vault import keys as vault_keys  # refuses to start in production without VAULT_KEYS

    vault_keys.init_app(app)
    _register_features(app)
    _register_family_hands(app)
    errors.init_app(app)
    from harm import limits  # a 429 from the export limit names the real wait

    limits.init_app(app)
    from harm import assets  # hashed static names, compression

    assets.init_app(app)
    from harm import fragments  # saved plan sections render once a version

    fragments.init_app(app)
    errors.guard(app)
    return app


def _register_features(app: Flask) -> None:
    import harm.db_events  # noqa: F401  (SQLite pragmas)
    from harm.accounts import api as accounts_api
    from harm.accounts import views as accounts_views
    from harm.cli import demo_cli
    from harm.content import views as content_views
    from harm.extensions import api
    from harm.families import api as families_api
    from harm.families import views as families_views
    from harm.milestones import api as milestones_api
    from harm.milestones import views as milestones_views
    from harm.plans import api as plans_api
    from harm.plans import views as plans_views
    from harm.pwa import views as pwa_views
    from harm.reminders import api as reminders_api
    from harm.reminders import views as reminders_views
    from harm.reminders.cli import reminders_cli

    for views in (accounts_views, families_views, plans_views, milestones_views, content_views):
        app.register_blueprint(views.bp)
    for feature_api in (accounts_api, families_api, plans_api, milestones_api):
        api.register_blueprint(feature_api.blp)
    app.cli.add_command(demo_cli)
    from harm.seed import seed_command  # bulk demo data for benchmarks

    demo_cli.add_command(seed_command)
    # Backups
    from harm.backup.cli import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    # The language switcher
    from harm.languages import views as languages_views

    app.register_blueprint(languages_views.bp)
    # Installable and offline, push reminders.
    app.register_blueprint(pwa_views.bp)
    app.register_blueprint(reminders_views.bp)
    api.register_blueprint(reminders_api.blp)
    app.cli.add_command(reminders_cli)
    _register_consent_vault_audit(app)
    _register_team(app)


def _register_consent_vault_audit(app: Flask) -> None:
    """Use details, consents, the access log, export and delete."""
    from harm.audit import api as audit_api
    from harm.audit import recovery_log
    from harm.audit import views as audit_views
    from harm.audit.cli import audit_cli
    from harm.consent import api as consent_api
    from harm.consent import views as consent_views
    from harm.export import api as export_api
    from harm.export import views as export_views
    from harm.extensions import api
    from harm.vault import api as vault_api
    from harm.vault import views as vault_views
    from harm.vault.cli import vault_cli
    from harm.vault.keys import template_helpers

    for views in (vault_views, consent_views, audit_views, export_views):
        app.register_blueprint(views.bp)
    for feature_api in (vault_api, consent_api, audit_api, export_api):
        api.register_blueprint(feature_api.blp)
    app.cli.add_command(vault_cli)
    app.cli.add_command(audit_cli)
    recovery_log.init_app(app)
    app.jinja_env.globals.update(template_helpers())


def _register_team(app: Flask) -> None:
    """Agencies, caseload, check-ins, joint reviews, outcome reports."""
    from harm.agencies import views as agencies_views
    from harm.agencies.cli import agencies_cli
    from harm.caseload import views as caseload_views
    from harm.checkins import api as checkins_api
    from harm.checkins import views as checkins_views
    from harm.extensions import api
    from harm.reports import views as reports_views
    from harm.reviews import views as reviews_views

    for views in (agencies_views, caseload_views, checkins_views, reviews_views, reports_views):
        app.register_blueprint(views.bp)
    api.register_blueprint(checkins_api.blp)
    app.cli.add_command(agencies_cli)


def _register_family_hands(app: Flask) -> None:
    """Emergency flow, fridge copy, share links, quick exit and discreet mode."""
    from harm.discreet import views as discreet_views
    from harm.emergency import views as emergency_views
    from harm.fridge import views as fridge_views
    from harm.lock import views as lock_views
    from harm.sharing import views as sharing_views

    for views in (emergency_views, discreet_views, fridge_views, sharing_views, lock_views):
        app.register_blueprint(views.bp)
    discreet_views.init_app(app)
    lock_views.init_app(app)

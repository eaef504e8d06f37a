"""Family Plan: a family-centred harm-reduction safety plan."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from harm.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def create_app(environ: dict[str, str] | None = None) -> Flask:
    """Build the app from environment settings (or the mapping given)."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    settings = Settings.from_env(Path(app.instance_path), environ)
    app.config.from_mapping(settings.flask_config())
    app.config["SETTINGS"] = settings
    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("harm").setLevel(settings.log_level)
    if settings.trusted_proxies:
        # Behind a TLS-terminating proxy: trust its X-Forwarded-* for scheme and client address.
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    from harm import errors, i18n, security
    from harm.extensions import api, babel, csrf, db, limiter, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    api.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    _register_features(app)
    errors.init_app(app)
    from harm import assets  # issue 7: hashed static names, gzip

    assets.init_app(app)
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

    for views in (accounts_views, families_views, plans_views, milestones_views, content_views):
        app.register_blueprint(views.bp)
    for feature_api in (accounts_api, families_api, plans_api, milestones_api):
        api.register_blueprint(feature_api.blp)
    app.cli.add_command(demo_cli)
    from harm.seed import seed_command  # issue 7: bulk demo data for benchmarks

    demo_cli.add_command(seed_command)

"""Family Plan: a family-centred harm-reduction safety plan."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask

from harm.config import Settings


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

    from harm import dates, errors, i18n, security
    from harm.current_account import load_current_account
    from harm.extensions import api, babel, csrf, db, limiter
    from harm.schema_migrations import migration_commands
    from harm.stored_json import load_stored_json

    # Every JSON column is read through it (text columns never hold a lone surrogate: the drivers refuse them).
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"],
                                               "json_deserializer": load_stored_json}
    db.init_app(app)
    app.cli.add_command(migration_commands)  # Flask-Migrate itself loads only for `flask db`
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    api.init_app(app)
    security.init_app(app, load_account=load_current_account)
    from harm import input_edge

    input_edge.init_app(app)
    i18n.init_app(app)
    dates.init_app(app)  # after Flask-Babel: its time filters become the ones that name the reader's zone
    from harm.vault import keys as vault_keys  # refuses to start in production without VAULT_KEYS

    vault_keys.init_app(app)
    from harm.features import register_features  # the package root stays light: every harm module imports it

    register_features(app)
    errors.init_app(app)
    from harm import limits  # a 429 from the export limit names the real wait

    limits.init_app(app)
    from harm import assets  # hashed static names, compression

    assets.init_app(app)
    from harm import fragments  # saved plan sections render once a version

    fragments.init_app(app)
    errors.guard(app)
    return app

"""Configuration: one typed object read from the environment."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

MIN_SECRET_LENGTH = 32
# "aaaa...": long enough but guessable; a random key of 32 characters has far more than this.
MIN_SECRET_DISTINCT = 12
# A browser unused this long is signed out, unless the deploying agency sets SESSION_IDLE_MINUTES.
DEFAULT_IDLE_MINUTES = 30 * 24 * 60


class ConfigError(RuntimeError):
    """The app cannot start with this configuration."""


def _instance_secret(instance_path: Path, name: str) -> str:
    """Read a secret kept in instance/, creating it once (the embedded default)."""
    path = instance_path / name
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _whole_number(env: dict[str, str], name: str, default: int = 0) -> int:
    value = env.get(name, str(default))
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _web_address(env: dict[str, str], name: str, default: str) -> str:
    value = env.get(name) or default
    if not value.startswith(("https://", "http://")):
        raise ConfigError(f"{name} must be a web address starting with https://, not {value!r}")
    return value


def _switch(env: dict[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "")
    if value not in {"", "0", "1"}:
        raise ConfigError(f"{name} must be 1 (on) or 0 (off), not {value!r}")
    return default if value == "" else value == "1"


def _ratelimit_storage(env: dict[str, str], production: bool) -> str:
    """Where limit counters live; in production a per-process store only when one process serves."""
    uri = env.get("RATELIMIT_STORAGE_URI") or "memory://"
    if production and uri.startswith("memory://") and not _switch(env, "SINGLE_PROCESS", False):
        # Each gunicorn worker would count on its own: with --workers 2, twice the tries get through.
        raise ConfigError(
            "The memory:// rate-limit store counts per process. Set RATELIMIT_STORAGE_URI to a shared store "
            "(redis://host:6379/0), or set SINGLE_PROCESS=1 if only one app process ever runs.")
    return uri


def _idle_minutes(env: dict[str, str]) -> int:
    minutes = _whole_number(env, "SESSION_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)
    if minutes < 1:
        raise ConfigError("SESSION_IDLE_MINUTES must be at least 1")
    return minutes


@dataclass(frozen=True)
class Settings:
    env: str
    secret_key: str
    database_url: str
    rp_id: str
    origin: str
    app_name: str
    ratelimit_storage_uri: str
    log_level: str
    trusted_proxies: int
    # Use-details encryption keys, comma-separated, newest first; empty = instance/vault_keys.
    vault_keys: str = ""
    # Where the "Leave now" control goes (a neutral site).
    quick_exit_url: str = "https://www.weather.gov/"
    session_idle_minutes: int = DEFAULT_IDLE_MINUTES
    # Push addresses on this machine or its network (the tests' local push service); never in production.
    allow_local_push_hosts: bool = False

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @classmethod
    def from_env(cls, instance_path: Path, environ: dict[str, str] | None = None) -> Settings:
        """Build settings; production refuses to start without real secrets."""
        env = dict(os.environ if environ is None else environ)
        mode = env.get("FAMILY_PLAN_ENV", "development")
        if mode not in {"development", "production", "testing"}:
            raise ConfigError(f"FAMILY_PLAN_ENV must be development, production or testing, not {mode!r}")
        secret = env.get("SECRET_KEY", "")
        database_url = env.get("DATABASE_URL", "")
        if mode == "production":
            if len(secret) < MIN_SECRET_LENGTH or len(set(secret)) < MIN_SECRET_DISTINCT:
                raise ConfigError(f"SECRET_KEY must be set to at least {MIN_SECRET_LENGTH} random characters")
            for name in ("DATABASE_URL", "WEBAUTHN_RP_ID", "WEBAUTHN_ORIGIN"):
                if not env.get(name):
                    raise ConfigError(f"{name} must be set in production")
        else:
            secret = secret or _instance_secret(instance_path, "secret_key")
            database_url = database_url or f"sqlite:///{instance_path / 'family_plan.sqlite'}"
        rp_id = env.get("WEBAUTHN_RP_ID", "localhost")
        return cls(
            env=mode,
            secret_key=secret,
            database_url=database_url,
            rp_id=rp_id,
            origin=env.get("WEBAUTHN_ORIGIN", "http://localhost:5000"),
            app_name=env.get("APP_NAME", "Family Plan"),
            ratelimit_storage_uri=_ratelimit_storage(env, mode == "production"),
            log_level=env.get("LOG_LEVEL", "INFO"),
            trusted_proxies=_whole_number(env, "TRUSTED_PROXIES"),
            vault_keys=env.get("VAULT_KEYS", ""),
            quick_exit_url=_web_address(env, "QUICK_EXIT_URL", "https://www.weather.gov/"),
            session_idle_minutes=_idle_minutes(env),
            allow_local_push_hosts=_switch(env, "ALLOW_LOCAL_PUSH_HOSTS", mode != "production"),
        )

    def flask_config(self) -> dict[str, object]:
        """The Flask and extension settings that follow from these."""
        return {
            "SECRET_KEY": self.secret_key,
            "SQLALCHEMY_DATABASE_URI": self.database_url,
            # hide_parameters: a statement log or a database error never shows the values (plan text).
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
            "SESSION_COOKIE_NAME": "fp_session",
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "PERMANENT_SESSION_LIFETIME": timedelta(minutes=self.session_idle_minutes),
            # A cookie re-sent on every answer lets a slow background request overwrite a newer one (and its
            # flashed message); the cookie slides only when the session row notes activity.
            "SESSION_REFRESH_EACH_REQUEST": False,
            # Only local development may send the session over plain http.
            "SESSION_COOKIE_SECURE": self.is_production or self.origin.startswith("https://"),
            "MAX_CONTENT_LENGTH": 256 * 1024,
            # A form's token lasts as long as its session (which ends after SESSION_IDLE_MINUTES unused), so a
            # page left open for hours still saves.
            "WTF_CSRF_TIME_LIMIT": None,
            "WTF_CSRF_SSL_STRICT": self.origin.startswith("https://"),
            "RATELIMIT_STORAGE_URI": self.ratelimit_storage_uri,
            "RATELIMIT_HEADERS_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            "API_TITLE": "Family Plan API",
            "API_VERSION": "v1",
            "OPENAPI_VERSION": "3.0.3",
            "OPENAPI_URL_PREFIX": "/api/v1",
            "OPENAPI_JSON_PATH": "openapi.json",
            "BABEL_DEFAULT_LOCALE": "en",
            "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
            "TESTING": self.env == "testing",
        }

"""In production, rate limits are shared by every worker: the per-process memory store needs SINGLE_PROCESS=1."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from harm import create_app
from harm.config import ConfigError, Settings
from harm.extensions import db

PRODUCTION = {"FAMILY_PLAN_ENV": "production", "WEBAUTHN_RP_ID": "plan.example.org",
              "WEBAUTHN_ORIGIN": "https://plan.example.org", "SECRET_KEY": "k3Vq9-xZp2Lw7_TbN4mRc8Yh1JdGs6Fe",
              "VAULT_KEYS": Fernet.generate_key().decode()}


@pytest.fixture
def production(tmp_path: Path) -> dict[str, str]:
    return PRODUCTION | {"DATABASE_URL": f"sqlite:///{tmp_path / 'plan.sqlite'}"}


@pytest.fixture
def started() -> Iterator[list[Flask]]:
    apps: list[Flask] = []
    yield apps
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def test_production_refuses_the_per_process_store_and_names_both_ways_out(production):
    for store in ({}, {"RATELIMIT_STORAGE_URI": "memory://"}):
        with pytest.raises(ConfigError) as refused:
            create_app(production | store)
        assert "RATELIMIT_STORAGE_URI" in str(refused.value) and "SINGLE_PROCESS=1" in str(refused.value)


def test_production_starts_with_one_process_stated_or_with_redis(production, started):
    started.append(create_app(production | {"SINGLE_PROCESS": "1"}))
    started.append(create_app(production | {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}))
    assert [app.config["RATELIMIT_STORAGE_URI"] for app in started] == ["memory://", "redis://127.0.0.1:6379/0"]


def test_single_process_takes_only_one_or_zero(tmp_path, production):
    with pytest.raises(ConfigError, match="SINGLE_PROCESS"):
        Settings.from_env(tmp_path, production | {"SINGLE_PROCESS": "yes please"})
    with pytest.raises(ConfigError, match="SINGLE_PROCESS=1"):
        Settings.from_env(tmp_path, production | {"SINGLE_PROCESS": "0"})


def test_development_and_testing_keep_the_memory_store(tmp_path):
    assert Settings.from_env(tmp_path, {}).ratelimit_storage_uri == "memory://"
    assert Settings.from_env(tmp_path, {"FAMILY_PLAN_ENV": "testing"}).ratelimit_storage_uri == "memory://"

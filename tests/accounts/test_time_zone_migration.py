"""The time-zone column: added in place (every row and its passkeys kept), UTC for accounts made before it, and
gone again on the way down, on SQLite and on PostgreSQL."""
from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy.engine import make_url

from harm import create_app
from harm.extensions import db
from harm.schema_migrations import enable_migrations
from tests.conftest import app_environ

BEFORE = "peer_parts_and_ended_access"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path, database_url: str) -> Iterator[str]:
    """An empty database of each kind (PostgreSQL only when the run's database is one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'before.sqlite'}"
        return
    url = database_url
    if not url.startswith("postgresql"):
        pytest.skip("no PostgreSQL (set TEST_DATABASE_URL)")
    name = f"{make_url(url).database}_migration_{secrets.token_hex(4)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def counts(connection: sa.Connection) -> tuple[int, int]:
    return (connection.execute(sa.text("SELECT count(*) FROM account")).scalar_one(),
            connection.execute(sa.text("SELECT count(*) FROM passkey")).scalar_one())


def test_accounts_keep_their_rows_and_get_utc(empty_database: str) -> None:
    app = create_app(app_environ(empty_database))
    enable_migrations(app)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            for n in (1, 2):
                connection.execute(sa.text(
                    "INSERT INTO account (id, public_id, display_name, user_handle, created_at) "
                    "VALUES (:id, :pid, :name, :handle, '2026-12-01 00:00:00')"),
                    {"id": n, "pid": f"a{n:031d}", "name": f"Person {n}", "handle": bytes([n]) * 32})
                connection.execute(sa.text(
                    "INSERT INTO passkey (id, public_id, account_id, credential_id, public_key, sign_count, name, "
                    "created_at) VALUES (:id, :pid, :id, :cred, :key, 0, 'Phone', '2026-12-01 00:00:00')"),
                    {"id": n, "pid": f"p{n:031d}", "cred": bytes([n]) * 16, "key": b"k"})
        upgrade()
        with db.engine.connect() as connection:
            assert counts(connection) == (2, 2)
            assert connection.execute(sa.text("SELECT time_zone FROM account ORDER BY id")).scalars().all() == [
                "UTC", "UTC"]
            connection.execute(sa.text("UPDATE account SET time_zone = 'America/Chicago' WHERE id = 1"))
            connection.commit()
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            assert counts(connection) == (2, 2)
            assert "time_zone" not in {c["name"] for c in sa.inspect(connection).get_columns("account")}
        upgrade()
        with db.engine.connect() as connection:
            assert counts(connection) == (2, 2)
        db.session.remove()
        db.engine.dispose()

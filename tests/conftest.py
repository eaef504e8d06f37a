"""Fixtures: an app on SQLite (or PostgreSQL with TEST_DATABASE_URL), clients, accounts, families."""
from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import MetaData, create_engine, text

from harm import create_app
from harm.accounts.models import Account
from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.families import roles
from harm.families.capabilities import PEER_SHARED_PARTS
from harm.families.models import Family, Membership
from harm.families.service import start_family
from harm.plans.sections import SECTION_KEYS
from harm.schema_migrations import enable_migrations
from tests.authenticator import Authenticator

ORIGIN = "http://localhost"
BROWSER_TESTS = Path(__file__).parent / "browser"


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if url:
        return worker_database(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"  # each xdist worker has its own tmp


# ---- s13-tests: with pytest-xdist (-n 2) each worker gets its own PostgreSQL database ----
def worker_database(url: str) -> str:
    """TEST_DATABASE_URL itself, or under xdist `<its name>_gw0`, `_gw1`, ..., created on first use."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker or not url.startswith("postgresql"):
        return url
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if exists.first() is None:
                # Needs the CREATEDB right (.ci/run gives it); names come from our own URL and xdist's worker id.
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            # Commits without waiting for the disk: what is committed is still seen at once and kept while the
            # database server runs (nothing here crashes it); the tests' thousands of commits stop queueing on fsync.
            connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    except Exception as error:  # noqa: BLE001 - reported as the reason the whole run cannot start
        pytest.fail(f"cannot create the worker database {name} ({type(error).__name__}: {error})")
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def pytest_configure(config: pytest.Config) -> None:
    """Under xdist, make the instance/ keys all test apps share before the workers start, so no two race to."""
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        from harm.reminders.keys import current_keys

        app = create_app(app_environ("sqlite://"))
        with app.app_context():
            current_keys()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `db` every test that reaches the run's database (all its fixtures come from `database_url`).

    The Makefile's PostgreSQL pass runs only `db` tests, so a new test that uses the database is in it
    without anyone listing it; tests/test_database_marker.py checks that nothing escapes this rule.
    A browser test outside tests/browser is refused: the Makefile's browser pass collects that folder alone.
    """
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
        # The browser pass collects tests/browser alone (collecting the whole suite in each process costs seconds).
        if item.get_closest_marker("browser") and BROWSER_TESTS not in item.path.parents:
            raise pytest.UsageError(f"{item.nodeid} is marked browser: it belongs in {BROWSER_TESTS}")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One database for the run, upgraded to head through the real migrations."""
    url = _database_url(tmp_path_factory)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            existing = MetaData()
            existing.reflect(connection)
            existing.drop_all(connection)
    except Exception as error:  # noqa: BLE001 - any failure to reach the database is fatal here
        pytest.fail(f"cannot reach the test database ({type(error).__name__}: {error})")
    finally:
        engine.dispose()
    app = create_app(app_environ(url))
    enable_migrations(app)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def app_environ(database_url: str) -> dict[str, str]:
    return {
        "FAMILY_PLAN_ENV": "testing",
        "SECRET_KEY": "test-secret-key-" + "x" * 40,
        "DATABASE_URL": database_url,
        "WEBAUTHN_RP_ID": "localhost",
        "WEBAUTHN_ORIGIN": ORIGIN,
    }


class CSRFClient(FlaskClient):
    """A test client that sends the CSRF token, as the pages and the script do."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        # The test's app context outlives each request, and Flask-WTF keeps the page's signed token on `g`:
        # a real request starts with a fresh `g`, so no token from another browser or from before a sign-out,
        # and no memberships read by an earlier request.
        if has_app_context():
            g.pop("csrf_token", None)
            g.pop("navigation_held", None)
        method = kwargs.get("method", "GET").upper()
        headers = dict(kwargs.pop("headers", None) or {})
        if method not in ("GET", "HEAD", "OPTIONS") and "X-CSRFToken" not in headers:
            headers["X-CSRFToken"] = self.csrf_token()
        return super().open(*args, headers=headers, **kwargs)

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        serializer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return str(serializer.dumps(raw))


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(app_environ(database_url))
    app.test_client_class = CSRFClient
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def make_client(app: Flask) -> Any:
    """More browsers: one per person in a test."""
    return app.test_client


def make_account(name: str = "Test Parent") -> Account:
    account = Account(display_name=name)
    db.session.add(account)
    db.session.commit()
    return account


def sign_in(client: FlaskClient, account: Account) -> FlaskClient:
    """Sign in through the one-time-code page, as a person would."""
    response = client.post("/signin/code", data={"code": issue_signin_code(account)})
    assert response.status_code == 302, response.text
    return client


def add_member(family: Family, account: Account, role: str) -> Membership:
    membership = Membership(family_id=family.id, account_id=account.id, role=role)
    db.session.add(membership)
    db.session.commit()
    return membership


@dataclass
class Household:
    """A family with a member of every role, and an outsider who belongs to another family."""

    family: Family
    other_family: Family
    people: dict[str, Account]

    @property
    def id(self) -> str:
        return self.family.public_id


@pytest.fixture
def household(app: Flask) -> Household:
    parent = make_account("Riley Parent")
    family, _ = start_family(parent, "Test household", roles.PARENT)
    people = {roles.PARENT: parent}
    for role, name in ((roles.CAREGIVER, "Quinn Caregiver"), (roles.CASEWORKER, "Morgan Caseworker"),
                       (roles.PEER, "Avery Peer")):
        people[role] = make_account(name)
        member = add_member(family, people[role], role)
    member.peer_parts = [*SECTION_KEYS, *PEER_SHARED_PARTS]  # the parent has picked everything for this peer
    db.session.commit()
    outsider = make_account("Other Parent")
    other_family, _ = start_family(outsider, "Other household", roles.PARENT)
    people["outsider"] = outsider
    return Household(family=family, other_family=other_family, people=people)


@pytest.fixture
def authenticator() -> Authenticator:
    return Authenticator(origin=ORIGIN)


def register_with_passkey(client: FlaskClient, authenticator: Authenticator, name: str = "Sam") -> Any:
    """Create an account through the passkey API, with the software authenticator."""
    options = client.post("/api/v1/auth/register/options", json={"display_name": name}).get_json()
    return client.post("/api/v1/auth/register/verify", json={"credential": authenticator.create(options)})


def family_id_in(html: str) -> str:
    match = re.search(r"/f/([0-9a-f]{32})", html)
    assert match, "no family link on the page"
    return match.group(1)


def table_counts() -> dict[str, int]:
    return {t.name: db.session.execute(text(f"SELECT COUNT(*) FROM {t.name}")).scalar_one()  # noqa: S608
            for t in db.metadata.sorted_tables}


# ---- One SQL-statement counter for the tests that keep query counts flat (performance, caseload) ----
@pytest.fixture
def count_statements(app: Flask) -> Any:
    """`with count_statements() as statements:` lists every SQL statement sent inside the block."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting() -> Iterator[list[str]]:
        statements: list[str] = []

        def note(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", note)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", note)

    return counting


# ---- s13-tests: one app for a whole module, for modules whose tests never change the app itself ----
@pytest.fixture(scope="module")
def module_app(database_url: str) -> Iterator[Flask]:
    app = create_app(app_environ(database_url))
    app.test_client_class = CSRFClient
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def shared_app(module_app: Flask) -> Iterator[Flask]:
    """As `app`, but the module's one app: a new app per test builds its routes and templates again.

    A module opts in by overriding `app` with it; each test still starts with empty tables and rate limits.
    Not for tests that change the app's config or extensions.
    """
    from harm.extensions import limiter

    with module_app.app_context():
        limiter.reset()
        yield module_app
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


def sqlite_file_app(path: Path) -> Iterator[Flask]:
    """An app on its own SQLite file, upgraded to head (for tests about SQLite itself, whatever the run's database)."""
    app = create_app(app_environ(f"sqlite:///{path}"))
    enable_migrations(app)
    app.test_client_class = CSRFClient
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()

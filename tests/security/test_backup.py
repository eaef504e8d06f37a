"""`flask backup` while the app writes, `flask restore`, and every plan read back through the API."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from harm import create_app
from harm.backup.service import check_backup
from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from harm.schema_migrations import enable_migrations
from tests.conftest import app_environ, make_account, sign_in, sqlite_file_app

FAMILIES = 3


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[Flask]:
    """An app on its own SQLite file (this test is about SQLite, whichever database the run uses)."""
    yield from sqlite_file_app(tmp_path / "live.sqlite")


def read_every_plan(clients: list[Any]) -> dict[str, Any]:
    plans = {}
    for client in clients:
        for family in client.get("/api/v1/families").get_json():
            plan = client.get(f"/api/v1/families/{family['id']}/plan")
            assert plan.status_code == 200
            plans[family["id"]] = [(s["key"], s["version"], s["data"]) for s in plan.get_json()["sections"]]
    return plans


def save_goal(client: Any, family: str, goal: str) -> int:
    section = client.get(f"/api/v1/families/{family}/plan/goals").get_json()
    answer = client.put(f"/api/v1/families/{family}/plan/goals",
                        json={"version": section["version"], "data": {"goals": [{"goal": goal}]}})
    assert answer.status_code == 200
    return int(answer.get_json()["version"])


def test_backup_while_writing_then_restore_reads_every_plan(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    parents = [make_account(f"Backup Parent {n}") for n in range(FAMILIES)]
    families = [start_family(parent, f"Backup family {n}", roles.PARENT)[0].public_id
                for n, parent in enumerate(parents)]
    db.session.commit()
    clients = [sign_in(sqlite_app.test_client(), parent) for parent in parents]
    writer = sign_in(sqlite_app.test_client(), parents[0])
    for family, client, n in zip(families, clients, range(FAMILIES), strict=True):
        save_goal(client, family, f"First goal of family {n}")

    # A backup taken while another thread keeps saving is still one consistent moment.
    db.session.remove()  # the test's own session (shared by its clients) holds no write lock meanwhile
    stop = threading.Event()

    def keep_saving() -> None:
        with sqlite_app.app_context():
            n = 0
            while not stop.is_set():
                n += 1
                save_goal(writer, families[0], f"Busy save {n}")

    busy = threading.Thread(target=keep_saving)
    busy.start()
    try:
        result = runner.invoke(args=["backup", str(tmp_path / "during.sqlite")])
    finally:
        stop.set()
        busy.join(timeout=30)
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(tmp_path / "during.sqlite")) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for version, revisions in copy.execute(
                "SELECT s.version, (SELECT COUNT(*) FROM section_revision r WHERE r.section_id = s.id) "
                "FROM plan_section s"):
            assert version == revisions  # no save is half in the copy

    # Back up a quiet moment, change everything, restore: every plan is as it was.
    assert runner.invoke(args=["backup", str(tmp_path / "quiet.sqlite")]).exit_code == 0
    before = read_every_plan(clients)
    assert len(before) == FAMILIES
    for family, client in zip(families, clients, strict=True):
        save_goal(client, family, "Changed after the backup")
    assert read_every_plan(clients) != before

    restored = runner.invoke(args=["restore", "--yes", str(tmp_path / "quiet.sqlite")])
    assert restored.exit_code == 0, restored.output
    assert "kept in" in restored.output  # what the restore replaced is not lost either
    db.session.remove()
    assert read_every_plan(clients) == before


def test_backup_never_overwrites_and_restore_refuses_a_wrong_file(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "copy.sqlite"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    again = runner.invoke(args=["backup", str(target)])
    assert again.exit_code != 0 and "already exists" in again.output
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    refused = runner.invoke(args=["restore", "--yes", str(junk)])
    assert refused.exit_code != 0 and "not an SQLite database" in refused.output
    with closing(sqlite3.connect(tmp_path / "other.sqlite")) as other:
        other.execute("CREATE TABLE notes (id INTEGER)")
    refused = runner.invoke(args=["restore", "--yes", str(tmp_path / "other.sqlite")])
    assert refused.exit_code != 0 and "not a Family Plan database" in refused.output


def test_postgresql_backups_point_to_pg_dump(tmp_path):
    app = create_app(app_environ("postgresql+psycopg://fp:fp@127.0.0.1:5432/none"))
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "x.dump")])
    assert result.exit_code != 0 and "pg_dump" in result.output
    assert not (tmp_path / "x.dump").exists()


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """A server's usual umask (022): files are created readable by everyone unless the app says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_wal_and_backups_are_readable_only_by_their_owner(usual_umask, tmp_path):
    live = tmp_path / "family_plan.sqlite"
    app = create_app(app_environ(f"sqlite:///{live}"))
    enable_migrations(app)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        parent = make_account("Private Parent")
        start_family(parent, "Private family", roles.PARENT)
        db.session.commit()
        for path in (live, Path(f"{live}-wal"), Path(f"{live}-shm")):
            assert path.exists() and mode(path) == 0o600, (path.name, oct(mode(path)))
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite")])
        assert result.exit_code == 0, result.output
        db.session.remove()
        db.engine.dispose()
    assert mode(tmp_path / "copy.sqlite") == 0o600
    # The copy is one whole file: no WAL or shared-memory file of the copy is left beside it.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.sqlite"]
    check_backup(tmp_path / "copy.sqlite")


def test_an_existing_database_readable_by_others_is_made_private(usual_umask, tmp_path):
    live = tmp_path / "old.sqlite"
    with closing(sqlite3.connect(live)) as old:
        old.execute("PRAGMA journal_mode=WAL")
        old.execute("CREATE TABLE notes (id INTEGER)")
    live.chmod(0o644)
    app = create_app(app_environ(f"sqlite:///{live}"))
    with app.app_context():
        db.session.execute(db.text("SELECT 1"))
        db.session.remove()
        db.engine.dispose()
    assert mode(live) == 0o600


OTHER_PROCESS = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT COUNT(*) FROM account").fetchall()
print("open", flush=True)
sys.stdin.readline()
connection.close()
"""


def test_a_new_connection_never_drops_this_processs_locks(sqlite_app: Flask, tmp_path: Path) -> None:
    """Making the file private must not open it: closing any descriptor of a file drops every lock the process
    holds on it. Another process (a second server worker, `flask reminders send-due`) then closed its connection
    as if it were the last, deleted the WAL's shared memory under this one, which answered "disk I/O error"."""
    live = tmp_path / "live.sqlite"
    holder = db.engine.connect()  # a server thread's connection, open all along
    holder.exec_driver_sql("SELECT COUNT(*) FROM account").all()
    holder.commit()
    other = subprocess.Popen([sys.executable, "-c", OTHER_PROCESS, str(live)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        db.engine.pool.dispose()  # the next checkout is a brand-new connection: the connect hooks run
        db.engine.raw_connection().invalidate()
        other.communicate("close\n", timeout=30)
        assert Path(f"{live}-shm").exists(), "the other process deleted the shared memory this one still uses"
        holder.exec_driver_sql("INSERT INTO account (public_id, display_name, user_handle, created_at, "
                               "worker_recovery_allowed) VALUES ('x', 'Held', x'01', '2026-01-01', 1)")
        holder.commit()
    finally:
        other.kill()
        holder.close()

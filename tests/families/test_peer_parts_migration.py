"""Upgrading keeps what each parent chose for peers, and stops the never-chosen default from sharing everything."""
from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from harm import create_app
from harm.extensions import db
from harm.schema_migrations import enable_migrations
from tests.conftest import app_environ

SECTIONS = ["household", "storage", "naloxone", "overdose", "supports", "goals"]
CHOSEN = ["household", "checkins"]


def test_each_peer_keeps_what_the_parent_chose_and_the_untouched_default_becomes_nothing(tmp_path: Path) -> None:
    app = create_app(app_environ(f"sqlite:///{tmp_path / 'before.sqlite'}"))
    enable_migrations(app)
    with app.app_context():
        upgrade(revision="9d_audit_subject_exports")
        families = {"chosen": CHOSEN, "old default": SECTIONS, "new default": [*SECTIONS, "checkins", "reviews",
                                                                                "outcomes"]}
        with db.engine.begin() as connection:
            for n, (name, shared) in enumerate(families.items(), start=1):
                connection.execute(sa.text(
                    "INSERT INTO account (id, public_id, display_name, user_handle, created_at) "
                    "VALUES (:id, :pid, :name, :handle, '2026-12-01 00:00:00')"),
                    {"id": n, "pid": f"a{n:031d}", "name": name, "handle": bytes([n]) * 32})
                connection.execute(sa.text(
                    "INSERT INTO family (id, public_id, name, peer_sections, created_at) "
                    "VALUES (:id, :pid, :name, :shared, '2026-12-01 00:00:00')"),
                    {"id": n, "pid": f"f{n:031d}", "name": name, "shared": json.dumps(shared)})
                connection.execute(sa.text(
                    "INSERT INTO membership (id, public_id, family_id, account_id, role, created_at) "
                    "VALUES (:id, :pid, :id, :id, 'peer', '2026-12-01 00:00:00')"), {"id": n, "pid": f"m{n:031d}"})
        upgrade()
        with db.engine.connect() as connection:
            seen = dict(connection.execute(sa.text(
                "SELECT family.name, membership.peer_parts FROM membership JOIN family ON family.id = family_id"
            )).all())
        assert {name: json.loads(parts) if isinstance(parts, str) else parts for name, parts in seen.items()} == {
            "chosen": CHOSEN, "old default": [], "new default": []}
        downgrade(revision="9d_audit_subject_exports")
        with db.engine.connect() as connection:
            back = dict(connection.execute(sa.text("SELECT name, peer_sections FROM family")).all())
        assert json.loads(back["chosen"]) == CHOSEN and json.loads(back["old default"]) == []
        db.engine.dispose()

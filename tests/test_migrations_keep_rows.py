"""Going down to the last released schema and up again keeps every row: on SQLite a batch migration copies and
drops a table, and the drop cascades to every row pointing at it (a family's drop took every membership)."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from harm import create_app
from harm.extensions import db
from harm.schema_migrations import enable_migrations
from tests.conftest import app_environ

RELEASED = "9d_audit_subject_exports"  # the schema on main before the migrations added since


def row_counts() -> dict[str, int]:
    tables = sa.inspect(db.engine).get_table_names()
    with db.engine.connect() as connection:
        return {name: connection.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar_one()  # noqa: S608
                for name in tables if name != "alembic_version"}


def test_down_to_the_released_schema_and_up_again_keeps_every_row(tmp_path: Path) -> None:
    app = create_app(app_environ(f"sqlite:///{tmp_path / 'demo.sqlite'}"))
    enable_migrations(app)
    with app.app_context():
        upgrade()
        assert app.test_cli_runner().invoke(args=["demo", "create"]).exit_code == 0
        db.session.remove()  # the command's session holds the SQLite file's write lock until it ends
        at_head = row_counts()
        assert at_head["membership"] >= 3 and at_head["plan_section"] >= 6
        downgrade(revision=RELEASED)
        released = row_counts()
        assert {name: at_head[name] for name in released} == released
        upgrade()
        assert {name: n for name, n in row_counts().items() if name in released} == released
        db.engine.dispose()

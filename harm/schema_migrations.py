"""`flask db`: Flask-Migrate's commands, loaded only when a command asks for them.

Hand-written because importing Flask-Migrate loads Alembic and Mako (about 10 MB in every web server process,
which never migrates) and Flask-Migrate has no lazy mode of its own.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from harm.extensions import db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def enable_migrations(app: Flask) -> None:
    """Flask-Migrate on this app: for `flask db`, and for tests and tools that upgrade in code."""
    if "migrate" not in app.extensions:
        from flask_migrate import Migrate  # loads Alembic: only where migrations run

        Migrate(app, db, directory=str(MIGRATIONS))


class MigrationCommands(click.Group):
    """Stands in for Flask-Migrate's `db` group until one of its commands is listed or run (in an app context)."""

    def _commands(self) -> click.Group:
        enable_migrations(current_app._get_current_object())  # type: ignore[attr-defined]
        from flask_migrate.cli import db as commands  # Flask-Migrate's own group, loaded with it

        return commands

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return self._commands().get_params(ctx)  # its --directory and --x-arg

    def invoke(self, ctx: click.Context) -> object:
        self.callback = self._commands().callback  # it puts those options where its commands read them
        return super().invoke(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._commands().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._commands().get_command(ctx, name)


migration_commands = MigrationCommands("db", help="Upgrade the database and other migration commands.")

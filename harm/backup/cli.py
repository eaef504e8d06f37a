"""`flask backup PATH` and `flask restore PATH` for the embedded SQLite database."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from harm.backup import service
from harm.extensions import db


@click.command("backup", help="Write a consistent copy of the SQLite database to PATH, even while the app runs.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    try:
        written = service.backup(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except service.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {written}.")


@click.command("restore", help="Replace the SQLite database with the backup at PATH (the current data is kept).")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    if not yes:
        click.confirm(f"Replace the database with {path}?", abort=True)
    db.session.remove()  # no transaction of ours may hold the write lock the copy needs
    db.engine.dispose()  # no pooled connection of ours may hold the old file open
    try:
        kept = service.restore(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    except service.BackupError as error:
        raise click.ClickException(str(error)) from None
    if kept is not None:
        click.echo(f"The data it replaced is kept in {kept}.")
    click.echo(f"Restored from {path}. Run `flask db upgrade` if the backup is from an older version.")

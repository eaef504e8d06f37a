"""`flask agencies create NAME ADMIN_NAME`: the operator starts an agency and gets its admin's sign-in code."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from harm.accounts.models import Account
from harm.accounts.service import issue_signin_code
from harm.agencies.service import create_agency
from harm.errors import Invalid
from harm.extensions import db

agencies_cli = AppGroup("agencies", help="Agencies and their admins.")


@agencies_cli.command("create")
@click.argument("name")
@click.argument("admin_name")
def create(name: str, admin_name: str) -> None:
    """Create an agency with a new admin account, and print the admin's one-time sign-in code."""
    admin = Account(display_name=" ".join(admin_name.split())[:80] or "Agency admin")
    db.session.add(admin)
    db.session.flush()
    try:
        create_agency(admin, name)
    except Invalid as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"Agency created. {admin.display_name} signs in at /signin/code with: {issue_signin_code(admin)}")

"""`flask audit verify`: check every access-log chain; exit non-zero on a break."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from harm.audit import service

audit_cli = AppGroup("audit", help="The access log.")


@audit_cli.command("verify")
def verify() -> None:
    """Check that no access-log entry was changed, removed or slipped in."""
    checked, problems = service.verify_all()
    for problem in problems:
        click.echo(f"BROKEN chain {problem.chain} entry {problem.seq}: {problem.reason}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {checked} chain(s).", err=True)
        sys.exit(1)
    click.echo(f"All {checked} chain(s) check out.")

"""`flask audit verify`: check every access-log chain; exit non-zero on a break."""
from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from harm.audit import service
from harm.audit.completeness import find_gaps

audit_cli = AppGroup("audit", help="The access log.")


@audit_cli.command("verify")
def verify() -> None:
    """Check that no access-log entry was changed, removed or slipped in, and that no logged action lacks its entry."""
    checked, problems = service.verify_all()
    for problem in problems:
        click.echo(f"BROKEN chain {problem.chain} entry {problem.seq}: {problem.reason}", err=True)
    gaps = find_gaps()
    for gap in gaps:
        click.echo(f"MISSING chain {gap.chain}: no {gap.check} entry for {gap.subject}", err=True)
    if problems or gaps:
        click.echo(f"{len(problems)} problem(s) in {checked} chain(s), {len(gaps)} action(s) not logged.", err=True)
        sys.exit(1)
    click.echo(f"All {checked} chain(s) check out, and every logged action has its entry.")

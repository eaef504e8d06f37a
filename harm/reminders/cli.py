"""`flask reminders send-due`: run by cron or a systemd timer, every minute."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from harm.reminders.keys import current_keys

reminders_cli = AppGroup("reminders", help="Push reminders.")


@reminders_cli.command("send-due")
@click.option("--limit", default=500, show_default=True, help="At most this many reminders in one run.")
def send_due_command(limit: int) -> None:
    """Send the reminders that are due (safe to run on several machines at once)."""
    from harm.reminders.sender import send_due  # pywebpush brings aiohttp (about 20 MB): only this command sends

    report = send_due(limit=limit)
    click.echo(f"sent {report.sent}, retrying {report.retrying}, given up {report.given_up}, "
               f"removed subscriptions {report.removed_subscriptions}")


@reminders_cli.command("public-key")
def public_key_command() -> None:
    """Print the VAPID public key (generating the key pair into instance/ if there is none)."""
    click.echo(current_keys().public_key)

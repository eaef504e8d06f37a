"""`flask vault`: make keys, rotate the key, write every entry again under the newest key."""
from __future__ import annotations

import click
from cryptography.fernet import Fernet
from flask import current_app
from flask.cli import AppGroup

from harm.vault import service
from harm.vault.keys import Vault, key_file, keys_from_env, write_key_file

vault_cli = AppGroup("vault", help="The use-details vault and its keys.")


@vault_cli.command("new-key")
def new_key() -> None:
    """Print a fresh key (for VAULT_KEYS)."""
    click.echo(Fernet.generate_key().decode())


@vault_cli.command("rotate-key")
def rotate_key() -> None:
    """Add a new newest key; old ones stay readable. With the key file, also re-encrypts every entry."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    keys = [Fernet.generate_key().decode(), *app.extensions["vault"].keys]
    if keys_from_env(app):
        click.echo("Set this as VAULT_KEYS on every app server (newest key first), restart them,")
        click.echo("then run `flask vault reencrypt` with the new VAULT_KEYS:")
        click.echo(f"VAULT_KEYS={','.join(keys)}")
        return
    write_key_file(key_file(app), keys)
    app.extensions["vault"] = Vault(keys)
    count = service.reencrypt_all()
    click.echo(f"New key added to {key_file(app)}; {count} entries now use it.")


@vault_cli.command("reencrypt")
def reencrypt() -> None:
    """Write every entry again under the newest key (after VAULT_KEYS got a new first key)."""
    count = service.reencrypt_all()
    click.echo(f"{count} entries now use the newest key.")

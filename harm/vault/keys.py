"""The vault's keys: VAULT_KEYS in production, instance/vault_keys (made once) elsewhere."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app, g

from harm.config import ConfigError, Settings
from harm.consent.access import visible_categories
from harm.models_base import utcnow
from harm.stored_json import load_stored_json

KEY_FILE = "vault_keys"


class Vault:
    """Encrypts with the newest key; reads anything written under any key it holds."""

    def __init__(self, keys: list[str]):
        if not keys:
            raise ConfigError("VAULT_KEYS must hold at least one key")
        try:
            self.cipher = MultiFernet([Fernet(key.encode()) for key in keys])
        except (ValueError, TypeError):
            raise ConfigError("VAULT_KEYS must be Fernet keys (urlsafe base64, 32 bytes), comma-separated") from None
        self.keys = list(keys)

    def seal(self, value: dict[str, Any]) -> bytes:
        return self.cipher.encrypt(json.dumps(value, separators=(",", ":")).encode())

    def open(self, token: bytes) -> dict[str, Any]:
        try:
            return dict(load_stored_json(self.cipher.decrypt(bytes(token))))
        except InvalidToken:
            raise RuntimeError("a use-detail entry cannot be read with the keys given") from None

    def rotate(self, token: bytes) -> bytes:
        """The same value, written again under the newest key."""
        return self.cipher.rotate(bytes(token))


def split_keys(text: str) -> list[str]:
    return [key.strip() for key in text.split(",") if key.strip()]


def key_file(app: Flask) -> Path:
    return Path(app.instance_path) / KEY_FILE


def load_keys(app: Flask, settings: Settings) -> list[str]:
    if settings.vault_keys:
        return split_keys(settings.vault_keys)
    if settings.is_production:
        raise ConfigError("VAULT_KEYS must be set in production (run `flask vault new-key` to make one)")
    path = key_file(app)
    if not path.exists():
        write_key_file(path, [Fernet.generate_key().decode()])
    return split_keys(path.read_text())


def write_key_file(path: Path, keys: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".new")
    temporary.touch(mode=0o600)
    temporary.chmod(0o600)
    temporary.write_text(",".join(keys))
    temporary.replace(path)


def keys_from_env(app: Flask) -> bool:
    return bool(app.config["SETTINGS"].vault_keys)


def init_app(app: Flask) -> None:
    app.extensions["vault"] = Vault(load_keys(app, app.config["SETTINGS"]))


def vault() -> Vault:
    return current_app.extensions["vault"]  # type: ignore[no-any-return]


def template_helpers() -> dict[str, Any]:
    """For the plan page: whether to show the link to use details (same one decision as everywhere)."""

    def use_details_visible(family: Any) -> bool:
        return bool(visible_categories(g.get("account"), family, utcnow()))

    return {"use_details_visible": use_details_visible}

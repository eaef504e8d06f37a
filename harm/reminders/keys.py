"""VAPID keys: from the environment in production, else generated once into instance/."""
from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app

KEY_FILE = "vapid_private_key"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class VapidKeys:
    private_key: str  # base64url of the raw 32-byte P-256 private number
    public_key: str  # base64url of the uncompressed point: the browser's applicationServerKey
    subject: str


def public_key_of(private_key: str) -> str:
    number = int.from_bytes(b64url_decode(private_key), "big")
    key = ec.derive_private_key(number, ec.SECP256R1())
    return b64url(key.public_key().public_bytes(serialization.Encoding.X962,
                                                serialization.PublicFormat.UncompressedPoint))


def new_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def _instance_key(instance_path: Path) -> str:
    path = instance_path / KEY_FILE
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(new_private_key())
        path.chmod(0o600)
    return path.read_text().strip()


def load_keys(environ: dict[str, str], instance_path: Path, origin: str) -> VapidKeys:
    private_key = environ.get("VAPID_PRIVATE_KEY") or _instance_key(instance_path)
    derived = public_key_of(private_key)
    given = environ.get("VAPID_PUBLIC_KEY")
    if given and given != derived:
        raise ValueError("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    default_subject = origin if origin.startswith("https://") else "mailto:reminders@localhost"
    return VapidKeys(private_key, derived, environ.get("VAPID_SUBJECT") or default_subject)


@cache
def _keys_for(instance_path: str, private_key: str, public_key: str, subject: str, origin: str) -> VapidKeys:
    env = {k: v for k, v in (("VAPID_PRIVATE_KEY", private_key), ("VAPID_PUBLIC_KEY", public_key),
                              ("VAPID_SUBJECT", subject)) if v}
    return load_keys(env, Path(instance_path), origin)


def current_keys() -> VapidKeys:
    """The app's VAPID keys (environment first, then instance/)."""
    config = current_app.config
    def setting(name: str) -> str:
        return str(config.get(name) or os.environ.get(name, ""))

    return _keys_for(current_app.instance_path, setting("VAPID_PRIVATE_KEY"), setting("VAPID_PUBLIC_KEY"),
                     setting("VAPID_SUBJECT"), config["SETTINGS"].origin)

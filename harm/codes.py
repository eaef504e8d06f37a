"""Short one-time codes a person can read aloud or type on a phone."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any, TypeVar

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from harm.extensions import db

T = TypeVar("T")

# One message for every way a code can fail, so a guess learns nothing.
CODE_FAILED = _l("That code did not work. Check it and try again, or ask for a new one.")

# No 0/O, 1/I/L, U: easy to read aloud and to type on a small keyboard.
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    """A fresh code, shown once as XXXXX-XXXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalize(code: str) -> str:
    """What a person typed, with spaces, dashes and case forgiven."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    """Keyed hash of a code: the database never holds a usable code."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, normalize(code).encode(), hashlib.sha256).hexdigest()


def looks_like_code(code: str) -> bool:
    cleaned = normalize(code)
    return len(cleaned) == CODE_LENGTH and all(ch in ALPHABET for ch in cleaned)


def find_by_code(model: type[T], code: str) -> T | None:
    """The row of `model` whose code_hash matches what the person typed, if any."""
    if not looks_like_code(code):
        return None
    column: Any = model.code_hash  # type: ignore[attr-defined]
    return db.session.execute(select(model).where(column == code_hash(code))).scalar_one_or_none()

"""Passkey ceremonies, one-time codes and recovery codes."""
from __future__ import annotations

import json
import logging
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app, session
from flask_babel import gettext as _
from sqlalchemy import select
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.parse_authentication_credential_json import (
    parse_authentication_credential_json,
)
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from harm import codes
from harm.accounts import recovery
from harm.accounts.models import Account, OneTimeCode, Passkey
from harm.config import Settings
from harm.errors import Invalid
from harm.extensions import db
from harm.models_base import rows_changed, utcnow

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 8
SIGNIN_CODE_LIFETIME = timedelta(hours=72)
CHALLENGE_KEY = "webauthn"
NAME_LIMIT = 80


class AccountError(Invalid):
    """A sign-in or passkey step failed (the API answers a failed sign-in 401); the message is safe to show."""


def _settings() -> Settings:
    return current_app.config["SETTINGS"]  # type: ignore[no-any-return]


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise AccountError(_("Please enter your name."))
    if len(cleaned) > NAME_LIMIT:
        raise AccountError(_("Your name can be at most %(limit)d letters.", limit=NAME_LIMIT))
    return cleaned


def registration_options(account: Account | None, display_name: str = "") -> dict[str, Any]:
    """Options for navigator.credentials.create(): a new account, or a new passkey for one."""
    if account is None:
        name = _clean_name(display_name)
        user_handle = secrets.token_bytes(32)
        exclude: list[PublicKeyCredentialDescriptor] = []
    else:
        _may_add_passkey(account)
        name = account.display_name
        user_handle = account.user_handle
        exclude = [PublicKeyCredentialDescriptor(id=p.credential_id) for p in account.passkeys]
    settings = _settings()
    options = generate_registration_options(
        rp_id=settings.rp_id,
        rp_name=settings.app_name,
        user_id=user_handle,
        user_name=name,
        user_display_name=name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=exclude,
    )
    session[CHALLENGE_KEY] = {
        "purpose": "register",
        "challenge": bytes_to_base64url(options.challenge),
        "user_handle": bytes_to_base64url(user_handle),
        "name": name,
    }
    return dict(json.loads(options_to_json(options)))


def _take_challenge(purpose: str) -> dict[str, str]:
    state = session.pop(CHALLENGE_KEY, None)
    if not state or state.get("purpose") != purpose:
        raise AccountError(_("That took too long or was already used. Please try again."))
    return dict(state)


def register_passkey(account: Account | None, credential: Any, passkey_name: str = "") -> Account:
    """Check the authenticator's answer and store the passkey (creating the account if new)."""
    state = _take_challenge("register")
    settings = _settings()
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(state["challenge"]),
            expected_rp_id=settings.rp_id,
            expected_origin=settings.origin,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        log.info("passkey registration refused: %s", type(error).__name__)
        raise AccountError(_("This passkey could not be saved. Please try again.")) from None
    if db.session.execute(
        select(Passkey.id).where(Passkey.credential_id == verified.credential_id)
    ).first():
        raise AccountError(_("This passkey is already saved."))
    if account is None:
        account = Account(
            display_name=state["name"], user_handle=base64url_to_bytes(state["user_handle"])
        )
        db.session.add(account)
    elif base64url_to_bytes(state["user_handle"]) != account.user_handle:
        raise AccountError(_("That took too long or was already used. Please try again."))
    else:
        _may_add_passkey(account)
    name = " ".join(passkey_name.split())[:60] or _("Passkey %(number)d", number=len(account.passkeys) + 1)
    account.passkeys.append(
        Passkey(
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            name=name,
        )
    )
    db.session.commit()
    log.info("passkey registered")
    return account


def _may_add_passkey(account: Account) -> None:
    try:
        recovery.may_add_passkey(account)
    except recovery.RecoveryError as error:
        raise AccountError(str(error)) from None


def _refuse_while_held(account: Account) -> None:
    try:
        recovery.refuse_while_held(account)
    except recovery.RecoveryError as error:
        raise AccountError(str(error)) from None


def authentication_options() -> dict[str, Any]:
    """Options for navigator.credentials.get(): discoverable, so no name is typed."""
    settings = _settings()
    options = generate_authentication_options(
        rp_id=settings.rp_id, user_verification=UserVerificationRequirement.REQUIRED
    )
    session[CHALLENGE_KEY] = {
        "purpose": "signin",
        "challenge": bytes_to_base64url(options.challenge),
    }
    return dict(json.loads(options_to_json(options)))


def authenticate(credential: Any) -> Passkey:
    """Check a sign-in answer and say which passkey gave it; one generic message for every failure."""
    failed = AccountError(_("We could not sign you in with that passkey."))
    state = _take_challenge("signin")
    try:
        parsed = parse_authentication_credential_json(credential)
    except Exception:  # noqa: BLE001 - any malformed input is the same failure
        raise failed from None
    passkey = db.session.execute(
        select(Passkey).where(Passkey.credential_id == parsed.raw_id)
    ).scalar_one_or_none()
    if passkey is None:
        raise failed
    if parsed.response.user_handle and parsed.response.user_handle != passkey.account.user_handle:
        raise failed
    settings = _settings()
    try:
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=base64url_to_bytes(state["challenge"]),
            expected_rp_id=settings.rp_id,
            expected_origin=settings.origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        log.info("passkey sign-in refused: %s", type(error).__name__)
        raise failed from None
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    db.session.commit()
    return passkey


def remove_passkey(account: Account, passkey_public_id: str) -> None:
    """Remove one passkey; the last one stays so nobody locks themselves out."""
    passkey = next((p for p in account.passkeys if p.public_id == passkey_public_id), None)
    if passkey is None:
        raise AccountError(_("That passkey was not found."))
    _refuse_while_held(account)
    if len(account.passkeys) == 1:
        raise AccountError(_("This is your only passkey. Add another one before you remove it."))
    account.passkeys.remove(passkey)
    db.session.commit()


def issue_signin_code(account: Account) -> str:
    """A one-time sign-in code (`make run`, a new agency's admin), valid 72 hours; earlier unused ones stop working."""
    _retire_codes(account, "signin")
    code = codes.new_code()
    db.session.add(
        OneTimeCode(
            account_id=account.id,
            kind="signin",
            code_hash=codes.code_hash(code),
            expires_at=utcnow() + SIGNIN_CODE_LIFETIME,
        )
    )
    db.session.commit()
    return code


def new_recovery_codes(account: Account) -> list[str]:
    """A fresh set of recovery codes; the old set stops working."""
    _refuse_while_held(account)
    _retire_codes(account, "recovery")
    fresh = [codes.new_code() for _ in range(RECOVERY_CODE_COUNT)]
    for code in fresh:
        db.session.add(OneTimeCode(account_id=account.id, kind="recovery", code_hash=codes.code_hash(code)))
    db.session.commit()
    return fresh


def recovery_codes_left(account: Account) -> int:
    return len(
        db.session.execute(
            select(OneTimeCode.id).where(
                OneTimeCode.account_id == account.id,
                OneTimeCode.kind == "recovery",
                OneTimeCode.used_at.is_(None),
            )
        ).all()
    )


def redeem_code(code: str) -> Account:
    """Sign in with a one-time or recovery code; each works once. A worker's code starts a recovery hold."""
    failed = AccountError(str(codes.CODE_FAILED))
    row = codes.find_by_code(OneTimeCode, code)
    now = utcnow()
    if row is None or row.used_at is not None or (row.expires_at and row.expires_at < now):
        raise failed
    # Claim the code with a conditional update so two redemptions cannot both win.
    claimed = rows_changed(
        db.update(OneTimeCode)
        .where(OneTimeCode.id == row.id, OneTimeCode.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed != 1:
        db.session.rollback()
        raise failed
    if row.kind == recovery.ASSISTED:
        recovery.begin(row)
    db.session.commit()
    account = db.session.get(Account, row.account_id)
    assert account is not None
    return account


def _retire_codes(account: Account, kind: str) -> None:
    db.session.execute(
        db.delete(OneTimeCode).where(
            OneTimeCode.account_id == account.id,
            OneTimeCode.kind == kind,
            OneTimeCode.used_at.is_(None),
        )
    )


def rename_account(account: Account, display_name: str) -> None:
    account.display_name = _clean_name(display_name)
    db.session.commit()

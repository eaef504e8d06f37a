"""Worker-assisted recovery: a caseworker's sign-in code for someone who lost every passkey, made safe.

The code signs every other browser out and starts a hold: for `WAIT`, the account cannot reach use details,
consents, export or deletion, nor change its passkeys beyond adding one, unless a passkey it had *before*
the code was used says "it was me" (or "it was not me", which undoes it). So a worker who keeps the code
for themselves gains nothing they cannot already see, and the parent is told at their next sign-in.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from blinker import Namespace
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from harm import codes, dates
from harm.accounts.models import Account, AccountSession, OneTimeCode, Passkey, WorkerRecovery
from harm.errors import Invalid
from harm.extensions import db
from harm.models_base import utcnow

log = logging.getLogger(__name__)

WAIT = timedelta(days=7)  # the pages say "7 days": change them with it
CODE_LIFETIME = timedelta(hours=72)
ASSISTED = "assisted"
CONFIRMED, CANCELLED = "confirmed", "cancelled"
GIVEN, USED = "given", "used"

# Sent inside the transaction of each step, so the access log (harm/audit) writes its entry with it:
# sender is the WorkerRecovery, `step` one of GIVEN, USED, CONFIRMED, CANCELLED, `actor` who did it.
recovery_events = Namespace()
recovery_step = recovery_events.signal("worker-recovery-step")


class RecoveryError(Invalid):
    """A recovery step that cannot be done; the message is safe to show."""


def give_code(account: Account, worker: Account, family_id: int) -> str:
    """A one-time code a caseworker reads to a family member who lost every passkey; older ones stop working."""
    if not account.worker_recovery_allowed:
        raise RecoveryError(_("%(name)s turned off sign-in codes from workers. Only they can turn it back on.",
                              name=account.display_name))
    _void_open_codes(account.id)
    code = codes.new_code()
    row = OneTimeCode(account_id=account.id, kind=ASSISTED, code_hash=codes.code_hash(code),
                      issued_by_id=worker.id, expires_at=utcnow() + CODE_LIFETIME)
    db.session.add(row)
    db.session.flush()
    recovery = WorkerRecovery(account_id=account.id, code_id=row.id, issued_by_id=worker.id,
                              issued_by_name=worker.display_name, family_id=family_id)
    db.session.add(recovery)
    db.session.flush()
    recovery_step.send(recovery, step=GIVEN, actor=worker)
    db.session.commit()
    log.info("worker recovery code given")
    return code


def begin(code: OneTimeCode) -> WorkerRecovery:
    """The code was just claimed: sign every browser of the account out and start the hold (caller commits)."""
    recovery = db.session.execute(
        select(WorkerRecovery).where(WorkerRecovery.code_id == code.id)
    ).scalar_one()
    now = utcnow()
    recovery.used_at = now
    recovery.hold_until = now + WAIT
    db.session.execute(db.delete(AccountSession).where(AccountSession.account_id == code.account_id))
    account = db.session.get(Account, code.account_id)
    recovery_step.send(recovery, step=USED, actor=account)
    log.info("worker recovery code used")
    return recovery


def hold_of(account: Account) -> WorkerRecovery | None:
    """The recovery holding this account closed, if one is in force (the latest unanswered one, while it lasts)."""
    latest = unresolved(account)
    return latest if latest is not None and holds(latest) else None


def holds(recovery: WorkerRecovery) -> bool:
    return recovery.hold_until is not None and recovery.hold_until > utcnow()


def _void_open_codes(account_id: int) -> None:
    """Every worker's code for this account that was not used yet stops working."""
    db.session.execute(db.delete(OneTimeCode).where(
        OneTimeCode.account_id == account_id, OneTimeCode.kind == ASSISTED, OneTimeCode.used_at.is_(None)))


def unresolved(account: Account) -> WorkerRecovery | None:
    """The latest used recovery nobody with an older passkey has answered yet (held or not)."""
    return db.session.execute(
        select(WorkerRecovery).where(
            WorkerRecovery.account_id == account.id,
            WorkerRecovery.used_at.is_not(None),
            WorkerRecovery.resolved.is_(None),
        ).order_by(WorkerRecovery.used_at.desc()).limit(1)
    ).scalar_one_or_none()


def find(account: Account, recovery_public_id: str) -> WorkerRecovery | None:
    return db.session.execute(
        select(WorkerRecovery).where(
            WorkerRecovery.account_id == account.id, WorkerRecovery.public_id == recovery_public_id,
            WorkerRecovery.used_at.is_not(None),
        )
    ).scalar_one_or_none()


def older_passkey_here(recovery: WorkerRecovery, session_row: AccountSession | None) -> bool:
    """This browser last proved itself with a passkey the account had before the code was used."""
    return session_row is not None and is_older_passkey(recovery, session_row.passkey_id)


def is_older_passkey(recovery: WorkerRecovery, passkey_id: int | None) -> bool:
    passkey = db.session.get(Passkey, passkey_id) if passkey_id is not None else None
    return (passkey is not None and recovery.used_at is not None and passkey.account_id == recovery.account_id
            and passkey.created_at < recovery.used_at)


def should_see_notice(account: Account, passkey_id: int | None) -> bool:
    """Shown at sign-in: to an older passkey until it answers, to everyone else while the hold lasts."""
    recovery = unresolved(account)
    if recovery is None:
        return False
    return is_older_passkey(recovery, passkey_id) or holds(recovery)


def confirm(recovery: WorkerRecovery, session_row: AccountSession | None) -> None:
    """An older passkey says the code was used by them: the hold ends now."""
    _answer(recovery, session_row, CONFIRMED)
    db.session.commit()


def cancel(recovery: WorkerRecovery, session_row: AccountSession | None) -> None:
    """An older passkey says it was not them: undo it, sign everyone else out, and stop workers' codes."""
    _answer(recovery, session_row, CANCELLED)
    assert recovery.used_at is not None and session_row is not None
    db.session.execute(db.delete(Passkey).where(
        Passkey.account_id == recovery.account_id, Passkey.created_at >= recovery.used_at))
    db.session.execute(db.delete(AccountSession).where(
        AccountSession.account_id == recovery.account_id, AccountSession.id != session_row.id))
    _void_open_codes(recovery.account_id)
    account = db.session.get(Account, recovery.account_id)
    assert account is not None
    account.worker_recovery_allowed = False
    db.session.commit()
    db.session.expire(account, ["passkeys"])


def _answer(recovery: WorkerRecovery, session_row: AccountSession | None, how: str) -> None:
    if recovery.resolved is not None:
        raise RecoveryError(_("This was already answered."))
    if not older_passkey_here(recovery, session_row):
        raise RecoveryError(_("Only a passkey you had before that day can answer this. Sign in with it."))
    recovery.resolved = how
    recovery.resolved_at = utcnow()
    recovery_step.send(recovery, step=how, actor=db.session.get(Account, recovery.account_id))
    log.info("worker recovery %s", how)


def may_add_passkey(account: Account) -> None:
    """While held, the account may add one passkey (to replace the lost ones), not more."""
    recovery = hold_of(account)
    if recovery is None or recovery.used_at is None:
        return
    used_at = recovery.used_at
    if any(passkey.created_at >= used_at for passkey in account.passkeys):
        raise RecoveryError(_("You already added a new passkey after signing in with a worker's code. "
                              "You can add more after %(day)s.", day=day_of(recovery)))


def refuse_while_held(account: Account) -> None:
    """Passkey removal, new recovery codes and the workers' codes setting wait for the hold to end."""
    recovery = hold_of(account)
    if recovery is not None:
        raise RecoveryError(held_message(recovery))


def held_message(recovery: WorkerRecovery) -> str:
    return _("Someone signed in to this account with a sign-in code from a worker. To keep you safe, use details, "
             "consents, the list of who looked, downloads and deleting the plan stay closed until %(day)s. If you "
             "still have your old passkey, sign in with it to open them now.", day=day_of(recovery))


def set_worker_codes_allowed(account: Account, allowed: bool) -> None:
    """The person decides whether a caseworker may give them a sign-in code; off also stops any open one."""
    refuse_while_held(account)
    account.worker_recovery_allowed = allowed
    if not allowed:
        _void_open_codes(account.id)
    db.session.commit()


def day_of(recovery: WorkerRecovery) -> str:
    """The day the hold ends, in the reader's words (a day is enough: the hold is counted in days)."""
    assert recovery.hold_until is not None
    return str(format_date(dates.day_of(recovery.hold_until), "long"))

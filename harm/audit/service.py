"""Writing, reading and verifying the access log."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from harm.accounts.models import Account
from harm.audit.models import AccessLogEntry
from harm.db_events import will_write
from harm.extensions import db
from harm.families.models import Family
from harm.models_base import utcnow

log = logging.getLogger(__name__)

GENESIS = "0" * 64
VIEWED, EXPORTED, ADDED, DELETED = "viewed", "exported", "added", "deleted"
SHARE_OPENED = "share_opened"
# The actor_role of an opening by someone with no account (a backup caregiver with a share link).
SHARE_LINK_ROLE = "share_link"
CONSENT_SIGNED, CONSENT_REVOKED = "consent_signed", "consent_revoked"
USE_DETAILS_DELETED, FAMILY_DELETED = "use_details_deleted", "family_deleted"
RECOVERY_CODE_GIVEN, RECOVERY_CODE_USED = "recovery_code_given", "recovery_code_used"
RECOVERY_CONFIRMED, RECOVERY_CANCELLED = "recovery_confirmed", "recovery_cancelled"
# A referral proposed, answered by the parent, or moved to its next step (subject: the referral).
REFERRAL_STEP = "referral_step"

ACTION_NAMES = {
    VIEWED: _l("Viewed"),
    EXPORTED: _l("Downloaded or printed"),
    ADDED: _l("Added"),
    DELETED: _l("Deleted an entry"),
    CONSENT_SIGNED: _l("Signed a consent"),
    CONSENT_REVOKED: _l("Stopped a consent"),
    USE_DETAILS_DELETED: _l("Deleted all use details"),
    FAMILY_DELETED: _l("Deleted the family"),
    SHARE_OPENED: _l("Opened with a share link"),
    RECOVERY_CODE_GIVEN: _l("Made a sign-in code for the parent"),
    RECOVERY_CODE_USED: _l("Signed in with a worker's sign-in code"),
    RECOVERY_CONFIRMED: _l("Said the worker's sign-in code was used by them"),
    RECOVERY_CANCELLED: _l("Said the worker's sign-in code was not used by them, and undid it"),
    REFERRAL_STEP: _l("Wrote down a step in a referral"),
}


def entry_hash(prev_hash: str, chain: str, seq: int, at: datetime, actor_name: str, actor_role: str,
               action: str, category: str | None, subject: str | None = None) -> str:
    fields = [chain, seq, at.isoformat(), actor_name, actor_role, action, category or ""]
    if subject is not None:  # only in entries that name one, so entries written before it still verify
        fields.append(subject)
    content = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


def _lock_chain(chain: str) -> None:
    """Hold the chain until the caller's transaction ends, so two appends never take the same place in it."""
    will_write(db.session)
    if db.session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(chain.encode()).digest()[:8], "big", signed=True)
        db.session.execute(select(func.pg_advisory_xact_lock(key)))
    # SQLite: a transaction that may write begins IMMEDIATE (harm/db_events.py), so it holds the one write lock.


def _append(chain: str, family_id: int | None, actor: Account | None, actor_role: str, action: str,
            category: str | None, subject: str | None = None) -> AccessLogEntry:
    _lock_chain(chain)
    last = db.session.execute(
        select(AccessLogEntry.seq, AccessLogEntry.entry_hash)
        .where(AccessLogEntry.chain == chain).order_by(AccessLogEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    # Whole seconds: the same text on SQLite and PostgreSQL, so the hash checks out on both.
    at = utcnow().replace(microsecond=0)
    actor_name = actor.display_name if actor is not None else ""
    entry = AccessLogEntry(
        chain=chain, seq=seq, family_id=family_id, at=at, actor_id=actor.id if actor else None,
        actor_name=actor_name, actor_role=actor_role, action=action, category=category, subject=subject,
        prev_hash=prev, entry_hash=entry_hash(prev, chain, seq, at, actor_name, actor_role, action, category, subject),
    )
    db.session.add(entry)
    db.session.flush()  # a failing insert fails the caller's action too, before anything is shown or committed
    return entry


def record(family: Family, *, actor: Account | None, actor_role: str, action: str,
           category: str | None = None, subject: str | None = None) -> None:
    """Append one entry to the family's chain, in the caller's transaction: the caller commits it with its action.

    actor None: someone with no account (a share link). subject: the public id of what the entry is about
    (a consent, an export), so `flask audit verify` can find an action with no entry.
    """
    try:
        _append(family.public_id, family.id, actor, actor_role, action, category, subject)
    except Exception:
        # The action goes with its entry; the session is left usable for the error page.
        db.session.rollback()
        raise
    log.debug("access log entry added")


def record_many(family: Family, *, actor: Account | None, actor_role: str, action: str,
                categories: list[str], subject: str | None = None) -> None:
    for category in categories:
        record(family, actor=actor, actor_role=actor_role, action=action, category=category, subject=subject)


def record_family_deletion(chain: str, actor: Account, actor_role: str) -> None:
    """After the family is gone: a new chain for it holding only that it was deleted (the caller commits)."""
    _append(chain, None, actor, actor_role, FAMILY_DELETED, None)


def is_by(entry: AccessLogEntry, account: Account) -> bool:
    """The entry is this person's own doing (never a share link's opening, nor an account since deleted)."""
    return entry.actor_id is not None and entry.actor_id == account.id


def entries_for(family: Family) -> list[AccessLogEntry]:
    return list(db.session.execute(
        select(AccessLogEntry).where(AccessLogEntry.chain == family.public_id).order_by(AccessLogEntry.seq.desc())
    ).scalars())


@dataclass(frozen=True)
class Break:
    chain: str
    seq: int
    reason: str


def verify_chain(entries: list[AccessLogEntry]) -> list[Break]:
    """Each entry must follow the one before it and hash to what it says."""
    problems: list[Break] = []
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            problems.append(Break(entry.chain, entry.seq, f"expected entry {expected_seq}"))
        if entry.prev_hash != prev:
            problems.append(Break(entry.chain, entry.seq, "does not follow the entry before it"))
        actual = entry_hash(entry.prev_hash, entry.chain, entry.seq, entry.at, entry.actor_name, entry.actor_role,
                            entry.action, entry.category, entry.subject)
        if actual != entry.entry_hash:
            problems.append(Break(entry.chain, entry.seq, "was changed after it was written"))
        prev = entry.entry_hash
    return problems


def verify_all() -> tuple[int, list[Break]]:
    """Check every chain; returns how many chains were checked and every break found."""
    chains = list(db.session.execute(select(AccessLogEntry.chain).group_by(AccessLogEntry.chain)).scalars())
    problems: list[Break] = []
    for chain in chains:
        entries = list(db.session.execute(
            select(AccessLogEntry).where(AccessLogEntry.chain == chain).order_by(AccessLogEntry.seq)
        ).scalars())
        problems.extend(verify_chain(entries))
    return len(chains), problems

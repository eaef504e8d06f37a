"""Sending due reminders: claim them in the database, push them, retry with backoff, move to the next time."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import requests
from py_vapid import Vapid
from pywebpush import WebPushException, webpush
from sqlalchemy import and_, or_, select, update

from harm.extensions import db
from harm.models_base import new_public_id, utcnow
from harm.reminders import push_connections, push_hosts
from harm.reminders.keys import current_keys
from harm.reminders.kinds import NALOXONE
from harm.reminders.models import PushSubscription, Reminder
from harm.reminders.service import next_due, payload_for

log = logging.getLogger(__name__)

# A claim older than this belongs to a sender that died; another may take the row.
CLAIM_TIMEOUT = timedelta(minutes=10)
# Waits after the 1st, 2nd, ... failed attempt; after the last, this occurrence is given up.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
PUSH_TTL_SECONDS = 24 * 3600
PUSH_TIMEOUT_SECONDS = 10
# Every push is padded to this many bytes before encryption, so its size tells a push service nothing: not a
# neutral name from details, not one language from another. The longest message (an 80-letter title of
# 4-byte letters, JSON-escaped at worst) is well under it; Web Push allows some 3,990.
PUSH_PAYLOAD_BYTES = 1024


@dataclass
class Report:
    sent: int = 0
    retrying: int = 0
    given_up: int = 0
    removed_subscriptions: int = 0


def claim(now: datetime, limit: int) -> tuple[str, list[Reminder]]:
    """Mark due rows as this sender's in one statement. PostgreSQL skips rows another sender has locked;
    SQLite runs the UPDATE under its single write lock, so a second sender sees them already claimed."""
    token = new_public_id()
    due = or_(and_(Reminder.retry_at.is_(None), Reminder.next_due_at <= now), Reminder.retry_at <= now)
    free = or_(Reminder.claimed_by.is_(None), Reminder.claimed_at < now - CLAIM_TIMEOUT)
    candidates = (
        select(Reminder.id).where(due, free, Reminder.paused.is_(False))
        .order_by(Reminder.next_due_at).limit(limit).with_for_update(skip_locked=True)
    )
    db.session.execute(
        update(Reminder).where(Reminder.id.in_(candidates), free)
        .values(claimed_by=token, claimed_at=now).execution_options(synchronize_session=False)
    )
    db.session.commit()
    rows = db.session.execute(select(Reminder).where(Reminder.claimed_by == token)).scalars()
    return token, list(rows)


def padded(message: dict[str, str]) -> str:
    """The message as JSON, then spaces up to PUSH_PAYLOAD_BYTES: JSON whitespace, so the worker's parse drops it."""
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    spare = PUSH_PAYLOAD_BYTES - len(text.encode())
    if spare < 0:
        raise ValueError("a push message is over the fixed size (is APP_NAME very long?)")
    return text + " " * spare


def push(subscription_info: dict[str, Any], payload: str) -> int | None:
    """Send one push; None when it went through, else the push service's status (0: no answer)."""
    if not push_hosts.may_connect(subscription_info["endpoint"]):
        return _skipped()
    keys = current_keys()
    session = push_connections.push_session()
    try:
        webpush(
            subscription_info,
            payload,
            vapid_private_key=Vapid.from_string(private_key=keys.private_key),
            # pywebpush adds aud and exp to the dict it is given: a new one every time.
            vapid_claims={"sub": keys.subject},
            ttl=PUSH_TTL_SECONDS,
            timeout=PUSH_TIMEOUT_SECONDS,
            requests_session=session,
        )
    except push_hosts.NotPublicHost:
        return _skipped()  # the name's answer changed since the check, or a redirect pointed inside
    except WebPushException as error:
        return error.response.status_code if error.response is not None else 0
    except requests.RequestException:
        return 0
    finally:
        if session is not None:
            session.close()
    return None


def _skipped() -> int:
    # Only the event: the address itself could say who runs the push service or where it points.
    log.warning("push skipped: the push address does not lead to a public host")
    return 0


def deliver(reminder: Reminder, now: datetime, report: Report) -> None:
    subscriptions = list(db.session.execute(
        select(PushSubscription).where(PushSubscription.account_id == reminder.account_id)
    ).scalars())
    messages = [({"endpoint": s.endpoint, "keys": {"p256dh": s.p256dh, "auth": s.auth}},
                 padded(payload_for(reminder, s.discreet))) for s in subscriptions]
    # No transaction stays open across the network calls: on SQLite it would hold the one write lock.
    db.session.commit()
    delivered = failed = 0
    for subscription, (info, payload) in zip(subscriptions, messages, strict=True):
        status = push(info, payload)
        if status is None:
            delivered += 1
        elif status in (404, 410):
            # The device unsubscribed or the browser was reset: this address will never work again.
            db.session.delete(subscription)
            report.removed_subscriptions += 1
        else:
            failed += 1
    if failed and not delivered and reminder.attempts < len(BACKOFF):
        reminder.retry_at = now + BACKOFF[reminder.attempts]
        reminder.attempts += 1
        report.retrying += 1
    else:
        if failed and not delivered:
            report.given_up += 1
        else:
            report.sent += 1
            reminder.last_sent_at = now
        occurrence = reminder.next_due_at or now
        reminder.next_due_at = next_due(reminder, max(now, occurrence))
        reminder.retry_at, reminder.attempts = None, 0
    reminder.claimed_by, reminder.claimed_at = None, None
    db.session.commit()


def refresh_naloxone() -> None:
    """Kit dates live in the plan and may change after the reminder was set: follow them."""
    rows = db.session.execute(
        select(Reminder).where(Reminder.kind == NALOXONE, Reminder.paused.is_(False), Reminder.claimed_by.is_(None))
    ).scalars().all()
    for reminder in rows:
        wanted = next_due(reminder, reminder.last_sent_at or reminder.created_at)
        if wanted != reminder.next_due_at:
            # Only while no sender has claimed it since it was read.
            db.session.execute(
                update(Reminder).where(Reminder.id == reminder.id, Reminder.claimed_by.is_(None))
                .values(next_due_at=wanted).execution_options(synchronize_session=False)
            )
    db.session.commit()


def send_due(now: datetime | None = None, limit: int = 500) -> Report:
    """Send every reminder due by now, once."""
    now = now or utcnow()
    report = Report()
    refresh_naloxone()
    _token, reminders = claim(now, limit)
    for reminder in reminders:
        deliver(reminder, now, report)
    log.info("reminders: %d sent, %d to retry, %d given up, %d subscriptions removed",
             report.sent, report.retrying, report.given_up, report.removed_subscriptions)
    return report

"""Reminders and push subscriptions: checking what comes in, saving it, working out when it is due."""
from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from harm.accounts.models import Account
from harm.checkins.models import CheckIn
from harm.dates import zone_named
from harm.discreet.choices import DEFAULT, choice_for, current_choice, name_chosen
from harm.errors import Invalid, NotFound
from harm.extensions import db
from harm.families.access import member_may
from harm.families.capabilities import Capability as C
from harm.families.models import Family, Membership
from harm.families.service import family_dates_changed, visible_sections
from harm.models_base import utcnow
from harm.plans.reader import read_plan
from harm.reminders import push_hosts, schedule
from harm.reminders.devices import follow_choice
from harm.reminders.keys import b64url_decode
from harm.reminders.kinds import (
    CHECKIN,
    DATED_KINDS,
    DETAIL_TEXT,
    FAMILY_KINDS,
    NALOXONE,
    OWN,
    PLAN_DATED_KINDS,
    PLAN_REVIEW,
)
from harm.reminders.models import PushSubscription, Reminder
from harm.reminders.schemas import ReminderIn, SubscriptionIn
from harm.reviews.models import JointReview

log = logging.getLogger(__name__)


def _as_lists(messages: Any) -> Any:
    """Every field's messages as a list of strings, as the other APIs answer."""
    if isinstance(messages, dict):
        return {key: _as_lists(value) for key, value in messages.items()}
    return [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]


def _load(schema: Any, data: Any) -> dict[str, Any]:
    try:
        return dict(schema.load(data if isinstance(data, dict) else {}))
    except ValidationError as error:
        raise Invalid(messages=_as_lists(error.normalized_messages())) from None


# ---- subscriptions ------------------------------------------------------------------------------


def _key_problems(keys: dict[str, str]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    try:
        point = b64url_decode(keys["p256dh"])
    except ValueError:
        point = b""
    if len(point) != 65 or point[0] != 4:
        problems["p256dh"] = [_("The device's push key is not right.")]
    try:
        secret = b64url_decode(keys["auth"])
    except ValueError:
        secret = b""
    if len(secret) != 16:
        problems["auth"] = [_("The device's push secret is not right.")]
    return problems


def subscribe(account: Account, data: Any) -> PushSubscription:
    """Save this device's push subscription for the account (a device moves to whoever signed in last)."""
    clean = _load(SubscriptionIn(), data)
    problems: dict[str, Any] = {}
    if endpoint_problem := push_hosts.endpoint_problem(clean["endpoint"]):
        problems["endpoint"] = [endpoint_problem]
    if key_problems := _key_problems(clean["keys"]):
        problems["keys"] = key_problems
    if problems:
        raise Invalid(messages=problems)
    subscription = db.session.execute(
        select(PushSubscription).where(PushSubscription.endpoint == clean["endpoint"])
    ).scalar_one_or_none() or PushSubscription(endpoint=clean["endpoint"])
    subscription.account_id = account.id
    subscription.p256dh = clean["keys"]["p256dh"]
    subscription.auth = clean["keys"]["auth"]
    subscription.device = " ".join(clean["device"].split())
    subscription.discreet = current_choice().key  # this device's neutral name, if one was chosen on it
    db.session.add(subscription)
    db.session.commit()
    log.info("push turned on for a device")
    return subscription


def subscriptions_of(account: Account) -> list[PushSubscription]:
    return list(db.session.execute(
        select(PushSubscription).where(PushSubscription.account_id == account.id).order_by(PushSubscription.id)
    ).scalars())


def unsubscribe(account: Account, public_id: str) -> None:
    """Turn push off for one device; a device of another account answers 404."""
    subscription = db.session.execute(
        select(PushSubscription).where(PushSubscription.public_id == public_id,
                                       PushSubscription.account_id == account.id)
    ).scalar_one_or_none()
    if subscription is None:
        raise NotFound
    db.session.delete(subscription)
    db.session.commit()


def unsubscribe_all(account: Account) -> int:
    removed = db.session.execute(delete(PushSubscription).where(PushSubscription.account_id == account.id))
    db.session.commit()
    return int(getattr(removed, "rowcount", 0) or 0)


# ---- reminders ----------------------------------------------------------------------------------


def kit_expiry_dates(family_id: int) -> list[date]:
    """The expiry dates written in the family's naloxone section."""
    return read_plan(family_id, ["naloxone"]).kit_expiry_dates


def plan_date(kind: str, family_id: int) -> date | None:
    """The date the family's plan sets for this kind: the newest review's next review, the newest check-in's
    next check-in or visit (the one the caseload shows)."""
    if kind == PLAN_REVIEW:
        query = select(JointReview.next_review_on).where(JointReview.family_id == family_id) \
            .order_by(JointReview.held_on.desc(), JointReview.id.desc())
    elif kind == CHECKIN:
        query = select(CheckIn.next_on).where(CheckIn.family_id == family_id) \
            .order_by(CheckIn.happened_on.desc(), CheckIn.id.desc())
    else:
        return None
    return db.session.execute(query.limit(1)).scalar_one_or_none()


def next_due(reminder: Reminder, after: datetime) -> datetime | None:
    """The next time to send this reminder after `after`, quiet hours respected; None if none is left."""
    zone = zone_named(reminder.timezone) or ZoneInfo("UTC")
    if reminder.kind == NALOXONE and reminder.family_id is not None:
        moment = schedule.next_naloxone(kit_expiry_dates(reminder.family_id), reminder.at_time, zone, after)
    elif reminder.kind in PLAN_DATED_KINDS and reminder.family_id is not None:
        day = plan_date(reminder.kind, reminder.family_id)
        moment = schedule.next_occurrence(day, reminder.at_time, "none", zone, after) if day else None
    elif reminder.on_date is not None:
        moment = schedule.next_occurrence(reminder.on_date, reminder.at_time, reminder.repeat, zone, after)
    else:
        moment = None
    if moment is None:
        return None
    return schedule.after_quiet_hours(moment, zone, reminder.quiet_start, reminder.quiet_end)


def _family_for(account: Account, family_public_id: str | None, kind: str) -> Family | None:
    """The member's family, if what this kind of reminder tells (a kit's expiry, a review or visit date) is theirs
    to see: a peer sees them only in what the parent shares."""
    if not family_public_id:
        return None
    membership = db.session.execute(
        select(Membership).join(Family).options(joinedload(Membership.family))
        .where(Family.public_id == family_public_id, Membership.account_id == account.id)
    ).scalar_one_or_none()
    if membership is None:
        return None
    if kind == NALOXONE:
        allowed = "naloxone" in visible_sections(membership)
    else:
        allowed = member_may(membership, C.SEE_REVIEWS if kind == PLAN_REVIEW else C.SEE_CHECKINS)
    return membership.family if allowed else None


def _reminder_problems(account: Account, clean: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    kind = clean["kind"]
    if zone_named(clean["timezone"]) is None:
        problems["timezone"] = [_("We do not know that time zone. Please write one like America/Chicago.")]
    if kind in FAMILY_KINDS and _family_for(account, clean["family"], kind) is None:
        problems["family"] = [_("Please pick one of your family plans.")]
    if kind in DATED_KINDS and clean["on_date"] is None:
        problems["on_date"] = [_("Please give a date like 2027-03-31.")]
    if kind == OWN and not " ".join(clean["title"].split()):
        problems["title"] = [_("Please say what to remind you about.")]
    return problems


def create(account: Account, data: Any, now: datetime | None = None) -> Reminder:
    """Add a reminder for this member; a one-time reminder in the past is refused."""
    clean = _load(ReminderIn(), data)
    if problems := _reminder_problems(account, clean):
        raise Invalid(messages=problems)
    family = _family_for(account, clean["family"], clean["kind"]) if clean["kind"] in FAMILY_KINDS else None
    reminder = Reminder(
        account_id=account.id, family_id=family.id if family else None, kind=clean["kind"],
        title=" ".join(clean["title"].split()) if clean["kind"] == OWN else "",
        on_date=clean["on_date"] if clean["kind"] in DATED_KINDS else None, at_time=clean["at_time"],
        repeat=clean["repeat"] if clean["kind"] in DATED_KINDS else "none", timezone=clean["timezone"],
        quiet_start=clean["quiet_start"], quiet_end=clean["quiet_end"], show_details=clean["show_details"],
        paused=False, attempts=0,
    )
    reminder.next_due_at = next_due(reminder, now or utcnow())
    if reminder.next_due_at is None and reminder.kind in DATED_KINDS:
        raise Invalid(messages={"on_date": [_("That date and time have already passed. Please pick a time to come.")]})
    db.session.add(reminder)
    db.session.commit()
    log.info("reminder added")
    return reminder


def init_app(app: Flask) -> None:
    """Reminders follow a family's moved dates and a device's newly chosen name."""
    family_dates_changed.connect(plan_dates_changed)
    name_chosen.connect(follow_choice)


def plan_dates_changed(family_id: int, now: datetime | None = None) -> None:
    """A review or check-in moved the family's dates: its reminders move with them (paused ones when turned on)."""
    reminders = db.session.execute(
        select(Reminder).where(Reminder.family_id == family_id, Reminder.kind.in_(PLAN_DATED_KINDS),
                               Reminder.paused.is_(False))
    ).scalars()
    for reminder in reminders:
        reminder.next_due_at = next_due(reminder, now or utcnow())
        reminder.retry_at, reminder.attempts = None, 0
    db.session.commit()


def reminders_of(account: Account) -> list[Reminder]:
    return list(db.session.execute(
        select(Reminder).options(joinedload(Reminder.family)).where(Reminder.account_id == account.id)
        .order_by(Reminder.next_due_at.is_(None), Reminder.next_due_at, Reminder.id)
    ).scalars())


def get_or_404(account: Account, public_id: str) -> Reminder:
    """The account's own reminder; anyone else's answers 404."""
    reminder = db.session.execute(
        select(Reminder).options(joinedload(Reminder.family))
        .where(Reminder.public_id == public_id, Reminder.account_id == account.id)
    ).scalar_one_or_none()
    if reminder is None:
        raise NotFound
    return reminder


def set_paused(reminder: Reminder, paused: bool, now: datetime | None = None) -> Reminder:
    if reminder.paused and not paused:
        # Back on: what was missed while paused is skipped, not sent all at once.
        reminder.next_due_at = next_due(reminder, now or utcnow())
        reminder.retry_at, reminder.attempts = None, 0
    reminder.paused = paused
    db.session.commit()
    return reminder


def remove(reminder: Reminder) -> None:
    db.session.delete(reminder)
    db.session.commit()


def payload_for(reminder: Reminder, discreet: str = DEFAULT) -> dict[str, str]:
    """What the notification says: neutral unless the person chose details; never a use detail or a name.
    A device with a neutral name (discreet mode) shows that name and icon, and never the details."""
    choice = choice_for(discreet)
    body = _("You have a reminder.")
    if reminder.show_details and not choice.is_discreet:
        body = reminder.title if reminder.kind == OWN else str(DETAIL_TEXT[reminder.kind])
    # The badge (the small status-bar mark) is the same neutral picture as the icon.
    return {"title": choice.name, "body": body, "url": f"/reminders/{reminder.public_id}", "tag": reminder.public_id,
            "icon": choice.icons[1].src, "badge": choice.icons[1].src}

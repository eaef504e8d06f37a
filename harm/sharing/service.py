"""Making, opening and revoking share links."""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from harm.accounts.models import Account
from harm.audit import service as audit
from harm.db_events import will_write
from harm.errors import Invalid, NotFound
from harm.extensions import db
from harm.families.models import Family, Membership
from harm.models_base import UTCDateTime, utcnow
from harm.plans.reader import read_plan
from harm.sharing.models import ShareLink, ShareOpening

log = logging.getLogger(__name__)

TOKEN_BYTES = 32  # 256 bits: guessing a link is hopeless
PARTS = {
    "overdose": _l("Our overdose response plan (the steps, where the naloxone is, who checks on me, "
                   "what the children know)"),
    "caregivers": _l("Our backup caregivers (names and phone numbers)"),
    "supports": _l("Our supports (names and phone numbers)"),
}
LIFETIMES = {
    "day": (_l("1 day"), timedelta(days=1)),
    "week": (_l("1 week"), timedelta(days=7)),
    "month": (_l("1 month"), timedelta(days=30)),
}


@dataclass
class SharedView:
    """Only the chosen parts, from named fields."""

    family_name: str
    parts: list[str]
    expires_at: datetime
    naloxone_places: list[str]
    who_checks: str
    children_know: list[tuple[str, str]]
    caregivers: list[tuple[str, str]]
    supports: list[tuple[str, str]]


@dataclass
class LinkSummary:
    link: ShareLink
    times_opened: int
    last_opened: datetime | None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(membership: Membership, account: Account, form: dict[str, Any]) -> tuple[ShareLink, str]:
    """A new link for the chosen parts; the token is shown once and kept only as a hash."""
    parts = [part for part in PARTS if part in form.get("parts", [])]
    errors: dict[str, str] = {}
    if not parts or len(parts) != len(set(form.get("parts", []))):
        errors["parts"] = _("Choose at least one part of the plan to share.")
    if form.get("lifetime") not in LIFETIMES:
        errors["lifetime"] = _("Choose how long the link works: a day, a week or a month.")
    label = str(form.get("label", "")).strip()
    if len(label) > 60:
        errors["label"] = _("Use 60 letters or fewer for who it is for.")
    if errors:
        raise Invalid(messages=errors)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        family_id=membership.family_id, token_hash=hash_token(token), label=label, parts=parts,
        expires_at=utcnow() + LIFETIMES[form["lifetime"]][1], created_by_id=account.id,
    )
    db.session.add(link)
    db.session.commit()
    log.info("share link made")
    return link, token


def links_of(membership: Membership) -> list[LinkSummary]:
    counts = (
        select(ShareOpening.link_id, func.count().label("n"), func.max(ShareOpening.opened_at).label("last"))
        .group_by(ShareOpening.link_id).subquery()
    )
    rows = db.session.execute(
        select(ShareLink, counts.c.n, counts.c.last)
        .outerjoin(counts, counts.c.link_id == ShareLink.id)
        .where(ShareLink.family_id == membership.family_id)
        .order_by(ShareLink.id.desc())
    ).all()
    return [LinkSummary(link, n or 0, _as_utc(last)) for link, n, last in rows]


def _as_utc(value: Any) -> datetime | None:
    # An aggregate bypasses the column type, so SQLite gives a naive value (or text) back.
    return UTCDateTime().process_result_value(datetime.fromisoformat(value) if isinstance(value, str) else value, None)


def revoke(membership: Membership, link_public_id: str) -> None:
    link = db.session.execute(
        select(ShareLink).where(ShareLink.public_id == link_public_id, ShareLink.family_id == membership.family_id)
    ).scalar_one_or_none()
    if link is None:
        raise NotFound
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        db.session.commit()
        log.info("share link revoked")


def open_link(token: str) -> tuple[ShareLink, SharedView]:
    """The link's view, recording the opening; 404 for an unknown, expired or revoked link."""
    will_write(db.session)
    link = db.session.execute(select(ShareLink).where(ShareLink.token_hash == hash_token(token))).scalar_one_or_none()
    if link is None or not link.is_open():
        raise NotFound
    db.session.add(ShareOpening(link_id=link.id))
    family = db.session.get_one(Family, link.family_id)
    audit.record(family, actor=None, actor_role=audit.SHARE_LINK_ROLE, action=audit.SHARE_OPENED)
    db.session.commit()
    log.info("share link opened")
    return link, shared_view(link)


def shared_view(link: ShareLink) -> SharedView:
    wanted = {"overdose": ("naloxone", "overdose"), "caregivers": ("household",), "supports": ("supports",)}
    keys = {key for part in link.parts for key in wanted.get(part, ())}
    plan = read_plan(link.family_id, keys)
    family = db.session.get(Family, link.family_id)
    return SharedView(
        family_name=family.name if family else "",
        parts=list(link.parts),
        expires_at=link.expires_at,
        naloxone_places=plan.naloxone_places,
        who_checks=plan.who_checks,
        children_know=list(plan.children_know),
        caregivers=list(plan.backup_caregivers),
        supports=list(plan.supports),
    )

"""Keeping, showing and deleting use details; every read and change goes to the access log."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from harm.audit import service as audit
from harm.consent.access import visible_categories
from harm.dates import local_today
from harm.db_events import checkpoint_after_delete
from harm.errors import Invalid, NotFound, flat_messages
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.models_base import utcnow
from harm.use_details import CATEGORIES
from harm.vault.keys import vault
from harm.vault.models import UseDetail
from harm.vault.schemas import UseDetailInSchema

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """A use-detail entry, opened."""

    id: str
    category: str
    text: str
    happened_on: date | None
    private: bool
    added_by: str | None
    created_at: datetime

    @property
    def category_name(self) -> str:
        return str(CATEGORIES[self.category])


def role_label(membership: Membership) -> str:
    return membership.role


def _open(row: UseDetail) -> Entry:
    value = vault().open(row.sealed)
    happened = value.get("happened_on")
    return Entry(
        id=row.public_id, category=row.category, text=str(value.get("text", "")),
        happened_on=date.fromisoformat(happened) if happened else None, private=row.private,
        added_by=row.created_by.display_name if row.created_by else None, created_at=row.created_at,
    )


def add(membership: Membership, data: Any) -> Entry:
    """The parent keeps a use detail: for themselves, or to share under a consent."""
    try:
        clean = UseDetailInSchema().load(data if isinstance(data, dict) else {})
    except ValidationError as error:
        raise Invalid(messages=flat_messages(error.normalized_messages())) from None
    text = clean["text"].strip()
    if not text:
        raise Invalid(messages={"text": [_("Please write something.")]})
    happened = clean["happened_on"]
    if happened is not None and happened > local_today() + timedelta(days=1):
        raise Invalid(messages={"happened_on": [_("The date cannot be in the future.")]})
    row = UseDetail(
        family_id=membership.family_id, category=clean["category"], private=clean["private"],
        sealed=vault().seal({"text": text, "happened_on": happened.isoformat() if happened else None}),
        created_by_id=membership.account_id,
    )
    db.session.add(row)
    audit.record(membership.family, actor=membership.account, actor_role=role_label(membership),
                 action=audit.ADDED, category=row.category)
    db.session.commit()
    log.info("use detail added")
    return _open(row)


def _rows(family: Family, categories: set[str], include_private: bool) -> list[UseDetail]:
    query = (select(UseDetail).options(joinedload(UseDetail.created_by))
             .where(UseDetail.family_id == family.id, UseDetail.category.in_(sorted(categories)))
             .order_by(UseDetail.created_at.desc(), UseDetail.id.desc()))
    if not include_private:
        query = query.where(UseDetail.private.is_(False))
    return list(db.session.execute(query).scalars())


def visible_to(membership: Membership, now: datetime | None = None) -> set[str]:
    return visible_categories(membership.account, membership.family, now or utcnow())


def read(membership: Membership, action: str = audit.VIEWED) -> dict[str, list[Entry]]:
    """What this member may see, by category (consented categories only); each category read is logged.

    Raises NotFound when the member may see no category at all, so nothing hints that any exist.
    """
    categories = visible_to(membership)
    if not categories:
        raise NotFound
    shown = _shown(membership.family, categories, include_private=membership.role == roles.PARENT)
    audit.record_many(membership.family, actor=membership.account, actor_role=role_label(membership),
                      action=action, categories=list(shown))
    db.session.commit()  # nothing is shown unless its entries are in the log
    return shown


def _shown(family: Family, categories: set[str], include_private: bool) -> dict[str, list[Entry]]:
    """The entries of these categories, by category in the usual order: the one filter every view of them uses."""
    entries = [_open(row) for row in _rows(family, categories, include_private=include_private)]
    return {key: [e for e in entries if e.category == key] for key in CATEGORIES if key in categories}


def as_recipient_sees(family: Family, categories: set[str]) -> dict[str, list[Entry]]:
    """For the parent's preview: what someone a consent names sees of these categories (never "only for me").

    Not logged: it is the parent's own look at their own details, not a recipient's view.
    """
    return _shown(family, categories, include_private=False)


def delete_entry(membership: Membership, entry_id: str) -> None:
    row = db.session.execute(select(UseDetail).where(
        UseDetail.public_id == entry_id, UseDetail.family_id == membership.family_id)).scalar_one_or_none()
    if row is None:
        raise NotFound
    category = row.category
    db.session.delete(row)
    audit.record(membership.family, actor=membership.account, actor_role=role_label(membership),
                 action=audit.DELETED, category=category)
    db.session.commit()
    checkpoint_after_delete(db.engine)


def delete_all(membership: Membership) -> int:
    """The parent removes every use detail of the family from the database."""
    count = db.session.execute(
        select(db.func.count()).select_from(UseDetail).where(UseDetail.family_id == membership.family_id)
    ).scalar_one()
    db.session.execute(db.delete(UseDetail).where(UseDetail.family_id == membership.family_id))
    audit.record(membership.family, actor=membership.account, actor_role=role_label(membership),
                 action=audit.USE_DETAILS_DELETED)
    db.session.commit()
    checkpoint_after_delete(db.engine)
    return int(count)


def export_entries(family: Family) -> list[dict[str, Any]]:
    """Every entry, opened, for the parent's download."""
    return [
        {"id": e.id, "category": e.category, "text": e.text,
         "happened_on": e.happened_on.isoformat() if e.happened_on else None, "private": e.private,
         "added_by": e.added_by, "created_at": e.created_at.isoformat()}
        for e in (_open(row) for row in _rows(family, set(CATEGORIES), include_private=True))
    ]


def reencrypt_all() -> int:
    """Write every entry again under the newest key; returns how many."""
    rows = list(db.session.execute(select(UseDetail)).scalars())
    for row in rows:
        row.sealed = vault().rotate(row.sealed)
    db.session.commit()
    return len(rows)

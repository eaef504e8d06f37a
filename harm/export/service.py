"""Building the family's export, and deleting the whole family."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete

from harm.audit import service as audit
from harm.export import CONTRIBUTORS
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.models_base import utcnow
from harm.vault.categories import CATEGORIES, PART2_NOTICE

log = logging.getLogger(__name__)


def build(membership: Membership) -> dict[str, Any]:
    """Everything the app holds about the family; the reading of use details goes to the access log."""
    import harm.export.parts  # noqa: F401  (registers the foundation's parts)

    family = membership.family
    data: dict[str, Any] = {"notice": str(PART2_NOTICE), "exported_at": utcnow().isoformat()}
    for part in CONTRIBUTORS:
        data[part.name] = part.build(family)
    audit.record_many(family, actor=membership.account, actor_role=membership.role, action=audit.EXPORTED,
                      categories=list(CATEGORIES))
    log.info("family exported")
    return data


def delete_family(membership: Membership) -> None:
    """Delete every row of the family (not a flag); a new log chain keeps only that it happened."""
    family = membership.family
    chain, family_id, actor = family.public_id, family.id, membership.account
    db.session.expunge_all()
    # Every table with a family_id, children first: features added later are covered too.
    for table in reversed(db.metadata.sorted_tables):
        if "family_id" in table.columns and table.name != Family.__tablename__:
            db.session.execute(delete(table).where(table.c.family_id == family_id))
    db.session.execute(delete(Family.__table__).where(Family.__table__.c.id == family_id))
    actor = db.session.merge(actor)
    audit.record_family_deletion(chain, actor, roles.PARENT)
    db.session.commit()
    log.info("family deleted")

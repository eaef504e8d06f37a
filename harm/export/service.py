"""Building the family's export, and deleting the whole family."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete, select

import harm.export.parts  # noqa: F401  (registers the foundation's parts)
from harm.audit import service as audit
from harm.audit.completeness import Gap, missing_entries, register_completeness_check
from harm.db_events import checkpoint_after_delete, will_write
from harm.export import CONTRIBUTORS
from harm.export.models import ExportRecord
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.models_base import utcnow
from harm.use_details import CATEGORIES, PART2_NOTICE

log = logging.getLogger(__name__)


def build(membership: Membership) -> dict[str, Any]:
    """Everything the app holds about the family; the reading of use details goes to the access log."""
    will_write(db.session)
    family = membership.family
    data: dict[str, Any] = {"notice": str(PART2_NOTICE), "exported_at": utcnow().isoformat()}
    for part in CONTRIBUTORS:
        data[part.name] = part.build(family)
    record = ExportRecord(family_id=family.id, account_id=membership.account_id)
    db.session.add(record)
    db.session.flush()
    audit.record_many(family, actor=membership.account, actor_role=membership.role, action=audit.EXPORTED,
                      categories=list(CATEGORIES), subject=record.public_id)
    db.session.commit()  # handed over only once the export and its entries are saved
    log.info("family exported")
    return data


def exports_without_entries() -> list[Gap]:
    """Exports with no access-log entry naming them."""
    rows = db.session.execute(select(Family.public_id, ExportRecord.public_id)
                              .join(Family, Family.id == ExportRecord.family_id)).all()
    return missing_entries("export", audit.EXPORTED, [(chain, export) for chain, export in rows])


register_completeness_check("export", exports_without_entries)


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
    checkpoint_after_delete(db.engine)
    log.info("family deleted")

"""The export's parts for the tables in the foundation and issue 3."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from harm.audit.service import entries_for
from harm.consent.models import Consent
from harm.export import contributor
from harm.extensions import db
from harm.families.models import Family, Invitation
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection, SectionRevision
from harm.vault.service import export_entries


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@contributor("family")
def _family(family: Family) -> dict[str, Any]:
    return {"id": family.public_id, "name": family.name, "peer_sections": list(family.peer_sections),
            "created_at": iso(family.created_at)}


@contributor("memberships")
def _memberships(family: Family) -> list[dict[str, Any]]:
    return [{"id": m.public_id, "name": m.account.display_name, "role": m.role, "since": iso(m.created_at)}
            for m in family.memberships]


@contributor("plan")
def _plan(family: Family) -> list[dict[str, Any]]:
    sections = db.session.execute(
        select(PlanSection).where(PlanSection.family_id == family.id).order_by(PlanSection.id)).scalars()
    out = []
    for section in sections:
        revisions = db.session.execute(
            select(SectionRevision).where(SectionRevision.section_id == section.id).order_by(SectionRevision.version)
        ).scalars()
        out.append({
            "key": section.key, "version": section.version, "data": section.data,
            "updated_at": iso(section.updated_at),
            "revisions": [{"version": r.version, "by": r.account.display_name if r.account else None,
                           "changed": r.changed, "data": r.data, "at": iso(r.created_at)} for r in revisions],
        })
    return out


@contributor("milestones")
def _milestones(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(Milestone).where(Milestone.family_id == family.id).order_by(Milestone.happened_on)).scalars()
    return [{"kind": m.kind, "title": m.title, "note": m.note, "happened_on": iso(m.happened_on),
             "recorded_by": m.recorded_by.display_name if m.recorded_by else None, "at": iso(m.created_at)}
            for m in rows]


@contributor("invitations")
def _invitations(family: Family) -> list[dict[str, Any]]:
    # Metadata only: never the code or its hash.
    rows = db.session.execute(
        select(Invitation).where(Invitation.family_id == family.id).order_by(Invitation.id)).scalars()
    return [{"role": i.role, "label": i.label, "created_at": iso(i.created_at), "expires_at": iso(i.expires_at),
             "used_at": iso(i.used_at), "revoked_at": iso(i.revoked_at)} for i in rows]


@contributor("consents")
def _consents(family: Family) -> list[dict[str, Any]]:
    from harm.consent.service import as_document
    from harm.models_base import utcnow

    rows = db.session.execute(
        select(Consent).where(Consent.family_id == family.id).order_by(Consent.version)).scalars()
    now = utcnow()
    return [{key: iso(value) if isinstance(value, datetime) else value
             for key, value in as_document(c, now).items()} for c in rows]


@contributor("use_details", tier3=True)
def _use_details(family: Family) -> list[dict[str, Any]]:
    return export_entries(family)


@contributor("access_log")
def _access_log(family: Family) -> list[dict[str, Any]]:
    return [{"seq": e.seq, "at": iso(e.at), "who": e.actor_name, "role": e.actor_role, "action": e.action,
             "category": e.category, "hash": e.entry_hash} for e in reversed(entries_for(family))]

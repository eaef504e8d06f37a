"""The export's parts for the tables in the foundation, use details, consents and the access log."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from harm.accounts.models import Account, WorkerRecovery
from harm.agencies.models import Agency, FamilyOutcome
from harm.audit.service import entries_for
from harm.checkins.models import CheckIn
from harm.consent.models import Consent
from harm.consent.service import as_document
from harm.export import contributor
from harm.export.models import ExportRecord
from harm.extensions import db
from harm.families.models import EndedAccess, Family, Invitation
from harm.milestones.models import Milestone
from harm.models_base import utcnow
from harm.plans.models import PlanSection, SectionRevision
from harm.referrals.models import Referral
from harm.reminders.models import Reminder
from harm.reports.models import OutcomeNote
from harm.reviews.models import JointReview
from harm.sharing.models import ShareLink
from harm.vault.service import export_entries

REVIEW_ANSWERS = ("children_safety", "children_care", "children_working", "children_change", "parent_working",
                  "parent_change", "family_working", "family_change")
OUTCOME_KEYS = ("recovery", "at_home", "reunified", "no_repeat_maltreatment", "no_reentry")


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@contributor("family")
def _family(family: Family) -> dict[str, Any]:
    return {"id": family.public_id, "name": family.name, "created_at": iso(family.created_at)}


@contributor("memberships")
def _memberships(family: Family) -> list[dict[str, Any]]:
    return [{"id": m.public_id, "name": m.account.display_name, "role": m.role, "since": iso(m.created_at),
             "peer_parts": list(m.peer_parts or [])} for m in family.memberships]


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


@contributor("worker_sign_in_codes")
def _worker_sign_in_codes(family: Family) -> list[dict[str, Any]]:
    # Made by this family's caseworker for someone who lost every passkey; never the code or its hash.
    rows = db.session.execute(
        select(WorkerRecovery).where(WorkerRecovery.family_id == family.id).order_by(WorkerRecovery.id)).scalars()
    return [{"made_by": r.issued_by_name, "for": r.account.display_name, "made_at": iso(r.issued_at),
             "used_at": iso(r.used_at), "closed_until": iso(r.hold_until), "answer": r.resolved,
             "answered_at": iso(r.resolved_at)} for r in rows]


@contributor("invitations")
def _invitations(family: Family) -> list[dict[str, Any]]:
    # Metadata only: never the code or its hash.
    rows = db.session.execute(
        select(Invitation).where(Invitation.family_id == family.id).order_by(Invitation.id)).scalars()
    return [{"role": i.role, "label": i.label, "peer_parts": list(i.peer_parts or []), "created_at": iso(i.created_at),
             "expires_at": iso(i.expires_at), "used_at": iso(i.used_at), "revoked_at": iso(i.revoked_at)} for i in rows]


@contributor("removals")
def _removals(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(EndedAccess).where(EndedAccess.family_id == family.id).order_by(EndedAccess.id)).scalars()
    return [{"member": e.membership_public_id, "name": e.account.display_name, "role": e.role,
             "peer_parts": list(e.peer_parts or []), "member_since": iso(e.member_since),
             "removed_by": e.ended_by_name, "removed_at": iso(e.ended_at)} for e in rows]


@contributor("consents")
def _consents(family: Family) -> list[dict[str, Any]]:
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
             "category": e.category, "about": e.subject, "hash": e.entry_hash} for e in reversed(entries_for(family))]


@contributor("exports")
def _exports(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(select(ExportRecord, Account.display_name).outerjoin(
        Account, Account.id == ExportRecord.account_id).where(ExportRecord.family_id == family.id)
        .order_by(ExportRecord.id))
    return [{"id": record.public_id, "by": name, "at": iso(record.created_at)} for record, name in rows]


def _name(account: Account | None) -> str | None:
    return account.display_name if account is not None else None


@contributor("checkins")
def _checkins(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(CheckIn).where(CheckIn.family_id == family.id).order_by(CheckIn.happened_on, CheckIn.id)).scalars()
    return [{"happened_on": iso(c.happened_on), "how_it_went": c.how_it_went, "needs": c.needs,
             "next_on": iso(c.next_on), "recorded_by": _name(c.recorded_by), "at": iso(c.created_at)} for c in rows]


@contributor("joint_reviews")
def _joint_reviews(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(JointReview).where(JointReview.family_id == family.id).order_by(JointReview.held_on, JointReview.id)
    ).scalars()
    return [{"held_on": iso(r.held_on), "opened_by": _name(r.opened_by), "at": iso(r.created_at),
             **{key: getattr(r, key) for key in REVIEW_ANSWERS}, "next_review_on": iso(r.next_review_on),
             "comments": [{"by": _name(c.account), "text": c.text, "at": iso(c.created_at)} for c in r.comments],
             "family_parts": [{"step": p.step, "text": p.text, "by": _name(p.account), "role": p.role,
                               "at": iso(p.written_at)} for p in r.family_parts]}
            for r in rows]


@contributor("referrals")
def _referrals(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(Referral).where(Referral.family_id == family.id).order_by(Referral.referred_on, Referral.id)).scalars()
    return [{"for": r.person, "service": r.service, "provider_name": r.provider_name,
             "provider_phone": r.provider_phone, "provider_address": r.provider_address, "reason": r.reason,
             "stage": r.stage, "referred_on": iso(r.referred_on), "sent_on": iso(r.sent_on),
             "intake_on": iso(r.intake_on), "made_by": _name(r.proposed_by),
             "steps": [{"stage": s.stage, "answer": s.answer, "intake_on": iso(s.intake_on), "by": _name(s.account),
                        "role": s.role, "at": iso(s.at)} for s in r.steps]}
            for r in rows]


@contributor("reminders")
def _reminders(family: Family) -> list[dict[str, Any]]:
    # Reminders the family's members set about this family (their own private reminders stay theirs).
    rows = db.session.execute(
        select(Reminder).where(Reminder.family_id == family.id).order_by(Reminder.id)).scalars()
    return [{"whose": _name(db.session.get(Account, r.account_id)), "kind": r.kind, "title": r.title,
             "on_date": iso(r.on_date), "at_time": r.at_time.isoformat(), "repeat": r.repeat, "timezone": r.timezone,
             "quiet_start": r.quiet_start.isoformat() if r.quiet_start else None,
             "quiet_end": r.quiet_end.isoformat() if r.quiet_end else None, "show_details": r.show_details,
             "paused": r.paused, "last_sent_at": iso(r.last_sent_at), "created_at": iso(r.created_at)} for r in rows]


@contributor("share_links")
def _share_links(family: Family) -> list[dict[str, Any]]:
    # What was shared and for how long; never the token (or its hash), which would open the link again.
    rows = db.session.execute(
        select(ShareLink).where(ShareLink.family_id == family.id).order_by(ShareLink.id)).scalars()
    return [{"label": s.label, "parts": list(s.parts), "created_by": _name(s.created_by),
             "created_at": iso(s.created_at), "expires_at": iso(s.expires_at), "revoked_at": iso(s.revoked_at),
             "opened": [iso(o.opened_at) for o in s.openings]} for s in rows]


@contributor("outcomes")
def _outcomes(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(FamilyOutcome).where(FamilyOutcome.family_id == family.id).order_by(FamilyOutcome.id)).scalars()
    return [{"agency": _name_of_agency(o.agency_id), "recorded_on": iso(o.recorded_on),
             "recorded_by": _name(db.session.get(Account, o.recorded_by_id)) if o.recorded_by_id else None,
             **{key: getattr(o, key) for key in OUTCOME_KEYS}} for o in rows]


@contributor("outcome_notes")
def _outcome_notes(family: Family) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(OutcomeNote).where(OutcomeNote.family_id == family.id).order_by(OutcomeNote.id)).scalars()
    return [{"outcome": n.outcome, "text": n.text, "by": _name(n.account), "role": n.role, "at": iso(n.created_at)}
            for n in rows]


def _name_of_agency(agency_id: int) -> str | None:
    agency = db.session.get(Agency, agency_id)
    return agency.name if agency is not None else None

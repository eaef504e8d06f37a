"""Creating an agency, inviting and deactivating its workers, and which families are its own."""
from __future__ import annotations

import logging
import re
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from harm import codes
from harm.accounts.models import Account, AccountSession
from harm.agencies.models import ADMIN, CASEWORKER, PEER, Agency, AgencyInvitation, AgencyWorker
from harm.errors import Invalid
from harm.extensions import db
from harm.families.models import Membership
from harm.models_base import utcnow

log = logging.getLogger(__name__)

INVITATION_LIFETIME = timedelta(hours=72)
# The longest statement an agency may put on its consents (its counsel's words, kept as written).
STATEMENT_LIMIT = 2000
# Line breaks and tabs are kept; any other control character would print as garbage or move a terminal's cursor.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bounds on the idle period an admin may choose for the agency's workers.
IDLE_MINUTES_LOW, IDLE_MINUTES_HIGH = 5, 240
REFERRAL_DAYS_LOW, REFERRAL_DAYS_HIGH = 1, 365
WORKER_ROLE_NAMES = {
    ADMIN: _l("Agency admin"),
    CASEWORKER: _l("Caseworker"),
    PEER: _l("Peer recovery specialist"),
}


def worker_of(account: Account) -> AgencyWorker | None:
    """The account's place in an agency, active or not."""
    return db.session.execute(
        select(AgencyWorker).where(AgencyWorker.account_id == account.id)
    ).scalar_one_or_none()


def active_admin_or_none(account: Account) -> AgencyWorker | None:
    worker = worker_of(account)
    return worker if worker is not None and worker.active and worker.role == ADMIN else None


def _clean(text: str, limit: int, empty_message: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise Invalid(empty_message)
    if len(cleaned) > limit:
        raise Invalid(_("Please keep this under %(limit)d letters.", limit=limit))
    return cleaned


def create_agency(account: Account, name: str) -> Agency:
    """Any signed-in account not yet in an agency may start one, and becomes its admin."""
    if worker_of(account) is not None:
        raise Invalid(_("You are already part of an agency."))
    agency = Agency(name=_clean(name, 80, _("Please give the agency a name.")))
    agency.workers.append(AgencyWorker(account_id=account.id, role=ADMIN))
    db.session.add(agency)
    db.session.commit()
    log.info("agency created")
    return agency


def invite_worker(admin: AgencyWorker, role: str, label: str) -> str:
    """A one-time code for one new worker; shown once."""
    if role not in (CASEWORKER, PEER, ADMIN):
        raise Invalid(_("Please choose the worker's role."))
    label = " ".join((label or "").split())
    if len(label) > 80:
        raise Invalid(_("Please keep this under %(limit)d letters.", limit=80))
    code = codes.new_code()
    db.session.add(AgencyInvitation(agency_id=admin.agency_id, role=role, label=label,
                                    code_hash=codes.code_hash(code), expires_at=utcnow() + INVITATION_LIFETIME))
    db.session.commit()
    return code


def open_invitations(agency_id: int) -> list[AgencyInvitation]:
    return list(db.session.execute(
        select(AgencyInvitation).where(AgencyInvitation.agency_id == agency_id, AgencyInvitation.used_at.is_(None),
                                       AgencyInvitation.expires_at > utcnow()).order_by(AgencyInvitation.id)
    ).scalars())


def join_agency(account: Account, code: str) -> AgencyWorker:
    """Use a worker code; one generic message for every way it can fail."""
    invitation = codes.find_by_code(AgencyInvitation, code)
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        raise Invalid(str(codes.CODE_FAILED))
    if worker_of(account) is not None:
        raise Invalid(_("You are already part of an agency."))
    invitation.used_at = utcnow()
    worker = AgencyWorker(agency_id=invitation.agency_id, account_id=account.id, role=invitation.role)
    db.session.add(worker)
    db.session.commit()
    log.info("agency worker joined")
    return worker


def deactivate(admin: AgencyWorker, worker_public_id: str) -> AgencyWorker:
    """A worker who leaves: every session ends now and they cannot sign in; families keep their plans."""
    worker = db.session.execute(
        select(AgencyWorker).where(AgencyWorker.public_id == worker_public_id,
                                   AgencyWorker.agency_id == admin.agency_id)
    ).scalar_one_or_none()
    if worker is None:
        raise Invalid(_("That worker was not found."))
    if worker.id == admin.id:
        raise Invalid(_("You cannot turn off your own access here."))
    if worker.active:
        worker.active = False
        worker.deactivated_at = utcnow()
        db.session.execute(db.delete(AccountSession).where(AccountSession.account_id == worker.account_id))
        db.session.commit()
        log.info("agency worker deactivated")
    return worker


def set_idle_minutes(admin: AgencyWorker, text: str) -> int | None:
    """How long the agency's workers may stay idle; empty means the server's setting."""
    text = (text or "").strip()
    minutes = int(text) if text.isdigit() else None
    if text and (minutes is None or not IDLE_MINUTES_LOW <= minutes <= IDLE_MINUTES_HIGH):
        raise Invalid(_("Please choose between %(low)d and %(high)d minutes.",
                            low=IDLE_MINUTES_LOW, high=IDLE_MINUTES_HIGH))
    admin.agency.idle_minutes = minutes
    db.session.commit()
    log.info("agency idle period changed")
    return minutes


def set_referral_overdue_days(admin: AgencyWorker, text: str) -> int | None:
    """Days a sent referral may wait for a first visit before it is overdue; empty means the app's 14."""
    text = (text or "").strip()
    days = int(text) if text.isdigit() else None
    if text and (days is None or not REFERRAL_DAYS_LOW <= days <= REFERRAL_DAYS_HIGH):
        raise Invalid(_("Please choose between %(low)d and %(high)d days.", low=REFERRAL_DAYS_LOW,
                        high=REFERRAL_DAYS_HIGH))
    admin.agency.referral_overdue_days = days
    db.session.commit()
    log.info("agency referral days changed")
    return days


def set_consent_statement(admin: AgencyWorker, text: str) -> str:
    """The agency's own words on what it may and may not do with shared use details; empty removes them."""
    statement = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if CONTROL.search(statement):
        raise Invalid(_("Please use only letters, numbers, marks and line breaks."))
    if len(statement) > STATEMENT_LIMIT:
        raise Invalid(_("Please keep this under %(limit)d letters.", limit=STATEMENT_LIMIT))
    admin.agency.consent_statement = statement
    db.session.commit()
    log.info("agency consent statement changed")
    return statement


def statements_for(agency_ids: set[int]) -> list[dict[str, str]]:
    """The non-empty statements of these agencies, by agency name, as a consent keeps them."""
    if not agency_ids:
        return []
    agencies = db.session.execute(
        select(Agency).where(Agency.id.in_(sorted(agency_ids)), Agency.consent_statement != "")
        .order_by(Agency.name, Agency.id)).scalars()
    return [{"agency": agency.name, "text": agency.consent_statement} for agency in agencies]


def agency_family_ids(agency_id: int) -> list[int]:
    """The agency's families: those where one of its active workers is a member."""
    return list(db.session.execute(
        select(Membership.family_id).distinct()
        .join(AgencyWorker, AgencyWorker.account_id == Membership.account_id)
        .where(AgencyWorker.agency_id == agency_id, AgencyWorker.active.is_(True))
    ).scalars())

"""Invented demo data for the team around the family: an agency, its workers, check-ins and a review."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from harm.accounts.models import Account
from harm.agencies.models import Agency, AgencyWorker
from harm.agencies.service import create_agency
from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family
from harm.reviews.models import JointReview

DEMO_AGENCY = "Riverside Family Services (demo)"
DEMO_ADMIN = "Dana (demo agency admin)"


def ensure_demo_team(family: Family) -> Account:
    """The demo agency (once), with the family's caseworker and peer as its workers; its admin's account."""
    agency = db.session.execute(select(Agency).where(Agency.name == DEMO_AGENCY)).scalar_one_or_none()
    if agency is None:
        admin = Account(display_name=DEMO_ADMIN)
        db.session.add(admin)
        db.session.flush()
        agency = create_agency(admin, DEMO_AGENCY)
        for member in family.memberships:
            if member.role in (roles.CASEWORKER, roles.PEER):
                db.session.add(AgencyWorker(agency_id=agency.id, account_id=member.account_id, role=member.role))
        _demo_checkins_and_review(family)
        db.session.commit()
    return next(w.account for w in agency.workers if w.role == "admin")


def _demo_checkins_and_review(family: Family) -> None:
    today = date.today()
    peer = next(m.account_id for m in family.memberships if m.role == roles.PEER)
    caseworker = next(m.account_id for m in family.memberships if m.role == roles.CASEWORKER)
    db.session.add_all([
        CheckIn(family_id=family.id, happened_on=today - timedelta(days=21), recorded_by_id=peer,
                how_it_went="Jordan said the week was hard but the plan helped. Sky knows to get Aunt Robin.",
                needs="A ride to the pharmacy for a second kit.", next_on=today - timedelta(days=7)),
        CheckIn(family_id=family.id, happened_on=today - timedelta(days=6), recorded_by_id=peer,
                how_it_went="Jordan feels calmer. We went over the overdose steps together.",
                needs="", next_on=today + timedelta(days=8)),
        JointReview(family_id=family.id, held_on=today - timedelta(days=5), opened_by_id=caseworker,
                    children_safety="Sky is safe at home. Medicines are in the lockbox.",
                    children_care="Sky goes to school every day. Aunt Robin helps after school.",
                    children_working="Sky knows who to call.",
                    parent_working="Jordan keeps every visit and has naloxone at home.",
                    parent_change="Find a support group that meets in the evening.",
                    family_working="Family dinners twice a week.",
                    next_review_on=today + timedelta(days=85)),
    ])

"""Proposing a referral, the parent's answer, each next step, and which referrals are overdue."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload, selectinload

from harm.agencies.models import REFERRAL_OVERDUE_DAYS, Agency, AgencyWorker
from harm.audit import service as audit
from harm.audit.completeness import Gap, logged_counts, register_completeness_check
from harm.dates import local_today
from harm.errors import Invalid, NotFound
from harm.extensions import db
from harm.families.models import Family, Membership
from harm.families.service import visible_sections
from harm.milestones.kinds import REFERRAL
from harm.milestones.models import Milestone
from harm.plans.fields import PHONE_PATTERN
from harm.plans.reader import read_plan
from harm.referrals.models import Referral, ReferralStep
from harm.referrals.schemas import ReferralAnswerIn, ReferralIn, ReferralMoveIn
from harm.referrals.stages import (
    AGREE,
    AGREED,
    CLOSED,
    DECLINE,
    INTAKE_SCHEDULED,
    PARENT_DECLINED,
    PROPOSED,
    RANK,
    STAGES,
    WAITING_FOR_INTAKE,
    WITHDRAWN,
)

log = logging.getLogger(__name__)

def _load(schema: Any, data: Any) -> dict[str, Any]:
    try:
        return schema.load(data if isinstance(data, dict) else {})  # type: ignore[no-any-return]
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None


def household_names(membership: Membership) -> list[str]:
    """The household members this member may see on the plan, by name: whom a referral can be for."""
    plan = read_plan(membership.family_id, [key for key in ("household",) if key in visible_sections(membership)])
    return list(dict.fromkeys(plan.household_members))


def _milestone(membership: Membership, step: str) -> None:
    db.session.add(Milestone(family_id=membership.family_id, kind=REFERRAL, title=step, happened_on=local_today(),
                             recorded_by_id=membership.account_id))


def _step(membership: Membership, referral: Referral, stage: str, answer: str | None = None,
          intake_on: date | None = None) -> None:
    referral.steps.append(ReferralStep(stage=stage, answer=answer, intake_on=intake_on,
                                       account_id=membership.account_id, role=membership.role))
    _milestone(membership, answer if answer and stage == PROPOSED else stage)
    db.session.flush()  # a new referral gets its public id, which its entry names
    audit.record(membership.family, actor=membership.account, actor_role=membership.role,
                 action=audit.REFERRAL_STEP, subject=referral.public_id)


def propose(membership: Membership, data: Any) -> Referral:
    """A referral for the parent or a household member, waiting for the parent's answer."""
    clean = _load(ReferralIn(), data)
    clean = {key: " ".join(value.split()) if key != "reason" else value.strip() for key, value in clean.items()}
    errors: dict[str, list[str]] = {}
    if clean["person"] and clean["person"] not in household_names(membership):
        errors["person"] = [_("Please pick someone from the household.")]
    for name, message in (("provider_name", _("Please write the name of the program.")),
                          ("reason", _("Please say why, in plain words."))):
        if not clean[name]:
            errors[name] = [message]
    if not re.match(PHONE_PATTERN, clean["provider_phone"]):
        errors["provider_phone"] = [_("Please give a phone number with digits, like 555-010-0199.")]
    if errors:
        raise Invalid(messages=errors)
    worker = db.session.execute(select(AgencyWorker).where(
        AgencyWorker.account_id == membership.account_id, AgencyWorker.active.is_(True))).scalar_one_or_none()
    referral = Referral(family_id=membership.family_id, stage=PROPOSED, referred_on=local_today(),
                        agency_id=worker.agency_id if worker else None, proposed_by_id=membership.account_id,
                        **clean)
    db.session.add(referral)
    _step(membership, referral, PROPOSED)
    db.session.commit()
    log.info("referral proposed")
    return referral


def answer(membership: Membership, referral: Referral, data: Any) -> Referral:
    """The parent's answer: yes (agreed), talk about it first (still waiting), or no (closed)."""
    choice = _load(ReferralAnswerIn(), data)["answer"]
    if referral.stage in CLOSED and referral.stage != PARENT_DECLINED:  # stopped by someone, or at its end
        raise Invalid(messages={"answer": [_("This referral is closed. Its steps cannot change now.")]})
    if referral.stage != PROPOSED:
        raise Invalid(messages={"answer": [_("This referral already has your answer: %(stage)s.",
                                             stage=STAGES[referral.stage])]})
    if choice == AGREE:
        referral.stage = AGREED
    elif choice == DECLINE:
        referral.stage = PARENT_DECLINED
    _step(membership, referral, referral.stage, answer=choice)
    db.session.commit()
    log.info("referral answered")
    return referral


def move(membership: Membership, referral: Referral, data: Any) -> Referral:
    """The next step: only forward, nothing sent before the parent agrees, no first visit before the referral."""
    clean = _load(ReferralMoveIn(), data)
    stage, intake_on = clean["stage"], clean["intake_on"]
    if referral.stage in CLOSED:
        raise Invalid(messages={"stage": [_("This referral is closed. Its steps cannot change now.")]})
    if referral.stage == PROPOSED and stage != WITHDRAWN:
        raise Invalid(messages={"stage": [_("The parent has not said yes yet. Nothing is sent before they do.")]})
    if RANK[stage] <= RANK[referral.stage]:
        raise Invalid(messages={"stage": [_("A referral only moves forward. It is now at: %(stage)s.",
                                            stage=STAGES[referral.stage])]})
    if stage == INTAKE_SCHEDULED:
        if intake_on is None:
            raise Invalid(messages={"intake_on": [_("Please give the day of the first visit.")]})
        if intake_on < referral.referred_on:
            raise Invalid(messages={"intake_on": [_("The first visit cannot be before the referral was made.")]})
        referral.intake_on = intake_on
    if stage != WITHDRAWN and referral.sent_on is None:
        referral.sent_on = local_today()  # reaching a later step means it was sent
    referral.stage = stage
    _step(membership, referral, stage, intake_on=intake_on if stage == INTAKE_SCHEDULED else None)
    db.session.commit()
    log.info("referral moved")
    return referral


def is_overdue(referral: Referral, days: int | None, today: date) -> bool:
    return _waited_too_long(referral.stage, referral.sent_on, days, today)


def _waited_too_long(stage: str, sent_on: date | None, days: int | None, today: date) -> bool:
    """Sent, no first visit set, and waiting longer than the agency's days (or the app's)."""
    return (stage in WAITING_FOR_INTAKE and sent_on is not None
            and today > sent_on + timedelta(days=days or REFERRAL_OVERDUE_DAYS))


@dataclass(frozen=True)
class Listed:
    referral: Referral
    overdue: bool
    # Whom it is for, as this member may see it: a name, "" for the parent, None for someone in the home whose
    # name this member may not see (the household is not shared with them).
    person: str | None


def shows_names(membership: Membership) -> bool:
    """Whether this member may read the names of the people in the home."""
    return "household" in visible_sections(membership)


def _listed(referral: Referral, overdue: bool, names: bool) -> Listed:
    return Listed(referral, overdue, referral.person if names or not referral.person else None)


def referrals_of(membership: Membership, today: date | None = None) -> list[Listed]:
    """The family's referrals, newest first, each with whether it is overdue."""
    today = today or local_today()
    rows = db.session.execute(
        select(Referral, Agency.referral_overdue_days).outerjoin(Agency, Agency.id == Referral.agency_id)
        .where(Referral.family_id == membership.family_id)
        .order_by(Referral.referred_on.desc(), Referral.id.desc())
    ).all()
    names = shows_names(membership)
    return [_listed(referral, is_overdue(referral, days, today), names) for referral, days in rows]


def get_or_404(membership: Membership, public_id: str, today: date | None = None) -> Listed:
    row = db.session.execute(
        select(Referral, Agency.referral_overdue_days).outerjoin(Agency, Agency.id == Referral.agency_id)
        .options(joinedload(Referral.proposed_by), selectinload(Referral.steps).joinedload(ReferralStep.account))
        .where(Referral.public_id == public_id, Referral.family_id == membership.family_id)
    ).first()
    if row is None:
        raise NotFound
    return _listed(row[0], is_overdue(row[0], row[1], today or local_today()), shows_names(membership))


def overdue_families(family_ids: list[int], today: date) -> set[int]:
    """Which of these families have an overdue referral: one statement for all of them."""
    rows = db.session.execute(
        select(Referral, Agency.referral_overdue_days).outerjoin(Agency, Agency.id == Referral.agency_id)
        .where(Referral.family_id.in_(family_ids), Referral.stage.in_(WAITING_FOR_INTAKE))
    ).all()
    return {referral.family_id for referral, days in rows if is_overdue(referral, days, today)}




@dataclass(frozen=True)
class OpenLine:
    """An open referral as the plan page shows it: plain values, so they can key the rendered page."""

    public_id: str
    service: str
    stage: str
    overdue: bool


@cache
def _open_lines_query() -> Any:
    """Built once: the plan page runs it on every view. Plain columns of the referrals not yet closed."""
    return (select(Referral.public_id, Referral.service, Referral.stage, Referral.sent_on, Agency.referral_overdue_days)
            .outerjoin(Agency, Agency.id == Referral.agency_id)
            .where(Referral.family_id == bindparam("family_id"), Referral.stage.not_in(sorted(CLOSED)))
            .order_by(Referral.referred_on.desc(), Referral.id.desc()))


def open_lines(membership: Membership, today: date | None = None) -> tuple[OpenLine, ...]:
    """The family's referrals not yet closed, newest first."""
    today = today or local_today()
    rows = db.session.execute(_open_lines_query(), {"family_id": membership.family_id})
    return tuple(OpenLine(public_id, service, stage, _waited_too_long(stage, sent_on, days, today))
                 for public_id, service, stage, sent_on, days in rows)


def steps_without_entries() -> list[Gap]:
    """Referrals with fewer entries in the family's access log than steps: a step was saved without its entry."""
    steps = db.session.execute(
        select(Family.public_id, Referral.public_id, func.count(ReferralStep.id))
        .join(Family, Family.id == Referral.family_id).join(ReferralStep, ReferralStep.referral_id == Referral.id)
        .group_by(Family.public_id, Referral.public_id)).all()
    logged = logged_counts(audit.REFERRAL_STEP)
    return [Gap("referral step", chain, referral) for chain, referral, count in steps
            if logged.get((chain, referral), 0) < count]


register_completeness_check("referral step", steps_without_entries)

"""Recording check-ins and listing them for the family."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from harm.checkins.models import CheckIn
from harm.checkins.schemas import CheckInInSchema
from harm.dates import local_today
from harm.errors import Invalid
from harm.extensions import db
from harm.families.models import Membership
from harm.families.service import family_dates_changed
from harm.milestones import service as milestones

log = logging.getLogger(__name__)


def _clean(data: Any) -> dict[str, Any]:
    try:
        clean: dict[str, Any] = CheckInInSchema().load(data if isinstance(data, dict) else {})
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    clean["how_it_went"] = clean["how_it_went"].strip()
    if not clean["how_it_went"]:
        raise Invalid(messages={"how_it_went": [_("Please write how it went, in the parent's words.")]})
    clean["happened_on"] = clean["happened_on"] or local_today()
    if clean["happened_on"] > local_today() + timedelta(days=1):
        raise Invalid(messages={"happened_on": [_("The date cannot be in the future.")]})
    if clean["next_on"] is not None and clean["next_on"] <= clean["happened_on"]:
        raise Invalid(messages={"next_on": [_("The next check-in must be after this one.")]})
    return clean


def record(membership: Membership, data: Any) -> CheckIn:
    """Add a check-in (and its milestone, if one was picked)."""
    clean = _clean(data)
    milestone = None
    if clean["milestone"]:
        milestone = milestones.record(membership, {"kind": clean["milestone"],
                                                   "happened_on": clean["happened_on"].isoformat()})
    checkin = CheckIn(
        family_id=membership.family_id, happened_on=clean["happened_on"], how_it_went=clean["how_it_went"],
        needs=clean["needs"].strip(), next_on=clean["next_on"], recorded_by_id=membership.account_id,
        milestone_id=milestone.id if milestone else None,
    )
    db.session.add(checkin)
    db.session.commit()
    family_dates_changed.send(membership.family_id)  # a next date moves its reminders
    log.info("check-in recorded")
    return checkin


def for_family(membership: Membership) -> list[CheckIn]:
    return list(db.session.execute(
        select(CheckIn).options(joinedload(CheckIn.recorded_by), joinedload(CheckIn.milestone))
        .where(CheckIn.family_id == membership.family_id)
        .order_by(CheckIn.happened_on.desc(), CheckIn.id.desc())
    ).scalars())

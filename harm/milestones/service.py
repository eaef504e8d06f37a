"""Recording milestones and reading the family's timeline."""
from __future__ import annotations

import logging
from datetime import timedelta
from functools import cache
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from harm.accounts.models import Account
from harm.dates import local_today
from harm.errors import Invalid
from harm.extensions import db
from harm.families.models import Membership
from harm.milestones.kinds import OWN
from harm.milestones.models import Milestone
from harm.milestones.schemas import MilestoneInSchema

log = logging.getLogger(__name__)


def record(membership: Membership, data: Any) -> Milestone:
    """Add a milestone to the family's timeline."""
    try:
        clean = MilestoneInSchema().load(data if isinstance(data, dict) else {})
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    happened_on = clean["happened_on"] or local_today()
    # A day of slack for time zones; a milestone cannot be in the future.
    if happened_on > local_today() + timedelta(days=1):
        raise Invalid(messages={"happened_on": [_("The date cannot be in the future.")]})
    milestone = Milestone(
        family_id=membership.family_id,
        kind=clean["kind"],
        title=" ".join(clean["title"].split()) if clean["kind"] == OWN else "",
        note=clean["note"].strip(),
        happened_on=happened_on,
        recorded_by_id=membership.account_id,
    )
    db.session.add(milestone)
    db.session.commit()
    log.info("milestone recorded")
    return milestone


@cache
def _rendering_key_query(limit: int) -> Any:
    return (select(Milestone.id, Account.display_name)
            .outerjoin(Account, Account.id == Milestone.recorded_by_id)
            .where(Milestone.family_id == bindparam("family_id"))
            .order_by(Milestone.happened_on.desc(), Milestone.id.desc()).limit(limit))


def rendering_key(membership: Membership, limit: int) -> tuple[tuple[int, str | None], ...]:
    """What a rendered list of the newest milestones depends on, read without loading them: a milestone never
    changes, its recorder's name may."""
    rows = db.session.execute(_rendering_key_query(limit), {"family_id": membership.family_id})
    return tuple((milestone_id, name) for milestone_id, name in rows)


@cache
def _timeline_query(limit: int | None) -> Any:
    """Built once a limit: the plan page runs it on every view."""
    query = (
        select(Milestone)
        .options(joinedload(Milestone.recorded_by))
        .where(Milestone.family_id == bindparam("family_id"))
        .order_by(Milestone.happened_on.desc(), Milestone.id.desc())
    )
    return query.limit(limit) if limit else query


def timeline(membership: Membership, limit: int | None = None) -> list[Milestone]:
    return list(db.session.execute(_timeline_query(limit), {"family_id": membership.family_id}).scalars())


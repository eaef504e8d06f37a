"""Each step of a worker-assisted recovery goes into the access log of every family the person is in."""
from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from harm.accounts import recovery
from harm.accounts.models import Account, WorkerRecovery
from harm.audit import service as audit
from harm.audit.completeness import Gap, missing_entries, register_completeness_check
from harm.extensions import db
from harm.families import roles
from harm.families.access import memberships_of
from harm.families.models import Family

ACTIONS = {
    recovery.GIVEN: audit.RECOVERY_CODE_GIVEN,
    recovery.USED: audit.RECOVERY_CODE_USED,
    recovery.CONFIRMED: audit.RECOVERY_CONFIRMED,
    recovery.CANCELLED: audit.RECOVERY_CANCELLED,
}


def write_entries(sender: WorkerRecovery, *, step: str, actor: Account | None, **_: Any) -> None:
    """Inside the step's own transaction: the step and its entries commit together."""
    person = sender.account
    for membership in memberships_of(person):
        role = roles.CASEWORKER if step == recovery.GIVEN else membership.role
        audit.record(membership.family, actor=actor, actor_role=role, action=ACTIONS[step], subject=sender.public_id)


def recoveries_without_entries() -> list[Gap]:
    """Worker codes made or used with no entry naming them in the family whose caseworker made them."""
    rows = db.session.execute(select(Family.public_id, WorkerRecovery.public_id, WorkerRecovery.used_at)
                              .join(Family, Family.id == WorkerRecovery.family_id)).all()
    given = missing_entries("worker code made", audit.RECOVERY_CODE_GIVEN, [(chain, code) for chain, code, _ in rows])
    used = missing_entries("worker code used", audit.RECOVERY_CODE_USED,
                           [(chain, code) for chain, code, used_at in rows if used_at is not None])
    return given + used


def init_app(app: Flask) -> None:
    recovery.recovery_step.connect(write_entries, weak=False)
    register_completeness_check("worker recovery", recoveries_without_entries)

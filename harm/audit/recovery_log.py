"""Each step of a worker-assisted recovery goes into the access log of every family the person is in."""
from __future__ import annotations

from typing import Any

from flask import Flask

from harm.accounts import recovery
from harm.accounts.models import Account, WorkerRecovery
from harm.audit import service as audit
from harm.families import roles
from harm.families.access import memberships_of

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
        audit.record(membership.family, actor=actor, actor_role=role, action=ACTIONS[step])


def init_app(app: Flask) -> None:
    recovery.recovery_step.connect(write_entries, weak=False)

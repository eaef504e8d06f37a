"""Completeness: every action that must be logged has its entry. Features register a check for their own records."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from harm.audit.models import AccessLogEntry
from harm.extensions import db


@dataclass(frozen=True)
class Gap:
    """A logged kind of action (check), in a family's chain, about one record (subject), with no entry."""

    check: str
    chain: str
    subject: str


CompletenessCheck = Callable[[], Iterable[Gap]]
CHECKS: dict[str, CompletenessCheck] = {}


def register_completeness_check(name: str, check: CompletenessCheck) -> None:
    """Add a check to `flask audit verify`: it yields a Gap for each record with no access-log entry."""
    CHECKS[name] = check


def logged_subjects(action: str) -> set[tuple[str, str]]:
    """Every (chain, subject) that has an entry with this action."""
    rows = db.session.execute(select(AccessLogEntry.chain, AccessLogEntry.subject).where(
        AccessLogEntry.action == action, AccessLogEntry.subject.is_not(None)).distinct())
    return {(chain, subject) for chain, subject in rows if subject is not None}


def logged_counts(action: str) -> dict[tuple[str, str], int]:
    """How many entries with this action name each (chain, subject)."""
    rows = db.session.execute(select(AccessLogEntry.chain, AccessLogEntry.subject, func.count()).where(
        AccessLogEntry.action == action, AccessLogEntry.subject.is_not(None))
        .group_by(AccessLogEntry.chain, AccessLogEntry.subject))
    return {(chain, subject): count for chain, subject, count in rows if subject is not None}


def missing_entries(check: str, action: str, records: Iterable[tuple[str, str]]) -> list[Gap]:
    """The records, as (chain, subject), with no entry of this action naming them."""
    logged = logged_subjects(action)
    return [Gap(check, chain, subject) for chain, subject in records if (chain, subject) not in logged]


def find_gaps() -> list[Gap]:
    return [gap for check in CHECKS.values() for gap in check()]

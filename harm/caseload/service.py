"""A caseworker's families with what needs attention; one query per kind of data, whatever the count."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from harm.accounts.models import Account
from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection as PlanSection
from harm.plans.sections import SECTION_KEYS, SECTIONS
from harm.reviews.models import JointReview

NEWEST_MILESTONES = 3
EXPIRY_WARNING = timedelta(days=30)
SORTS = ("name", "completeness", "next_visit", "overdue")

KIT_EXPIRING = "kit_expiring"
KIT_EXPIRED = "kit_expired"
REVIEW_PASSED = "review_passed"
CHECKIN_MISSED = "checkin_missed"


@dataclass
class CaseRow:
    family: Family
    done: int = 0
    total: int = len(SECTION_KEYS)
    last_visit: date | None = None
    next_visit: date | None = None
    next_review: date | None = None
    overdue: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total)


def caseload(account: Account, search: str = "", sort: str = "name", today: date | None = None) -> list[CaseRow]:
    """The families that let this caseworker in, with completeness, visits, overdue items, newest milestones."""
    today = today or date.today()
    rows = {f.id: CaseRow(family=f) for f in _families(account, search)}
    if rows:
        ids = list(rows)
        _add_plan_state(rows, ids, today)
        _add_visits(rows, ids, today)
        _add_reviews(rows, ids, today)
        _add_milestones(rows, ids)
    return _sorted(list(rows.values()), sort)


def _families(account: Account, search: str) -> list[Family]:
    query = (select(Family).join(Membership)
             .where(Membership.account_id == account.id, Membership.role == roles.CASEWORKER))
    search = " ".join(search.split())
    if search:
        query = query.where(func.lower(Family.name).contains(search.lower(), autoescape=True))
    return list(db.session.execute(query.order_by(Family.name, Family.id)).scalars())


def _add_plan_state(rows: dict[int, CaseRow], ids: list[int], today: date) -> None:
    sections = db.session.execute(
        select(PlanSection.family_id, PlanSection.key, PlanSection.data)
        .where(PlanSection.family_id.in_(ids))
    ).all()
    for family_id, key, data in sections:
        row = rows[family_id]
        if key in SECTIONS and SECTIONS[key].is_done(data):
            row.done += 1
        if key == "naloxone":
            row.overdue.extend(_kit_problems(data, today))


def _kit_problems(data: dict[str, Any], today: date) -> list[str]:
    problems: list[str] = []
    for kit in data.get("kits", []):
        try:
            expires = date.fromisoformat(kit.get("expires") or "")
        except ValueError:
            continue
        if expires < today:
            problems.append(KIT_EXPIRED)
        elif expires <= today + EXPIRY_WARNING:
            problems.append(KIT_EXPIRING)
    return sorted(set(problems))


def _newest(model: Any, order: Any, ids: list[int], limit: int = 1) -> Any:
    """Each family's newest rows of a model, by a window function (one statement for all families)."""
    rank = func.row_number().over(partition_by=model.family_id, order_by=order).label("rank")
    ranked = select(model.id, rank).where(model.family_id.in_(ids)).subquery()
    return select(model).join(ranked, ranked.c.id == model.id).where(ranked.c.rank <= limit)


def _add_visits(rows: dict[int, CaseRow], ids: list[int], today: date) -> None:
    latest = _newest(CheckIn, (CheckIn.happened_on.desc(), CheckIn.id.desc()), ids)
    for checkin in db.session.execute(latest).scalars():
        row = rows[checkin.family_id]
        row.last_visit, row.next_visit = checkin.happened_on, checkin.next_on
        if checkin.next_on is not None and checkin.next_on < today:
            row.overdue.append(CHECKIN_MISSED)


def _add_reviews(rows: dict[int, CaseRow], ids: list[int], today: date) -> None:
    latest = _newest(JointReview, (JointReview.held_on.desc(), JointReview.id.desc()), ids)
    for review in db.session.execute(latest).scalars():
        row = rows[review.family_id]
        row.next_review = review.next_review_on
        if review.next_review_on is not None and review.next_review_on < today:
            row.overdue.append(REVIEW_PASSED)


def _add_milestones(rows: dict[int, CaseRow], ids: list[int]) -> None:
    newest = _newest(Milestone, (Milestone.happened_on.desc(), Milestone.id.desc()), ids, NEWEST_MILESTONES)
    for milestone in db.session.execute(newest.order_by(Milestone.happened_on.desc(), Milestone.id.desc())).scalars():
        rows[milestone.family_id].milestones.append(milestone)


def _sorted(rows: list[CaseRow], sort: str) -> list[CaseRow]:
    by_name = sorted(rows, key=lambda r: r.family.name.lower())
    if sort == "completeness":
        return sorted(by_name, key=lambda r: r.done)
    if sort == "next_visit":
        return sorted(by_name, key=lambda r: (r.next_visit is None, r.next_visit or date.max))
    if sort == "overdue":
        return sorted(by_name, key=lambda r: -len(r.overdue))
    return by_name

"""A caseworker's families with what needs attention: four statements, whatever the count."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select

from harm.accounts.models import Account
from harm.bounded_cache import BoundedCache
from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.milestones.kinds import label_of
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection as PlanSection
from harm.plans.reader import plan_view
from harm.plans.sections import SECTION_KEYS, SECTIONS
from harm.referrals.service import overdue_families
from harm.reviews.models import JointReview

NEWEST_MILESTONES = 3
EXPIRY_WARNING = timedelta(days=30)
SORTS = ("name", "completeness", "next_visit", "overdue")

KIT_EXPIRING = "kit_expiring"
KIT_EXPIRED = "kit_expired"
REVIEW_PASSED = "review_passed"
CHECKIN_MISSED = "checkin_missed"
REFERRAL_WAITING = "referral_waiting"
OVERDUE_KINDS = (KIT_EXPIRED, KIT_EXPIRING, REVIEW_PASSED, CHECKIN_MISSED, REFERRAL_WAITING)


@dataclass
class CaseRow:
    family: Family
    done: int = 0
    total: int = len(SECTION_KEYS)
    last_visit: date | None = None
    next_visit: date | None = None
    next_review: date | None = None
    overdue: list[str] = field(default_factory=list)
    milestones: list[MilestoneLine] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total)

    @property
    def rendering_key(self) -> tuple[Any, ...]:
        """Everything the row shows, so a rendered row is reused until one of them changes (milestones never do)."""
        return (self.family.public_id, self.family.name, self.done, self.total, self.last_visit, self.next_visit,
                tuple(self.overdue), tuple(m.id for m in self.milestones))


def caseload(account: Account, search: str = "", sort: str = "name", today: date | None = None) -> list[CaseRow]:
    """The families that let this caseworker in, with completeness, visits, overdue items, newest milestones."""
    today = today or date.today()
    found = _families(account, search)
    rows = {family.id: CaseRow(family=family) for family, *_ in found}
    if rows:
        _add_plan_state(rows, {family.id: (family.public_id, versions, count)
                               for family, versions, count, *_ in found}, today)
        for family, _versions, _count, last_visit, next_visit, next_review in found:
            _add_dates(rows[family.id], last_visit, next_visit, next_review, today)
        for family_id in overdue_families(list(rows), today):
            rows[family_id].overdue.append(REFERRAL_WAITING)
        _add_milestones(rows, list(rows))
    return _sorted(list(rows.values()), sort)


def _newest_of_each_family(column: Any, by: Any, model: Any) -> Any:
    """The column of the family's newest row of the model (a correlated subquery: one statement for all)."""
    return (select(column).where(model.family_id == Family.id).order_by(by.desc(), model.id.desc()).limit(1)
            .scalar_subquery())


@cache
def _caseworker_families() -> Any:
    """Built once: every caseload visit runs it. Each family with what its row needs from other tables: the sum
    and count of its sections' versions (the plan's state, see PLAN_STATES), its newest visit and next review."""
    return (select(
        Family,
        select(func.sum(PlanSection.version)).where(PlanSection.family_id == Family.id).scalar_subquery(),
        select(func.count()).where(PlanSection.family_id == Family.id).scalar_subquery(),
        _newest_of_each_family(CheckIn.happened_on, CheckIn.happened_on, CheckIn),
        _newest_of_each_family(CheckIn.next_on, CheckIn.happened_on, CheckIn),
        _newest_of_each_family(JointReview.next_review_on, JointReview.held_on, JointReview),
    ).join(Membership)
            .where(Membership.account_id == bindparam("account_id"), Membership.role == roles.CASEWORKER)
            .order_by(Family.name, Family.id))


def _families(account: Account, search: str) -> list[Any]:
    query = _caseworker_families()
    search = " ".join(search.split())
    if search:
        query = query.where(func.lower(Family.name).contains(search.lower(), autoescape=True))
    return list(db.session.execute(query, {"account_id": account.id}))


def _add_dates(row: CaseRow, last_visit: date | None, next_visit: date | None, next_review: date | None,
               today: date) -> None:
    row.last_visit, row.next_visit, row.next_review = last_visit, next_visit, next_review
    if next_visit is not None and next_visit < today:
        row.overdue.append(CHECKIN_MISSED)
    if next_review is not None and next_review < today:
        row.overdue.append(REVIEW_PASSED)


@dataclass(frozen=True)
class PlanState:
    """What the caseload needs from a family's plan: how many parts are done and when the naloxone kits expire."""

    done: int
    kit_expiry_dates: tuple[date, ...]


# By family and the sum of its sections' versions. Every save adds one to a section's version and nothing lowers
# one, so the sum names one state of the plan: a caseload reads each family's plan text once a change, instead of
# decoding every family's whole plan on every visit.
PLAN_STATES: BoundedCache[PlanState] = BoundedCache(20_000)


def _plan_state(sections: list[tuple[str, Any]]) -> PlanState:
    done = sum(1 for key, data in sections if key in SECTIONS and SECTIONS[key].is_done(data))
    naloxone = [data for key, data in sections if key == "naloxone"]
    expiry = tuple(plan_view({"naloxone": naloxone[0]}).kit_expiry_dates) if naloxone else ()
    return PlanState(done, expiry)


def _add_plan_state(rows: dict[int, CaseRow], state_keys: dict[int, tuple[str, Any, int]], today: date) -> None:
    states = {family_id: PLAN_STATES.get(state_key) for family_id, state_key in state_keys.items()}
    unread = [family_id for family_id, state in states.items() if state is None]
    if unread:
        texts: dict[int, list[tuple[str, Any]]] = {family_id: [] for family_id in unread}
        for family_id, key, data in db.session.execute(_plan_texts(), {"ids": unread}):
            texts[family_id].append((key, data))
        for family_id, sections in texts.items():
            fresh = states[family_id] = _plan_state(sections)
            PLAN_STATES.put(state_keys[family_id], fresh)
    for family_id, state in states.items():
        if state is not None:
            rows[family_id].done = state.done
            rows[family_id].overdue.extend(_kit_problems(list(state.kit_expiry_dates), today))


@cache
def _plan_texts() -> Any:
    return (select(PlanSection.family_id, PlanSection.key, PlanSection.data)
            .where(PlanSection.family_id.in_(bindparam("ids", expanding=True))))


def _kit_problems(expiry_dates: list[date], today: date) -> list[str]:
    problems: list[str] = []
    for expires in expiry_dates:
        if expires < today:
            problems.append(KIT_EXPIRED)
        elif expires <= today + EXPIRY_WARNING:
            problems.append(KIT_EXPIRING)
    return sorted(set(problems))


@cache
def _newest(model: Any, by: str, columns: tuple[str, ...], limit: int = 1) -> Any:
    """Each family's newest rows of a model, by a window function (one statement for all families).

    Built once a model: the families are bound as the expanding parameter `ids`.
    """
    order = (getattr(model, by).desc(), model.id.desc())
    rank = func.row_number().over(partition_by=model.family_id, order_by=order).label("rank")
    ranked = select(model.id, rank).where(model.family_id.in_(bindparam("ids", expanding=True))).subquery()
    wanted = [getattr(model, name) for name in columns] if columns else [model]
    return select(*wanted).join(ranked, ranked.c.id == model.id).where(ranked.c.rank <= limit).order_by(*order)


class Recorder(NamedTuple):
    display_name: str


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone as the caseload shows it and its API gives it, read as plain columns (a page has dozens)."""

    id: int
    public_id: str
    kind: str
    title: str
    note: str
    happened_on: date
    created_at: datetime
    recorded_by: Recorder | None

    @property
    def label(self) -> str:
        return label_of(self.kind, self.title)


MILESTONE_COLUMNS = ("id", "public_id", "kind", "title", "note", "happened_on", "created_at")


@cache
def _newest_milestones() -> Any:
    columns = ("family_id", "recorded_by_id", *MILESTONE_COLUMNS)
    ranked = _newest(Milestone, "happened_on", columns, NEWEST_MILESTONES).subquery()
    return (select(ranked, Account.display_name).outerjoin(Account, Account.id == ranked.c.recorded_by_id)
            .order_by(ranked.c.happened_on.desc(), ranked.c.id.desc()))


def _add_milestones(rows: dict[int, CaseRow], ids: list[int]) -> None:
    for row in db.session.execute(_newest_milestones(), {"ids": ids}).mappings():
        recorder = Recorder(row["display_name"]) if row["display_name"] is not None else None
        rows[row["family_id"]].milestones.append(
            MilestoneLine(**{name: row[name] for name in MILESTONE_COLUMNS}, recorded_by=recorder))


def _sorted(rows: list[CaseRow], sort: str) -> list[CaseRow]:
    by_name = sorted(rows, key=lambda r: r.family.name.lower())
    if sort == "completeness":
        return sorted(by_name, key=lambda r: r.done)
    if sort == "next_visit":
        return sorted(by_name, key=lambda r: (r.next_visit is None, r.next_visit or date.max))
    if sort == "overdue":
        return sorted(by_name, key=lambda r: -len(r.overdue))
    return by_name

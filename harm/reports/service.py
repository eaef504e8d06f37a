"""Recording outcomes for a family, and the agency's de-identified report."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from harm.agencies.models import CASEWORKER, Agency, AgencyWorker, FamilyOutcome
from harm.agencies.service import agency_family_ids, worker_of
from harm.dates import local_today
from harm.errors import Invalid
from harm.extensions import db
from harm.families.access import member_may
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.milestones.kinds import KINDS
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection
from harm.plans.sections import SECTIONS
from harm.reports.outcomes import ANSWERS, OUTCOMES, UNKNOWN
from harm.reports.suppression import Breakdown, safe

BANDS = (("0-2", _l("0 to 2 parts done")), ("3-5", _l("3 to 5 parts done")), ("6", _l("All 6 parts done")))


# ---- Recording -----------------------------------------------------------------------------------


def recording_agency(membership: Membership) -> AgencyWorker | None:
    """The caseworker's active agency place, if this member may record outcomes."""
    if not member_may(membership, C.RECORD_OUTCOMES):
        return None
    worker = worker_of(membership.account)
    return worker if worker is not None and worker.active and worker.role == CASEWORKER else None


def outcomes_of(membership: Membership) -> list[tuple[Agency, FamilyOutcome]]:
    return [tuple(r) for r in db.session.execute(  # type: ignore[misc]
        select(Agency, FamilyOutcome).join(FamilyOutcome, FamilyOutcome.agency_id == Agency.id)
        .where(FamilyOutcome.family_id == membership.family_id).order_by(Agency.name)
    ).all()]


def record_outcomes(membership: Membership, form: dict[str, str]) -> FamilyOutcome:
    worker = recording_agency(membership)
    if worker is None:
        raise Invalid(_("Outcomes are recorded for an agency. Join your agency first."))
    answers = {key: form.get(key, UNKNOWN) for key in OUTCOMES}
    if any(value not in ANSWERS for value in answers.values()):
        raise Invalid(_("Please pick Yes, No or Not known yet for each outcome."))
    row = db.session.execute(select(FamilyOutcome).where(
        FamilyOutcome.agency_id == worker.agency_id, FamilyOutcome.family_id == membership.family_id)
    ).scalar_one_or_none()
    if row is None:
        row = FamilyOutcome(agency_id=worker.agency_id, family_id=membership.family_id)
        db.session.add(row)
    for key, value in answers.items():
        setattr(row, key, value)
    row.recorded_on = local_today()
    row.recorded_by_id = membership.account_id
    db.session.commit()
    return row


# ---- The report --------------------------------------------------------------------------------


@dataclass
class Report:
    start: date
    end: date
    families: int | None
    completeness: Breakdown
    outcomes: dict[str, Breakdown]
    with_milestone: int | None
    milestone_kinds: list[tuple[str, int | None]]
    months: Breakdown


def build_report(agency_id: int, start: date, end: date) -> Report:
    family_ids = agency_family_ids(agency_id)
    total = len(family_ids)
    bands = _completeness_bands(family_ids)
    outcome_rows = db.session.execute(
        select(FamilyOutcome).where(FamilyOutcome.agency_id == agency_id, FamilyOutcome.family_id.in_(family_ids))
    ).scalars().all()
    outcomes = {}
    for key in OUTCOMES:
        counted = Counter(getattr(row, key) for row in outcome_rows)
        counted[UNKNOWN] += total - len(outcome_rows)
        outcomes[key] = Breakdown.of([(k, str(v)) for k, v in ANSWERS.items()], [counted[k] for k in ANSWERS])
    in_period = (Milestone.family_id.in_(family_ids), Milestone.happened_on >= start, Milestone.happened_on <= end)
    with_milestone = db.session.execute(
        select(func.count(func.distinct(Milestone.family_id))).where(*in_period)).scalar_one()
    by_kind = dict(db.session.execute(
        select(Milestone.kind, func.count(func.distinct(Milestone.family_id))).where(*in_period)
        .group_by(Milestone.kind)).all())
    pairs = {(f, d.year, d.month) for f, d in db.session.execute(
        select(Milestone.family_id, Milestone.happened_on).where(*in_period)).all()}
    month_keys = _months(start, end)
    per_month = Counter((y, m) for _f, y, m in pairs)
    return Report(
        start=start, end=end, families=safe(total),
        completeness=Breakdown.of([(k, str(v)) for k, v in BANDS], [bands[k] for k, _v in BANDS]),
        outcomes=outcomes, with_milestone=safe(with_milestone),
        milestone_kinds=[(str(label), safe(by_kind.get(kind, 0))) for kind, label in KINDS.items()],
        months=Breakdown.of([(f"{y}-{m:02d}", format_date(date(y, m, 1), "MMM y")) for y, m in month_keys],
                            [per_month[k] for k in month_keys]),
    )


def _completeness_bands(family_ids: list[int]) -> Counter[str]:
    done: Counter[int] = Counter({f: 0 for f in family_ids})
    for family_id, key, data in db.session.execute(
        select(PlanSection.family_id, PlanSection.key, PlanSection.data).where(PlanSection.family_id.in_(family_ids))
    ).all():
        if key in SECTIONS and SECTIONS[key].is_done(data):
            done[family_id] += 1
    return Counter("6" if n >= 6 else "3-5" if n >= 3 else "0-2" for n in done.values())


def _months(start: date, end: date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def bar_chart(months: Breakdown, width: int = 600, height: int = 200) -> dict[str, Any]:
    """Bars for a server-rendered SVG (no script): positions and heights, in the SVG's own units."""
    cells = months.cells or []
    top = max(cells, default=0) or 1
    step = width / max(len(cells), 1)
    bars = [{"x": round(i * step + step * 0.1, 1), "w": round(step * 0.8, 1),
             "h": round((height - 30) * n / top, 1), "y": round(height - 20 - (height - 30) * n / top, 1),
             "label": months.labels[i][1], "value": n} for i, n in enumerate(cells)]
    return {"width": width, "height": height, "bars": bars}


def report_rows(report: Report) -> list[tuple[str, str, str]]:
    """The report as (measure, group, value) rows; suppressed values in words, never as numbers."""
    fewer, withheld = _("fewer than 11"), _("not shown (a group has fewer than 11)")
    period = f"{report.start.isoformat()} - {report.end.isoformat()}"

    def show(value: int | None) -> str:
        return fewer if value is None else str(value)

    rows = [(_("Families"), _("All"), show(report.families))]
    breakdowns = [(_("Plan completeness"), report.completeness)]
    breakdowns += [(str(OUTCOMES[key]), b) for key, b in report.outcomes.items()]
    breakdowns += [(_("Families with a milestone, by month"), report.months)]
    for measure, breakdown in breakdowns:
        if breakdown.cells is None:
            rows.append((measure, _("All groups"), withheld))
        else:
            rows += [(measure, label, str(n)) for (_k, label), n in zip(breakdown.labels, breakdown.cells, strict=True)]
    rows.append((_("Families with a milestone"), period, show(report.with_milestone)))
    rows += [(_("Families with this milestone"), label, show(n)) for label, n in report.milestone_kinds]
    return rows

"""The agency's de-identified report as JSON: the same figures as the report page, suppressed the same way."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validates_schema

from harm.accounts.sessions import signed_in_account
from harm.agencies.service import active_admin_or_none
from harm.dates import Day
from harm.errors import NotFound
from harm.milestones.kinds import KINDS
from harm.reports import service
from harm.reports.outcomes import OUTCOMES
from harm.reports.suppression import Breakdown

blp = Blueprint("reports_api", __name__, url_prefix="/api/v1",
                description="The agency's de-identified report (agency admins)")

LONGEST_PERIOD = timedelta(days=3 * 366)
SUPPRESSED = "A count is null when it is from 1 to 10; a breakdown is withheld (groups empty) when any group is."


class PeriodQuery(Schema):
    """Other query parameters (a cache buster, say) are ignored, as webargs does for every query."""

    start = Day(load_default=None)
    end = Day(load_default=None)

    @validates_schema
    def _ordered(self, data, **kwargs):  # type: ignore[no-untyped-def]
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise ValidationError([_l("Please give both a start and an end.")], "end" if end is None else "start")
        if start is not None and (start > end or end - start > LONGEST_PERIOD):
            raise ValidationError([_l("Please choose a start before the end, at most 3 years apart.")], "end")


class Group(Schema):
    key = fields.String()
    label = fields.String()
    families = fields.Integer()


class BreakdownSchema(Schema):
    withheld = fields.Boolean(metadata={"description": "True when a group had from 1 to 10 families"})
    groups = fields.List(fields.Nested(Group))


class KindCount(Schema):
    kind = fields.String()
    label = fields.String()
    families = fields.Integer(allow_none=True)


class ReportSchema(Schema):
    start = fields.Date()
    end = fields.Date()
    families = fields.Integer(allow_none=True, metadata={"description": SUPPRESSED})
    completeness = fields.Nested(BreakdownSchema)
    outcomes = fields.Dict(keys=fields.String(metadata={"enum": list(OUTCOMES)}), values=fields.Nested(BreakdownSchema))
    families_with_milestone = fields.Integer(allow_none=True)
    milestone_kinds = fields.List(fields.Nested(KindCount))
    months = fields.Nested(BreakdownSchema, metadata={"description": "Families with a milestone, by month (YYYY-MM)"})


def _breakdown(breakdown: Breakdown) -> dict[str, Any]:
    if breakdown.cells is None:
        return {"withheld": True, "groups": []}
    return {"withheld": False, "groups": [{"key": key, "label": label, "families": n}
                                          for (key, label), n in zip(breakdown.labels, breakdown.cells, strict=True)]}


@blp.route("/agency/report", methods=["GET"])
@blp.arguments(PeriodQuery, location="query")
@blp.response(200, ReportSchema)
def report(period: dict[str, Any]) -> Any:
    """The signed-in agency admin's report for a period (the last 12 months when none is given)."""
    admin = active_admin_or_none(signed_in_account())
    if admin is None:
        raise NotFound
    end = period["end"] or date.today()
    start = period["start"] or end - timedelta(days=364)
    built = service.build_report(admin.agency_id, start, end)
    return {
        "start": built.start, "end": built.end, "families": built.families,
        "completeness": _breakdown(built.completeness),
        "outcomes": {key: _breakdown(b) for key, b in built.outcomes.items()},
        "families_with_milestone": built.with_milestone,
        "milestone_kinds": [{"kind": kind, "label": label, "families": n}
                            for kind, (label, n) in zip(KINDS, built.milestone_kinds, strict=True)],
        "months": _breakdown(built.months),
    }

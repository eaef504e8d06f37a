"""The agency's de-identified report as JSON: the same figures as the report page, suppressed the same way."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validates_schema

from harm.accounts.sessions import signed_in_account
from harm.agencies.service import active_admin_or_none
from harm.api_fields import PICK, Choice, StrictSchema, Words, WrittenWords, written_words
from harm.dates import Day, local_today
from harm.errors import NotFound
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.milestones.kinds import KINDS
from harm.reports import outcomes as outcome_notes
from harm.reports import service
from harm.reports.models import NOTE_LIMIT, OutcomeNote
from harm.reports.outcomes import ANSWERS, EXPLAINED, OUTCOMES, UNKNOWN
from harm.reports.suppression import Breakdown

blp = Blueprint("reports_api", __name__, url_prefix="/api/v1",
                description="A family's outcomes, and the agency's de-identified report (agency admins)")
blp.before_request(check_family_access)

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
    end = period["end"] or local_today()
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


# ---- A family's outcomes: the same as the outcomes page, to the same people ------------------------------


# Each outcome Yes, No or Not known yet for the caseworker's agency; one left out is not known yet.
OutcomesIn = StrictSchema.from_dict({
    key: Choice(ANSWERS, load_default=UNKNOWN) for key in OUTCOMES
}, name="OutcomesIn")


class NoteIn(StrictSchema):
    outcome = Choice(OUTCOMES, required=True, error_messages={"required": PICK})
    note = Words(NOTE_LIMIT, required=True, error_messages={"required": _l("Please write your note first.")})


class RecordOut(Schema):
    agency = fields.String()
    answer = fields.String(metadata={"enum": list(ANSWERS)})
    label = fields.String()
    recorded_on = fields.Date()


class OutcomeOut(Schema):
    key = fields.String(metadata={"enum": list(OUTCOMES)})
    label = fields.String()
    explained = fields.String(metadata={"description": "What it means, in plain words for the family"})
    records = fields.List(fields.Nested(RecordOut), metadata={"description": "One for each agency that records it"})
    notes = fields.List(fields.Nested(WrittenWords), metadata={"description": "The parent's own notes, oldest first"})


def note_out(note: OutcomeNote) -> dict[str, Any]:
    return written_words(note.text, note.account, note.role, note.created_at)


def outcomes_out(me: Membership) -> list[dict[str, Any]]:
    records, notes = service.outcomes_of(me), outcome_notes.notes_of(me)
    return [{"key": key, "label": str(label), "explained": str(EXPLAINED[key]),
             "records": [{"agency": agency.name, "answer": getattr(row, key), "label": str(ANSWERS[getattr(row, key)]),
                          "recorded_on": row.recorded_on} for agency, row in records],
             "notes": [note_out(n) for n in notes.get(key, [])]} for key, label in OUTCOMES.items()]


@blp.route("/families/<family_id>/outcomes", methods=["GET"])
@blp.response(200, OutcomeOut(many=True))
@requires(C.SEE_OUTCOMES)
def family_outcomes(family_id: str) -> Any:
    """Each outcome explained, as each agency recorded it, with the parent's own notes."""
    return outcomes_out(current_member())


@blp.route("/families/<family_id>/outcomes", methods=["PUT"])
@blp.arguments(OutcomesIn)
@blp.response(200, OutcomeOut(many=True))
@requires(C.RECORD_OUTCOMES)
def record_outcomes(body: dict[str, str], family_id: str) -> Any:
    """The family's caseworker records the outcomes for their agency."""
    me = current_member()
    service.record_outcomes(me, body)
    return outcomes_out(me)


@blp.route("/families/<family_id>/outcomes/notes", methods=["POST"])
@blp.arguments(NoteIn)
@blp.response(201, WrittenWords)
@requires(C.NOTE_ON_OUTCOMES)
def add_outcome_note(body: dict[str, str], family_id: str) -> Any:
    """The parent adds their own note to one outcome (only the parent may)."""
    return note_out(outcome_notes.add_note(current_member(), body["outcome"], body["note"]))

"""Outcomes for one family (its caseworker records them) and the agency admin's de-identified report."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.accounts.sessions import signed_in_account
from harm.agencies.service import active_admin_or_none
from harm.dates import local_today
from harm.errors import Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.limits import exports
from harm.reports import outcomes as outcome_notes
from harm.reports import service
from harm.reports.outcomes import ANSWERS, EXPLAINED, OUTCOMES

bp = Blueprint("reports", __name__)


def _outcomes_page(me: Membership, error: str = "", status: int = 200,
                   note: tuple[str, str] = ("", "")) -> ResponseReturnValue:
    return render_template("reports/outcomes.html", me=me, family=me.family, records=service.outcomes_of(me),
                           can_record=service.recording_agency(me) is not None, outcomes=OUTCOMES,
                           explained=EXPLAINED, notes=outcome_notes.notes_of(me), note=note,
                           can_note=member_may(me, C.NOTE_ON_OUTCOMES), answers=ANSWERS, error=error), status


@bp.get("/f/<family_id>/outcomes")
@requires(C.SEE_OUTCOMES)
def outcomes(family_id: str) -> ResponseReturnValue:
    return _outcomes_page(current_member())


@bp.post("/f/<family_id>/outcomes")
@requires(C.RECORD_OUTCOMES)
def record_outcomes(family_id: str) -> ResponseReturnValue:
    me = current_member()
    try:
        service.record_outcomes(me, request.form.to_dict())
    except Invalid as error:
        return _outcomes_page(me, str(error), error.status)
    flash(_("Outcomes saved."))
    return redirect(url_for("reports.outcomes", family_id=family_id))


@bp.post("/f/<family_id>/outcomes/notes")
@requires(C.NOTE_ON_OUTCOMES)
def add_outcome_note(family_id: str) -> ResponseReturnValue:
    me = current_member()
    outcome, text = request.form.get("outcome", ""), request.form.get("note", "")
    try:
        outcome_notes.add_note(me, outcome, text)
    except Invalid as error:
        return _outcomes_page(me, str(error), 422, note=(outcome, text))
    flash(_("Your note is saved. Everyone who can see the outcomes can read it."))
    return redirect(url_for("reports.outcomes", family_id=family_id) + f"#outcome-{outcome}")


def _period() -> tuple[date, date, str]:
    """The period asked for; a year to today when none (or a bad one) is given."""
    today = local_today()
    try:
        start = date.fromisoformat(request.args.get("start", ""))
        end = date.fromisoformat(request.args.get("end", ""))
    except ValueError:
        return today - timedelta(days=364), today, _("Showing the last 12 months.") if request.args else ""
    if start > end or (end - start).days > 3 * 366:
        return today - timedelta(days=364), today, _("Please choose a start before the end, at most 3 years apart.")
    return start, end, ""


def _report() -> tuple[service.Report, str]:
    admin = active_admin_or_none(signed_in_account())
    if admin is None:
        abort(404)
    start, end, note = _period()
    return service.build_report(admin.agency_id, start, end), note


@bp.get("/agency/report")
def report() -> ResponseReturnValue:
    built, note = _report()
    return render_template("reports/report.html", report=built, note=note, outcomes=OUTCOMES,
                           chart=service.bar_chart(built.months))


@bp.get("/agency/report.csv")
@exports
def report_csv() -> ResponseReturnValue:
    built, _note = _report()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Measure"), _("Group"), _("Families")])
    for measure, group, value in service.report_rows(built):
        writer.writerow([measure, group, value])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=outcomes-report.csv"})

"""The caseload page: a caseworker's families, searchable and sortable, fit for a phone."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from harm.accounts.sessions import signed_in_account
from harm.caseload import service

bp = Blueprint("caseload", __name__)

SORT_NAMES = {
    "name": _l("Family name"),
    "completeness": _l("Least complete plan first"),
    "next_visit": _l("Next visit"),
    "overdue": _l("Most overdue items first"),
}
OVERDUE_NAMES = {
    service.KIT_EXPIRED: _l("A naloxone kit has expired"),
    service.KIT_EXPIRING: _l("A naloxone kit expires within 30 days"),
    service.REVIEW_PASSED: _l("The review date has passed"),
    service.CHECKIN_MISSED: _l("A check-in was missed"),
}


@bp.get("/caseload")
def caseload() -> ResponseReturnValue:
    search = request.args.get("q", "")[:80]
    sort = request.args.get("sort", "name")
    if sort not in service.SORTS:
        sort = "name"
    rows = service.caseload(signed_in_account(), search, sort)
    return render_template("caseload/caseload.html", rows=rows, search=search, sort=sort, sorts=SORT_NAMES,
                           overdue_names=OVERDUE_NAMES, today=date.today())

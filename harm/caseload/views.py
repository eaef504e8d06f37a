"""The caseload page: a caseworker's families, searchable and sortable, fit for a phone."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from harm.accounts.sessions import signed_in_account
from harm.caseload import service
from harm.dates import local_today
from harm.plans.sections import SECTION_KEYS
from harm.pwa.offline import family_pages

bp = Blueprint("caseload", __name__)

SORT_NAMES = {
    "name": _l("Family name"),
    "completeness": _l("Least complete plan first"),
    "next_visit": _l("Next visit"),
    "overdue": _l("Most overdue items first"),
}
SEARCH_FROM = 5  # families: with more, the page offers search and sort before the list

OVERDUE_NAMES = {
    service.KIT_EXPIRED: _l("A naloxone kit has expired"),
    service.KIT_EXPIRING: _l("A naloxone kit expires within 30 days"),
    service.REVIEW_PASSED: _l("The review date has passed"),
    service.CHECKIN_MISSED: _l("A check-in was missed"),
    service.REFERRAL_WAITING: _l("A referral is overdue: no first visit yet"),
}


@bp.get("/caseload")
def caseload() -> ResponseReturnValue:
    search = request.args.get("q", "")[:80]
    sort = request.args.get("sort", "name")
    if sort not in service.SORTS:
        sort = "name"
    today = local_today()
    rows = service.caseload(signed_in_account(), search, sort, today)
    every_row = service.caseload(signed_in_account(), today=today) if search else rows
    visits_today = [row for row in every_row if row.next_visit == today]
    return render_template("caseload/caseload.html", rows=rows, search=search, sort=sort, sorts=SORT_NAMES,
                           overdue_names=OVERDUE_NAMES, today=today, visits_today=visits_today,
                           rows_key=tuple(row.rendering_key for row in rows),
                           show_filters=len(every_row) > SEARCH_FROM or bool(search) or sort != "name",
                           offline_today=offline_today(visits_today))


def offline_today(rows: list[service.CaseRow]) -> list[dict[str, object]]:
    """What the worker keeps for today's visits: each family's plan pages (a caseworker reads every part)."""
    return [{"family": row.family.public_id, "urls": family_pages(row.family.public_id, list(SECTION_KEYS))}
            for row in rows]

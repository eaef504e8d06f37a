"""The check-ins page: every member reads them; peers and caseworkers record them."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.checkins import service
from harm.dates import local_today
from harm.errors import Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.milestones.kinds import KINDS, OWN

bp = Blueprint("checkins", __name__)
FORM_FIELDS = ("happened_on", "how_it_went", "needs", "next_on", "milestone")


def _page(me: Membership, form: dict[str, str], errors: dict[str, list[str]], status: int = 200) -> ResponseReturnValue:
    return render_template(
        "checkins/checkins.html", me=me, family=me.family, checkins=service.for_family(me),
        can_record=member_may(me, C.RECORD_CHECKIN), form=form, errors=errors, today=local_today().isoformat(),
        kinds={k: v for k, v in KINDS.items() if k != OWN},
    ), status


@bp.get("/f/<family_id>/checkins")
@requires(C.SEE_CHECKINS)
def checkins(family_id: str) -> ResponseReturnValue:
    return _page(current_member(), {}, {})


@bp.post("/f/<family_id>/checkins")
@requires(C.RECORD_CHECKIN)
def record(family_id: str) -> ResponseReturnValue:
    me = current_member()
    data: dict[str, str | None] = {key: request.form.get(key, "").strip() for key in FORM_FIELDS}
    for key in ("happened_on", "next_on", "milestone"):
        if not data[key]:
            data[key] = None
    try:
        service.record(me, data)
    except Invalid as error:
        return _page(me, dict(request.form), error.messages, 422)
    flash(_("Check-in saved. Everyone on this plan can read it."))
    return redirect(url_for("checkins.checkins", family_id=family_id))

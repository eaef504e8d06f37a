"""The milestone timeline page and its form."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.dates import local_today
from harm.errors import Invalid
from harm.families.access import current_member, requires
from harm.families.capabilities import Capability as C
from harm.milestones import service
from harm.milestones.kinds import KINDS

bp = Blueprint("milestones", __name__)


def _page(me, form, errors, status=200) -> ResponseReturnValue:
    return render_template(
        "milestones/timeline.html", me=me, family=me.family, milestones=service.timeline(me),
        kinds=KINDS, form=form, errors=errors, today=local_today().isoformat(),
    ), status


@bp.get("/f/<family_id>/milestones")
@requires(C.SEE_MILESTONES)
def timeline(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return _page(me, {}, {})


@bp.post("/f/<family_id>/milestones")
@requires(C.ADD_MILESTONE)
def record(family_id: str) -> ResponseReturnValue:
    me = current_member()
    data = {key: request.form.get(key, "") for key in ("kind", "title", "note", "happened_on")}
    if not data["happened_on"]:
        data.pop("happened_on")
    try:
        service.record(me, data)
    except Invalid as error:
        return _page(me, request.form, error.messages, 422)
    flash(_("Milestone added."))
    return redirect(url_for("milestones.timeline", family_id=family_id))

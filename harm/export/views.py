"""The parent's "Your data" page: download everything, print it, delete the family."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.accounts.sessions import current_account
from harm.export import service
from harm.families import roles
from harm.families.access import get_membership_or_404
from harm.families.models import Membership
from harm.limits import exports

bp = Blueprint("export", __name__)


def _parent(family_id: str) -> Membership:
    me = get_membership_or_404(family_id, current_account())
    if me.role != roles.PARENT:
        abort(404)
    return me


@bp.get("/f/<family_id>/your-data")
def your_data(family_id: str) -> ResponseReturnValue:
    me = _parent(family_id)
    return render_template("export/your_data.html", me=me, family=me.family, error=None)


@bp.get("/f/<family_id>/your-data/export.json")
@exports
def download(family_id: str) -> ResponseReturnValue:
    data = service.build(_parent(family_id))
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="family-plan-export.json"'})


@bp.get("/f/<family_id>/your-data/print")
@exports
def printable(family_id: str) -> ResponseReturnValue:
    me = _parent(family_id)
    return render_template("export/print.html", me=me, family=me.family, data=service.build(me))


@bp.post("/f/<family_id>/delete")
def delete_family(family_id: str) -> ResponseReturnValue:
    me = _parent(family_id)
    if " ".join(request.form.get("family_name", "").split()).casefold() != me.family.name.casefold():
        error = _("Please type the family's name exactly as it is shown, to show you mean it.")
        return render_template("export/your_data.html", me=me, family=me.family, error=error), 422
    service.delete_family(me)
    flash(_("The family and everything in its plan were deleted."))
    return redirect(url_for("content.home"))

"""The parent's "Your data" page: download everything, print it, delete the family."""
from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.export import service
from harm.export.document import document, shown
from harm.families.access import current_member, requires
from harm.families.capabilities import Capability as C
from harm.limits import exports

bp = Blueprint("export", __name__)


@bp.get("/f/<family_id>/your-data")
@requires(C.EXPORT)
def your_data(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return render_template("export/your_data.html", me=me, family=me.family, error=None)


@bp.get("/f/<family_id>/your-data/export.json")
@exports
@requires(C.EXPORT)
def download(family_id: str) -> ResponseReturnValue:
    data = service.build(current_member())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": 'attachment; filename="family-plan-export.json"'})


@bp.get("/f/<family_id>/your-data/print")
@exports
@requires(C.EXPORT)
def printable(family_id: str) -> ResponseReturnValue:
    me = current_member()
    data = service.build(me)
    return render_template("export/print.html", me=me, family=me.family, parts=document(data),
                           made=shown(data["exported_at"]))


@bp.post("/f/<family_id>/delete")
@requires(C.DELETE_FAMILY)
def delete_family(family_id: str) -> ResponseReturnValue:
    me = current_member()
    if " ".join(request.form.get("family_name", "").split()).casefold() != me.family.name.casefold():
        error = _("Please type the family's name exactly as it is shown, to show you mean it.")
        return render_template("export/your_data.html", me=me, family=me.family, error=error), 422
    service.delete_family(me)
    flash(_("The family and everything in its plan were deleted."))
    return redirect(url_for("content.home"))

"""The fridge copy page (print it) and its PDF download."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from markupsafe import Markup

from harm.crisis_lines import CRISIS_LINES
from harm.emergency.steps import STEPS
from harm.families.access import current_member, requires
from harm.families.capabilities import Capability as C
from harm.fridge import service
from harm.limits import exports

bp = Blueprint("fridge", __name__)


@bp.app_context_processor
def fridge_context() -> dict[str, object]:
    return {"fridge_steps": STEPS, "fridge_crisis_lines": CRISIS_LINES}


@bp.get("/f/<family_id>/fridge")
@requires(C.VIEW_PLAN)
def page(family_id: str) -> ResponseReturnValue:
    me = current_member()
    language = service.copy_language(me, request.args.get("lang"))
    sheet = service.fridge_sheet(me)
    with force_locale(language):  # the sheet in the family's language; the page around it in the reader's
        # Our own template's output, already escaped by Jinja's autoescape.
        sheet_html = Markup(render_template("fridge/_sheet_in_language.html", sheet=sheet))  # noqa: S704
    return render_template("fridge/page.html", family=me.family, sheet_html=sheet_html, language=language)


@bp.get("/f/<family_id>/fridge.pdf")
@exports
@requires(C.VIEW_PLAN)
def pdf(family_id: str) -> ResponseReturnValue:
    me = current_member()
    paper = request.args.get("paper", "letter")
    with force_locale(service.copy_language(me, request.args.get("lang"))):
        body = service.render_pdf(service.fridge_sheet(me), paper if paper in service.PAPERS else "letter")
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="overdose-plan.pdf"',
    })

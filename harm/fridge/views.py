"""The fridge copy page (print it) and its PDF download."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from harm.crisis_lines import CRISIS_LINES
from harm.emergency.steps import STEPS
from harm.errors import Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.fridge import service
from harm.limits import exports

bp = Blueprint("fridge", __name__)


@bp.app_context_processor
def fridge_context() -> dict[str, object]:
    return {"fridge_steps": STEPS, "fridge_crisis_lines": CRISIS_LINES}


def _page(language: str | None, error: str = "", status: int = 200) -> ResponseReturnValue:
    me = current_member()
    language = service.copy_language(me, language)
    sheet = service.fridge_sheet(me)
    with force_locale(language):  # the sheet in the family's language; the page around it in the reader's
        # Our own template's output, already escaped by Jinja's autoescape.
        sheet_html = Markup(render_template("fridge/_sheet_in_language.html", sheet=sheet))  # noqa: S704
    return render_template("fridge/page.html", family=me.family, sheet_html=sheet_html, language=language,
                           may_choose=member_may(me, C.CHOOSE_FRIDGE_LINES), error=error), status


@bp.get("/f/<family_id>/fridge")
@requires(C.VIEW_PLAN)
def page(family_id: str) -> ResponseReturnValue:
    return _page(request.args.get("lang"))


@bp.post("/f/<family_id>/fridge/lockbox")
@requires(C.CHOOSE_FRIDGE_LINES)
def choose_lockbox(family_id: str) -> ResponseReturnValue:
    try:
        service.choose_lockbox_lines(current_member(), request.form.get("lockbox", ""))
    except Invalid as error:
        return _page(request.form.get("lang"), str(error), 422)
    flash(_("Saved. The fridge copy shows this now."))
    return redirect(url_for("fridge.page", family_id=family_id, lang=request.form.get("lang") or None))


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

"""Plan pages: the overview, one section's form, its history."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _

from harm.crisis_lines import CRISIS_LINES
from harm.errors import Conflict, Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.milestones.service import rendering_key, timeline
from harm.plans import service
from harm.plans.fields import from_form
from harm.plans.sections import SECTIONS

bp = Blueprint("plans", __name__)


@bp.get("/f/<family_id>")
@requires(C.VIEW_PLAN)
def overview(family_id: str) -> ResponseReturnValue:
    me = current_member()
    sections = service.load_plan(me)
    milestones = timeline(me, limit=5)
    return render_template(
        "plans/overview.html",
        me=me,
        family=me.family,
        sections=sections,
        definitions=SECTIONS,
        completeness=service.completeness(me, sections),
        milestones=milestones,
        milestones_key=rendering_key(milestones),
        crisis_lines=CRISIS_LINES,
        is_done=service.is_done,
        can_edit=member_may(me, C.EDIT_SECTION),
    )


@bp.get("/f/<family_id>/plan/<key>")
@requires(C.VIEW_PLAN)
def section(family_id: str, key: str) -> ResponseReturnValue:
    me = current_member()
    current = service.load_section(me, key)
    return render_template(
        "plans/section.html", me=me, family=me.family, section=current, definition=SECTIONS[key],
        values=current.data, version=current.version, can_edit=member_may(me, C.EDIT_SECTION), errors={},
    )


@bp.post("/f/<family_id>/plan/<key>")
@requires(C.EDIT_SECTION)
def save(family_id: str, key: str) -> ResponseReturnValue:
    me = current_member()
    definition = service.section_definition(me, key)
    submitted = from_form(definition.fields, request.form)
    base_version = request.form.get("version", type=int)
    page = {"me": me, "family": me.family, "definition": definition, "values": submitted,
            "can_edit": member_may(me, C.EDIT_SECTION), "errors": {}}
    try:
        service.save_section(me, key, submitted, base_version if base_version is not None else -1)
    except Invalid as error:
        current = service.load_section(me, key)
        return render_template("plans/section.html", **page | {"section": current, "version": base_version,
                               "errors": error.messages}), 422
    except Conflict as stale:
        # Their text stays in the form; the newer text is shown beside it; nothing is lost.
        return render_template("plans/section.html", **page | {"section": stale.current,
                               "version": stale.current.version, "conflict": stale.current}), 409
    flash(_("Saved."))
    if "add_row" in request.form:
        return redirect(url_for("plans.section", family_id=family_id, key=key))
    return redirect(url_for("plans.overview", family_id=family_id) + f"#{key}")


@bp.get("/f/<family_id>/plan/<key>/history")
@requires(C.VIEW_PLAN)
def history(family_id: str, key: str) -> ResponseReturnValue:
    me = current_member()
    definition = service.section_definition(me, key)
    return render_template(
        "plans/history.html", me=me, family=me.family, definition=definition,
        revisions=service.revisions(me, key),
    )


@bp.app_template_filter("tel")
def tel(number: str) -> str:
    """A phone number as a tel: link wants it: digits and a leading plus."""
    return ("+" if number.strip().startswith("+") else "") + "".join(ch for ch in number if ch.isdigit())


@bp.app_template_filter("plan_date")
def plan_date(value: str) -> str:
    try:
        return format_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return value

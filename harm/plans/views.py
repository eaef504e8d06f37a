"""Plan pages: the overview, one section's form, its history."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _

from harm.accounts.service import recovery_codes_left
from harm.crisis_lines import CRISIS_LINES
from harm.errors import Conflict, Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.milestones.service import rendering_key, timeline
from harm.plans import goals, service
from harm.plans.fields import from_form
from harm.plans.sections import SECTIONS

bp = Blueprint("plans", __name__)
# Where the next page shows "Saved": {"key": section, "at": "top" | "button" | a list field's name}.
SAVED = "plan_saved"


@bp.get("/f/<family_id>")
@requires(C.VIEW_PLAN)
def overview(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return render_template(
        "plans/overview.html",
        me=me,
        family=me.family,
        versions=service.plan_versions(me),
        plan=service.PlanReading(me),
        definitions=SECTIONS,
        newest_milestone=lambda: timeline(me, limit=1),  # read only to render the milestones part afresh
        milestones_key=rendering_key(me, limit=1),
        crisis_lines=CRISIS_LINES,
        is_done=service.is_done,
        can_edit=member_may(me, C.EDIT_SECTION),
    )


def _editing(me: Membership, key: str, values: dict[str, Any]) -> dict[str, Any]:
    """What a section's form needs; the goals also need the stored goals and which side this member writes."""
    page = {"me": me, "family": me.family, "definition": SECTIONS[key], "values": values,
            "can_edit": member_may(me, C.EDIT_SECTION), "errors": {}}
    if key == service.GOALS:
        page |= {"can_write_goals": member_may(me, C.WRITE_GOALS),
                 "can_write_expectations": member_may(me, C.WRITE_AGENCY_EXPECTATIONS),
                 "can_suggest": member_may(me, C.SUGGEST_GOAL)}
    if request.values.get("guided") == "1":
        number, total, following = service.part_of(me, key)
        page |= {"guided": True, "part": number, "parts": total, "next_key": following}
    return page


@bp.get("/f/<family_id>/plan/<key>")
@requires(C.VIEW_PLAN)
def section(family_id: str, key: str) -> ResponseReturnValue:
    me = current_member()
    current = service.load_section(me, key)
    values = goals.normalized(current.data) if key == service.GOALS else current.data
    saved = session.pop(SAVED, None)
    return render_template("plans/section.html", **_editing(me, key, values) | {
        "section": current, "version": current.version,
        "saved_at": saved.get("at") if isinstance(saved, dict) and saved.get("key") == key else None})


@bp.post("/f/<family_id>/plan/<key>")
@requires(C.EDIT_SECTION)
def save(family_id: str, key: str) -> ResponseReturnValue:
    me = current_member()
    definition = service.section_definition(me, key)
    is_goals = key == service.GOALS
    submitted = goals.from_form(request.form) if is_goals else from_form(definition.fields, request.form)
    base_version = request.form.get("version", type=int)
    try:
        service.save_section(me, key, submitted, base_version if base_version is not None else -1)
    except Invalid as error:
        current = service.load_section(me, key)
        values = goals.shown(current.data, submitted) if is_goals else submitted
        return render_template("plans/section.html", **_editing(me, key, values) | {
            "section": current, "version": base_version, "errors": error.messages}), 422
    except Conflict as stale:
        # Their text stays in the form; the newer text is shown beside it; nothing is lost.
        values = goals.shown(stale.current.data, submitted) if is_goals else submitted
        return render_template("plans/section.html", **_editing(me, key, values) | {
            "section": stale.current, "version": stale.current.version, "conflict": stale.current}), 409
    return redirect(_after_saving(me, key))


def _after_saving(me: Membership, key: str) -> str:
    """Where "Saved" shows: by the button pressed, or at the top of the next part; recovery codes first, once."""
    guided = request.form.get("guided") == "1"
    added = request.form.get("add_row")
    following = service.part_of(me, key)[2] if guided and not added else None
    if added or not guided:
        lists = {f.name for f in SECTIONS[key].fields if f.kind == "list"}
        session[SAVED] = {"key": key, "at": added if added in lists else "button"}
        target = url_for("plans.section", family_id=me.family.public_id, key=key, guided="1" if guided else None)
    elif following:
        session[SAVED] = {"key": following, "at": "top"}
        target = url_for("plans.section", family_id=me.family.public_id, key=following, guided="1")
    else:
        flash(_("Saved."))
        target = url_for("plans.overview", family_id=me.family.public_id)
    if not added and service.only_one_part_saved(me) and recovery_codes_left(me.account) == 0:
        return url_for("accounts.ask_for_recovery_codes", next=target, saved="1")
    return target


def _goals_refused(me: Membership, errors: dict[str, Any],
                   suggestion: dict[str, str] | None = None) -> ResponseReturnValue:
    """The goals page again, saying what to fix; nothing was saved."""
    current = service.load_section(me, service.GOALS)
    return render_template("plans/section.html", **_editing(me, service.GOALS, goals.normalized(current.data)) | {
        "section": current, "version": current.version, "suggestion_errors": errors,
        "suggestion": suggestion or {}}), 422


@bp.post("/f/<family_id>/plan/goals/suggestions")
@requires(C.SUGGEST_GOAL)
def suggest_goal(family_id: str) -> ResponseReturnValue:
    me = current_member()
    sent = {name: request.form[name] for name in goals.GOAL_KEYS if name in request.form}
    try:
        service.suggest_goal(me, sent)
    except Invalid as error:
        return _goals_refused(me, error.messages, request.form.to_dict())
    flash(_("Your suggestion is on the plan. The parent decides if it becomes their goal."))
    return redirect(url_for("plans.section", family_id=family_id, key=service.GOALS))


@bp.post("/f/<family_id>/plan/goals/suggestions/<suggestion_id>")
@requires(C.WRITE_GOALS)
def answer_suggestion(family_id: str, suggestion_id: str) -> ResponseReturnValue:
    me = current_member()
    answer = request.form.get("answer")
    if answer not in ("accept", "decline"):
        return _goals_refused(me, {"answer": [_("Please pick one of the choices.")]})
    try:
        service.answer_suggestion(me, suggestion_id, accept=answer == "accept")
    except Invalid as error:
        return _goals_refused(me, error.messages)
    flash(_("It is one of your goals now.") if answer == "accept" else _("You said no to this suggestion."))
    return redirect(url_for("plans.section", family_id=family_id, key=service.GOALS))


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


@bp.app_template_filter("goals_view")
def goals_view(data: dict[str, Any]) -> dict[str, Any]:
    """The goals section in today's shape, for a page."""
    return goals.normalized(data)


@bp.app_template_filter("plan_date")
def plan_date(value: str) -> str:
    try:
        return format_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return value

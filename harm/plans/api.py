"""The plan as JSON: read it, save a section with its version, read the history."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_smorest import Blueprint

from harm.errors import Conflict, Invalid, api_error
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.plans import goals, service
from harm.plans.models import PlanSection
from harm.plans.schemas import AnswerIn, PlanOut, RevisionOut, SectionIn, SectionOut, SuggestionIn
from harm.plans.sections import SECTIONS

blp = Blueprint("plans_api", __name__, url_prefix="/api/v1", description="The family's safety plan")
blp.before_request(check_family_access)


def section_out(section: PlanSection) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": str(SECTIONS[section.key].title),
        "version": section.version,
        "done": service.is_done(section),
        "data": goals.normalized(section.data) if section.key == service.GOALS else section.data,
        "updated_at": section.updated_at,
        "updated_by": section.updated_by.display_name if section.updated_by else None,
    }


@blp.route("/families/<family_id>/plan", methods=["GET"])
@blp.response(200, PlanOut)
@requires(C.VIEW_PLAN)
def get_plan(family_id: str) -> Any:
    """Every section this member may read, and how complete the plan is."""
    me = current_member()
    sections = service.load_plan(me)
    return {
        "family": family_id,
        "completeness": service.completeness(me, sections).percent,
        "sections": [section_out(s) for s in sections],
    }


@blp.route("/families/<family_id>/plan/<key>", methods=["GET"])
@blp.response(200, SectionOut)
@requires(C.VIEW_PLAN)
def get_section(family_id: str, key: str) -> Any:
    """One section, with the version to send back when saving."""
    me = current_member()
    return section_out(service.load_section(me, key))


@blp.route("/families/<family_id>/plan/<key>", methods=["PUT"])
@blp.arguments(SectionIn)
@blp.response(200, SectionOut)
@blp.alt_response(409, description="Someone saved a newer version; `current` holds it.")
@requires(C.EDIT_SECTION)
def save_section(body: dict[str, Any], family_id: str, key: str) -> Any:
    """Save a section. A save based on an old version is refused with 409 and the current one."""
    me = current_member()
    try:
        return section_out(service.save_section(me, key, body["data"], body["version"]))
    except Invalid as error:  # the section's fields sit under `data`
        return api_error(422, _("Some answers need a fix."), errors={"data": error.messages})
    except Conflict as stale:  # `current` in the API's own shape
        return api_error(409, _("Someone saved a newer version. Nothing you sent was saved; compare and save again."),
                         current=section_out(stale.current))


@blp.route("/families/<family_id>/plan/goals/suggestions", methods=["POST"])
@blp.arguments(SuggestionIn)
@blp.response(201, SectionOut)
@requires(C.SUGGEST_GOAL)
def suggest_goal(body: dict[str, Any], family_id: str) -> Any:
    """A worker suggests a goal. It shows as theirs, attributed, until the parent says yes or no."""
    me = current_member()
    try:
        return section_out(service.suggest_goal(me, body))
    except Invalid as error:
        return api_error(422, _("Some answers need a fix."), errors=error.messages)


@blp.route("/families/<family_id>/plan/goals/suggestions/<suggestion_id>", methods=["POST"])
@blp.arguments(AnswerIn)
@blp.response(200, SectionOut)
@requires(C.WRITE_GOALS)
def answer_suggestion(body: dict[str, Any], family_id: str, suggestion_id: str) -> Any:
    """The parent says yes (it becomes their goal) or no to a suggested goal."""
    me = current_member()
    try:
        return section_out(service.answer_suggestion(me, suggestion_id, accept=body["answer"] == "accept"))
    except Invalid as error:
        return api_error(422, _("Some answers need a fix."), errors=error.messages)


@blp.route("/families/<family_id>/plan/<key>/revisions", methods=["GET"])
@blp.response(200, RevisionOut(many=True))
@requires(C.VIEW_PLAN)
def list_revisions(family_id: str, key: str) -> Any:
    """Who changed this section, when, and what."""
    me = current_member()
    return service.revisions(me, key)

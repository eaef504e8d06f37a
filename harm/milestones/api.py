"""Milestones as JSON."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_smorest import Blueprint

from harm.accounts.sessions import current_account
from harm.errors import api_error
from harm.families.access import check_family_access, get_membership_or_404
from harm.milestones import service
from harm.milestones.schemas import MilestoneInSchema, MilestoneSchema

blp = Blueprint("milestones_api", __name__, url_prefix="/api/v1", description="Milestones on the family's timeline")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/milestones", methods=["GET"])
@blp.response(200, MilestoneSchema(many=True))
def list_milestones(family_id: str) -> Any:
    """The family's timeline, newest first."""
    return service.timeline(get_membership_or_404(family_id, current_account()))


@blp.route("/families/<family_id>/milestones", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": MilestoneInSchema}}})
@blp.response(201, MilestoneSchema)
def record_milestone(family_id: str) -> Any:
    """Record a milestone. There is no field for drug use, and none is accepted."""
    me = get_membership_or_404(family_id, current_account())
    try:
        return service.record(me, request.get_json(silent=True))
    except service.InvalidMilestone as error:
        return api_error(422, _("Some answers need a fix."), errors={"json": error.messages})

"""Milestones as JSON."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint

from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.milestones import service
from harm.milestones.schemas import MilestoneInSchema, MilestoneSchema

blp = Blueprint("milestones_api", __name__, url_prefix="/api/v1", description="Milestones on the family's timeline")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/milestones", methods=["GET"])
@blp.response(200, MilestoneSchema(many=True))
@requires(C.SEE_MILESTONES)
def list_milestones(family_id: str) -> Any:
    """The family's timeline, newest first."""
    return service.timeline(current_member())


@blp.route("/families/<family_id>/milestones", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": MilestoneInSchema}}})
@blp.response(201, MilestoneSchema)
@requires(C.ADD_MILESTONE)
def record_milestone(family_id: str) -> Any:
    """Record a milestone. There is no field for drug use, and none is accepted."""
    me = current_member()
    return service.record(me, request.get_json(silent=True))

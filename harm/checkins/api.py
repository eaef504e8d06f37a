"""Check-ins as JSON."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint

from harm.checkins import service
from harm.checkins.schemas import CheckInInSchema, CheckInSchema
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C

blp = Blueprint("checkins_api", __name__, url_prefix="/api/v1", description="Peer check-ins with the family")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/checkins", methods=["GET"])
@blp.response(200, CheckInSchema(many=True))
@requires(C.SEE_CHECKINS)
def list_checkins(family_id: str) -> Any:
    """The family's check-ins, newest first."""
    return service.for_family(current_member())


@blp.route("/families/<family_id>/checkins", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": CheckInInSchema}}})
@blp.response(201, CheckInSchema)
@requires(C.RECORD_CHECKIN)
def record_checkin(family_id: str) -> Any:
    """Record a check-in (peer specialists and caseworkers). Fields about drug use are refused."""
    me = current_member()
    return service.record(me, request.get_json(silent=True))

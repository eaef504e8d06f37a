"""The access log as JSON (the parent only)."""
from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from harm.audit import service
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C

blp = Blueprint("audit_api", __name__, url_prefix="/api/v1", description="Who saw or changed use details")
blp.before_request(check_family_access)


class AccessLogEntrySchema(Schema):
    seq = fields.Integer(dump_only=True)
    at = fields.DateTime(dump_only=True)
    actor = fields.String(attribute="actor_name", dump_only=True)
    role = fields.String(attribute="actor_role", dump_only=True)
    action = fields.String(dump_only=True)
    category = fields.String(dump_only=True, allow_none=True)
    entry_hash = fields.String(dump_only=True)


@blp.route("/families/<family_id>/access-log", methods=["GET"])
@blp.response(200, AccessLogEntrySchema(many=True))
@requires(C.READ_ACCESS_LOG)
def access_log(family_id: str) -> Any:
    """Every entry of the family's access log, newest first."""
    me = current_member()
    return service.entries_for(me.family)

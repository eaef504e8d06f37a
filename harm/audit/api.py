"""The access log as JSON (the parent only)."""
from __future__ import annotations

from typing import Any

from flask import abort
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from harm.accounts.sessions import current_account
from harm.audit import service
from harm.families import roles
from harm.families.access import check_family_access, get_membership_or_404

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
def access_log(family_id: str) -> Any:
    """Every entry of the family's access log, newest first."""
    me = get_membership_or_404(family_id, current_account())
    if me.role != roles.PARENT:
        abort(404)
    return service.entries_for(me.family)

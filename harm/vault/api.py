"""Use details as JSON: the same rules as the page (one decision, in harm.consent.access)."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint

from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.use_details import PART2_NOTICE
from harm.vault import service
from harm.vault.schemas import UseDetailInSchema, UseDetailSchema, UseDetailsSchema

blp = Blueprint("vault_api", __name__, url_prefix="/api/v1", description="Use details (consent-gated)")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/use-details", methods=["GET"])
@blp.response(200, UseDetailsSchema)
@requires(C.READ_USE_DETAILS)
def list_use_details(family_id: str) -> Any:
    """The use details this account may see; 404 when it may see none."""
    me = current_member()
    shown = service.read(me)
    return {"notice": str(PART2_NOTICE), "entries": [e for entries in shown.values() for e in entries]}


@blp.route("/families/<family_id>/use-details", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": UseDetailInSchema}}})
@blp.response(201, UseDetailSchema)
@requires(C.KEEP_USE_DETAILS)
def add_use_detail(family_id: str) -> Any:
    """The parent keeps a use detail."""
    me = current_member()
    return service.add(me, request.get_json(silent=True))


@blp.route("/families/<family_id>/use-details/<entry_id>", methods=["DELETE"])
@blp.response(204)
@requires(C.KEEP_USE_DETAILS)
def delete_use_detail(family_id: str, entry_id: str) -> Any:
    """The parent deletes one entry."""
    me = current_member()
    service.delete_entry(me, entry_id)

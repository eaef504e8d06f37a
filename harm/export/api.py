"""The family's export as JSON, and deleting the family (the parent only)."""
from __future__ import annotations

from typing import Any

from flask import abort
from flask_smorest import Blueprint

from harm.accounts.sessions import current_account
from harm.export import service
from harm.families.access import check_family_access, get_membership_or_404
from harm.limits import exports

blp = Blueprint("export_api", __name__, url_prefix="/api/v1", description="Everything about a family: export, delete")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/export", methods=["GET"])
@blp.response(200, description="Everything the app holds about the family")
@exports
def export_family(family_id: str) -> Any:
    """Everything the app holds about the family, use details included (the parent only)."""
    try:
        return service.build(get_membership_or_404(family_id, current_account()))
    except service.NotFound:
        abort(404)


@blp.route("/families/<family_id>", methods=["DELETE"])
@blp.response(204)
def delete_family(family_id: str) -> Any:
    """Delete the family and every row that belongs to it (the parent only)."""
    try:
        service.delete_family(get_membership_or_404(family_id, current_account()))
    except service.NotFound:
        abort(404)

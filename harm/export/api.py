"""The family's export as JSON, and deleting the family (the parent only)."""
from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from harm.export import service
from harm.families.access import check_family_access, current_member, requires
from harm.families.capabilities import Capability as C
from harm.limits import exports

blp = Blueprint("export_api", __name__, url_prefix="/api/v1", description="Everything about a family: export, delete")
blp.before_request(check_family_access)


@blp.route("/families/<family_id>/export", methods=["GET"])
@blp.response(200, description="Everything the app holds about the family")
@exports
@requires(C.EXPORT)
def export_family(family_id: str) -> Any:
    """Everything the app holds about the family, use details included (the parent only)."""
    return service.build(current_member())


@blp.route("/families/<family_id>", methods=["DELETE"])
@blp.response(204)
@requires(C.DELETE_FAMILY)
def delete_family(family_id: str) -> Any:
    """Delete the family and every row that belongs to it (the parent only)."""
    service.delete_family(current_member())

"""The caseload as JSON: the same rows the caseload page shows, for a caseworker's own tools."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from harm.accounts.sessions import signed_in_account
from harm.caseload import service
from harm.dates import local_today
from harm.milestones.schemas import MilestoneSchema

blp = Blueprint("caseload_api", __name__, url_prefix="/api/v1", description="A caseworker's families")


class CaseloadQuery(Schema):
    """Other query parameters (a cache buster, say) are ignored, as webargs does for every query."""

    q = fields.String(load_default="",
                      validate=validate.Length(max=80, error=_l("Please keep this under {max} letters.")))
    sort = fields.String(load_default="name",
                         validate=validate.OneOf(service.SORTS, error=_l("Please pick one of the ways to sort.")))


class FamilyRef(Schema):
    id = fields.String(attribute="public_id")
    name = fields.String()


class CaseRowSchema(Schema):
    family = fields.Nested(FamilyRef)
    done = fields.Integer(metadata={"description": "Plan parts done"})
    total = fields.Integer(metadata={"description": "Plan parts in all"})
    percent = fields.Integer()
    last_visit = fields.Date(allow_none=True)
    next_visit = fields.Date(allow_none=True)
    next_review = fields.Date(allow_none=True)
    overdue = fields.List(fields.String(), metadata={"description": f"Any of {', '.join(service.OVERDUE_KINDS)}"})
    milestones = fields.List(fields.Nested(MilestoneSchema), metadata={"description": "The newest three"})


@blp.route("/caseload", methods=["GET"])
@blp.arguments(CaseloadQuery, location="query")
@blp.response(200, CaseRowSchema(many=True))
def caseload(query: dict[str, Any]) -> Any:
    """The families that let the signed-in caseworker in (empty for anyone else), searched and sorted."""
    return service.caseload(signed_in_account(), query["q"], query["sort"], local_today())

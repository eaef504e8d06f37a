"""What a check-in looks like coming in and going out. Unknown fields (use details) are refused."""
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from harm.checkins.models import TEXT_LIMIT
from harm.dates import Day
from harm.milestones.kinds import KINDS, OWN

LONG = _l("Please keep this under {max} letters.")
DATE = {"invalid": _l("Please give a date like 2027-03-31.")}


class CheckInInSchema(Schema):
    error_messages = {"unknown": _l(  # noqa: RUF012
        "There is no such field here. Check-ins never hold use details: what was used, how much or when.")}

    class Meta:
        unknown = RAISE

    happened_on = Day(load_default=None, error_messages=DATE)
    how_it_went = fields.String(
        required=True, validate=validate.Length(max=TEXT_LIMIT, error=LONG),
        error_messages={"required": _l("Please write how it went, in the parent's words.")},
    )
    needs = fields.String(load_default="", validate=validate.Length(max=TEXT_LIMIT, error=LONG))
    next_on = Day(load_default=None, error_messages=DATE)
    milestone = fields.String(
        load_default=None, allow_none=True,
        validate=validate.OneOf([k for k in KINDS if k != OWN], error=_l("Please pick a milestone from the list.")),
    )


class CheckInSchema(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    happened_on = fields.Date(dump_only=True)
    how_it_went = fields.String(dump_only=True)
    needs = fields.String(dump_only=True)
    next_on = fields.Date(dump_only=True, allow_none=True)
    milestone = fields.String(attribute="milestone.label", dump_only=True, allow_none=True)
    recorded_by = fields.String(attribute="recorded_by.display_name", dump_only=True, allow_none=True)

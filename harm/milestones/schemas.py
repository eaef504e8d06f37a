"""What a milestone looks like coming in and going out."""
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from harm.dates import Day
from harm.milestones.kinds import KINDS, OWN

NOTE_LIMIT = 500


class MilestoneInSchema(Schema):
    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE

    kind = fields.String(
        required=True,
        validate=validate.OneOf(list(KINDS), error=_l("Please pick a milestone.")),
        error_messages={"required": _l("Please pick a milestone.")},
    )
    title = fields.String(
        load_default="",
        validate=validate.Length(max=80, error=_l("Please keep this under {max} letters.")),
    )
    note = fields.String(
        load_default="",
        validate=validate.Length(max=NOTE_LIMIT, error=_l("Please keep this under {max} letters.")),
    )
    happened_on = Day(
        load_default=None, error_messages={"invalid": _l("Please give a date like 2027-03-31.")}
    )

    @validates_schema
    def _own_needs_title(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if data.get("kind") == OWN and not " ".join(data.get("title", "").split()):
            raise ValidationError([_l("Please say what happened.")], "title")


class MilestoneSchema(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    kind = fields.String(dump_only=True)
    label = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    note = fields.String(dump_only=True)
    happened_on = fields.Date(dump_only=True)
    recorded_by = fields.String(attribute="recorded_by.display_name", dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)

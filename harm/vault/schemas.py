"""Use details coming in and going out."""

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from harm.api_fields import StrictBoolean
from harm.dates import Day
from harm.use_details import CATEGORIES

TEXT_LIMIT = 1000


class UseDetailInSchema(Schema):
    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE

    category = fields.String(
        required=True,
        validate=validate.OneOf(list(CATEGORIES), error=_l("Please pick what kind of detail this is.")),
        error_messages={"required": _l("Please pick what kind of detail this is.")},
    )
    text = fields.String(
        required=True,
        validate=validate.Length(min=1, max=TEXT_LIMIT, error=_l("Please write between 1 and {max} letters.")),
        error_messages={"required": _l("Please write something.")},
    )
    happened_on = Day(load_default=None, error_messages={"invalid": _l("Please give a date like 2027-03-31.")})
    private = StrictBoolean(load_default=False, error_messages={"invalid": _l("Please say yes or no.")})


class UseDetailSchema(Schema):
    id = fields.String(dump_only=True)
    category = fields.String(dump_only=True)
    category_name = fields.String(dump_only=True)
    text = fields.String(dump_only=True)
    happened_on = fields.Date(dump_only=True, allow_none=True)
    private = fields.Boolean(dump_only=True)
    added_by = fields.String(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)


class UseDetailsSchema(Schema):
    notice = fields.String(dump_only=True)
    entries = fields.List(fields.Nested(UseDetailSchema), dump_only=True)

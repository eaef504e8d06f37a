"""Plan sections as the API shows and takes them."""
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate


class SectionOut(Schema):
    key = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    done = fields.Boolean(dump_only=True)
    data = fields.Dict(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)
    updated_by = fields.String(dump_only=True, allow_none=True)


class SectionIn(Schema):
    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE

    version = fields.Integer(
        required=True, strict=True,
        error_messages={"required": _l("Please send the version you started from."),
                        "invalid": _l("This answer is not the right kind.")},
    )
    data = fields.Dict(required=True, error_messages={"required": _l("Please fill this in.")})


class PlanOut(Schema):
    family = fields.String(dump_only=True)
    completeness = fields.Integer(dump_only=True, metadata={"description": "Percent of sections done"})
    sections = fields.List(fields.Nested(SectionOut), dump_only=True)


class RevisionOut(Schema):
    version = fields.Integer(dump_only=True)
    by = fields.String(attribute="account.display_name", dump_only=True, allow_none=True)
    at = fields.DateTime(attribute="created_at", dump_only=True)
    changed = fields.List(fields.String(), dump_only=True)
    data = fields.Dict(dump_only=True)


class SuggestionIn(Schema):
    """A suggested goal as sent; checked again, with the goals' own limits, when it is saved."""

    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE

    goal = fields.String(required=True, error_messages={"required": _l("Please fill this in.")})
    kind = fields.String(load_default="")
    next_step = fields.String(load_default="")


class AnswerIn(Schema):
    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE

    answer = fields.String(required=True, validate=validate.OneOf(
        ["accept", "decline"], error=_l("Please pick one of the choices.")),
        error_messages={"required": _l("Please fill this in.")})

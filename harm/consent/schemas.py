"""A consent coming in (a draft) and going out (the document)."""
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, fields, validate

from harm.dates import Day
from harm.use_details import CATEGORIES

PICK_CATEGORY = _l("Please tick at least one kind of detail to share.")
PICK_RECIPIENT = _l("Please tick at least one person who may see it.")


def _text(limit: int, required_message: str) -> fields.String:
    return fields.String(
        required=True,
        validate=validate.Length(min=1, max=limit, error=_l("Please write between 1 and {max} letters.")),
        error_messages={"required": required_message},
    )


class ConsentInSchema(Schema):
    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE

    parent_name = _text(80, str(_l("Please write your name.")))
    discloser = fields.String(load_default="Family Plan", validate=validate.Length(
        max=120, error=_l("Please keep this under {max} letters.")))
    categories = fields.List(
        fields.String(validate=validate.OneOf(list(CATEGORIES), error=_l("That kind of detail does not exist."))),
        required=True, validate=validate.Length(min=1, error=PICK_CATEGORY),
        error_messages={"required": PICK_CATEGORY},
    )
    # People (membership ids) and agencies (agency ids); at least one of the two (checked in the service).
    recipients = fields.List(fields.String(), load_default=list)
    agencies = fields.List(fields.String(), load_default=list)
    purpose = _text(500, str(_l("Please say why you are sharing.")))
    expires_on = Day(required=True, error_messages={
        "required": _l("Please pick the last day this consent works."),
        "invalid": _l("Please give a date like 2027-03-31.")})
    expiry_event = fields.String(load_default="", validate=validate.Length(
        max=200, error=_l("Please keep this under {max} letters.")))
    replaces = fields.String(load_default=None, allow_none=True)


class RecipientSchema(Schema):
    name = fields.String(dump_only=True)
    role = fields.String(dump_only=True, metadata={"description": '"agency" when the recipient is a named agency'})


class AgencyStatementSchema(Schema):
    agency = fields.String(dump_only=True)
    text = fields.String(dump_only=True, metadata={"description": "the agency's own words, as the parent read them"})


class ConsentSchema(Schema):
    id = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)
    status = fields.String(dump_only=True)
    parent_name = fields.String(dump_only=True)
    discloser = fields.String(dump_only=True)
    categories = fields.List(fields.String(), dump_only=True)
    recipients = fields.List(fields.Nested(RecipientSchema), dump_only=True)
    purpose = fields.String(dump_only=True)
    expires_at = fields.DateTime(dump_only=True)
    expiry_event = fields.String(dump_only=True)
    agency_statements = fields.List(fields.Nested(AgencyStatementSchema), dump_only=True)
    signed_at = fields.DateTime(dump_only=True, allow_none=True)
    revoked_at = fields.DateTime(dump_only=True, allow_none=True)
    created_at = fields.DateTime(dump_only=True)

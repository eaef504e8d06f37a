"""What the passkey and account API takes and gives."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate


class RegisterOptionsIn(Schema):
    display_name = fields.String(
        load_default="", validate=validate.Length(max=80, error=_l("Please keep this under {max} letters."))
    )


class CredentialIn(Schema):
    credential = fields.Dict(required=True, error_messages={"required": _l("Please fill this in.")})
    passkey_name = fields.String(load_default="", validate=validate.Length(max=60))
    # The browser's own zone (Intl); kept only while the account has none, and ignored when unknown.
    time_zone = fields.String(load_default="")


class CodeIn(Schema):
    code = fields.String(required=True, validate=validate.Length(max=40),
                         error_messages={"required": _l("Please fill this in.")})
    time_zone = fields.String(load_default="")


class SignedIn(Schema):
    account = fields.String(attribute="public_id")
    display_name = fields.String()
    next = fields.String()


class PasskeyOut(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    name = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    last_used_at = fields.DateTime(dump_only=True, allow_none=True)


class AccountOut(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    display_name = fields.String(dump_only=True)
    time_zone = fields.Function(lambda account: account.time_zone or "UTC", dump_only=True)
    passkeys = fields.List(fields.Nested(PasskeyOut), dump_only=True)


class ZoneOut(Schema):
    name = fields.String(dump_only=True, metadata={"description": "IANA name"})
    label = fields.String(dump_only=True, metadata={"description": "As people say it, in their language"})


class TimeZonesOut(Schema):
    zones = fields.List(fields.Nested(ZoneOut), dump_only=True)

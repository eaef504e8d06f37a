"""What reminders and push subscriptions look like coming in and going out."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from harm.api_fields import StrictBoolean
from harm.dates import Day
from harm.reminders.kinds import KINDS, REPEATS


class _Strict(Schema):
    error_messages = {"unknown": _l("There is no such field here.")}  # noqa: RUF012

    class Meta:
        unknown = RAISE


class SubscriptionKeysIn(_Strict):
    p256dh = fields.String(required=True, validate=validate.Length(min=80, max=128),
                           error_messages={"required": _l("The device's push key is missing.")})
    auth = fields.String(required=True, validate=validate.Length(min=16, max=64),
                         error_messages={"required": _l("The device's push secret is missing.")})


class SubscriptionIn(_Strict):
    endpoint = fields.String(required=True, validate=validate.Length(max=1024),
                             error_messages={"required": _l("The push address is missing.")})
    keys = fields.Nested(SubscriptionKeysIn, required=True,
                         error_messages={"required": _l("The device's push keys are missing.")})
    expirationTime = fields.Raw(load_default=None, allow_none=True)  # noqa: N815 (the browser's own name)
    device = fields.String(load_default="", validate=validate.Length(max=60))


class PushKeyOut(Schema):
    public_key = fields.String(required=True)


class SubscriptionOut(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    device = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)


class ReminderIn(_Strict):
    kind = fields.String(required=True,
                         validate=validate.OneOf(list(KINDS), error=_l("Please pick a kind of reminder.")),
                         error_messages={"required": _l("Please pick a kind of reminder.")})
    family = fields.String(load_default=None, allow_none=True)
    title = fields.String(load_default="",
                          validate=validate.Length(max=80, error=_l("Please keep this under {max} letters.")))
    on_date = Day(load_default=None, allow_none=True,
                          error_messages={"invalid": _l("Please give a date like 2027-03-31.")})
    at_time = fields.Time(required=True, error_messages={"required": _l("Please give a time like 09:00."),
                                                          "invalid": _l("Please give a time like 09:00.")})
    repeat = fields.String(load_default="none",
                           validate=validate.OneOf(list(REPEATS), error=_l("Please pick how often.")))
    timezone = fields.String(required=True, validate=validate.Length(max=64),
                             error_messages={"required": _l("Please pick your time zone.")})
    quiet_start = fields.Time(load_default=None, allow_none=True,
                              error_messages={"invalid": _l("Please give a time like 21:00.")})
    quiet_end = fields.Time(load_default=None, allow_none=True,
                            error_messages={"invalid": _l("Please give a time like 07:00.")})
    show_details = StrictBoolean(load_default=False)

    @validates_schema
    def _quiet_pair(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if (data.get("quiet_start") is None) != (data.get("quiet_end") is None):
            raise ValidationError([_l("Please give both ends of the quiet hours, or neither.")], "quiet_end")


class ReminderOut(Schema):
    id = fields.String(attribute="public_id", dump_only=True)
    kind = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    family = fields.String(attribute="family_public_id", dump_only=True, allow_none=True)
    on_date = fields.Date(dump_only=True, allow_none=True)
    at_time = fields.Time(dump_only=True)
    repeat = fields.String(dump_only=True)
    timezone = fields.String(dump_only=True)
    quiet_start = fields.Time(dump_only=True, allow_none=True)
    quiet_end = fields.Time(dump_only=True, allow_none=True)
    show_details = fields.Boolean(dump_only=True)
    paused = fields.Boolean(dump_only=True)
    next_due_at = fields.DateTime(dump_only=True, allow_none=True)


class PauseIn(_Strict):
    paused = StrictBoolean(required=True)

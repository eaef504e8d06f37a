"""Referrals as the API takes and shows them."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from harm.api_fields import Choice, StrictSchema, Words
from harm.dates import Day
from harm.referrals.models import ADDRESS_LIMIT, NAME_LIMIT, PERSON_LIMIT, PHONE_LIMIT, REASON_LIMIT
from harm.referrals.stages import ANSWERS, MOVES, SERVICES, STAGES


class ReferralIn(StrictSchema):
    person = Words(PERSON_LIMIT, load_default="",
                   metadata={"description": "A household member's name as the plan gives it; empty: the parent"})
    service = Choice(SERVICES, required=True, error_messages={"required": _l("Please pick a kind of service.")})
    provider_name = Words(NAME_LIMIT, required=True,
                          error_messages={"required": _l("Please write the name of the program.")})
    provider_phone = Words(PHONE_LIMIT, required=True,
                           error_messages={"required": _l("Please write the program's phone number.")})
    provider_address = Words(ADDRESS_LIMIT, load_default="")
    reason = Words(REASON_LIMIT, required=True,
                   error_messages={"required": _l("Please say why, in plain words.")},
                   metadata={"description": "Why, in plain words; never use details"})


class ReferralAnswerIn(StrictSchema):
    answer = Choice(ANSWERS, required=True, error_messages={"required": _l("Please pick an answer.")})


class ReferralMoveIn(StrictSchema):
    stage = Choice(MOVES, required=True, error_messages={"required": _l("Please pick the next step.")})
    intake_on = Day(load_default=None, allow_none=True,
                    metadata={"description": "The day of the first visit; needed for intake_scheduled"})


class ReferralStepOut(Schema):
    stage = fields.String(metadata={"enum": list(STAGES)})
    answer = fields.String(allow_none=True, metadata={"enum": list(ANSWERS)})
    intake_on = fields.Date(allow_none=True)
    by = fields.String(allow_none=True, metadata={"description": "Null when they have left the family"})
    role = fields.String()
    at = fields.DateTime()


class ReferralProviderOut(Schema):
    name = fields.String()
    phone = fields.String()
    address = fields.String()


class ReferralOut(Schema):
    id = fields.String()
    person = fields.String(allow_none=True, metadata={
        "description": "Empty: the parent. Null: someone in the home, for a member the household is not shared with"})
    service = fields.String(metadata={"enum": list(SERVICES)})
    provider = fields.Nested(ReferralProviderOut, metadata={"description": "Typed in by the proposer"})
    reason = fields.String()
    stage = fields.String(metadata={"enum": list(STAGES)})
    referred_on = fields.Date()
    sent_on = fields.Date(allow_none=True)
    intake_on = fields.Date(allow_none=True)
    overdue = fields.Boolean(metadata={"description": "Sent, and no first visit set within the agency's days"})
    steps = fields.List(fields.Nested(ReferralStepOut), metadata={"description": "Every change, oldest first"})

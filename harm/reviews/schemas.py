"""Joint reviews as the API takes and shows them: the team's part, the parent's own part, comments."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from harm.api_fields import StrictSchema, Words, WrittenBy, WrittenWords
from harm.dates import Day
from harm.milestones.schemas import MilestoneSchema
from harm.reviews.models import TEXT_LIMIT
from harm.reviews.service import STEPS, TEXT_FIELDS


class ReviewIn(StrictSchema):
    """The team's answers; at least one is needed (checked when it is saved, as on the page)."""

    held_on = Day(load_default=None, allow_none=True, metadata={"description": "Today when left out"})
    next_review_on = Day(load_default=None, allow_none=True)
    children_safety = Words(TEXT_LIMIT, load_default="")
    children_care = Words(TEXT_LIMIT, load_default="")
    children_working = Words(TEXT_LIMIT, load_default="")
    children_change = Words(TEXT_LIMIT, load_default="")
    parent_working = Words(TEXT_LIMIT, load_default="")
    parent_change = Words(TEXT_LIMIT, load_default="")
    family_working = Words(TEXT_LIMIT, load_default="")
    family_change = Words(TEXT_LIMIT, load_default="")


class FamilyPartIn(StrictSchema):
    """The parent's own words on each step; a step left out stays as it is, an empty one is cleared."""

    children = Words(TEXT_LIMIT)
    parent = Words(TEXT_LIMIT)
    family = Words(TEXT_LIMIT)


class CommentIn(StrictSchema):
    comment = Words(TEXT_LIMIT, required=True, error_messages={"required": _l("Please write your comment first.")})


class TeamAnswer(Schema):
    key = fields.String(metadata={"enum": list(TEXT_FIELDS)})
    question = fields.String()
    text = fields.String()


class StepOut(Schema):
    key = fields.String(metadata={"enum": list(STEPS)})
    title = fields.String()
    question = fields.String(metadata={"description": "What the parent is asked about this step"})
    team = fields.List(fields.Nested(TeamAnswer), metadata={"description": "The team's view"})
    family = fields.Nested(WrittenWords, allow_none=True,
                           metadata={"description": "The parent's own view; null until they write it"})


class ProgressOut(Schema):
    since = fields.Date(allow_none=True, metadata={"description": "The review before; null for the first"})
    milestones = fields.List(fields.Nested(MilestoneSchema))


class CommentOut(Schema):
    by = fields.String(allow_none=True, metadata={"description": "Null when they have left the family"})
    at = fields.DateTime()
    text = fields.String()


class ReviewSummaryOut(Schema):
    id = fields.String(attribute="public_id")
    held_on = fields.Date()
    next_review_on = fields.Date(allow_none=True)
    written_at = fields.DateTime(attribute="created_at")


class ReviewOut(Schema):
    id = fields.String()
    held_on = fields.Date()
    next_review_on = fields.Date(allow_none=True)
    written_at = fields.DateTime()
    written_by = fields.Nested(WrittenBy)
    steps = fields.List(fields.Nested(StepOut), metadata={"description": "The children, the parent, the family"})
    progress = fields.Nested(ProgressOut, metadata={"description": "Milestones since the review before"})
    comments = fields.List(fields.Nested(CommentOut))

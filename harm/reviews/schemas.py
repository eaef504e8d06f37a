"""Joint reviews as the API takes and shows them: the team's part, the parent's own part, comments."""
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from harm.dates import Day
from harm.milestones.schemas import MilestoneSchema
from harm.reviews.models import TEXT_LIMIT
from harm.reviews.service import STEPS, TEXT_FIELDS

# Line breaks and tabs are kept; any other control character would print as garbage or move a terminal's cursor.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WRONG_KIND = _l("This answer is not the right kind.")


def _no_controls(text: str) -> None:
    if CONTROL.search(text):
        raise ValidationError(str(_l("Some of the text has characters we cannot save. Please take them out and try "
                                     "again.")))


class _Words(fields.String):
    def make_error(self, key: str, **kwargs: Any) -> ValidationError:
        # Translated now, as text in a list, like every other field's messages.
        return ValidationError([str(self.error_messages[key])])


def _text(messages: dict[str, Any] | None = None, **kwargs: Any) -> fields.String:
    """Words a person writes: at most TEXT_LIMIT letters, no control characters."""
    return _Words(
        validate=[validate.Length(max=TEXT_LIMIT, error=_l("Please keep this under {max} letters.")), _no_controls],
        error_messages={"invalid": WRONG_KIND, "null": WRONG_KIND} | (messages or {}), **kwargs)


class _Strict(Schema):
    """Unknown fields and a body that is not an object are refused, in the reader's language."""

    error_messages = {"unknown": _l("There is no such field here."), "type": WRONG_KIND}  # noqa: RUF012

    class Meta:
        unknown = RAISE


class ReviewIn(_Strict):
    """The team's answers; at least one is needed (checked when it is saved, as on the page)."""

    held_on = Day(load_default=None, allow_none=True, metadata={"description": "Today when left out"})
    next_review_on = Day(load_default=None, allow_none=True)
    children_safety = _text(load_default="")
    children_care = _text(load_default="")
    children_working = _text(load_default="")
    children_change = _text(load_default="")
    parent_working = _text(load_default="")
    parent_change = _text(load_default="")
    family_working = _text(load_default="")
    family_change = _text(load_default="")


class FamilyPartIn(_Strict):
    """The parent's own words on each step; a step left out stays as it is, an empty one is cleared."""

    children = _text()
    parent = _text()
    family = _text()


class CommentIn(_Strict):
    comment = _text({"required": _l("Please write your comment first.")}, required=True)


class WrittenBy(Schema):
    name = fields.String(allow_none=True, metadata={"description": "Null when they have left the family"})
    role = fields.String(allow_none=True)


class TeamAnswer(Schema):
    key = fields.String(metadata={"enum": list(TEXT_FIELDS)})
    question = fields.String()
    text = fields.String()


class FamilyPartOut(Schema):
    text = fields.String()
    written_by = fields.Nested(WrittenBy)
    written_at = fields.DateTime()


class StepOut(Schema):
    key = fields.String(metadata={"enum": list(STEPS)})
    title = fields.String()
    question = fields.String(metadata={"description": "What the parent is asked about this step"})
    team = fields.List(fields.Nested(TeamAnswer), metadata={"description": "The team's view"})
    family = fields.Nested(FamilyPartOut, allow_none=True,
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

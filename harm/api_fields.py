"""Marshmallow fields shared by the JSON API."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

# Line breaks and tabs are kept; any other control character would print as garbage or move a terminal's cursor.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WRONG_KIND = _l("This answer is not the right kind.")
PICK = _l("Please pick one of the choices.")


class StrictBoolean(fields.Boolean):
    """Only JSON true or false: marshmallow's Boolean also takes 0, 1, "yes" and "on", which hide mistakes."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


def _no_controls(text: str) -> None:
    if CONTROL.search(text):
        raise ValidationError(str(_l("Some of the text has characters we cannot save. Please take them out and try "
                                     "again.")))


class _TranslatedString(fields.String):
    def __init__(self, **kwargs: Any) -> None:
        messages = {"invalid": WRONG_KIND, "null": WRONG_KIND} | kwargs.pop("error_messages", {})
        super().__init__(error_messages=messages, **kwargs)

    def make_error(self, key: str, **kwargs: Any) -> ValidationError:
        # Translated now, as text in a list, like every other field's messages.
        return ValidationError([str(self.error_messages[key])])


class Words(_TranslatedString):
    """Words a person writes: at most `limit` letters, no control characters, every message translated."""

    def __init__(self, limit: int, **kwargs: Any) -> None:
        super().__init__(validate=[validate.Length(max=limit, error=_l("Please keep this under {max} letters.")),
                                   _no_controls], **kwargs)


class Choice(_TranslatedString):
    """One of `choices`, every message translated."""

    def __init__(self, choices: Iterable[str], **kwargs: Any) -> None:
        super().__init__(validate=validate.OneOf(list(choices), error=PICK), **kwargs)


class StrictSchema(Schema):
    """A body: unknown fields, and a body that is not an object, are refused in the reader's language."""

    error_messages = {"unknown": _l("There is no such field here."), "type": WRONG_KIND}  # noqa: RUF012

    class Meta:
        unknown = RAISE


class WrittenBy(Schema):
    name = fields.String(allow_none=True, metadata={"description": "Null when they have left the family"})
    role = fields.String(allow_none=True)


class WrittenWords(Schema):
    """Words a person wrote, with who wrote them and when."""

    text = fields.String()
    written_by = fields.Nested(WrittenBy)
    written_at = fields.DateTime()


def written_words(text: str, account: Any, role: str | None, written_at: Any) -> dict[str, Any]:
    """The body of a WrittenWords; `account` is None once they have left the family."""
    return {"text": text, "written_at": written_at,
            "written_by": {"name": account.display_name if account else None, "role": role}}

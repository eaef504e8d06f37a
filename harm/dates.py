"""One bounded day parser for every date a person types: a far-off year is a typo, never a 500."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
DATE_FORMAT = _l("Please give a date like 2027-03-31.")
OUT_OF_RANGE = _l("Please give a date between the years 1900 and 2999.")


class DayOutOfRange(ValueError):
    """A real date, but too far in the past or the future to mean anything here."""


def parse_day(value: str) -> date:
    """A YYYY-MM-DD day between EARLIEST and LATEST; ValueError (DayOutOfRange when far off) otherwise."""
    day = date.fromisoformat(value)
    if not EARLIEST <= day <= LATEST:
        raise DayOutOfRange(value)
    return day


class Day(fields.Date):
    """marshmallow's Date, bounded to EARLIEST..LATEST, with our two translated messages."""

    default_error_messages = {"invalid": DATE_FORMAT, "out_of_range": OUT_OF_RANGE}  # noqa: RUF012

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        day = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST <= day <= LATEST:
            raise self.make_error("out_of_range")
        return day

    def make_error(self, key: str, **kwargs: Any) -> ValidationError:
        # Translated now, as text: a lazy message would reach a page's `join` as a string of letters.
        return ValidationError(str(self.error_messages[key]))

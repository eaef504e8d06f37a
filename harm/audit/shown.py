"""How the access log and the export write a day or a moment for the person reading them."""
from __future__ import annotations

from datetime import UTC, date, datetime

from flask_babel import format_date

from harm.dates import format_moment


def shown_day(day: date) -> str:
    """A calendar day in words, in the reader's language ("4 de mayo de 2031")."""
    return str(format_date(day, "long"))


def shown_time(at: datetime) -> str:
    """A moment: its day, hour and minute in the reader's language and time zone, naming the zone."""
    return format_moment(at if at.tzinfo else at.replace(tzinfo=UTC), "long")

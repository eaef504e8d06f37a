"""How the access log and the export write a day or a moment for the person reading them."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_time, get_locale


def shown_day(day: date) -> str:
    """A calendar day in words, in the reader's language ("4 de mayo de 2031")."""
    return str(format_date(day, "long"))


def shown_time(at: datetime) -> str:
    """A moment: its day and its hour and minute, in the reader's language and time zone."""
    locale = get_locale()
    pattern = str(locale.datetime_formats["medium"]) if locale is not None else "{1}, {0}"
    return pattern.replace("'", "").replace("{0}", str(format_time(at, "short"))).replace(
        "{1}", str(format_date(at, "long")))

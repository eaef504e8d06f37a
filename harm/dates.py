"""Dates and times: one bounded day parser for every date a person types (a far-off year is a typo, never a 500),
and the one place a stored UTC moment becomes the person's own date and time, in their time zone."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.core import Locale, get_global
from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from babel.dates import get_datetime_format, get_timezone_location, get_timezone_name
from flask import Flask, g, has_app_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from harm.models_base import utcnow

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


# ---- time zones: the one place a stored UTC moment becomes the person's own date and time ----------------

UTC_ZONE = ZoneInfo("UTC")
# The zones most families here live in, first in the picker; every other zone follows.
COMMON_ZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "America/Mexico_City", "America/Tijuana",
    "Asia/Manila", "Asia/Ho_Chi_Minh", "Asia/Seoul", "Asia/Shanghai", "UTC",
)
NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})
PLACE_AREAS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/", "Europe/",
               "Indian/", "Pacific/")
LENGTHS: dict[str, Literal["full", "long", "medium", "short"]] = {
    "full": "full", "long": "long", "medium": "medium", "short": "short"}
UNKNOWN_ZONE = _l("We do not know that time zone. Please pick one from the list.")


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """Every IANA zone name this machine's time-zone database has."""
    return frozenset(available_timezones() - NOT_PLACES)


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone with exactly this name, or None for anything else (the one check for every zone a person gives)."""
    if not isinstance(name, str) or name not in known_zones():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def reader_zone() -> ZoneInfo:
    """The time zone of whoever reads this page (the signed-in account's own), UTC for anyone else."""
    account = g.get("account") if has_app_context() else None  # set by harm.current_account before any view
    return zone_named(getattr(account, "time_zone", None)) or UTC_ZONE


def local_today(zone: ZoneInfo | None = None) -> date:
    """Today's date where the person is (the reader, unless a zone is given)."""
    return utcnow().astimezone(zone or reader_zone()).date()


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The first moment after `day` in `zone`, in UTC: when something that lasts through that day stops."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)


def day_of(moment: datetime, zone: ZoneInfo | None = None) -> date:
    """The date a stored UTC moment falls on where the person is."""
    return moment.astimezone(zone or reader_zone()).date()


def zone_name(moment: datetime, zone: ZoneInfo) -> str:
    """The zone's name in the person's language, as it was at that moment ("Pacific Standard Time")."""
    return str(get_timezone_name(moment.astimezone(zone), "long", locale=get_locale()))


def format_moment(moment: datetime, length: str = "medium", zone: ZoneInfo | None = None) -> str:
    """A stored UTC moment as the person's date and time, naming the zone: "Dec 7, 2026, 5:30 PM (Pacific ...)"."""
    moment = _as_stored(moment)
    zone = zone or reader_zone()
    locale = get_locale()
    local = moment.astimezone(zone)
    size = LENGTHS.get(length, "medium")
    combined = str(get_datetime_format(size, locale=locale)).replace("'", "")
    text = combined.replace("{0}", babel_time(local, "short", locale=locale)) \
        .replace("{1}", babel_date(local, size, locale=locale))
    return f"{text} ({zone_name(moment, zone)})"


def format_clock(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """A stored UTC moment as the person's time of day, naming the zone: "5:30 PM (Pacific Standard Time)"."""
    moment = _as_stored(moment)
    zone = zone or reader_zone()
    return f"{babel_time(moment.astimezone(zone), 'short', locale=get_locale())} ({zone_name(moment, zone)})"


def _as_stored(moment: datetime) -> datetime:
    """A moment without a zone is UTC as stored; astimezone would read it as the server's local time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def zone_choices(current: str = "UTC", every: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """The picker's zones in the person's language: a short list first (the person's own, the common ones, their
    country's), and only when asked (`every`) every other place's zone by name (old aliases such as "US/Pacific" and
    "Etc/GMT+5" only when they are the person's)."""
    locale = get_locale()
    language = str(locale)
    firsts = [current, *COMMON_ZONES, *country_zones(current, locale)]
    common, seen = [], set()
    for name in dict.fromkeys(firsts):
        label = zone_label(name, language) if name in known_zones() else ""
        if label and (label not in seen or name == current):
            seen.add(label)
            common.append((name, label))
    if not every:
        return [(str(_l("Common time zones")), common)]
    shown = {name for name, _label in common}
    others = [(name, label) for name, label in every_place(language) if name not in shown and label not in seen]
    return [(str(_l("Common time zones")), common), (str(_l("Every time zone")), others)]


@lru_cache(maxsize=16)
def every_place(language: str) -> tuple[tuple[str, str], ...]:
    """Every place's zone, one line a place, sorted by how it reads: an alias (America/Atka) reads the same as its
    zone (America/Adak), and only one of them is listed."""
    places = sorted(((name, zone_label(name, language)) for name in known_zones() if name.startswith(PLACE_AREAS)),
                    key=lambda pair: pair[::-1])
    first_by_label: dict[str, tuple[str, str]] = {}
    for name, label in places:
        first_by_label.setdefault(label, (name, label))
    return tuple(first_by_label.values())


def country_zones(current: str, locale: Locale | None) -> list[str]:
    """The zones of the country the person's zone is in, then of their language's usual country (CLDR's data)."""
    territories = get_global("zone_territories")
    likely = get_global("likely_subtags").get(locale.language, "") if locale is not None else ""
    countries = [territories.get(current), likely.split("_")[-1] if likely else None]
    zones = get_global("territory_zones")
    return [name for country in dict.fromkeys(countries) if country for name in zones.get(country, ())]


@lru_cache(maxsize=4096)
def zone_label(name: str, locale: str) -> str:
    """A zone as people say it, in their language, its city first so a narrow select still tells them apart:
    "Los Angeles · Pacific Time"."""
    if name == "UTC":
        return str(get_timezone_name(datetime.now(UTC), "long", locale=locale))
    zone = ZoneInfo(name)
    city = str(get_timezone_location(zone, locale=locale, return_city=True))
    generic = str(get_timezone_name(zone, "long", locale=locale))
    return generic if city in generic else f"{city} · {generic}"


def _moment_filter(value: datetime, length: str | None = None) -> str:
    return format_moment(value, length or "medium")


def _clock_filter(value: datetime, length: str | None = None) -> str:
    return format_clock(value)


def init_app(app: Flask) -> None:
    """Flask-Babel's `datetimeformat` and `timeformat` filters, replaced: every template that prints a stored time
    shows it in the reader's zone and names the zone."""
    app.jinja_env.filters["datetimeformat"] = _moment_filter
    app.jinja_env.filters["timeformat"] = _clock_filter
    app.jinja_env.globals["time_zone_choices"] = zone_choices
    app.jinja_env.globals["time_now"] = lambda: format_clock(utcnow())

"""When a reminder is due: local wall-clock times in the member's zone, repeats, quiet hours, in UTC."""
from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Naloxone kit reminders go this many days before each expiry date.
NALOXONE_DAYS_BEFORE = (30, 7)
# A repeating reminder looks this far ahead for its next occurrence.
MAX_STEPS = 3700


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time on a day in a zone, as UTC. A time skipped by a clock change moves forward."""
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=zone)
    # Round-tripping through UTC turns a skipped local time (spring forward) into the real one after it.
    return moment.astimezone(UTC)


def in_quiet_hours(at: time, start: time | None, end: time | None) -> bool:
    """Whether a local time falls in [start, end); a window with start after end wraps past midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end


def after_quiet_hours(moment: datetime, zone: ZoneInfo, start: time | None, end: time | None) -> datetime:
    """Move a moment inside quiet hours to the end of them (local time), else leave it."""
    local = moment.astimezone(zone)
    if start is None or end is None or not in_quiet_hours(local.timetz().replace(tzinfo=None), start, end):
        return moment
    day = local.date()
    if start > end and local.time() >= start:
        day += timedelta(days=1)  # the window wraps: it ends tomorrow morning
    return local_moment(day, end, zone)


def step(day: date, repeat: str, count: int) -> date:
    """The day `count` repeats after `day` (a monthly one keeps the day of the month where it can)."""
    if repeat == "daily":
        return day + timedelta(days=count)
    if repeat == "weekly":
        return day + timedelta(weeks=count)
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_occurrence(first_day: date, at: time, repeat: str, zone: ZoneInfo, after: datetime) -> datetime | None:
    """The first occurrence strictly after `after` (before quiet hours), or None when there is none."""
    if repeat == "none":
        moment = local_moment(first_day, at, zone)
        return moment if moment > after else None
    for count in range(MAX_STEPS):
        moment = local_moment(step(first_day, repeat, count), at, zone)
        if moment > after:
            return moment
    return None


def naloxone_days(expiry_dates: list[date]) -> list[date]:
    return sorted({expires - timedelta(days=before) for expires in expiry_dates for before in NALOXONE_DAYS_BEFORE})


def next_naloxone(expiry_dates: list[date], at: time, zone: ZoneInfo, after: datetime) -> datetime | None:
    for day in naloxone_days(expiry_dates):
        moment = local_moment(day, at, zone)
        if moment > after:
            return moment
    return None

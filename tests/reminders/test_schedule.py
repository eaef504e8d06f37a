"""Due times: local wall-clock times across zones, repeats, quiet hours that wrap midnight, clock changes."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from harm.reminders import schedule

CHICAGO = ZoneInfo("America/Chicago")
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_same_local_time_is_a_different_utc_time_in_each_zone():
    chicago = schedule.next_occurrence(date(2027, 1, 15), time(9, 0), "none", CHICAGO, START)
    berlin = schedule.next_occurrence(date(2027, 1, 15), time(9, 0), "none", BERLIN, START)
    assert chicago == datetime(2027, 1, 15, 15, 0, tzinfo=UTC)
    assert berlin == datetime(2027, 1, 15, 8, 0, tzinfo=UTC)


def test_a_daily_reminder_keeps_its_local_time_across_the_spring_clock_change():
    # Chicago moves from UTC-6 to UTC-5 on 14 March 2027.
    before = schedule.next_occurrence(date(2027, 3, 12), time(8, 0), "daily", CHICAGO,
                                      datetime(2027, 3, 13, 0, 0, tzinfo=UTC))
    after = schedule.next_occurrence(date(2027, 3, 12), time(8, 0), "daily", CHICAGO, before)
    assert before == datetime(2027, 3, 13, 14, 0, tzinfo=UTC)
    assert after == datetime(2027, 3, 14, 13, 0, tzinfo=UTC)
    assert after.astimezone(CHICAGO).time() == time(8, 0)


def test_a_time_skipped_by_the_clock_change_is_sent_just_after_it():
    moment = schedule.next_occurrence(date(2027, 3, 14), time(2, 30), "none", CHICAGO, START)
    assert moment is not None
    assert moment.astimezone(CHICAGO).replace(tzinfo=None) == datetime(2027, 3, 14, 3, 30)


def test_autumn_clock_change_keeps_the_local_time():
    # Berlin goes back from UTC+2 to UTC+1 on 31 October 2027.
    moment = schedule.next_occurrence(date(2027, 10, 30), time(9, 0), "daily", BERLIN,
                                      datetime(2027, 10, 30, 12, 0, tzinfo=UTC))
    assert moment == datetime(2027, 10, 31, 8, 0, tzinfo=UTC)


def test_monthly_keeps_the_day_where_the_month_has_it():
    assert schedule.step(date(2027, 1, 31), "monthly", 1) == date(2027, 2, 28)
    assert schedule.step(date(2027, 1, 31), "monthly", 2) == date(2027, 3, 31)
    assert schedule.step(date(2027, 11, 15), "monthly", 3) == date(2028, 2, 15)
    assert schedule.step(date(2027, 1, 1), "weekly", 2) == date(2027, 1, 15)


def test_a_one_time_reminder_in_the_past_has_no_next_time():
    assert schedule.next_occurrence(date(2025, 1, 1), time(9, 0), "none", CHICAGO, START) is None


def test_quiet_hours_that_wrap_midnight():
    assert schedule.in_quiet_hours(time(23, 0), time(22, 0), time(7, 0))
    assert schedule.in_quiet_hours(time(3, 0), time(22, 0), time(7, 0))
    assert not schedule.in_quiet_hours(time(7, 0), time(22, 0), time(7, 0))
    assert not schedule.in_quiet_hours(time(12, 0), time(22, 0), time(7, 0))
    assert schedule.in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))
    assert not schedule.in_quiet_hours(time(13, 0), None, None)


def test_a_reminder_in_quiet_hours_waits_until_they_end():
    late = schedule.local_moment(date(2027, 5, 3), time(23, 30), CHICAGO)
    moved = schedule.after_quiet_hours(late, CHICAGO, time(22, 0), time(7, 0))
    assert moved.astimezone(CHICAGO).replace(tzinfo=None) == datetime(2027, 5, 4, 7, 0)
    early = schedule.local_moment(date(2027, 5, 3), time(5, 0), CHICAGO)
    moved = schedule.after_quiet_hours(early, CHICAGO, time(22, 0), time(7, 0))
    assert moved.astimezone(CHICAGO).replace(tzinfo=None) == datetime(2027, 5, 3, 7, 0)
    noon = schedule.local_moment(date(2027, 5, 3), time(12, 0), CHICAGO)
    assert schedule.after_quiet_hours(noon, CHICAGO, time(22, 0), time(7, 0)) == noon


def test_naloxone_reminders_come_30_and_7_days_before_each_expiry():
    days = schedule.naloxone_days([date(2027, 6, 30), date(2027, 9, 1)])
    assert days == [date(2027, 5, 31), date(2027, 6, 23), date(2027, 8, 2), date(2027, 8, 25)]
    first = schedule.next_naloxone([date(2027, 6, 30)], time(10, 0), CHICAGO, datetime(2027, 6, 1, tzinfo=UTC))
    assert first == datetime(2027, 6, 23, 15, 0, tzinfo=UTC)
    assert schedule.next_naloxone([date(2027, 6, 30)], time(10, 0), CHICAGO,
                                  datetime(2027, 6, 24, tzinfo=UTC)) is None

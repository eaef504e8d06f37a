"""The one place a stored moment becomes a person's date and time."""
from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from harm.dates import format_clock, format_moment


@pytest.fixture
def server_in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server's own clock set to a zone far from UTC, as a host outside UTC would have it."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("server_in_tokyo")
@pytest.mark.parametrize("length", ["medium", "long"])
def test_a_moment_stored_without_a_zone_is_shown_as_utc(app: Flask, length: str) -> None:
    stored = datetime(2026, 12, 7, 17, 30)  # a DateTime column without a zone gives this back
    los_angeles = ZoneInfo("America/Los_Angeles")
    with app.test_request_context():
        shown = format_moment(stored, length, zone=los_angeles)
        assert shown == format_moment(stored.replace(tzinfo=UTC), length, zone=los_angeles)
    assert "9:30" in shown, shown


@pytest.mark.usefixtures("server_in_tokyo")
def test_a_time_of_day_stored_without_a_zone_is_shown_as_utc(app: Flask) -> None:
    stored = datetime(2026, 12, 7, 17, 30)
    with app.test_request_context():
        shown = format_clock(stored, zone=ZoneInfo("America/Los_Angeles"))
    assert shown.startswith("9:30"), shown

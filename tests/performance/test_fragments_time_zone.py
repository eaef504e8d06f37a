"""A kept page part that shows a stored time is never served to someone in another time zone."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, g, render_template_string

from harm.extensions import db
from tests.conftest import make_account

SAVED = datetime(2025, 12, 2, 1, 30, tzinfo=UTC)
PART = '{% call cached_fragment("saved-at", saved) %}{{ saved|timeformat }}{% endcall %}'


def test_a_kept_part_is_kept_once_a_time_zone(app: Flask) -> None:
    shown = {}
    for zone in ("America/Los_Angeles", "Asia/Manila", "America/Los_Angeles"):
        reader = make_account(f"Reader in {zone}")
        reader.time_zone = zone
        db.session.commit()
        with app.test_request_context("/"):
            g.account = reader
            shown[zone] = render_template_string(PART, saved=SAVED)
    assert shown["America/Los_Angeles"] == "5:30\u202fPM (Pacific Standard Time)"
    assert shown["Asia/Manila"] == "9:30\u202fAM (Philippine Standard Time)"

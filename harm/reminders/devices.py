"""Which push subscription is this device's, so its notifications follow the name chosen on it."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Response, after_this_request, current_app, request
from sqlalchemy import update

from harm.discreet.choices import COOKIE_DAYS
from harm.extensions import db
from harm.reminders.models import PushSubscription

PUSH_DEVICE_COOKIE = "fp_push_device"


def remember_push_device(public_id: str) -> None:
    """Mark this device's subscription on the device itself (a cookie), for a later change of name."""

    @after_this_request
    def set_cookie(response: Response) -> Response:
        response.set_cookie(
            PUSH_DEVICE_COOKIE, public_id, max_age=int(timedelta(days=COOKIE_DAYS).total_seconds()), httponly=True,
            samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
        return response


def follow_choice(key: str, **_signal: Any) -> None:
    """The name was changed on this device: its push subscription, if any, uses the new one from now on."""
    public_id = request.cookies.get(PUSH_DEVICE_COOKIE)
    if not public_id:
        return
    db.session.execute(update(PushSubscription).where(PushSubscription.public_id == public_id).values(discreet=key))
    db.session.commit()

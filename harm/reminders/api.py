"""Reminders and push subscriptions as JSON, for the signed-in account."""
from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint

from harm.accounts.sessions import signed_in_account
from harm.reminders import service
from harm.reminders.devices import remember_push_device
from harm.reminders.keys import current_keys
from harm.reminders.schemas import PauseIn, PushKeyOut, ReminderIn, ReminderOut, SubscriptionIn, SubscriptionOut

blp = Blueprint("reminders_api", __name__, url_prefix="/api/v1", description="Push reminders")


@blp.route("/push/key", methods=["GET"])
@blp.response(200, PushKeyOut)
def push_key() -> Any:
    """The server's public key, for the browser's push subscription."""
    return {"public_key": current_keys().public_key}


@blp.route("/push/subscriptions", methods=["GET"])
@blp.response(200, SubscriptionOut(many=True))
def list_subscriptions() -> Any:
    """The devices where push is on."""
    return service.subscriptions_of(signed_in_account())


@blp.route("/push/subscriptions", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": SubscriptionIn}}})
@blp.response(201, SubscriptionOut)
def subscribe() -> Any:
    """Turn push on for this device (the browser's PushSubscription as JSON)."""
    subscription = service.subscribe(signed_in_account(), request.get_json(silent=True))
    remember_push_device(subscription.public_id)
    return subscription


@blp.route("/push/subscriptions", methods=["DELETE"])
@blp.response(204)
def unsubscribe_all() -> Any:
    """Turn push off on every device."""
    service.unsubscribe_all(signed_in_account())


@blp.route("/push/subscriptions/<subscription_id>", methods=["DELETE"])
@blp.response(204)
def unsubscribe(subscription_id: str) -> Any:
    """Turn push off for one device."""
    service.unsubscribe(signed_in_account(), subscription_id)


@blp.route("/reminders", methods=["GET"])
@blp.response(200, ReminderOut(many=True))
def list_reminders() -> Any:
    """The account's reminders, soonest first."""
    return service.reminders_of(signed_in_account())


@blp.route("/reminders", methods=["POST"])
@blp.doc(requestBody={"content": {"application/json": {"schema": ReminderIn}}})
@blp.response(201, ReminderOut)
def create_reminder() -> Any:
    """Add a reminder: a kind, a time, a repeat, quiet hours and a time zone."""
    return service.create(signed_in_account(), request.get_json(silent=True))


@blp.route("/reminders/<reminder_id>", methods=["GET"])
@blp.response(200, ReminderOut)
def get_reminder(reminder_id: str) -> Any:
    return service.get_or_404(signed_in_account(), reminder_id)


@blp.route("/reminders/<reminder_id>", methods=["PATCH"])
@blp.arguments(PauseIn)
@blp.response(200, ReminderOut)
def pause_reminder(body: dict[str, Any], reminder_id: str) -> Any:
    """Pause a reminder, or turn it back on."""
    return service.set_paused(service.get_or_404(signed_in_account(), reminder_id), body["paused"])


@blp.route("/reminders/<reminder_id>", methods=["DELETE"])
@blp.response(204)
def delete_reminder(reminder_id: str) -> Any:
    service.remove(service.get_or_404(signed_in_account(), reminder_id))

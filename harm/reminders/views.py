"""Reminder pages: the list with its form, one reminder (where a notification opens), devices."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _

from harm.accounts.sessions import signed_in_account
from harm.dates import UTC_ZONE, day_of, format_moment, zone_named
from harm.errors import Invalid
from harm.families.access import memberships_of
from harm.reminders import service
from harm.reminders.kinds import KINDS, REPEATS

bp = Blueprint("reminders", __name__)

FORM_FIELDS = ("kind", "family", "title", "on_date", "at_time", "repeat", "timezone", "quiet_start", "quiet_end")


def _list_page(form: Any, errors: dict[str, Any], status: int = 200) -> ResponseReturnValue:
    me = signed_in_account()
    return render_template(
        "reminders/list.html", reminders=service.reminders_of(me), devices=service.subscriptions_of(me),
        memberships=memberships_of(me), kinds=KINDS, repeats=REPEATS, form=form, errors=errors,
    ), status


def _from_form() -> dict[str, Any]:
    data: dict[str, Any] = {name: request.form.get(name, "").strip() for name in FORM_FIELDS}
    for optional in ("family", "on_date", "quiet_start", "quiet_end"):
        data[optional] = data[optional] or None
    data["repeat"] = data["repeat"] or "none"
    data["show_details"] = request.form.get("show_details") == "yes"
    return data


@bp.get("/reminders")
def reminders() -> ResponseReturnValue:
    return _list_page({"timezone": "", "at_time": "09:00", "repeat": "none"}, {})


@bp.post("/reminders")
def add() -> ResponseReturnValue:
    try:
        service.create(signed_in_account(), _from_form())
    except Invalid as error:
        return _list_page(request.form, error.messages, 422)
    flash(_("Reminder added."))
    return redirect(url_for("reminders.reminders"))


@bp.get("/reminders/<reminder_id>")
def reminder(reminder_id: str) -> ResponseReturnValue:
    found = service.get_or_404(signed_in_account(), reminder_id)
    return render_template("reminders/reminder.html", reminder=found, kinds=KINDS, repeats=REPEATS)


@bp.post("/reminders/<reminder_id>/pause")
def pause(reminder_id: str) -> ResponseReturnValue:
    found = service.get_or_404(signed_in_account(), reminder_id)
    service.set_paused(found, not found.paused)
    flash(_("Reminder paused.") if found.paused else _("Reminder is on again."))
    return redirect(url_for("reminders.reminders"))


@bp.post("/reminders/<reminder_id>/delete")
def delete(reminder_id: str) -> ResponseReturnValue:
    service.remove(service.get_or_404(signed_in_account(), reminder_id))
    flash(_("Reminder deleted."))
    return redirect(url_for("reminders.reminders"))


@bp.post("/push/devices/<device_id>/remove")
def remove_device(device_id: str) -> ResponseReturnValue:
    service.unsubscribe(signed_in_account(), device_id)
    flash(_("Reminders are off on that device."))
    return redirect(url_for("reminders.reminders"))


@bp.post("/push/devices/remove-all")
def remove_all_devices() -> ResponseReturnValue:
    service.unsubscribe_all(signed_in_account())
    flash(_("Reminders are off on all your devices."))
    return redirect(url_for("reminders.reminders"))


@bp.app_template_filter("reminder_time")
def reminder_time(value: datetime, zone_name: str) -> str:
    """A UTC moment as the wall-clock time in the reminder's own zone."""
    return format_moment(value, "medium", zone_named(zone_name) or UTC_ZONE)


@bp.app_template_filter("reminder_date")
def reminder_date(value: datetime) -> str:
    return format_date(day_of(value))

"""The agency page: start one, join one with a code, and (for the admin) manage its workers."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.accounts.sessions import signed_in_account
from harm.agencies import service
from harm.agencies.models import ADMIN, CASEWORKER, PEER, REFERRAL_OVERDUE_DAYS, AgencyWorker
from harm.errors import Invalid
from harm.limits import code_making, join_tries

bp = Blueprint("agencies", __name__)


def _admin_or_404() -> AgencyWorker:
    admin = service.active_admin_or_none(signed_in_account())
    if admin is None:
        abort(404)
    return admin


def _page(error: str = "", code: str = "", status: int = 200, idle_typed: str | None = None,
          statement_typed: str | None = None, days_typed: str | None = None) -> ResponseReturnValue:
    worker = service.worker_of(signed_in_account())
    is_admin = worker is not None and worker.active and worker.role == ADMIN
    return render_template(
        "agencies/agency.html", worker=worker, is_admin=is_admin, error=error, code=code,
        invitations=service.open_invitations(worker.agency_id) if is_admin and worker else [],
        role_names=service.WORKER_ROLE_NAMES, invite_roles=(CASEWORKER, PEER, ADMIN),
        idle_low=service.IDLE_MINUTES_LOW, idle_high=service.IDLE_MINUTES_HIGH,
        idle_default=current_app.config["SETTINGS"].session_idle_minutes, idle_typed=idle_typed,
        statement_limit=service.STATEMENT_LIMIT, statement_typed=statement_typed,
        days_low=service.REFERRAL_DAYS_LOW, days_high=service.REFERRAL_DAYS_HIGH, days_default=REFERRAL_OVERDUE_DAYS,
        days_typed=days_typed,
    ), status


@bp.get("/agency")
def agency() -> ResponseReturnValue:
    return _page()


@bp.post("/agency")
def create() -> ResponseReturnValue:
    try:
        service.create_agency(signed_in_account(), request.form.get("name", ""))
    except Invalid as error:
        return _page(error=str(error), status=422)
    flash(_("Your agency is ready. Invite your workers with one-time codes."))
    return redirect(url_for("agencies.agency"))


@bp.post("/agency/join")
@join_tries
def join() -> ResponseReturnValue:
    try:
        service.join_agency(signed_in_account(), request.form.get("code", ""))
    except Invalid as error:
        return _page(error=str(error), status=422)
    flash(_("You joined the agency."))
    return redirect(url_for("agencies.agency"))


@bp.post("/agency/invitations")
@code_making
def invite() -> ResponseReturnValue:
    admin = _admin_or_404()
    try:
        code = service.invite_worker(admin, request.form.get("role", ""), request.form.get("label", ""))
    except Invalid as error:
        return _page(error=str(error), status=422)
    return _page(code=code)


@bp.post("/agency/workers/<worker_id>/deactivate")
def deactivate(worker_id: str) -> ResponseReturnValue:
    admin = _admin_or_404()
    try:
        worker = service.deactivate(admin, worker_id)
    except Invalid as error:
        return _page(error=str(error), status=422)
    flash(_("%(name)s can no longer sign in. Their families keep their plans.", name=worker.account.display_name))
    return redirect(url_for("agencies.agency"))


@bp.post("/agency/idle-time")
def idle_time() -> ResponseReturnValue:
    admin = _admin_or_404()
    try:
        service.set_idle_minutes(admin, request.form.get("idle_minutes", ""))
    except Invalid as error:
        return _page(error=str(error), status=422, idle_typed=request.form.get("idle_minutes", ""))
    flash(_("Saved. Workers are signed out after this much time without use."))
    return redirect(url_for("agencies.agency"))


@bp.post("/agency/referral-days")
def referral_days() -> ResponseReturnValue:
    admin = _admin_or_404()
    typed = request.form.get("referral_overdue_days", "")
    try:
        service.set_referral_overdue_days(admin, typed)
    except Invalid as error:
        return _page(error=str(error), status=422, days_typed=typed)
    flash(_("Saved. A referral sent this many days ago with no first visit set shows as overdue."))
    return redirect(url_for("agencies.agency"))


@bp.post("/agency/consent-statement")
def consent_statement() -> ResponseReturnValue:
    admin = _admin_or_404()
    typed = request.form.get("consent_statement", "")
    try:
        service.set_consent_statement(admin, typed)
    except Invalid as error:
        return _page(error=str(error), status=422, statement_typed=typed)
    flash(_("Saved. Parents see these words on each consent that names your agency or one of your workers."))
    return redirect(url_for("agencies.agency"))

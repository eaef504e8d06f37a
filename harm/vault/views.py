"""The use-details page: the parent's own notes, and what a consent lets a worker see."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.consent.lookup import consent_or_404
from harm.consent.models import ACTIVE, DRAFT
from harm.dates import local_today
from harm.errors import Invalid
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Family, Membership
from harm.models_base import utcnow
from harm.use_details import CATEGORIES, PART2_NOTICE
from harm.vault import service

bp = Blueprint("vault", __name__)


def use_details_page(family: Family, shown: dict[str, list[service.Entry]], is_parent: bool, form: Any = None,
                     errors: dict[str, Any] | None = None, preview: Any = None) -> str:
    """The use-details page: the parent's own, a recipient's, or (preview) a recipient's as the parent sees it."""
    return render_template(
        "vault/use_details.html", family=family, shown=shown, categories=CATEGORIES, is_parent=is_parent,
        notice=PART2_NOTICE, form=form or {}, errors=errors or {}, today=local_today().isoformat(), preview=preview,
    )


def _page(me: Membership, form: Any, errors: dict[str, Any], status: int = 200) -> ResponseReturnValue:
    shown = service.read(me)
    return use_details_page(me.family, shown, member_may(me, C.KEEP_USE_DETAILS), form, errors), status


@bp.get("/f/<family_id>/use-details")
@requires(C.READ_USE_DETAILS)
def use_details(family_id: str) -> ResponseReturnValue:
    return _page(current_member(), {}, {})


@bp.post("/f/<family_id>/use-details")
@requires(C.KEEP_USE_DETAILS)
def add(family_id: str) -> ResponseReturnValue:
    me = current_member()
    data: dict[str, Any] = {key: request.form.get(key, "") for key in ("category", "text", "happened_on")}
    data["private"] = request.form.get("private") == "yes"
    if not data["happened_on"]:
        data.pop("happened_on")
    try:
        service.add(me, data)
    except Invalid as error:
        return _page(me, request.form, error.messages, 422)
    flash(_("Saved. Only the people your consent names can see it."))
    return redirect(url_for("vault.use_details", family_id=family_id))


@bp.post("/f/<family_id>/use-details/<entry_id>/delete")
@requires(C.KEEP_USE_DETAILS)
def delete(family_id: str, entry_id: str) -> ResponseReturnValue:
    me = current_member()
    service.delete_entry(me, entry_id)
    flash(_("The entry was deleted."))
    return redirect(url_for("vault.use_details", family_id=family_id))


@bp.post("/f/<family_id>/use-details/delete-all")
@requires(C.KEEP_USE_DETAILS)
def delete_all(family_id: str) -> ResponseReturnValue:
    me = current_member()
    if request.form.get("confirm") != "yes":
        flash(_("Please tick the box to say you want to delete all use details."), "error")
        return redirect(url_for("vault.use_details", family_id=family_id))
    service.delete_all(me)
    flash(_("All use details were deleted."))
    return redirect(url_for("vault.use_details", family_id=family_id))


@bp.get("/f/<family_id>/consents/<consent_id>/preview")
@requires(C.MANAGE_CONSENTS)
def preview(family_id: str, consent_id: str) -> ResponseReturnValue:
    """What the people this consent names see of the use details: their own page, shown to the parent."""
    me = current_member()
    consent = consent_or_404(me, consent_id)
    status = consent.status(utcnow())
    # A draft shows what it will let them see once signed; a consent no longer in force lets them see nothing.
    categories = set(consent.categories) if status in (DRAFT, ACTIVE) else set()
    shown = service.as_recipient_sees(me.family, categories)
    about = {"names": ", ".join(r.name for r in consent.recipients), "status": status,
             "back": url_for("consent.document", family_id=family_id, consent_id=consent_id)}
    return use_details_page(me.family, shown, is_parent=False, preview=about)

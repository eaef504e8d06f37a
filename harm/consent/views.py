"""The parent's consent pages: list, form, the signed document (view, print, download), revoke."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.consent import service
from harm.consent.access import readers_now
from harm.consent.lookup import consent_or_404
from harm.consent.models import Consent
from harm.consent.words import RECIPIENT_ROLE_NAMES, RIGHT_TO_REVOKE, STATUS_NAMES, what_happens_next
from harm.dates import local_today
from harm.errors import Invalid
from harm.families import views as families_views
from harm.families.access import current_member, member_may, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.families.roles import ROLE_NAMES
from harm.limits import exports
from harm.models_base import utcnow
from harm.use_details import CATEGORIES, PART2_NOTICE

bp = Blueprint("consent", __name__)


def init_app(app: Flask) -> None:
    families_views.people_page_parts["use details"] = use_details_readers


def use_details_readers(me: Membership) -> dict[str, object]:
    """The parent also sees, on the people page, who can see each kind of use detail now, under consents in force."""
    if not member_may(me, C.MANAGE_CONSENTS):
        return {}
    return {"use_details_readers": readers_now(me.family, utcnow()), "use_details_categories": CATEGORIES,
            "recipient_role_names": RECIPIENT_ROLE_NAMES}


def _form_page(me: Membership, form: Any, errors: dict[str, Any], status: int = 200) -> ResponseReturnValue:
    return render_template(
        "consent/new.html", me=me, family=me.family, categories=CATEGORIES, role_names=ROLE_NAMES,
        people=service.possible_recipients(me), agencies=service.possible_agencies(me), form=form, errors=errors,
        today=local_today().isoformat(), plain_words=what_happens_next(),
    ), status


@bp.get("/f/<family_id>/consents")
@requires(C.MANAGE_CONSENTS)
def consents(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return render_template("consent/list.html", me=me, family=me.family, consents=service.all_consents(me),
                           now=utcnow(), categories=CATEGORIES, status_names=STATUS_NAMES)


@bp.get("/f/<family_id>/consents/new")
@requires(C.MANAGE_CONSENTS)
def new(family_id: str) -> ResponseReturnValue:
    me = current_member()
    form: dict[str, Any] = {"parent_name": me.account.display_name, "discloser": "Family Plan"}
    if request.args.get("from"):
        older = consent_or_404(me, request.args["from"])
        form = {"parent_name": older.parent_name, "discloser": older.discloser, "categories": older.categories,
                "recipients": [m.public_id for m in service.possible_recipients(me)
                               if m.account_id in {r.account_id for r in older.recipients}],
                "agencies": [a.public_id for a in service.possible_agencies(me)
                             if a.id in {r.agency_id for r in older.recipients}],
                "purpose": older.purpose, "expiry_event": older.expiry_event, "replaces": older.public_id}
    return _form_page(me, form, {})


def _form_data() -> dict[str, Any]:
    data: dict[str, Any] = {key: request.form.get(key, "") for key in
                            ("parent_name", "discloser", "purpose", "expires_on", "expiry_event", "replaces")}
    data["categories"] = request.form.getlist("categories")
    data["recipients"] = request.form.getlist("recipients")
    data["agencies"] = request.form.getlist("agencies")
    for key in ("expires_on", "replaces"):
        if not data[key]:
            data.pop(key)
    return data


@bp.post("/f/<family_id>/consents")
@requires(C.MANAGE_CONSENTS)
def create(family_id: str) -> ResponseReturnValue:
    me = current_member()
    data = _form_data()
    try:
        consent = service.draft(me, data)
    except Invalid as error:
        return _form_page(me, data, error.messages, 422)
    flash(_("Please read it once more, then sign it with your passkey. It is not in force until you sign."))
    return redirect(url_for("consent.document", family_id=family_id, consent_id=consent.public_id))


@bp.get("/f/<family_id>/consents/<consent_id>")
@requires(C.MANAGE_CONSENTS)
def document(family_id: str, consent_id: str) -> ResponseReturnValue:
    me = current_member()
    consent = consent_or_404(me, consent_id)
    return render_template("consent/document.html", me=me, family=me.family, consent=consent, now=utcnow(),
                           categories=CATEGORIES, role_names=RECIPIENT_ROLE_NAMES, status_names=STATUS_NAMES,
                           right_to_revoke=RIGHT_TO_REVOKE, plain_words=_plain_words(consent))


def _plain_words(consent: Consent) -> list[str]:
    return what_happens_next([r.name for r in consent.recipients], consent.purpose)


@bp.get("/f/<family_id>/consents/<consent_id>/download")
@exports
@requires(C.MANAGE_CONSENTS)
def download(family_id: str, consent_id: str) -> ResponseReturnValue:
    me = current_member()
    consent = consent_or_404(me, consent_id)
    text = render_template("consent/document.txt", consent=consent, now=utcnow(), categories=CATEGORIES,
                           role_names=RECIPIENT_ROLE_NAMES, notice=PART2_NOTICE, status_names=STATUS_NAMES,
                           right_to_revoke=RIGHT_TO_REVOKE, plain_words=_plain_words(consent))
    return Response(text, mimetype="text/plain", headers={
        "Content-Disposition": f'attachment; filename="consent-{consent.version}.txt"'})


@bp.post("/f/<family_id>/consents/<consent_id>/revoke")
@requires(C.MANAGE_CONSENTS)
def revoke(family_id: str, consent_id: str) -> ResponseReturnValue:
    me = current_member()
    service.revoke(me, consent_or_404(me, consent_id))
    flash(_("Sharing stopped. Nobody named in this consent can see your use details now."))
    return redirect(url_for("consent.consents", family_id=family_id))

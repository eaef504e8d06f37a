"""The parent's share page, and the shared page a backup caregiver opens."""
from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.errors import Invalid
from harm.extensions import limiter
from harm.families.access import current_member, requires
from harm.families.capabilities import Capability as C
from harm.families.models import Membership
from harm.security import public
from harm.sharing import service

bp = Blueprint("sharing", __name__)

# Every try at /s/<token> counts, found or not, so guessing is slowed on top of being hopeless.
share_tries = limiter.shared_limit("20 per minute; 200 per hour", scope="share-link")


def _page(me: Membership, form: Mapping[str, object], errors: dict[str, str], new_url: str = "",
          status: int = 200) -> ResponseReturnValue:
    return render_template(
        "sharing/manage.html", me=me, family=me.family, links=service.links_of(me), parts=service.PARTS,
        lifetimes=service.LIFETIMES, form=form, errors=errors, new_url=new_url,
    ), status


@bp.get("/f/<family_id>/share")
@requires(C.MAKE_SHARE_LINK)
def manage(family_id: str) -> ResponseReturnValue:
    me = current_member()
    return _page(me, {"lifetime": "week"}, {})


@bp.post("/f/<family_id>/share")
@requires(C.MAKE_SHARE_LINK)
def create(family_id: str) -> ResponseReturnValue:
    me = current_member()
    form = {"parts": request.form.getlist("parts"), "lifetime": request.form.get("lifetime", ""),
            "label": request.form.get("label", "")}
    try:
        _link, token = service.create_link(me, me.account, form)
    except Invalid as error:
        return _page(me, form, error.messages, status=422)
    return _page(me, {"lifetime": "week"}, {}, new_url=url_for("sharing.shared", token=token, _external=True))


@bp.post("/f/<family_id>/share/<link_id>/revoke")
@requires(C.MAKE_SHARE_LINK)
def revoke(family_id: str, link_id: str) -> ResponseReturnValue:
    me = current_member()
    service.revoke(me, link_id)
    flash(_("The link is turned off. Nobody can open it now."))
    return redirect(url_for("sharing.manage", family_id=family_id))


@bp.get("/s/<token>")
@public
@share_tries
def shared(token: str) -> ResponseReturnValue:
    _link, view = service.open_link(token)
    response = render_template("sharing/shared.html", view=view, parts=service.PARTS)
    return response, 200, {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer",
                           "Cache-Control": "no-store"}

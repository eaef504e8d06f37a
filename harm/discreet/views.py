"""Pick a neutral name and icon for this device; the quick-exit link for every page."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Flask, Response, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.assets import asset_map
from harm.discreet.choices import COOKIE, COOKIE_DAYS, OPTIONS, choice_for, current_choice, name_chosen
from harm.security import cacheable, public

bp = Blueprint("discreet", __name__)


def _page(errors: dict[str, str], status: int = 200) -> ResponseReturnValue:
    options = [choice_for(key) for key in OPTIONS]
    return render_template("discreet/choose.html", options=options, chosen=current_choice(), errors=errors), status


@bp.get("/device/name")
@public
def choose() -> ResponseReturnValue:
    return _page({})


@bp.post("/device/name")
@public
def save_choice() -> ResponseReturnValue:
    key = request.form.get("choice", "")
    if key not in OPTIONS:
        return _page({"choice": _("Pick one of the names in the list.")}, 422)
    name_chosen.send(key)
    response = redirect(url_for("discreet.choose"))
    response.set_cookie(
        COOKIE, key, max_age=int(timedelta(days=COOKIE_DAYS).total_seconds()), httponly=True, samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    flash(_("Saved. This phone now shows the name %(name)s.", name=choice_for(key).name))
    return response


def favicon() -> Response:
    """/favicon.ico, which browsers and tools ask for on their own: the icon this phone shows (from memory)."""
    hashed = asset_map().hashed_name(f"icons/discreet/{current_choice().key}/icon-192.png")
    response = Response(asset_map().assets_by_hashed[hashed].body, mimetype="image/png")
    response.set_etag(hashed)  # kept, checked again (security.cacheable): a repeat visit gets a bodiless 304
    response.make_conditional(request)
    return response


def init_app(app: Flask) -> None:
    app.add_url_rule("/favicon.ico", endpoint="favicon", view_func=public(cacheable(favicon)))

    @app.context_processor
    def discreet_context() -> dict[str, object]:
        return {"quick_exit_url": app.config["SETTINGS"].quick_exit_url, "discreet": current_choice()}

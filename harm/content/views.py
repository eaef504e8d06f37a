"""Pages anyone can open, signed in or not."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, redirect, render_template
from flask.typing import ResponseReturnValue

from harm.accounts.sessions import current_account
from harm.content.guides import BY_SLUG, GUIDES
from harm.crisis_lines import CRISIS_LINES
from harm.security import cacheable, public

bp = Blueprint("content", __name__)

# Public guides know nothing of a family: harm.features wires in, by page and name, what a feature above adds
# (families: the signed-in person's families on the home page, the roles in the who-can-see guide;
# navigation: where a worker lands instead, and the next check-in due).
page_parts: dict[str, dict[str, Callable[[], dict[str, object]]]] = {"home": {}, "who-can-see": {}}


def _parts(page: str) -> dict[str, object]:
    return {name: value for part in page_parts[page].values() for name, value in part().items()}


@bp.get("/")
@public
def home() -> ResponseReturnValue:
    me = current_account()
    parts = _parts("home")
    if parts.get("landing"):
        return redirect(str(parts["landing"]))
    return render_template("content/home.html", me=me, crisis_lines=CRISIS_LINES, **parts)


@bp.get("/help/")
@public
@cacheable
def guides() -> ResponseReturnValue:
    return render_template("guides/index.html", guides=GUIDES)


@bp.get("/help/overdose")
@public
@cacheable
def overdose_guide() -> ResponseReturnValue:
    return render_template("content/overdose.html", crisis_lines=CRISIS_LINES, guide=BY_SLUG["overdose"])


@bp.get("/help/who-can-see")
@public
@cacheable
def who_can_see() -> ResponseReturnValue:
    return render_template(
        "content/who_can_see.html", guide=BY_SLUG["who-can-see"], **_parts("who-can-see")
    )


@bp.get("/help/<slug>")
@public
@cacheable
def guide(slug: str) -> ResponseReturnValue:
    found = BY_SLUG.get(slug)
    if found is None or slug in ("overdose", "who-can-see"):
        abort(404)
    return render_template(found.template, crisis_lines=CRISIS_LINES, guide=found)

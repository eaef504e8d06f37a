"""Pages anyone can open, signed in or not."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue

from harm.accounts.sessions import current_account
from harm.content.guides import BY_SLUG, GUIDES
from harm.content.who_can_see import page_facts
from harm.families.access import memberships_of
from harm.families.roles import ROLE_NAMES
from harm.plans.sections import CRISIS_LINES
from harm.security import cacheable, public

bp = Blueprint("content", __name__)


@bp.get("/")
@public
def home() -> ResponseReturnValue:
    me = current_account()
    return render_template(
        "content/home.html", me=me, memberships=memberships_of(me) if me else [],
        crisis_lines=CRISIS_LINES, role_names=ROLE_NAMES,
    )


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
    return render_template("content/who_can_see.html", facts=page_facts(), guide=BY_SLUG["who-can-see"])


@bp.get("/help/<slug>")
@public
@cacheable
def guide(slug: str) -> ResponseReturnValue:
    found = BY_SLUG.get(slug)
    if found is None or slug in ("overdose", "who-can-see"):
        abort(404)
    return render_template(found.template, crisis_lines=CRISIS_LINES, guide=found)

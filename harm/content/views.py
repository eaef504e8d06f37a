"""Pages anyone can open, signed in or not."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from harm.accounts.sessions import current_account
from harm.families.access import memberships_of
from harm.families.roles import ROLE_CAN, ROLE_NAMES
from harm.plans.sections import CRISIS_LINES
from harm.security import public

bp = Blueprint("content", __name__)


@bp.get("/")
@public
def home() -> ResponseReturnValue:
    me = current_account()
    return render_template(
        "content/home.html", me=me, memberships=memberships_of(me) if me else [],
        crisis_lines=CRISIS_LINES, role_names=ROLE_NAMES,
    )


@bp.get("/help/overdose")
@public
def overdose_guide() -> ResponseReturnValue:
    return render_template("content/overdose.html", crisis_lines=CRISIS_LINES)


@bp.get("/help/who-can-see")
@public
def who_can_see() -> ResponseReturnValue:
    return render_template("content/who_can_see.html", role_names=ROLE_NAMES, role_can=ROLE_CAN)

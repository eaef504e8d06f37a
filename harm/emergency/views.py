"""The emergency flow: open to everyone, signed in or not."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from harm.accounts.sessions import current_account
from harm.emergency import service
from harm.emergency.steps import SECOND_DOSE_STEP, SECOND_DOSE_WAIT, SOURCE, STEP_COUNT, STEPS, step
from harm.families.access import memberships_of
from harm.security import public

bp = Blueprint("emergency", __name__)


@bp.app_context_processor
def overdose_steps_context() -> dict[str, object]:
    """The one list of overdose steps, for the flow, the guide, the fridge copy and its PDF."""
    return {"overdose_steps": STEPS, "second_dose_wait": SECOND_DOSE_WAIT, "second_dose_step": SECOND_DOSE_STEP,
            "overdose_steps_source": SOURCE}


@bp.get("/emergency", defaults={"number": 1})
@bp.get("/emergency/<int:number>")
@public
def show_step(number: int) -> ResponseReturnValue:
    current = step(number)
    if current is None:
        abort(404)
    me = current_account()
    # Signed-out visitors all get the same page: nothing in it depends on who asks.
    membership = service.chosen_membership(me, request.args.get("family")) if me else None
    facts = service.family_facts(membership) if membership else None
    families = memberships_of(me) if me else []
    return render_template(
        "emergency/step.html", step=current, step_count=STEP_COUNT, facts=facts, families=families,
        family_arg=facts.family_id if facts and len(families) > 1 else None,
    )

"""The parent's access log page."""
from __future__ import annotations

from functools import partial

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from harm.audit import service
from harm.dates import format_moment
from harm.families.access import current_member, requires
from harm.families.capabilities import Capability as C
from harm.families.roles import ROLE_NAMES
from harm.use_details import CATEGORIES

bp = Blueprint("audit", __name__)
OTHERS = "others"


@bp.get("/f/<family_id>/access-log")
@requires(C.READ_ACCESS_LOG)
def access_log(family_id: str) -> ResponseReturnValue:
    me = current_member()
    entries = service.entries_for(me.family)
    others = [e for e in entries if not service.is_by(e, me.account)]
    others_only = request.args.get("who") == OTHERS  # any other value: the whole log
    return render_template("audit/access_log.html", me=me, family=me.family, others_only=others_only,
                           entries=others if others_only else entries, others=others,
                           when=partial(format_moment, length="long"), actions=service.ACTION_NAMES,
                           categories=CATEGORIES, role_names=role_names())


def role_names() -> dict[str, str]:
    """The family roles, and the visitor with a share link (no account, no role)."""
    names = {role: str(name) for role, name in ROLE_NAMES.items()}
    return names | {service.SHARE_LINK_ROLE: _("Someone with a share link")}

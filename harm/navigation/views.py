"""The navigation bar on every signed-in page, and the "More" page it leads to."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, g, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from harm.accounts.sessions import current_account, signed_in_account
from harm.families.access import member_may, memberships_of
from harm.families.capabilities import Capability as C
from harm.navigation import service

bp = Blueprint("navigation", __name__)

# What "More" offers for each family: the page, who may open it, its name and its icon.
FAMILY_PAGES = (
    ("milestones.timeline", C.SEE_MILESTONES, _l("Milestones"), "milestones"),
    ("checkins.checkins", C.SEE_CHECKINS, _l("Check-ins"), "checkins"),
    ("reviews.reviews", C.SEE_REVIEWS, _l("Case reviews"), "reviews"),
    ("reports.outcomes", C.SEE_OUTCOMES, _l("Outcomes"), "goals"),
    ("referrals.referrals", C.SEE_REFERRALS, _l("Referrals"), "supports"),
    ("consent.consents", C.MANAGE_CONSENTS, _l("Your consents"), "consents"),
    ("audit.access_log", C.READ_ACCESS_LOG, _l("Who looked at your use details"), "log"),
    ("families.people", C.SEE_PEOPLE, _l("Who can see this plan"), "people"),
    ("fridge.page", C.VIEW_PLAN, _l("Fridge copy to print"), "plan"),
    ("sharing.manage", C.MAKE_SHARE_LINK, _l("Share with a backup caregiver"), "supports"),
)


@dataclass(frozen=True)
class BarLink:
    """One link of the bar. Its address and icon say which place it is, so the label stays out of its hash."""

    href: str
    icon: str
    urgent: bool
    current: bool
    label: object = field(compare=False)


def navigation_bar() -> tuple[BarLink, ...]:
    """The signed-in person's destinations as links, the page on screen marked; none for a signed-out visitor.

    A tuple of hashable links: the page's top renders once for each bar (harm/fragments.py).
    """
    account = g.get("account")
    if account is None or request.endpoint in (None, "lock.unlock_page"):
        return ()
    family_id = (request.view_args or {}).get("family_id")
    bar = []
    for place in service.destinations(account, family_id):
        args: dict[str, Any] = dict(place.args)
        href = url_for(place.endpoint, **args)
        bar.append(BarLink(f"{href}#{place.anchor}" if place.anchor else href, place.icon, place.urgent,
                           request.endpoint in place.marks, place.label))
    return tuple(bar)


def home_page_part() -> dict[str, object]:
    """On the home page: where a worker lands instead, and the next check-in due in each family."""
    me = current_account()
    if me is None:
        return {}
    memberships = service.held(me)
    works_as = service.kind_of(memberships)
    return {"landing": url_for("caseload.caseload") if works_as == service.CASEWORK else None,
            "works_as": works_as, "next_checkins": service.next_checkins(memberships)}


@bp.get("/more")
def more() -> ResponseReturnValue:
    me = signed_in_account()
    families = [(m, [(endpoint, name, icon) for endpoint, may, name, icon in FAMILY_PAGES if member_may(m, may)])
                for m in memberships_of(me)]
    return render_template("navigation/more.html", me=me, families=families)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["navigation_bar"] = navigation_bar

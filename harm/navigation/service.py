"""Which destinations a signed-in person's navigation bar offers, and where they land, by the roles they hold."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from flask import g
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, or_, select

from harm.accounts.models import Account
from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.capabilities import Capability as C
from harm.families.capabilities import role_may
from harm.families.models import Family, Membership

# What the bar is built around: a parent's own plan, a caseworker's caseload, a peer's families.
FAMILY, CASEWORK, PEER_WORK = "family", "casework", "peer"


@dataclass(frozen=True)
class Destination:
    """One place in the bar: its endpoint and arguments, its label, its icon, and the pages it stands for."""

    endpoint: str
    label: object
    icon: str
    marks: tuple[str, ...]
    args: tuple[tuple[str, str], ...] = ()
    anchor: str = ""
    urgent: bool = False


HELP_NOW = Destination("content.overdose_guide", _l("Help now"), "help", ("content.overdose_guide",), urgent=True)
MORE = Destination("navigation.more", _l("More"), "more", ("navigation.more", "accounts.account"))


def kind_of(memberships: list[Any]) -> str:
    """A parent or caregiver anywhere sees their own plan first; otherwise the work they do."""
    held_roles = {m.role for m in memberships}
    if not held_roles or held_roles & {roles.PARENT, roles.CAREGIVER}:
        return FAMILY
    return CASEWORK if roles.CASEWORKER in held_roles else PEER_WORK


@cache
def _held_query() -> Any:
    """Built once: every signed-in page runs it. Only what the bar needs, not whole memberships and families."""
    return (select(Membership.role, Membership.peer_parts, Membership.family_id,
                   Family.public_id.label("family_public_id"))
            .join(Family).where(Membership.account_id == bindparam("account_id")).order_by(Membership.id))


def held(account: Account) -> list[Any]:
    """Each of the account's memberships as (role, peer parts, family id, family public id), read once a request:
    the home page lists them, and its bar uses them too."""
    cached = g.get("navigation_held")
    if cached is None or cached[0] != account.id:
        cached = g.navigation_held = (account.id, list(db.session.execute(_held_query(), {"account_id": account.id})))
    return cached[1]  # type: ignore[no-any-return]


@cache
def _bar_query() -> Any:
    """Built once: every signed-in page runs it. The membership on screen and the first of each role held: all the
    bar needs, however many families a worker follows."""
    first_of_each_role = (select(func.min(Membership.id)).where(Membership.account_id == bindparam("account_id"))
                          .group_by(Membership.role))
    return (select(Membership.role, Membership.peer_parts, Membership.family_id,
                   Family.public_id.label("family_public_id"))
            .join(Family)
            .where(Membership.account_id == bindparam("account_id"),
                   or_(Family.public_id == bindparam("family_id"), Membership.id.in_(first_of_each_role)))
            .order_by(Membership.id))


def _bar_memberships(account: Account, family_id: str | None) -> list[Any]:
    cached = g.get("navigation_held")
    if cached is not None and cached[0] == account.id:
        return cached[1]  # type: ignore[no-any-return]
    return list(db.session.execute(_bar_query(), {"account_id": account.id, "family_id": family_id}))


def _in_view(memberships: list[Any], family_id: str | None, wanted: set[str]) -> Any:
    """The membership of the family on screen, else the first one with a wanted role."""
    on_screen = [m for m in memberships if m.family_public_id == family_id]
    return next(iter(on_screen or [m for m in memberships if m.role in wanted]), None)


def destinations(account: Account, family_id: str | None) -> list[Destination]:
    """Three to four places for this person, the family on screen (if any) filling in the family pages."""
    memberships = _bar_memberships(account, family_id)
    kind = kind_of(memberships)
    if kind == CASEWORK:
        return [Destination("caseload.caseload", _l("Families"), "families", ("caseload.caseload",)),
                Destination("caseload.caseload", _l("Today"), "today", (), anchor="today-visits"),
                HELP_NOW, MORE]
    if kind == PEER_WORK:
        bar = [Destination("content.home", _l("Families"), "families", ("content.home",))]
        peer = _in_view(memberships, family_id, {roles.PEER})
        if peer is not None and role_may(peer.role, C.SEE_CHECKINS, peer.peer_parts):
            bar.append(Destination("checkins.checkins", _l("Check-ins"), "checkins", ("checkins.checkins",),
                                   (("family_id", peer.family_public_id),)))
        return [*bar, HELP_NOW, MORE]
    own = _in_view(memberships, family_id, {roles.PARENT, roles.CAREGIVER})
    if own is None:
        return [Destination("content.home", _l("Plan"), "plan", ("content.home",)), HELP_NOW, MORE]
    family = (("family_id", own.family_public_id),)
    return [Destination("plans.overview", _l("Plan"), "plan", ("plans.overview", "plans.section"), family),
            HELP_NOW,
            Destination("families.people", _l("People"), "people", ("families.people",), family),
            MORE]


def next_checkins(memberships: list[Any]) -> dict[int, date]:
    """For each of these families, the day the newest check-in set for the next one (families with none left out)."""
    ids = [m.family_id for m in memberships]
    if not ids:
        return {}
    newest = select(func.max(CheckIn.id)).where(CheckIn.family_id.in_(ids)).group_by(CheckIn.family_id)
    rows = db.session.execute(select(CheckIn.family_id, CheckIn.next_on).where(CheckIn.id.in_(newest)))
    return {family_id: next_on for family_id, next_on in rows if next_on is not None}

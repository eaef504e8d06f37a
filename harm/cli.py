"""`flask demo`: invented demo accounts and a demo family, with fresh one-time sign-in codes."""
from __future__ import annotations

from datetime import date, timedelta

import click
from flask.cli import AppGroup
from sqlalchemy import select

from harm.accounts.models import Account
from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.families.service import start_family
from harm.milestones.service import record
from harm.plans.service import save_section

demo_cli = AppGroup("demo", help="Demo data (all of it invented).")

DEMO_FAMILY = "The Demo family"
DEMO_PEOPLE = (
    ("Jordan (demo parent)", roles.PARENT),
    ("Casey (demo caseworker)", roles.CASEWORKER),
    ("Pat (demo peer specialist)", roles.PEER),
)


def _demo_plan(parent: Membership) -> None:
    expires = (date.today() + timedelta(days=200)).isoformat()
    save_section(parent, "household", {
        "members": [{"name": "Jordan", "age_range": "adult"}, {"name": "Sky", "age_range": "6-12"}],
        "backup_caregivers": [{"name": "Aunt Robin", "phone": "555-010-0142", "agreed": True}],
    }, 0)
    save_section(parent, "naloxone", {
        "kits": [{"location": "Kitchen drawer by the sink", "expires": expires}],
        "trained": "Jordan and Aunt Robin",
    }, 0)
    save_section(parent, "supports", {
        "people": [{"name": "Aunt Robin", "kind": "family", "phone": "555-010-0142"}],
    }, 0)
    record(parent, {"kind": "naloxone_in_home"})


def _ensure_demo() -> list[tuple[Account, str]]:
    family = db.session.execute(select(Family).where(Family.name == DEMO_FAMILY)).scalar_one_or_none()
    if family is None:
        parent_account = Account(display_name=DEMO_PEOPLE[0][0])
        db.session.add(parent_account)
        db.session.flush()
        family, _code = start_family(parent_account, DEMO_FAMILY, roles.PARENT)
        for name, role in DEMO_PEOPLE[1:]:
            account = Account(display_name=name)
            db.session.add(account)
            db.session.flush()
            family.memberships.append(Membership(account_id=account.id, role=role))
        db.session.commit()
        _demo_plan(family.memberships[0])
    from harm.agencies.demo import ensure_demo_team  # the demo agency around the family

    admin = ensure_demo_team(family)
    return [(m.account, m.role) for m in family.memberships] + [(admin, "admin")]


@demo_cli.command("create")
def create_demo() -> None:
    """Create the demo family (once) and print a fresh one-time sign-in code for each person."""
    click.echo("Demo accounts (invented people). Sign in at /signin/code, then add a passkey:")
    for account, role in _ensure_demo():
        code = issue_signin_code(account)
        click.echo(f"  {account.display_name:<30} {role:<11} code: {code}")
    click.echo("Each code works once, for 72 hours. Run `flask demo create` again for new codes.")

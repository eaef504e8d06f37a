"""What a signed-in family member sees in the emergency flow: their naloxone and whom to call, from their plan."""
from __future__ import annotations

from dataclasses import dataclass, field

from harm.accounts.models import Account
from harm.families.access import memberships_of
from harm.families.models import Membership
from harm.families.service import visible_sections
from harm.plans.reader import read_plan


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str


@dataclass
class FamilyFacts:
    """Only the named fields the emergency flow needs; nothing else of the plan."""

    family_name: str
    family_id: str
    naloxone_places: list[str] = field(default_factory=list)
    who_checks: str = ""
    contacts: list[Contact] = field(default_factory=list)


def chosen_membership(account: Account, family_public_id: str | None) -> Membership | None:
    """The family the person picked, or their first one."""
    memberships = memberships_of(account)
    if family_public_id:
        return next((m for m in memberships if m.family.public_id == family_public_id), None)
    return memberships[0] if memberships else None


def family_facts(membership: Membership) -> FamilyFacts:
    keys = [key for key in ("naloxone", "overdose", "supports", "household") if key in visible_sections(membership)]
    plan = read_plan(membership.family_id, keys)
    facts = FamilyFacts(family_name=membership.family.name, family_id=membership.family.public_id)
    facts.naloxone_places = plan.naloxone_places
    facts.who_checks = plan.who_checks
    facts.contacts = [Contact(person.name, person.phone) for person in plan.crisis_contacts]
    return facts

"""What other features read from a family's plan, typed: the one place that knows the stored answers' key names."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select

from harm.extensions import db
from harm.plans.models import PlanSection


class Person(NamedTuple):
    """A backup caregiver or a support: a name, and a phone number when the family wrote one."""

    name: str
    phone: str


@dataclass(frozen=True)
class NaloxoneKit:
    location: str
    expires: date | None  # None when the family wrote no date, or one that cannot be read


@dataclass(frozen=True)
class PlanView:
    """The answers other features read, from the sections the reader was given (the others read as empty)."""

    kits: tuple[NaloxoneKit, ...] = ()
    lockbox_place: str = ""
    key_holder: str = ""
    who_checks: str = ""
    never_alone: str = ""
    children_know: tuple[tuple[str, str], ...] = ()  # (child's name, what they know to do)
    backup_caregivers: tuple[Person, ...] = ()
    supports: tuple[Person, ...] = ()
    household_members: tuple[str, ...] = ()  # the names of the people in the home

    @property
    def naloxone_places(self) -> list[str]:
        return [kit.location for kit in self.kits if kit.location]

    @property
    def kit_expiry_dates(self) -> list[date]:
        return [kit.expires for kit in self.kits if kit.expires is not None]

    @property
    def crisis_contacts(self) -> list[Person]:
        """Whom to call: backup caregivers, then supports, each with a phone number."""
        return [person for person in self.backup_caregivers + self.supports if person.phone]


def read_date(value: Any) -> date | None:
    """A date as a plan stores it (ISO text); None when missing or malformed, so one bad answer breaks no page."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _section(sections: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    data = sections.get(key)
    return data if isinstance(data, Mapping) else {}


def _items(section: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    items = section.get(name)
    return [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []


def _people(section: Mapping[str, Any], name: str) -> tuple[Person, ...]:
    return tuple(Person(_text(item["name"]), _text(item.get("phone")))
                 for item in _items(section, name) if item.get("name"))


def plan_view(sections: Mapping[str, Any]) -> PlanView:
    """The view of stored section data, by section key."""
    naloxone, storage = _section(sections, "naloxone"), _section(sections, "storage")
    overdose, household = _section(sections, "overdose"), _section(sections, "household")
    return PlanView(
        kits=tuple(NaloxoneKit(_text(kit.get("location")), read_date(kit.get("expires")))
                   for kit in _items(naloxone, "kits")),
        lockbox_place=_text(storage.get("location")),
        key_holder=_text(storage.get("key_holder")),
        who_checks=_text(overdose.get("who_checks")),
        never_alone=_text(overdose.get("never_alone")),
        children_know=tuple((_text(child.get("name")), _text(child["knows"]))
                            for child in _items(overdose, "children_know") if child.get("knows")),
        backup_caregivers=_people(household, "backup_caregivers"),
        supports=_people(_section(sections, "supports"), "people"),
        household_members=tuple(_text(member["name"]) for member in _items(household, "members")
                                if member.get("name")),
    )


def read_plan(family_id: int, keys: Iterable[str]) -> PlanView:
    """One family's plan, read from only the sections named (those the reader may see)."""
    rows = db.session.execute(
        select(PlanSection.key, PlanSection.data)
        .where(PlanSection.family_id == family_id, PlanSection.key.in_(list(keys)))
    ).all()
    return plan_view({key: data for key, data in rows})

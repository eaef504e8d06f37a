"""Reading and saving plan sections, with a version check so nothing is overwritten silently."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from flask import Flask
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from harm.errors import Conflict, Invalid, NotFound
from harm.extensions import db
from harm.families import service as families_service
from harm.families.models import Family, Membership
from harm.families.service import visible_sections
from harm.models_base import commit_keeping_loaded, rows_changed, utcnow
from harm.plans import goals
from harm.plans.fields import drop_empty_items
from harm.plans.models import PlanSection, SectionRevision
from harm.plans.sections import SECTION_KEYS, SECTIONS, Section

log = logging.getLogger(__name__)
GOALS = "goals"


@dataclass
class Completeness:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def init_app(app: Flask) -> None:
    """Tell families which sections a plan has, and give every new family its empty sections."""
    families_service.plan_sections.update(SECTIONS)
    families_service.family_started.connect(create_sections)


def create_sections(family: Family, **_signal: Any) -> None:
    """Every family starts with all six sections, empty, at version 0."""
    for key in SECTION_KEYS:
        db.session.add(PlanSection(family_id=family.id, key=key, data=SECTIONS[key].empty_data()))


def section_definition(membership: Membership, key: str) -> Section:
    """The section, if it exists and this member may read it; else 404."""
    if key not in SECTIONS or key not in visible_sections(membership):
        raise NotFound
    return SECTIONS[key]


@cache
def _section_query() -> Any:
    """Built once: every section page, read and save runs it."""
    return (select(PlanSection).options(joinedload(PlanSection.updated_by))
            .where(PlanSection.family_id == bindparam("family_id"), PlanSection.key == bindparam("key")))


def load_section(membership: Membership, key: str) -> PlanSection:
    section_definition(membership, key)
    return db.session.execute(_section_query(), {"family_id": membership.family_id, "key": key}).scalar_one()


@cache
def _versioned_update() -> Any:
    """Built once: the WHERE on version makes the check and the write one step, even across servers."""
    return (db.update(PlanSection)
            .where(PlanSection.id == bindparam("section_id"), PlanSection.version == bindparam("base_version"))
            .values(data=bindparam("new_data"), version=bindparam("new_version"), updated_at=bindparam("saved_at"),
                    updated_by_id=bindparam("saved_by"))
            .execution_options(synchronize_session=False))


@cache
def _plan_query() -> Any:
    """Built once: every plan page and plan API read runs it, and building costs as much as running."""
    return (
        select(PlanSection)
        .options(joinedload(PlanSection.updated_by))
        .where(PlanSection.family_id == bindparam("family_id"), PlanSection.key.in_(bindparam("keys", expanding=True)))
    )


def load_plan(membership: Membership) -> list[PlanSection]:
    """The sections this member may read, in plan order."""
    keys = visible_sections(membership)
    rows = db.session.execute(_plan_query(), {"family_id": membership.family_id, "keys": list(keys)}).scalars()
    by_key = {row.key: row for row in rows}
    return [by_key[key] for key in keys if key in by_key]


@cache
def _versions_query() -> Any:
    return (select(PlanSection.key, PlanSection.version, PlanSection.updated_at)
            .where(PlanSection.family_id == bindparam("family_id"),
                   PlanSection.key.in_(bindparam("keys", expanding=True))))


def plan_versions(membership: Membership) -> tuple[tuple[str, int, Any], ...]:
    """Each section this member may read as (key, version, saved at), in plan order: what a page showing the
    plan depends on, read without the sections themselves."""
    keys = visible_sections(membership)
    rows = db.session.execute(_versions_query(), {"family_id": membership.family_id, "keys": list(keys)})
    by_key = {key: (key, version, updated_at) for key, version, updated_at in rows}
    return tuple(by_key[key] for key in keys if key in by_key)


class PlanReading:
    """The sections and completeness of a plan, read from the database only if a page asks for them."""

    def __init__(self, membership: Membership) -> None:
        self.membership = membership

    @cached_property
    def sections(self) -> list[PlanSection]:
        return load_plan(self.membership)

    @cached_property
    def completeness(self) -> Completeness:
        return completeness(self.membership, self.sections)


def completeness(membership: Membership, loaded: list[PlanSection] | None = None) -> Completeness:
    """How many of the sections this member may read are done (a peer counts only what the parent shares).

    `loaded`: the sections the page already read; when they are all this member may read, no second query.
    """
    keys = visible_sections(membership)
    rows: list[Any]
    if loaded is not None and {s.key for s in loaded} == set(keys):
        rows = [(s.key, s.data) for s in loaded]
    else:
        rows = list(db.session.execute(
            select(PlanSection.key, PlanSection.data)
            .where(PlanSection.family_id == membership.family_id, PlanSection.key.in_(keys))
        ).all())
    return Completeness(done=sum(1 for key, data in rows if SECTIONS[key].is_done(data)), total=len(keys))


def part_of(membership: Membership, key: str) -> tuple[int, int, str | None]:
    """Where a section stands in the guided plan: its number, how many parts, and the part after it."""
    keys = list(visible_sections(membership))
    number = keys.index(key) + 1
    return number, len(keys), keys[number] if number < len(keys) else None


def only_one_part_saved(membership: Membership) -> bool:
    """True right after the first part of this family's plan was saved, and never again."""
    saved = db.session.execute(
        select(PlanSection.id).where(PlanSection.family_id == membership.family_id, PlanSection.version > 0)
    ).all()
    return len(saved) == 1


def is_done(section: PlanSection) -> bool:
    return SECTIONS[section.key].is_done(section.data)


def validate(key: str, data: Any) -> dict[str, Any]:
    """Clean section data as it will be stored, or raise Invalid."""
    definition = SECTIONS[key]
    if not isinstance(data, dict):
        raise Invalid(messages={"_schema": [_("This answer is not the right kind.")]})
    schema = definition.schema()
    try:
        loaded = schema.load(data)
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    return drop_empty_items(definition.fields, schema.dump(loaded))


def save_section(membership: Membership, key: str, data: Any, base_version: int) -> PlanSection:
    """Save a section if nobody saved it since base_version; keep a revision of the change."""
    section_definition(membership, key)
    if key == GOALS:
        return _save_goals(membership, data, base_version)
    clean = validate(key, data)
    current = load_section(membership, key)
    if base_version != current.version:
        raise Conflict(current)
    changed = [name for name in clean if clean[name] != current.data.get(name)]
    return _write(membership, current, clean, changed, base_version)


def _save_goals(membership: Membership, data: Any, base_version: int) -> PlanSection:
    """The goals: each side writes only its own part (harm/plans/goals.py)."""
    goals.side_of(membership)  # refused before anything else is read or compared
    try:
        sent = goals.checked(data)
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    current = load_section(membership, GOALS)
    if base_version != current.version:
        raise Conflict(current)
    try:
        clean, changed = goals.merged(current.data, sent, membership)
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    return _write(membership, current, clean, changed, base_version)


def suggest_goal(membership: Membership, data: Any) -> PlanSection:
    """A worker suggests a goal; it shows as theirs until the parent says yes or no."""
    section_definition(membership, GOALS)
    try:
        sent = goals.SuggestionIn().load(goals.tidied(data))
        current = load_section(membership, GOALS)
        clean = goals.suggested(current.data, sent, membership)
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    return _write(membership, current, clean, ["suggestions"], current.version)


def answer_suggestion(membership: Membership, suggestion_id: str, accept: bool) -> PlanSection:
    """The parent takes a suggested goal as their own, or says no to it; 404 if there is no such open one."""
    section_definition(membership, GOALS)
    current = load_section(membership, GOALS)
    try:
        clean = goals.answered(current.data, suggestion_id, accept, membership)
    except ValidationError as error:
        raise Invalid(messages=error.normalized_messages()) from None
    if clean is None:
        raise NotFound
    return _write(membership, current, clean, ["goals", "suggestions"] if accept else ["suggestions"],
                  current.version)


@cache
def _revision_insert() -> Any:
    """Built once: a plain INSERT, not the ORM's unit of work, for the one row every save adds."""
    return insert(SectionRevision)


def _write(membership: Membership, current: PlanSection, clean: dict[str, Any], changed: list[str],
           base_version: int) -> PlanSection:
    """Store the section as the next version, with a revision, unless someone saved since base_version."""
    if not changed:
        return current
    stored = {"data": clean, "version": base_version + 1, "updated_at": utcnow(),
              "updated_by_id": membership.account_id}
    updated = rows_changed(_versioned_update(), {
        "section_id": current.id, "base_version": base_version, "new_data": clean, "new_version": stored["version"],
        "saved_at": stored["updated_at"], "saved_by": stored["updated_by_id"]})
    if updated != 1:
        db.session.rollback()
        raise Conflict(load_section(membership, current.key))
    db.session.execute(_revision_insert(), {
        "section_id": current.id, "version": stored["version"], "account_id": membership.account_id,
        "changed": changed, "data": clean, "created_at": stored["updated_at"]})
    # The section as stored, without reading it back: this request wrote every value it holds.
    for name, value in [*stored.items(), ("updated_by", membership.account)]:
        set_committed_value(current, name, value)
    commit_keeping_loaded()
    log.info("plan section saved")
    return current


def revisions(membership: Membership, key: str) -> list[SectionRevision]:
    section = load_section(membership, key)
    return list(
        db.session.execute(
            select(SectionRevision)
            .options(joinedload(SectionRevision.account))
            .where(SectionRevision.section_id == section.id)
            .order_by(SectionRevision.version.desc())
        ).scalars()
    )

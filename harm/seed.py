"""`flask demo seed --families N`: many invented families, fast, to measure how the app grows.

Each seeded family has a parent account, all six plan sections (three of them filled in, each
with one revision) and three milestones, written with bulk inserts in batches.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import func, insert, select

from harm.accounts.models import Account
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection, SectionRevision
from harm.plans.sections import SECTION_KEYS, SECTIONS

SEED_PREFIX = "Seed family "
BATCH = 1000
MILESTONE_KINDS = ("naloxone_in_home", "backup_caregiver_agreed", "own")


def _filled_data(key: str, n: int) -> dict[str, Any]:
    data = SECTIONS[key].empty_data()
    expires = (date.today() + timedelta(days=100 + n % 300)).isoformat()
    if key == "household":
        data["members"] = [{"name": f"Parent {n}", "age_range": "adult"}, {"name": f"Kid {n}", "age_range": "6-12"}]
        data["backup_caregivers"] = [{"name": f"Helper {n}", "phone": "555-010-0142", "agreed": True}]
    elif key == "naloxone":
        data["kits"] = [{"location": "Kitchen drawer", "expires": expires}]
    elif key == "supports":
        data["people"] = [{"name": f"Friend {n}", "kind": "family", "phone": "555-010-0199"}]
    return data


FILLED = ("household", "naloxone", "supports")


def _insert_returning_ids(model: Any, rows: list[dict[str, Any]]) -> list[int]:
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def _seed_batch(first: int, count: int) -> None:
    numbers = range(first, first + count)
    account_ids = _insert_returning_ids(Account, [{"display_name": f"Seed parent {n}"} for n in numbers])
    family_ids = _insert_returning_ids(
        Family, [{"name": f"{SEED_PREFIX}{n}", "peer_sections": list(SECTION_KEYS)} for n in numbers]
    )
    db.session.execute(insert(Membership), [
        {"family_id": f, "account_id": a, "role": roles.PARENT} for f, a in zip(family_ids, account_ids, strict=True)
    ])
    section_rows: list[dict[str, Any]] = [
        {"family_id": f, "key": key, "data": _filled_data(key, n) if key in FILLED else SECTIONS[key].empty_data(),
         "version": 1 if key in FILLED else 0, "updated_by_id": a if key in FILLED else None}
        for n, f, a in zip(numbers, family_ids, account_ids, strict=True) for key in SECTION_KEYS
    ]
    section_ids = _insert_returning_ids(PlanSection, section_rows)
    db.session.execute(insert(SectionRevision), [
        {"section_id": s, "version": 1, "account_id": row["updated_by_id"], "changed": sorted(row["data"]),
         "data": row["data"]}
        for s, row in zip(section_ids, section_rows, strict=True) if row["version"]
    ])
    today = date.today()
    db.session.execute(insert(Milestone), [
        {"family_id": f, "kind": kind, "title": "Made a plan together" if kind == "own" else "",
         "happened_on": today - timedelta(days=10 * i + n % 7), "recorded_by_id": a}
        for n, f, a in zip(numbers, family_ids, account_ids, strict=True) for i, kind in enumerate(MILESTONE_KINDS)
    ])
    db.session.commit()


def seeded_family_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Family).where(Family.name.startswith(SEED_PREFIX))) or 0


def seed_families(total: int, echo: Any = None) -> int:
    """Add seeded families until there are `total` of them; returns how many were added."""
    existing = seeded_family_count()
    for first in range(existing, total, BATCH):
        _seed_batch(first + 1, min(BATCH, total - first))
        if echo:
            echo(f"  {min(first + BATCH, total)} / {total}")
    return max(0, total - existing)


@click.command("seed")
@click.option("--families", "total", type=click.IntRange(min=0), required=True,
              help="How many seeded families there should be in all.")
@with_appcontext
def seed_command(total: int) -> None:
    """Fill the database with invented families (for benchmarks), up to the number given."""
    added = seed_families(total, echo=click.echo)
    click.echo(f"Added {added} invented families; {seeded_family_count()} seeded families in all.")

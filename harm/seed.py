"""`flask demo seed --families N`: many invented families, fast, to measure how the app grows.

Each seeded family has a parent account, all six plan sections (three of them filled in, each
with one revision) and three milestones, written with bulk inserts in batches.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

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


def _core_insert(model: Any) -> Any:
    # Core's executemany: the ORM's bulk insert sends one statement a row on PostgreSQL for some of these tables.
    return model.__table__.insert()


def _insert_then_find(model: Any, rows: list[dict[str, Any]], key: Any, values: list[Any]) -> dict[Any, int]:
    """Insert many rows and find their ids by a column that tells them apart.

    No RETURNING: SQLAlchemy's ordered RETURNING for many rows grows with the square of the batch on SQLite.
    """
    before = db.session.scalar(select(func.max(model.id))) or 0
    db.session.execute(_core_insert(model), rows)
    # The new rows only (a range of the primary key), so the look-up stays quick as the table grows.
    found = db.session.execute(select(key, model.id).where(model.id > before, key.in_(values))).all()
    return {k: i for k, i in found}


def _seed_batch(first: int, count: int) -> None:
    numbers = range(first, first + count)
    parent_names = [f"Seed parent {n}" for n in numbers]
    family_names = [f"{SEED_PREFIX}{n}" for n in numbers]
    accounts = _insert_then_find(Account, [{"display_name": name} for name in parent_names],
                                 Account.display_name, parent_names)
    families = _insert_then_find(Family, [{"name": name} for name in family_names],
                                 Family.name, family_names)
    account_ids = [accounts[name] for name in parent_names]
    family_ids = [families[name] for name in family_names]
    db.session.execute(_core_insert(Membership), [
        {"family_id": f, "account_id": a, "role": roles.PARENT} for f, a in zip(family_ids, account_ids, strict=True)
    ])
    section_rows: list[dict[str, Any]] = [
        {"family_id": f, "key": key, "data": _filled_data(key, n) if key in FILLED else SECTIONS[key].empty_data(),
         "version": 1 if key in FILLED else 0, "updated_by_id": a if key in FILLED else None}
        for n, f, a in zip(numbers, family_ids, account_ids, strict=True) for key in SECTION_KEYS
    ]
    db.session.execute(_core_insert(PlanSection), section_rows)
    section_ids = {(f, k): i for f, k, i in db.session.execute(
        select(PlanSection.family_id, PlanSection.key, PlanSection.id).where(PlanSection.family_id.in_(family_ids))
    )}
    db.session.execute(_core_insert(SectionRevision), [
        {"section_id": section_ids[row["family_id"], row["key"]], "version": 1, "account_id": row["updated_by_id"],
         "changed": sorted(row["data"]), "data": row["data"]}
        for row in section_rows if row["version"]
    ])
    today = date.today()
    db.session.execute(_core_insert(Milestone), [
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

"""The number of SQL statements a page needs does not grow with the data (no N+1 queries)."""
from __future__ import annotations

from sqlalchemy import select

from harm.extensions import db
from harm.families import roles
from harm.families.models import Membership
from harm.milestones.service import record
from harm.plans.service import load_section, save_section
from harm.seed import seed_families
from tests.conftest import make_account, sign_in


def main_pages(family_id: str) -> list[str]:
    return [
        f"/f/{family_id}",
        f"/f/{family_id}/plan/household",
        f"/f/{family_id}/plan/household/history",
        f"/f/{family_id}/milestones",
        f"/f/{family_id}/people",
        f"/api/v1/families/{family_id}/plan",
        f"/api/v1/families/{family_id}/plan/household",
        "/",
    ]


def statements_per_page(client, family_id: str, count_statements) -> dict[str, int]:
    counts = {}
    for url in main_pages(family_id):
        client.get(url)  # warm up: a first visit may note when the session was last seen
        db.session.remove()
        with count_statements() as statements:
            assert client.get(url).status_code == 200, url
        counts[url] = len(statements)
    return counts


def grow(family_pk: int, parent_account_pk: int) -> None:
    """Many more families, milestones, saves and people than the first measurement had."""
    seed_families(40)
    parent = db.session.execute(
        select(Membership).where(Membership.family_id == family_pk, Membership.account_id == parent_account_pk)
    ).scalar_one()
    for n in range(12):
        record(parent, {"kind": "own", "title": f"Milestone {n}"})
    for n in range(6):
        current = load_section(parent, "household")
        save_section(parent, "household", {"members": [{"name": f"Kid {n}", "age_range": "6-12"}]}, current.version)
    for n in range(5):
        helper = make_account(f"Extra Helper {n}")
        db.session.add(Membership(family_id=family_pk, account_id=helper.id, role=roles.CAREGIVER))
        db.session.commit()


def test_statement_counts_stay_the_same_as_the_data_grows(client, household, count_statements):
    family_pk, parent_pk, family_id = household.family.id, household.people["parent"].id, household.id
    sign_in(client, household.people["parent"])
    few = statements_per_page(client, family_id, count_statements)
    grow(family_pk, parent_pk)
    many = statements_per_page(client, family_id, count_statements)
    assert many == few
    # And they stay small: a page is a handful of indexed look-ups, not a scan per row.
    assert max(few.values()) <= 12, few

"""`flask demo seed`: bulk invented families that behave like real ones."""
from __future__ import annotations

from sqlalchemy import func, select

from harm.extensions import db
from harm.families.models import Family, Membership
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection, SectionRevision
from harm.plans.sections import SECTION_KEYS
from harm.seed import SEED_PREFIX
from tests.conftest import sign_in


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_seed_adds_families_up_to_the_total_asked(runner):
    result = runner.invoke(args=["demo", "seed", "--families", "3"])
    assert result.exit_code == 0, result.output
    assert "Added 3 invented families" in result.output
    result = runner.invoke(args=["demo", "seed", "--families", "5"])
    assert "Added 2 invented families; 5 seeded families in all." in result.output
    assert count(Family) == 5
    assert count(Membership) == 5
    assert count(PlanSection) == 5 * len(SECTION_KEYS)
    assert count(SectionRevision) == 5 * 3
    assert count(Milestone) == 5 * 3


def test_seed_refuses_a_negative_number_and_changes_nothing(runner):
    result = runner.invoke(args=["demo", "seed", "--families", "-1"])
    assert result.exit_code != 0
    assert count(Family) == 0


def test_a_seeded_family_opens_like_any_other(runner, client):
    runner.invoke(args=["demo", "seed", "--families", "2"])
    family = db.session.execute(select(Family).where(Family.name == f"{SEED_PREFIX}2")).scalar_one()
    sign_in(client, family.memberships[0].account)
    overview = client.get(f"/f/{family.public_id}")
    assert overview.status_code == 200
    assert "Seed family 2" in overview.text
    plan = client.get(f"/api/v1/families/{family.public_id}/plan").get_json()
    assert plan["completeness"] > 0
    assert client.get(f"/f/{family.public_id}/milestones").status_code == 200

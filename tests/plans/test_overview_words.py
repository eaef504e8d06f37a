"""The plan speaks to the parent about their own plan and goals first, and to a worker about the family's."""
from __future__ import annotations

from harm.families import roles
from harm.families.models import Membership
from harm.plans import service
from harm.plans.sections import RESPONSE_STEPS
from tests.conftest import sign_in
from tests.plan_data import PLAN, fill_plan


def test_a_done_plan_is_the_parents_own_and_for_a_worker_the_parts_they_can_see(make_client, household):
    fill_plan(household.family)
    parent = Membership.query.filter_by(family_id=household.family.id, role=roles.PARENT).one()
    overdose = PLAN["overdose"] | {"steps_known": [key for key, _label in RESPONSE_STEPS]}
    service.save_section(parent, "overdose", overdose, service.load_section(parent, "overdose").version)
    for role, words in ((roles.PARENT, "Your plan is complete."), (roles.CASEWORKER, "Every part you can see is done."),
                        (roles.PEER, "Every part you can see is done.")):
        page = sign_in(make_client(), household.people[role]).get(f"/f/{household.id}").text
        other = "Every part you can see is done." if role == roles.PARENT else "Your plan is complete."
        assert words in page and other not in page, role


def test_the_parent_meets_their_own_goals_first_and_a_worker_the_parents(make_client, household):
    side_by_side = "side by side"
    parent_page = sign_in(make_client(), household.people[roles.PARENT]).get(f"/f/{household.id}/plan/goals").text
    assert parent_page.index("My goals") < parent_page.index(side_by_side)
    worker_page = sign_in(make_client(), household.people[roles.CASEWORKER]).get(f"/f/{household.id}/plan/goals").text
    assert worker_page.index(side_by_side) < worker_page.index("What the agency expects</label>")

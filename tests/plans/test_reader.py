"""The one plan reader other features use: each accessor, and a malformed stored date read one way."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from harm.extensions import db
from harm.plans.models import PlanSection
from harm.plans.reader import NaloxoneKit, Person, plan_view, read_date, read_plan
from tests.conftest import sign_in

PLAN = {
    "naloxone": {"kits": [{"location": "Kitchen drawer", "expires": "2031-05-01"},
                          {"location": "Car", "expires": "soon"},
                          {"location": "", "expires": "2030-01-31"}]},
    "storage": {"location": "Hall closet", "key_holder": "Grandma"},
    "overdose": {"who_checks": "Sam, every evening", "never_alone": "Call the Never Use Alone line",
                 "children_know": [{"name": "Jo", "knows": "Call 911"}, {"name": "Al", "knows": ""}]},
    "household": {"backup_caregivers": [{"name": "Aunt Rita", "phone": "555-0101"}, {"name": "Pat"}]},
    "supports": {"people": [{"name": "Dr. Lee", "phone": "555-0199"}, {"name": "", "phone": "555-0000"}]},
}


@pytest.mark.parametrize("stored", ["2031-13-01", "soon", "", None, 20310501, ["2031-05-01"], {"y": 2031}])
def test_a_malformed_stored_date_reads_as_none(stored):
    assert read_date(stored) is None


def test_a_stored_date_reads_as_a_date():
    assert read_date("2031-05-01") == date(2031, 5, 1)


def test_each_accessor_reads_its_answer():
    view = plan_view(PLAN)
    assert view.kits == (NaloxoneKit("Kitchen drawer", date(2031, 5, 1)), NaloxoneKit("Car", None),
                         NaloxoneKit("", date(2030, 1, 31)))
    assert view.naloxone_places == ["Kitchen drawer", "Car"]
    assert view.kit_expiry_dates == [date(2031, 5, 1), date(2030, 1, 31)]
    assert (view.lockbox_place, view.key_holder) == ("Hall closet", "Grandma")
    assert view.who_checks == "Sam, every evening"
    assert view.never_alone == "Call the Never Use Alone line"
    assert view.children_know == (("Jo", "Call 911"),)
    assert view.backup_caregivers == (Person("Aunt Rita", "555-0101"), Person("Pat", ""))
    assert view.supports == (Person("Dr. Lee", "555-0199"),)
    assert view.crisis_contacts == [Person("Aunt Rita", "555-0101"), Person("Dr. Lee", "555-0199")]


def test_sections_not_given_or_not_the_right_shape_read_as_empty():
    view = plan_view({"naloxone": {"kits": ["Kitchen", {"location": 7, "expires": 20310501}]}, "storage": "closet",
                      "household": {"backup_caregivers": "Aunt Rita"}})
    assert view.kits == (NaloxoneKit("7", None),)
    assert view.lockbox_place == view.who_checks == ""
    assert view.backup_caregivers == view.supports == ()
    assert view.crisis_contacts == []


def test_read_plan_reads_only_the_sections_named(household):
    for key, data in PLAN.items():
        section = db.session.execute(select(PlanSection).where(
            PlanSection.family_id == household.family.id, PlanSection.key == key)).scalar_one()
        section.data = data
    db.session.commit()
    everything = read_plan(household.family.id, PLAN)
    assert everything == plan_view(PLAN)
    only_naloxone = read_plan(household.family.id, ["naloxone"])
    assert only_naloxone.naloxone_places == ["Kitchen drawer", "Car"]
    assert only_naloxone.who_checks == "" and only_naloxone.supports == ()


def test_a_kit_date_stored_as_a_number_does_not_break_the_caseload(make_client, household):
    """An old or hand-edited plan may hold a date that is not text: the caseload page still opens."""
    soon = (date.today() + timedelta(days=5)).isoformat()
    section = db.session.execute(select(PlanSection).where(
        PlanSection.family_id == household.family.id, PlanSection.key == "naloxone")).scalar_one()
    section.data = {"kits": [{"location": "Kitchen", "expires": 20310501}, {"location": "Car", "expires": soon}]}
    db.session.commit()
    page = sign_in(make_client(), household.people["caseworker"]).get("/caseload")
    assert page.status_code == 200
    assert "A naloxone kit expires within 30 days" in page.text


def test_no_feature_reads_plan_answers_by_key_name():
    """Only harm/plans knows the stored answers' names; the demo data (cli.py, seed.py) writes them."""
    harm = Path(__file__).resolve().parent.parent.parent / "harm"
    names = re.compile(r'"(kits|expires|backup_caregivers|who_checks|never_alone|children_know|key_holder)"')
    readers = sorted(str(path.relative_to(harm.parent)) for path in harm.rglob("*.py")
                     if names.search(path.read_text()) and path.parent.name != "plans"
                     and path.name not in ("cli.py", "seed.py"))
    assert readers == []

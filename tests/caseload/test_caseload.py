"""The caseload: the caseworker's families only, what is overdue, search and sort, no N+1 queries."""
from __future__ import annotations

from datetime import date, timedelta

from harm.checkins.models import CheckIn
from harm.extensions import db
from harm.families import roles
from harm.families.models import Family, Membership
from harm.milestones.models import Milestone
from harm.plans.models import PlanSection
from harm.plans.sections import SECTIONS
from harm.reviews.models import JointReview
from tests.conftest import make_account, sign_in


def add_families(caseworker_id: int, count: int, start: int = 0) -> None:
    """Families with a plan, check-ins, reviews and milestones, added in bulk."""
    today = date.today()  # at run time, not import time: a run may cross midnight
    families = [Family(name=f"Family {n:03d}") for n in range(start, start + count)]
    db.session.add_all(families)
    db.session.flush()
    for n, family in enumerate(families, start):
        db.session.add(Membership(family_id=family.id, account_id=caseworker_id, role=roles.CASEWORKER))
        for key, section in SECTIONS.items():
            data = section.empty_data()
            if key == "naloxone":
                data["kits"] = [{"location": "Kitchen", "expires": (today + timedelta(days=n % 60 - 10)).isoformat()}]
            db.session.add(PlanSection(family_id=family.id, key=key, data=data))
        db.session.add(CheckIn(family_id=family.id, happened_on=today - timedelta(days=20), how_it_went="ok",
                               next_on=today + timedelta(days=(n % 3) * 10 - 5)))
        db.session.add(JointReview(family_id=family.id, held_on=today - timedelta(days=90),
                                   next_review_on=today - timedelta(days=1) if n % 2 else None))
        for days in (1, 2, 3, 4):
            db.session.add(Milestone(family_id=family.id, kind="lockbox_in_place", happened_on=today - timedelta(days)))
    db.session.commit()


def test_the_caseload_uses_one_query_per_kind_of_data_whatever_the_count(make_client, app, count_statements):
    caseworker = make_account("Morgan Caseworker")
    browser = sign_in(make_client(), caseworker)
    caseworker_id = caseworker.id
    add_families(caseworker_id, 5)
    browser.get("/caseload")  # the first visit after sign-in also notes the session's activity
    db.session.remove()
    with count_statements() as few:
        page = browser.get("/caseload")
    assert page.status_code == 200 and "Family 004" in page.text
    add_families(caseworker_id, 195, start=5)
    browser.get("/caseload")
    db.session.remove()
    with count_statements() as many:
        page = browser.get("/caseload")
    assert page.text.count('<meter min="0" max="6"') == 200
    assert len(many) == len(few), "\n".join(many)
    assert len(many) <= 9  # the session, the lock setting, families, plan sections, check-ins, reviews, milestones


def test_overdue_items_visits_and_newest_milestones(make_client, household):
    today = date.today()  # at run time, not import time: a run may cross midnight
    base = f"/f/{household.id}"
    parent = sign_in(make_client(), household.people["parent"])
    parent.post(base + "/plan/naloxone", data={"version": "0", "kits-0-location": "Kitchen",
                                               "kits-0-expires": (today + timedelta(days=12)).isoformat()})
    parent.post(base + "/milestones", data={"kind": "naloxone_in_home"})
    db.session.add(CheckIn(family_id=household.family.id, happened_on=today - timedelta(days=30), how_it_went="ok",
                           next_on=today - timedelta(days=2)))
    db.session.add(JointReview(family_id=household.family.id, held_on=today - timedelta(days=100),
                               next_review_on=today - timedelta(days=10)))
    db.session.commit()
    page = sign_in(make_client(), household.people["caseworker"]).get("/caseload").text
    assert "Test household" in page and "Other household" not in page
    for words in ("A naloxone kit expires within 30 days", "The review date has passed", "A check-in was missed",
                  "Naloxone kit in the home"):
        assert words in page, words
    assert "Plan: 0 of 6 parts done" in page


def test_only_families_that_let_the_caseworker_in(make_client, household):
    for role in ("peer", "parent", "outsider"):
        page = sign_in(make_client(), household.people[role]).get("/caseload").text
        assert "Test household" not in page and "No families yet" in page, role


def test_search_and_sort_by_family_name(make_client, app):
    caseworker = make_account("Morgan Caseworker")
    add_families(caseworker.id, 3)
    browser = sign_in(make_client(), caseworker)
    found = browser.get("/caseload?q=family 001").text
    assert "Family 001" in found and "Family 002" not in found
    assert "No family name matches" in browser.get("/caseload?q=%25").text  # a wildcard is just a letter
    by_name = browser.get("/caseload?sort=name").text
    assert by_name.index("Family 000") < by_name.index("Family 001") < by_name.index("Family 002")
    by_visit = browser.get("/caseload?sort=next_visit").text  # next visits: -5, +5, +15 days
    assert by_visit.index("Family 000") < by_visit.index("Family 001") < by_visit.index("Family 002")
    assert browser.get("/caseload?sort=nonsense").status_code == 200


def test_each_save_shows_on_the_caseload_at_once(make_client, household):
    """The caseload keeps what it read of each section version: a save must still show on the next visit."""
    today = date.today()
    naloxone = f"/f/{household.id}/plan/naloxone"
    parent = sign_in(make_client(), household.people["parent"])
    caseworker = sign_in(make_client(), household.people["caseworker"])
    assert "A naloxone kit has expired" not in caseworker.get("/caseload").text
    parent.post(naloxone, data={"version": "0", "kits-0-location": "Kitchen",
                                "kits-0-expires": (today - timedelta(days=3)).isoformat()})
    assert "A naloxone kit has expired" in caseworker.get("/caseload").text
    parent.post(naloxone, data={"version": "1", "kits-0-location": "Kitchen",
                                "kits-0-expires": (today + timedelta(days=300)).isoformat()})
    assert "A naloxone kit" not in caseworker.get("/caseload").text


def test_search_and_sort_come_before_the_list_only_when_there_are_many_families(make_client, app):
    caseworker = make_account("Morgan Caseworker")
    browser = sign_in(make_client(), caseworker)
    add_families(caseworker.id, 5)
    few = browser.get("/caseload").text
    assert "Family 004" in few and "Search by family name" not in few
    assert "Search by family name" in browser.get("/caseload?q=family").text  # a search keeps its form
    add_families(caseworker.id, 1, start=5)
    many = browser.get("/caseload").text
    assert many.index("Search by family name") < many.index("Family 000")


def test_the_view_decides_whether_search_and_sort_show(make_client, app):
    """The template gets one yes or no, not the threshold to compare with."""
    from flask import template_rendered
    caseworker = make_account("Morgan Caseworker")
    browser = sign_in(make_client(), caseworker)
    add_families(caseworker.id, 5)
    shown: list[dict] = []

    def keep(_sender, template, context, **_extra):
        if template.name == "caseload/caseload.html":
            shown.append(context)

    with template_rendered.connected_to(keep, app):
        for url in ("/caseload", "/caseload?q=family", "/caseload?sort=completeness"):
            browser.get(url)
        add_families(caseworker.id, 1, start=5)
        browser.get("/caseload")
    assert [context["show_filters"] for context in shown] == [False, True, True, True]
    assert not any("SEARCH_FROM" in context for context in shown)

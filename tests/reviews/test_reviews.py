"""Joint case reviews: children first, then the parent, then the family; progress from milestones; comments."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from harm.extensions import db
from harm.milestones.models import Milestone
from harm.reviews.models import JointReview
from tests.conftest import sign_in


def days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def test_a_review_follows_the_seed_order_and_shows_progress(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    base = f"/f/{household.id}"
    caseworker.post(base + "/milestones", data={"kind": "lockbox_in_place", "happened_on": days_ago(40)})
    caseworker.post(base + "/reviews/new", data={"held_on": days_ago(30), "children_safety": "First review."})
    caseworker.post(base + "/milestones", data={"kind": "naloxone_in_home", "happened_on": days_ago(10)})
    response = caseworker.post(base + "/reviews/new", data={
        "held_on": days_ago(1), "children_safety": "Sky is safe.", "parent_working": "Jordan keeps visits.",
        "family_change": "More time together.", "next_review_on": days_ago(-60)})
    assert response.status_code == 302
    page = caseworker.get(response.location).text
    assert page.index("The children") < page.index("The parent") < page.index("The family as a whole")
    assert "Sky is safe." in page and "Jordan keeps visits." in page and "More time together." in page
    progress = page[page.index("Progress since the last review"):]
    assert "Naloxone kit in the home" in progress and "Lockbox in place" not in progress


def test_the_parent_reads_the_review_and_adds_a_comment(make_client, household):
    peer = sign_in(make_client(), household.people["peer"])
    location = peer.post(f"/f/{household.id}/reviews/new", data={"children_care": "School every day."}).location
    parent = sign_in(make_client(), household.people["parent"])
    assert "School every day." in parent.get(location).text
    empty = parent.post(location + "/comments", data={"comment": "  "})
    assert empty.status_code == 422 and "Please write your comment first." in empty.text
    assert parent.post(location + "/comments", data={"comment": "I want more help with rides."}).status_code == 302
    page = peer.get(location).text
    assert "I want more help with rides." in page and "Riley Parent" in page
    assert "css/casework." in page  # the print stylesheet hides the menus and forms


def test_a_bad_review_saves_nothing_and_keeps_the_words(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    url = f"/f/{household.id}/reviews/new"
    blank = caseworker.post(url, data={"held_on": days_ago(0)})
    assert blank.status_code == 422 and "at least one answer" in blank.text
    wrong = caseworker.post(url, data={"parent_working": "Kept words", "held_on": days_ago(0),
                                       "next_review_on": days_ago(5)})
    assert wrong.status_code == 422 and "Kept words" in wrong.text and "must be after this one" in wrong.text
    future = caseworker.post(url, data={"parent_working": "x", "held_on": days_ago(-9)})
    assert future.status_code == 422
    assert caseworker.post(url, data={"parent_working": "x" * 2001}).status_code == 422
    assert db.session.execute(select(JointReview)).first() is None
    assert db.session.execute(select(Milestone)).first() is None


def test_another_familys_review_is_not_found(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    location = caseworker.post(f"/f/{household.id}/reviews/new", data={"children_safety": "Safe."}).location
    review_id = location.rsplit("/", 1)[1]
    outsider = sign_in(make_client(), household.people["outsider"])
    assert outsider.get(f"/f/{household.other_family.public_id}/reviews/{review_id}").status_code == 404

"""Review and visit reminders take their date from the family's plan: a new date there moves the reminder."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from harm.families import roles
from tests.conftest import sign_in, table_counts

pytestmark = pytest.mark.db

AT_NINE_UTC = {"at_time": "09:00", "timezone": "UTC"}


def in_days(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def reminder_of(member, reminder_id):
    [found] = [r for r in member.get("/api/v1/reminders").get_json() if r["id"] == reminder_id]
    return found


def add_reminder(member, kind, family_id):
    made = member.post("/api/v1/reminders", json={"kind": kind, "family": family_id} | AT_NINE_UTC)
    assert made.status_code == 201, made.text
    return made.get_json()["id"]


def test_the_review_reminder_follows_the_next_review_date_the_caseworker_sets(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    reminder_id = add_reminder(parent, "plan_review", household.id)
    assert reminder_of(parent, reminder_id)["next_due_at"] is None  # no review date in the plan yet

    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    saved = caseworker.post(f"/f/{household.id}/reviews/new", data={
        "held_on": in_days(0), "children_safety": "The lockbox is in place.", "next_review_on": in_days(20)})
    assert saved.status_code == 302, saved.text
    assert reminder_of(parent, reminder_id)["next_due_at"].startswith(f"{in_days(20)}T09:00:00")

    # The next review moves the date: the reminder moves with it.
    caseworker.post(f"/f/{household.id}/reviews/new", data={
        "held_on": in_days(1), "family_working": "Sunday dinners.", "next_review_on": in_days(45)})
    assert reminder_of(parent, reminder_id)["next_due_at"].startswith(f"{in_days(45)}T09:00:00")


def test_the_visit_reminder_follows_the_next_check_in_the_caseload_shows(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    reminder_id = add_reminder(parent, "checkin", household.id)
    peer = sign_in(make_client(), household.people[roles.PEER])
    answer = peer.post(f"/f/{household.id}/checkins", data={"how_it_went": "A calm week.", "next_on": in_days(7)})
    assert answer.status_code == 302
    assert reminder_of(parent, reminder_id)["next_due_at"].startswith(f"{in_days(7)}T09:00:00")

    caseworker = sign_in(make_client(), household.people[roles.CASEWORKER])
    caseworker.post(f"/f/{household.id}/checkins", data={"how_it_went": "Home visit.", "next_on": in_days(3)})
    assert reminder_of(parent, reminder_id)["next_due_at"].startswith(f"{in_days(3)}T09:00:00")
    # A check-in with no next date leaves nothing to remind about.
    peer.post(f"/f/{household.id}/checkins", data={"how_it_went": "Phone call."})
    assert reminder_of(parent, reminder_id)["next_due_at"] is None


def test_another_familys_dates_and_a_paused_reminder_do_not_move(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    reminder_id = add_reminder(parent, "checkin", household.id)
    parent.patch(f"/api/v1/reminders/{reminder_id}", json={"paused": True})
    peer = sign_in(make_client(), household.people[roles.PEER])
    peer.post(f"/f/{household.id}/checkins", data={"how_it_went": "Good.", "next_on": in_days(5)})
    assert reminder_of(parent, reminder_id)["next_due_at"] is None  # paused: nothing is sent
    turned_on = parent.patch(f"/api/v1/reminders/{reminder_id}", json={"paused": False}).get_json()
    assert turned_on["next_due_at"].startswith(f"{in_days(5)}T09:00:00")


def test_a_plan_dated_reminder_needs_one_of_ones_own_families(make_client, household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    before = table_counts()
    for family in (None, household.other_family.public_id):
        answer = parent.post("/api/v1/reminders", json={"kind": "plan_review", "family": family} | AT_NINE_UTC)
        assert answer.status_code == 422
        assert "Please pick one of your family plans." in answer.get_json()["errors"]["json"]["family"]
    assert table_counts() == before

"""The parent's own voice in a joint review and on the outcomes: what a worker, a peer or a stranger can do."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from harm.agencies.models import Agency, FamilyOutcome
from harm.extensions import db
from harm.reports.models import OutcomeNote
from harm.reviews.models import ReviewFamilyPart
from tests.conftest import sign_in


def a_review(make_client, household) -> tuple[object, str]:
    worker = sign_in(make_client(), household.people["caseworker"])
    location = worker.post(f"/f/{household.id}/reviews/new", data={
        "children_safety": "Sky is safe at home.", "parent_working": "Visits kept every week.",
        "family_change": "More time outside together."}).location
    return worker, location


def test_the_parent_writes_their_own_part_of_each_step_beside_the_team(make_client, household):
    worker, location = a_review(make_client, household)
    parent = sign_in(make_client(), household.people["parent"])
    page = parent.get(location).text
    assert page.index('name="own_children"') < page.index('name="own_parent"') < page.index('name="own_family"')
    saved = parent.post(location + "/family-part", data={
        "own_children": "Sky sleeps well now.", "own_parent": "I go to my group on Tuesdays.", "own_family": ""})
    assert saved.status_code == 302
    for someone in (worker, sign_in(make_client(), household.people["peer"]), parent):
        page = someone.get(location).text
        children = page[page.index('id="step-children"'):page.index('id="step-parent"')]
        assert "Sky is safe at home." in children and "Sky sleeps well now." in children
        assert "Written by Morgan Caseworker, caseworker, on" in children
        assert "Written by Riley Parent, parent, on" in children
        family = page[page.index('id="step-family"'):]
        assert "More time outside together." in family
    assert "The parent has not written this part yet." in worker.get(location).text


def test_a_worker_a_peer_or_a_stranger_cannot_write_the_parents_part(make_client, household):
    worker, location = a_review(make_client, household)
    url = location + "/family-part"
    assert worker.post(url, data={"own_parent": "The parent agrees with everything."}).status_code == 403
    assert sign_in(make_client(), household.people["caregiver"]).post(url, data={"own_parent": "x"}).status_code == 403
    assert sign_in(make_client(), household.people["peer"]).post(url, data={"own_parent": "x"}).status_code == 403
    outsider = sign_in(make_client(), household.people["outsider"])
    assert outsider.post(url, data={"own_parent": "x"}).status_code == 404
    assert "own_parent" not in worker.get(location).text  # no box for the parent's words on a worker's page
    assert db.session.execute(select(ReviewFamilyPart)).first() is None


def test_a_bad_part_saves_nothing_and_keeps_the_words(make_client, household):
    _worker, location = a_review(make_client, household)
    parent = sign_in(make_client(), household.people["parent"])
    empty = parent.post(location + "/family-part", data={"own_children": " ", "own_parent": ""})
    assert empty.status_code == 422 and "at least one answer" in empty.text
    long = parent.post(location + "/family-part", data={"own_children": "Kept words", "own_parent": "x" * 2001})
    assert long.status_code == 422 and "Kept words" in long.text and "under 2000 letters" in long.text
    assert db.session.execute(select(ReviewFamilyPart)).first() is None


def test_each_outcome_is_explained_and_the_parent_adds_their_own_note(make_client, household):
    agency = Agency(name="Riverside Family Services")
    db.session.add(agency)
    db.session.commit()
    db.session.add(FamilyOutcome(agency_id=agency.id, family_id=household.family.id, no_repeat_maltreatment="yes",
                                 no_reentry="unknown", recorded_on=date.today()))
    db.session.commit()
    parent = sign_in(make_client(), household.people["parent"])
    url = f"/f/{household.id}/outcomes"
    page = parent.get(url).text
    for words in ("No repeat maltreatment", "no new report about your children", "No re-entry to care",
                  "did not go back into foster care", "Add my note about this"):
        assert words in page.replace("&#39;", "'")
    saved = parent.post(url + "/notes", data={"outcome": "no_reentry", "note": "Kai came home in May."})
    assert saved.status_code == 302
    worker = sign_in(make_client(), household.people["caseworker"])
    shown = worker.get(url).text
    note = shown[shown.index('id="outcome-no_reentry"'):]
    assert "Kai came home in May." in note and "Note by <bdi>Riley Parent</bdi>, parent, on" in note
    assert "Add my note about this" not in shown  # the worker reads it; it is not theirs to write


def test_nobody_else_writes_the_parents_outcome_note(make_client, household):
    url = f"/f/{household.id}/outcomes/notes"
    form = {"outcome": "recovery", "note": "Written for the parent"}
    for role in ("caseworker", "caregiver", "peer"):
        assert sign_in(make_client(), household.people[role]).post(url, data=form).status_code == 403
    assert sign_in(make_client(), household.people["outsider"]).post(url, data=form).status_code == 404
    parent = sign_in(make_client(), household.people["parent"])
    assert parent.post(url, data={"outcome": "recovery", "note": "  "}).status_code == 422
    assert parent.post(url, data={"outcome": "nope", "note": "x"}).status_code == 422
    assert parent.post(url, data={"outcome": "recovery", "note": "x" * 1001}).status_code == 422
    assert db.session.execute(select(OutcomeNote)).first() is None

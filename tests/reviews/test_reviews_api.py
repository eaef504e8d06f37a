"""Joint reviews as JSON: the same reviews, the same two voices and the same who-may-do-what as the pages."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask

from harm.families.access import refusal_for
from harm.families.capabilities import Capability as C
from tests.conftest import Household, sign_in, table_counts

ERROR_KEYS = {"code", "status", "message", "errors"}
REVIEW = {"children_safety": "Sky is safe at home.", "parent_working": "Visits kept every week.",
          "family_change": "More time outside together."}


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def api(household: Household) -> str:
    return f"/api/v1/families/{household.id}/reviews"


def days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def opened(make_client, household: Household, body: dict | None = None) -> tuple[object, str]:
    """A caseworker opens a review through the API; the review's API address."""
    worker = sign_in(make_client(), household.people["caseworker"])
    answer = worker.post(api(household), json=body or REVIEW)
    assert answer.status_code == 201, answer.text
    return worker, f"{api(household)}/{answer.get_json()['id']}"


def step(review: dict, key: str) -> dict:
    return next(s for s in review["steps"] if s["key"] == key)


def test_a_worker_opens_a_review_and_every_member_reads_both_voices(make_client, household):
    worker = sign_in(make_client(), household.people["caseworker"])
    worker.post(f"/api/v1/families/{household.id}/milestones", json={"kind": "lockbox_in_place",
                                                                      "happened_on": days_ago(40)})
    first = worker.post(api(household), json={"held_on": days_ago(30), "children_safety": "First review."})
    assert first.status_code == 201
    worker.post(f"/api/v1/families/{household.id}/milestones", json={"kind": "naloxone_in_home",
                                                                      "happened_on": days_ago(10)})
    answer = worker.post(api(household), json=REVIEW | {"held_on": days_ago(1), "next_review_on": days_ago(-60)})
    assert answer.status_code == 201, answer.text
    url = f"{api(household)}/{answer.get_json()['id']}"
    parent = sign_in(make_client(), household.people["parent"])
    saved = parent.patch(url + "/family-part", json={"children": "Sky sleeps well now.",
                                                     "parent": "I go to my group on Tuesdays."})
    assert saved.status_code == 200, saved.text
    for role in ("parent", "caregiver", "caseworker", "peer"):
        reader = sign_in(make_client(), household.people[role])
        listed = reader.get(api(household)).get_json()
        assert [r["held_on"] for r in listed] == [days_ago(1), days_ago(30)], role
        review = reader.get(url).get_json()
        assert [s["key"] for s in review["steps"]] == ["children", "parent", "family"]
        children = step(review, "children")
        assert children["title"] == "The children"
        assert {"key": "children_safety", "question": "Are the children safe?",
                "text": "Sky is safe at home."} in children["team"]
        assert children["family"]["text"] == "Sky sleeps well now."
        assert children["family"]["written_by"] == {"name": "Riley Parent", "role": "parent"}
        assert step(review, "family")["family"] is None  # the parent has not written this part
        assert review["written_by"] == {"name": "Morgan Caseworker", "role": "caseworker"}
        assert review["next_review_on"] == days_ago(-60)
        assert review["progress"]["since"] == days_ago(30)
        assert [m["kind"] for m in review["progress"]["milestones"]] == ["naloxone_in_home"]
    page = parent.get(url.replace("/api/v1/families/", "/f/")).text
    assert "Sky sleeps well now." in page and "Sky is safe at home." in page  # the page shows what the API wrote


def test_members_comment_through_the_api_and_an_empty_comment_changes_nothing(make_client, household):
    _worker, url = opened(make_client, household)
    parent = sign_in(make_client(), household.people["parent"])
    before = table_counts()
    empty = parent.post(url + "/comments", json={"comment": "   "})
    assert empty.status_code == 422 and ERROR_KEYS <= set(empty.get_json())
    assert empty.get_json()["errors"]["json"]["comment"] == ["Please write your comment first."]
    assert table_counts() == before
    added = parent.post(url + "/comments", json={"comment": "I want more help with rides."})
    assert added.status_code == 201 and added.get_json()["by"] == "Riley Parent"
    peer = sign_in(make_client(), household.people["peer"])
    comments = peer.get(url).get_json()["comments"]
    assert [(c["by"], c["text"]) for c in comments] == [("Riley Parent", "I want more help with rides.")]


def test_nobody_but_the_parent_writes_the_parents_part_through_the_api(make_client, household):
    worker, url = opened(make_client, household)
    parent = sign_in(make_client(), household.people["parent"])
    assert parent.patch(url + "/family-part", json={"parent": "My own words."}).status_code == 200
    others = {role: sign_in(make_client(), household.people[role]) for role in ("caregiver", "peer", "outsider")}
    before = table_counts()
    for role, someone in (("caseworker", worker), ("caregiver", others["caregiver"]), ("peer", others["peer"])):
        for body in ({"parent": "The parent agrees with everything."}, {"children": ""}, {"parent": 5}):
            refused = someone.patch(url + "/family-part", json=body)
            assert refused.status_code == 403, (role, body)
            error = refused.get_json()
            assert ERROR_KEYS <= set(error) and error["code"] == 403
            assert error["message"] == refusal_for(role, C.WRITE_REVIEW_PART)  # the page's words
    outsider = others["outsider"]
    assert outsider.patch(url + "/family-part", json={"parent": "x"}).status_code == 404
    # The outsider is the parent of their own family: the household's review is not there.
    elsewhere = url.replace(household.id, household.other_family.public_id)
    assert outsider.patch(elsewhere + "/family-part", json={"parent": "x"}).status_code == 404
    assert outsider.get(elsewhere).status_code == 404
    assert make_client().patch(url + "/family-part", json={"parent": "x"}).status_code == 401
    assert table_counts() == before
    assert step(parent.get(url).get_json(), "parent")["family"]["text"] == "My own words."


def test_only_workers_open_reviews_through_the_api(make_client, household):
    for role in ("parent", "caregiver"):
        refused = sign_in(make_client(), household.people[role]).post(api(household), json=REVIEW)
        assert refused.status_code == 403 and refused.get_json()["message"] == refusal_for(role, C.OPEN_REVIEW)
    assert sign_in(make_client(), household.people["outsider"]).post(api(household), json=REVIEW).status_code == 404
    assert table_counts()["joint_review"] == 0
    peer = sign_in(make_client(), household.people["peer"])  # this parent shares reviews with the peer
    assert peer.post(api(household), json=REVIEW).status_code == 201


@pytest.mark.parametrize(("body", "field"), [
    (REVIEW | {"mood": "fine"}, "mood"),
    ({"children_safety": "x" * 2001}, "children_safety"),
    ({"children_safety": "Safe\x1b[2J at home."}, "children_safety"),
    ({"children_safety": 5}, "children_safety"),
    ({"children_safety": None}, "children_safety"),
    ({"children_safety": ["Safe."]}, "children_safety"),
    (REVIEW | {"held_on": "yesterday"}, "held_on"),
    (REVIEW | {"held_on": 20270101}, "held_on"),
    (REVIEW | {"held_on": "0001-01-01"}, "held_on"),
    (REVIEW | {"held_on": days_ago(-9)}, "held_on"),
    (REVIEW | {"held_on": days_ago(1), "next_review_on": days_ago(5)}, "next_review_on"),
    ({"children_safety": "  "}, "_form"),
    ({}, "_form"),
])
def test_a_bad_review_gets_the_one_error_shape_and_changes_nothing(make_client, household, body, field):
    worker = sign_in(make_client(), household.people["caseworker"])
    before = table_counts()
    answer = worker.post(api(household), json=body)
    assert answer.status_code == 422, answer.text
    error = answer.get_json()
    assert ERROR_KEYS <= set(error) and error["code"] == 422
    assert error["errors"]["json"][field], error
    assert table_counts() == before


@pytest.mark.parametrize(("body", "field"), [
    ({"parent": "My words.", "mood": "fine"}, "mood"),
    ({"parent": "x" * 2001}, "parent"),
    ({"parent": "My\x07 words."}, "parent"),
    ({"parent": 5}, "parent"),
    ({"children": None}, "children"),
    ({"parent": " "}, "_form"),
])
def test_a_bad_part_from_the_parent_gets_the_one_error_shape_and_changes_nothing(make_client, household, body,
                                                                                  field):
    _worker, url = opened(make_client, household)
    parent = sign_in(make_client(), household.people["parent"])
    before = table_counts()
    answer = parent.patch(url + "/family-part", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.get_json()
    assert ERROR_KEYS <= set(error) and error["errors"]["json"][field], error
    assert table_counts() == before


def test_a_body_that_is_not_an_object_is_refused_in_the_one_error_shape(make_client, household):
    worker, url = opened(make_client, household)
    before = table_counts()
    for sent in ([REVIEW], "Safe.", 5):
        answer = worker.post(api(household), json=sent)
        assert answer.status_code == 422 and ERROR_KEYS <= set(answer.get_json()), sent
        answer = worker.post(url + "/comments", json=sent)
        assert answer.status_code == 422 and ERROR_KEYS <= set(answer.get_json()), sent
    assert table_counts() == before


def test_review_errors_come_in_the_readers_language(make_client, household):
    worker, url = opened(make_client, household)
    headers = {"Accept-Language": "es"}
    unknown = worker.post(api(household), json=REVIEW | {"mood": "fine"}, headers=headers).get_json()
    assert unknown["errors"]["json"]["mood"] == ["Aquí no hay ese campo."]
    wrong = worker.post(url + "/comments", json={"comment": 5}, headers=headers).get_json()
    assert wrong["errors"]["json"]["comment"] == ["Esta respuesta no es del tipo correcto."]


def test_a_review_of_another_family_is_not_found(make_client, household):
    _worker, url = opened(make_client, household)
    review_id = url.rsplit("/", 1)[1]
    outsider = sign_in(make_client(), household.people["outsider"])
    assert outsider.get(url).status_code == 404
    other = f"/api/v1/families/{household.other_family.public_id}/reviews"
    assert outsider.get(other).get_json() == []
    missing = outsider.get(f"{other}/{review_id}")
    assert missing.status_code == 404 and missing.get_json()["code"] == 404
    assert outsider.post(f"{other}/{review_id}/comments", json={"comment": "x"}).status_code == 404


def test_a_forged_cross_site_write_without_the_token_is_refused_and_stores_nothing(make_client, household):
    worker, url = opened(make_client, household)
    parent = sign_in(make_client(), household.people["parent"])
    before = table_counts()
    forged = {"X-CSRFToken": ""}  # another site can make the browser send the cookie, never the token
    for client, method, path, body in ((parent, "PATCH", url + "/family-part", {"parent": "Not my words."}),
                                       (parent, "POST", url + "/comments", {"comment": "Not my words."}),
                                       (worker, "POST", api(household), REVIEW)):
        answer = client.open(path, method=method, json=body, headers=forged)
        assert answer.status_code == 400 and ERROR_KEYS <= set(answer.get_json()), path
    assert table_counts() == before

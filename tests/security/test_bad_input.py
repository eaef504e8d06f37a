"""Bad input never gives a 500: lone surrogates and NULs, deep JSON and far-off dates, as an attacker sends them."""
from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask

from harm.extensions import db
from harm.plans.models import PlanSection
from tests.conftest import Household, sign_in, table_counts

LINK = re.compile(r"http://localhost/s/([A-Za-z0-9_-]+)")
SURROGATE = "\ud800"


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


@pytest.fixture
def parent(client, household: Household):
    return sign_in(client, household.people["parent"])


def supports(name: str) -> dict:
    return {"version": 0, "data": {"people": [{"name": name, "kind": "", "phone": "555 0100"}], "our_words": ""}}


def share_link(parent, household: Household) -> str:
    answer = parent.post(f"/f/{household.id}/share", data={"parts": ["supports"], "lifetime": "week", "label": "Gran"})
    match = LINK.search(answer.text)
    assert match, answer.text
    return match.group(1)


def pages_showing_the_plan(household: Household) -> list[str]:
    fid = household.id
    return [f"/f/{fid}", f"/f/{fid}/plan/supports", f"/f/{fid}/fridge", f"/f/{fid}/fridge.pdf"]


@pytest.mark.parametrize("bad", [SURROGATE, "Gran\udfffma", "nul\x00here"])
def test_a_plan_save_with_a_lone_surrogate_or_nul_is_refused_and_every_page_still_works(
        parent, make_client, household: Household, bad: str) -> None:
    token = share_link(parent, household)
    before = table_counts()
    answer = parent.put(f"/api/v1/families/{household.id}/plan/supports", json=supports(bad))
    assert answer.status_code == 422, answer.text
    body = answer.get_json()
    assert set(body) >= {"code", "status", "message", "errors"} and body["code"] == 422
    assert table_counts() == before
    for path in pages_showing_the_plan(household):
        assert parent.get(path).status_code == 200, path
    assert make_client().get(f"/s/{token}").status_code == 200


def test_a_use_detail_with_a_lone_surrogate_is_refused(parent, household: Household) -> None:
    before = table_counts()
    answer = parent.post(f"/api/v1/families/{household.id}/use-details",
                         json={"category": "moud", "text": "dose " + SURROGATE})
    assert answer.status_code == 422, answer.text
    assert table_counts() == before
    assert parent.get(f"/f/{household.id}/use-details").status_code == 200
    assert parent.get(f"/api/v1/families/{household.id}/use-details").status_code == 200


def test_a_milestone_with_a_lone_surrogate_is_refused(parent, household: Household) -> None:
    before = table_counts()
    answer = parent.post(f"/api/v1/families/{household.id}/milestones",
                         json={"kind": "own", "title": "First " + SURROGATE, "note": SURROGATE})
    assert answer.status_code == 422, answer.text
    assert table_counts() == before
    assert parent.get(f"/f/{household.id}/milestones").status_code == 200


def test_a_surrogate_in_a_json_key_at_any_depth_is_refused(parent, household: Household) -> None:
    body = '{"version": 0, "data": {"people": [{"name": "x", "\\udc00": 1}]}}'
    answer = parent.put(f"/api/v1/families/{household.id}/plan/supports", data=body,
                        content_type="application/json")
    assert answer.status_code == 422, answer.text


def test_a_form_field_with_a_nul_is_refused_with_a_page(parent, household: Household) -> None:
    before = table_counts()
    answer = parent.post(f"/f/{household.id}/milestones", data={"kind": "own", "title": "a\x00b"})
    assert answer.status_code == 422
    assert answer.mimetype == "text/html" and "cannot save" in answer.text
    assert table_counts() == before


def test_a_nul_in_a_form_field_name_or_query_argument_is_refused(parent, household: Household) -> None:
    answer = parent.post(f"/f/{household.id}/milestones", data={"kind": "own", "title": "ok", "ti\x00tle": "x"})
    assert answer.status_code == 422
    answer = parent.post(f"/f/{household.id}/milestones?x=%00", data={"kind": "own", "title": "ok"})
    assert answer.status_code == 422


@pytest.mark.parametrize("depth", [65, 50_000])
def test_json_nested_too_deep_is_a_400_not_a_500(parent, household: Household, depth: int) -> None:
    body = '{"version": 0, "data": ' + "[" * depth + "]" * depth + "}"
    answer = parent.put(f"/api/v1/families/{household.id}/plan/supports", data=body,
                        content_type="application/json")
    assert answer.status_code == 400, answer.text
    assert answer.get_json()["code"] == 400


def test_json_with_brackets_inside_strings_is_not_counted_as_deep(parent, household: Household) -> None:
    body = supports("Gran")
    body["data"]["our_words"] = "[" * 200 + "\\\"{"
    answer = parent.put(f"/api/v1/families/{household.id}/plan/supports", json=body)
    assert answer.status_code == 200, answer.text


# ---- dates far off: one bounded parser, one translated message ---------------------------------------------

FAR = ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"]


@pytest.mark.parametrize("day", FAR)
def test_a_consent_ending_far_in_the_future_is_a_422(parent, household: Household, day: str) -> None:
    draft = {"parent_name": "Riley", "categories": ["moud"], "purpose": "Care",
             "recipients": [household.family.memberships[1].public_id], "expires_on": day}
    before = table_counts()
    answer = parent.post(f"/api/v1/families/{household.id}/consents", json=draft)
    assert answer.status_code == 422, answer.text
    assert "expires_on" in answer.get_json()["errors"]["json"]
    assert table_counts() == before


@pytest.mark.parametrize("day", FAR)
def test_far_off_dates_are_refused_everywhere_they_are_taken(
        parent, make_client, household: Household, day: str) -> None:
    fid = household.id
    caseworker = sign_in(make_client(), household.people["caseworker"])
    api = {
        f"/api/v1/families/{fid}/use-details": {"category": "moud", "text": "x", "happened_on": day},
        f"/api/v1/families/{fid}/milestones": {"kind": "own", "title": "x", "happened_on": day},
        "/api/v1/reminders": {"kind": "own", "title": "x", "on_date": day, "at_time": "09:00",
                              "timezone": "UTC"},
    }
    before = table_counts()
    for path, body in api.items():
        answer = parent.post(path, json=body)
        assert answer.status_code == 422, (path, answer.text)
    for field in ("happened_on", "next_on"):
        answer = caseworker.post(f"/api/v1/families/{fid}/checkins", json={"how_it_went": "ok", field: day})
        assert answer.status_code == 422, answer.text
    answer = parent.put(f"/api/v1/families/{fid}/plan/naloxone", json={"version": 0, "data": {
        "kits": [{"location": "shelf", "expires": day}]}})
    assert answer.status_code in (422,), answer.text
    assert table_counts() == before


@pytest.mark.parametrize("day", FAR)
def test_far_off_dates_in_forms_get_a_page_not_a_500(parent, make_client, household: Household, day: str) -> None:
    fid = household.id
    forms = {
        f"/f/{fid}/use-details": {"category": "moud", "text": "x", "happened_on": day},
        f"/f/{fid}/milestones": {"kind": "own", "title": "x", "happened_on": day},
        f"/f/{fid}/reviews/new": {"held_on": day, "went_well": "ok"},
    }
    caseworker = sign_in(make_client(), household.people["caseworker"])
    draft = {"parent_name": "Riley", "categories": "moud", "purpose": "Care", "expires_on": day,
             "recipients": household.family.memberships[1].public_id}
    before = table_counts()
    for client, path, form in [*((parent, path, form) for path, form in forms.items() if "reviews" not in path),
                               (parent, f"/f/{fid}/consents", draft),
                               (caseworker, f"/f/{fid}/reviews/new", forms[f"/f/{fid}/reviews/new"]),
                               (caseworker, f"/f/{fid}/checkins", {"how_it_went": "ok", "next_on": day})]:
        answer = client.post(path, data=form)
        assert answer.status_code == 422, (path, answer.status_code)
        assert "between the years 1900 and 2999" in answer.text, path
    # Showing a form again may log that use details were shown; nothing else is written.
    assert {**table_counts(), "access_log": 0} == {**before, "access_log": 0}


def test_a_sensible_date_is_still_taken(parent, household: Household) -> None:
    fid = household.id
    answer = parent.post(f"/api/v1/families/{fid}/milestones",
                         json={"kind": "own", "title": "x", "happened_on": date.today().isoformat()})
    assert answer.status_code == 201, answer.text


def test_a_lone_surrogate_stored_by_an_older_version_does_not_break_any_page(
        parent, make_client, household: Household) -> None:
    token = share_link(parent, household)
    # An older version saved this through the API; the JSON column keeps it escaped as "\ud800".
    saved = {"people": [{"name": "Gran" + SURROGATE, "kind": "", "phone": "555"}], "our_words": SURROGATE}
    section = db.session.execute(db.select(PlanSection).filter_by(family_id=household.family.id, key="supports"))
    row = section.scalar_one_or_none()
    if row is None:
        db.session.add(PlanSection(family_id=household.family.id, key="supports", version=1, data=saved))
    else:
        row.data = saved
    db.session.commit()
    for path in pages_showing_the_plan(household):
        assert parent.get(path).status_code == 200, path
    assert parent.get(f"/api/v1/families/{household.id}/plan").status_code == 200
    assert make_client().get(f"/s/{token}").status_code == 200


def test_a_lone_surrogate_in_a_use_detail_stored_by_an_older_version_does_not_break_its_pages(
        parent, household: Household) -> None:
    from harm.vault.keys import vault
    from harm.vault.models import UseDetail

    fid = household.id
    added = parent.post(f"/api/v1/families/{fid}/use-details", json={"category": "moud", "text": "dose"})
    assert added.status_code == 201
    row = db.session.execute(db.select(UseDetail)).scalar_one()
    row.sealed = vault().seal({"text": "dose " + SURROGATE, "happened_on": None})  # as an older version sealed it
    db.session.commit()
    assert parent.get(f"/f/{fid}/use-details").status_code == 200
    answer = parent.get(f"/api/v1/families/{fid}/use-details")
    assert answer.status_code == 200
    assert [entry["text"] for entry in answer.get_json()["entries"]] == ["dose \ufffd"]


@pytest.mark.parametrize(("raw", "depth"), [
    ('{"a": ["[{", {"b": "\\\\\\"]]"}]}', 3),   # brackets and an escaped quote inside strings
    ('[["\\\\\\\\"], [[]]]', 3),                  # an escaped backslash ends just before the quote
    ('"' + '\\"' * 80_000, 0),                     # one long string of escaped quotes: scanned once, not once a quote
    ("[" * 70 + '"]]]"', 70),
])
def test_json_depth_counts_only_brackets_outside_strings(raw: str, depth: int) -> None:
    from harm.input_edge import json_depth

    assert json_depth(raw) == depth


def test_a_nul_in_a_search_word_is_a_page_not_a_database_error(make_client, household: Household) -> None:
    caseworker = sign_in(make_client(), household.people["caseworker"])
    answer = caseworker.get("/caseload?q=Riley%00")
    assert answer.status_code == 422 and "cannot save" in answer.text
    assert caseworker.get("/caseload?q=Riley").status_code == 200


@pytest.mark.parametrize(("stored", "read"), [
    ('{"a": "\\ud800 x"}', {"a": "\ufffd x"}),            # a lone surrogate, as an older version escaped it
    ('{"a": "\\uDC00"}', {"a": "\ufffd"}),                  # upper-case escape
    ('{"a": "\\ud83d\\ude00"}', {"a": "\U0001F600"}),       # a pair is one character, kept
    ('{"a": ["\\\\ud800"]}', {"a": ["\\ud800"]}),           # an escaped backslash, then letters: kept as typed
    ('{"a": "plain"}', {"a": "plain"}),
])
def test_stored_json_is_read_without_lone_surrogates(stored: str, read: object) -> None:
    from harm.stored_json import load_stored_json

    assert load_stored_json(stored) == read
    assert load_stored_json(stored.encode()) == read

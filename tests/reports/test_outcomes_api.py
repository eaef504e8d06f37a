"""A family's outcomes as JSON: read by every member who sees them, recorded by the agency's caseworker, the
parent's own notes written only by the parent."""
from __future__ import annotations

import pytest
from flask import Flask

from harm.families.access import refusal_for
from harm.families.capabilities import Capability as C
from tests.agencies.helpers import agency_with
from tests.conftest import Household, sign_in, table_counts

ERROR_KEYS = {"code", "status", "message", "errors"}
# In the reader's language (Spanish here), each as a list like every field's messages.
MESSAGES = {"recovery": "Elija una de las opciones.", "at_home": "Esta respuesta no es del tipo correcto.",
            "mood": "Aquí no hay ese campo."}


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def api(household: Household) -> str:
    return f"/api/v1/families/{household.id}/outcomes"


def outcome(answer: list[dict], key: str) -> dict:
    return next(o for o in answer if o["key"] == key)


def test_the_caseworker_records_the_parent_notes_and_every_member_reads_both(make_client, household):
    agency_with(caseworker=household.people["caseworker"])
    worker = sign_in(make_client(), household.people["caseworker"])
    recorded = worker.put(api(household), json={"recovery": "yes", "at_home": "no"})
    assert recorded.status_code == 200, recorded.text
    parent = sign_in(make_client(), household.people["parent"])
    noted = parent.post(api(household) + "/notes", json={"outcome": "recovery", "note": "Ninety days now."})
    assert noted.status_code == 201 and noted.get_json()["written_by"] == {"name": "Riley Parent", "role": "parent"}
    for role in ("parent", "caregiver", "caseworker", "peer"):
        answer = sign_in(make_client(), household.people[role]).get(api(household)).get_json()
        assert [o["key"] for o in answer] == ["recovery", "at_home", "reunified", "no_repeat_maltreatment",
                                              "no_reentry"]
        recovery = outcome(answer, "recovery")
        assert recovery["label"] == "Parent making progress in recovery"
        assert "Small steps count." in recovery["explained"]
        assert [(r["agency"], r["answer"]) for r in recovery["records"]] == [("Riverside Family Services", "yes")]
        assert [n["text"] for n in recovery["notes"]] == ["Ninety days now."]
        assert outcome(answer, "reunified")["records"][0]["answer"] == "unknown"  # left out: not known yet
    assert "Ninety days now." in parent.get(f"/f/{household.id}/outcomes").text  # the page shows it too


def test_nobody_but_the_parent_writes_the_parents_note_through_the_api(make_client, household):
    others = {role: sign_in(make_client(), household.people[role])
              for role in ("parent", "caseworker", "caregiver", "peer", "outsider")}
    before = table_counts()
    for role in ("caseworker", "caregiver", "peer"):
        for body in ({"outcome": "recovery", "note": "Written for the parent."}, {"note": 5}):
            refused = others[role].post(api(household) + "/notes", json=body)
            assert refused.status_code == 403, (role, body)
            assert refused.get_json()["message"] == refusal_for(role, C.NOTE_ON_OUTCOMES)
    assert others["outsider"].post(api(household) + "/notes", json={"outcome": "recovery",
                                                                     "note": "x"}).status_code == 404
    assert make_client().post(api(household) + "/notes", json={"outcome": "recovery", "note": "x"}).status_code == 401
    for role in ("parent", "caregiver", "peer"):  # recording is the caseworker's
        assert others[role].put(api(household), json={"recovery": "yes"}).status_code == 403, role
    assert table_counts() == before


@pytest.mark.parametrize(("body", "field"), [
    ({"outcome": "recovery", "note": "Mine.", "mood": "fine"}, "mood"),
    ({"outcome": "nope", "note": "Mine."}, "outcome"),
    ({"outcome": "recovery", "note": "x" * 1001}, "note"),
    ({"outcome": "recovery", "note": "My\x1b[2J note."}, "note"),
    ({"outcome": "recovery", "note": 5}, "note"),
    ({"outcome": "recovery"}, "note"),
    ({"outcome": "recovery", "note": "   "}, None),
])
def test_a_bad_note_gets_the_one_error_shape_and_changes_nothing(make_client, household, body, field):
    parent = sign_in(make_client(), household.people["parent"])
    before = table_counts()
    answer = parent.post(api(household) + "/notes", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.get_json()
    assert ERROR_KEYS <= set(error) and error["code"] == 422
    if field:
        assert error["errors"]["json"][field], error
    assert table_counts() == before


def test_bad_outcomes_or_no_agency_change_nothing(make_client, household):
    worker = sign_in(make_client(), household.people["caseworker"])
    no_agency = worker.put(api(household), json={"recovery": "yes"})
    assert no_agency.status_code == 422 and "agency" in no_agency.get_json()["message"]
    agency_with(caseworker=household.people["caseworker"])
    before = table_counts()
    for body, field in (({"recovery": "maybe"}, "recovery"), ({"at_home": True}, "at_home"),
                        ({"mood": "yes"}, "mood")):
        answer = worker.put(api(household), json=body, headers={"Accept-Language": "es"})
        assert answer.status_code == 422 and answer.get_json()["errors"]["json"][field] == [MESSAGES[field]], body
    assert table_counts() == before

"""Goals: the parent's goals and the agency's expectations side by side, marked agree or differ."""
from __future__ import annotations

from tests.conftest import sign_in


def test_goals_and_expectations_side_by_side(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    caseworker = sign_in(make_client(), household.people["caseworker"])
    url = f"/api/v1/families/{household.id}/plan/goals"
    expected = caseworker.put(url, json={"version": 0, "data": {
        "agency_expects": "No use at all within 90 days.",
        "alignment": [{"expects": "No use at all", "worker_fit": "talk"},
                      {"expects": "Lockbox in the home", "worker_fit": "agree"}],
    }})
    assert expected.status_code == 200, expected.text
    rows = expected.json["data"]["alignment"]
    saved = parent.put(url, json={"version": 1, "data": {
        "goals": [{"goal": "Use less on weekends", "kind": "less", "next_step": "Call my peer"}],
        "alignment": [{"id": rows[0]["id"], "my_view": "I am starting with less use", "parent_fit": "differ"},
                      {"id": rows[1]["id"], "my_view": "Yes, already done", "parent_fit": "agree"}],
    }})
    assert saved.status_code == 200, saved.text
    for url in (f"/f/{household.id}/plan/goals",):  # the overview's card shows a line; the part's page, all of it
        page = caseworker.get(url).text
        side_by_side = page[page.index("expectations, side by side"):]
        assert "Use less on weekends" in side_by_side and "No use at all within 90 days." in side_by_side
        assert "We see it differently" in side_by_side and "We agree" in side_by_side


def test_an_unknown_agreement_mark_is_refused(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    refused = parent.put(f"/api/v1/families/{household.id}/plan/goals", json={"version": 0, "data": {
        "alignment": [{"expects": "Visits", "parent_fit": "maybe"}]}})
    assert refused.status_code == 422
    assert "Visits" not in parent.get(f"/f/{household.id}/plan/goals").text.split("plan-form")[0]

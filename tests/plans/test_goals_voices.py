"""The goals in two voices: what a worker, the parent and an old stored plan can and cannot do, through HTTP."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from harm.extensions import db
from harm.plans.models import PlanSection
from tests.conftest import sign_in

TODAY = date.today().isoformat()


def goals_of(household: Any) -> PlanSection:
    db.session.expire_all()
    return db.session.execute(select(PlanSection).where(PlanSection.family_id == household.family.id,
                                                        PlanSection.key == "goals")).scalar_one()


def people(make_client: Any, household: Any) -> tuple[Any, Any]:
    return (sign_in(make_client(), household.people["parent"]),
            sign_in(make_client(), household.people["caseworker"]))


def api(household: Any) -> str:
    return f"/api/v1/families/{household.id}/plan/goals"


def test_a_caseworker_cannot_write_the_parents_goals_by_form_or_api(make_client, household):
    parent, worker = people(make_client, household)
    parent.put(api(household), json={"version": 0, "data": {"goals": [{"goal": "Walk the kids to school"}]}})
    page = f"/f/{household.id}/plan/goals"
    # A worker's form (or an edit queued offline and sent later) that writes the parent's goals is refused.
    for form in ({"version": "1", "goals-0-goal": "No use at all", "goals-0-kind": "none"},
                 {"version": "1", "goals-0-goal": "Walk the kids to school", "goals-1-goal": "Weekly tests"},
                 {"version": "1", "our_words": "Written for the parent"}):
        refused = worker.post(page, data=form)
        assert refused.status_code == 403
        assert "Only the parent writes their goals" in refused.text
    for data in ({"goals": [{"goal": "No use at all"}]}, {"goals": []}, {"our_words": "Mine now"}):
        refused = worker.put(api(household), json={"version": 1, "data": data})
        assert refused.status_code == 403, refused.text
        assert "Only the parent writes their goals" in refused.json["message"]
    stored = goals_of(household)
    assert stored.version == 1 and [g["goal"] for g in stored.data["goals"]] == ["Walk the kids to school"]
    assert not stored.data.get("our_words")


def test_each_side_answers_do_we_agree_for_itself(make_client, household):
    parent, worker = people(make_client, household)
    saved = worker.put(api(household), json={"version": 0, "data": {
        "agency_expects": "Monthly home visits.",
        "alignment": [{"expects": "No use at all within 90 days", "worker_fit": "agree"}]}})
    assert saved.status_code == 200, saved.text
    row = saved.json["data"]["alignment"][0]
    assert row["worker_written"] == {"by": "Morgan Caseworker", "role": "caseworker", "on": TODAY}
    # The parent answers beside it, by form; the agency's words stay as the worker wrote them.
    answered = parent.post(f"/f/{household.id}/plan/goals", data={
        "version": "1", "alignment-0-id": row["id"], "alignment-0-my_view": "I am starting with less use",
        "alignment-0-parent_fit": "differ"})
    assert answered.status_code == 302, answered.text
    data = parent.get(api(household)).json["data"]
    both = data["alignment"][0]
    assert (both["expects"], both["worker_fit"], both["parent_fit"]) == ("No use at all within 90 days", "agree",
                                                                       "differ")
    assert both["parent_written"]["by"] == "Riley Parent" and both["worker_written"]["by"] == "Morgan Caseworker"
    # Neither may answer for the other, change the other's words, or remove a row the other answered.
    theirs = {**both, "parent_fit": "agree"}
    assert worker.put(api(household), json={"version": 2, "data": {"alignment": [theirs]}}).status_code == 403
    assert worker.put(api(household), json={"version": 2, "data": {"alignment": []}}).status_code == 403
    mine = {**both, "worker_fit": "differ"}
    refused = parent.put(api(household), json={"version": 2, "data": {"alignment": [mine]}})
    assert refused.status_code == 403 and "Only the caseworker writes" in refused.json["message"]
    assert parent.put(api(household), json={"version": 2, "data": {"agency_expects": "None"}}).status_code == 403
    assert parent.post(f"/f/{household.id}/plan/goals", data={
        "version": "2", "alignment-0-id": row["id"], "alignment-0-worker_fit": "differ"}).status_code == 403
    assert goals_of(household).version == 2
    # Both answers show side by side, each with who wrote it and when.
    for someone in (parent, worker):
        page = someone.get(f"/f/{household.id}/plan/goals").text
        shown = page[page.index("side by side"):]
        assert "The caseworker's answer" in shown and "The parent's answer" in shown
        assert "We agree" in shown and "We see it differently" in shown
        assert "Written by <bdi>Morgan Caseworker</bdi>, caseworker, on" in shown
        assert "Written by <bdi>Riley Parent</bdi>, parent, on" in shown


def test_a_round_trip_of_what_was_read_is_accepted_and_keeps_who_wrote_what(make_client, household):
    parent, worker = people(make_client, household)
    parent.put(api(household), json={"version": 0, "data": {"goals": [{"goal": "Lockbox up high"}]}})
    read = worker.get(api(household)).json
    read["data"]["agency_expects"] = "Weekly check-ins."
    saved = worker.put(api(household), json={"version": read["version"], "data": read["data"]})
    assert saved.status_code == 200, saved.text
    goal = saved.json["data"]["goals"][0]
    assert goal["goal"] == "Lockbox up high" and goal["written"]["by"] == "Riley Parent"
    assert saved.json["data"]["written"]["agency_expects"]["by"] == "Morgan Caseworker"
    # Who wrote it cannot be forged: what a client sends of it is set aside.
    forged = saved.json["data"]
    forged["goals"][0]["written"] = {"by": "Morgan Caseworker", "role": "caseworker", "on": "2020-01-01"}
    again = parent.put(api(household), json={"version": saved.json["version"], "data": forged})
    assert again.status_code == 200 and again.json["data"]["goals"][0]["written"]["by"] == "Riley Parent"


def test_a_suggested_goal_is_the_workers_until_the_parent_says_yes(make_client, household):
    parent, worker = people(make_client, household)
    suggested = worker.post(api(household) + "/suggestions", json={"goal": "Go to a parenting group",
                                                                    "kind": "family"})
    assert suggested.status_code == 201, suggested.text
    data = suggested.json["data"]
    assert data["goals"] == [] and data["suggestions"][0]["written"]["by"] == "Morgan Caseworker"
    suggestion = data["suggestions"][0]["id"]
    page = parent.get(f"/f/{household.id}/plan/goals").text
    assert "Go to a parenting group" in page and "Suggested by <bdi>Morgan Caseworker</bdi>, caseworker, on" in page
    assert "No goals written yet." in page  # a suggestion is not one of the parent's goals
    # The worker cannot take their own suggestion for the parent, by form or API, nor slip it into the goals.
    answer = f"/f/{household.id}/plan/goals/suggestions/{suggestion}"
    assert worker.post(answer, data={"answer": "accept"}).status_code == 403
    assert worker.post(api(household) + f"/suggestions/{suggestion}", json={"answer": "accept"}).status_code == 403
    assert worker.put(api(household), json={"version": 1, "data": {"goals": [
        {"goal": "Go to a parenting group", "kind": "family"}]}}).status_code == 403
    assert goals_of(household).data["goals"] == []
    # The parent says yes: it becomes their goal, and still says who suggested it.
    assert parent.post(answer, data={"answer": "accept"}).status_code == 302
    stored = goals_of(household).data
    assert stored["suggestions"] == []
    assert stored["goals"][0]["written"]["by"] == "Riley Parent"
    assert stored["goals"][0]["suggested"]["by"] == "Morgan Caseworker"
    page = worker.get(f"/f/{household.id}/plan/goals").text
    assert "Written by <bdi>Riley Parent</bdi>, parent, on" in page
    assert "Suggested by <bdi>Morgan Caseworker</bdi>" in page
    assert parent.post(answer, data={"answer": "accept"}).status_code == 404  # answered once


def test_the_parent_can_say_no_to_a_suggestion(make_client, household):
    parent, worker = people(make_client, household)
    suggestion = worker.post(api(household) + "/suggestions", json={"goal": "Stop using"}).json["data"]
    answered = parent.post(api(household) + f"/suggestions/{suggestion['suggestions'][0]['id']}",
                           json={"answer": "decline"})
    assert answered.status_code == 200
    declined = answered.json["data"]["suggestions"][0]["declined"]
    assert declined["by"] == "Riley Parent" and answered.json["data"]["goals"] == []
    assert "Stop using" not in parent.get(f"/f/{household.id}/plan/goals").text.split("plan-form")[0]


def test_bad_suggestions_and_answers_change_nothing(make_client, household):
    parent, worker = people(make_client, household)
    url = f"/f/{household.id}/plan/goals/suggestions"
    empty = worker.post(url, data={"goal": "  ", "kind": "family"})
    assert empty.status_code == 422 and "Please write the goal" in empty.text
    assert worker.post(url, data={"goal": "x", "kind": "boss"}).status_code == 422
    assert worker.post(api(household) + "/suggestions", json={"goal": "x" * 201}).status_code == 422
    assert worker.post(api(household) + "/suggestions", json={"goal": "x", "by": "Riley"}).status_code == 422
    assert parent.post(url + "/nope", data={"answer": "accept"}).status_code == 404
    worker.post(url, data={"goal": "Join a group"})
    suggestion = goals_of(household).data["suggestions"][0]["id"]
    maybe = parent.post(f"{url}/{suggestion}", data={"answer": "maybe"})
    assert maybe.status_code == 422 and "Please pick one of the choices." in maybe.text
    assert parent.post(api(household) + f"/suggestions/{suggestion}", json={"answer": "maybe"}).status_code == 422
    assert goals_of(household).version == 1
    assert parent.put(api(household), json={"version": 1, "data": {"suggestions": []}}).status_code == 422


def test_goals_kept_before_this_change_are_the_parents_and_stay_readable(make_client, household):
    section = goals_of(household)
    section.data = {"goals": [{"goal": "Use less on weekends", "kind": "less", "next_step": "Call my peer"}],
                    "agency_expects": "No use at all within 90 days.",
                    "alignment": [{"expects": "Lockbox in the home", "my_view": "Already done", "fit": "agree"}],
                    "our_words": "Our words"}
    section.version = 3
    db.session.commit()
    parent, worker = people(make_client, household)
    page = worker.get(f"/f/{household.id}/plan/goals").text
    for words in ("Use less on weekends", "No use at all within 90 days.", "Lockbox in the home", "Already done",
                  "Written before this change"):
        assert words in page
    data = parent.get(api(household)).json["data"]
    assert data["alignment"][0]["parent_fit"] == "agree" and data["alignment"][0]["worker_fit"] == ""
    assert data["goals"][0]["written"] is None
    # The worker answers for the agency; the parent's words, kept from before, are not touched.
    data["alignment"][0]["worker_fit"] = "agree"
    saved = worker.put(api(household), json={"version": 3, "data": data})
    assert saved.status_code == 200, saved.text
    assert saved.json["data"]["goals"][0]["written"] is None
    assert saved.json["data"]["alignment"][0]["parent_written"] is None
    # An edit queued on a page from before this change (rows without ids) still cannot rewrite the parent's goals.
    old_page = {"version": "4", "goals-0-goal": "Use less on weekends", "goals-0-kind": "less",
                "goals-0-next_step": "Stop by March", "agency_expects": "No use at all within 90 days."}
    assert worker.post(f"/f/{household.id}/plan/goals", data=old_page).status_code == 403
    assert goals_of(household).data["goals"][0]["next_step"] == "Call my peer"


def test_a_caregiver_writes_the_goals_with_the_parent_and_a_peer_cannot(make_client, household):
    caregiver = sign_in(make_client(), household.people["caregiver"])
    saved = caregiver.put(api(household), json={"version": 0, "data": {"goals": [{"goal": "Family dinner"}]}})
    assert saved.status_code == 200 and saved.json["data"]["goals"][0]["written"]["role"] == "caregiver"
    peer = sign_in(make_client(), household.people["peer"])
    assert peer.put(api(household), json={"version": 1, "data": {"goals": []}}).status_code == 403
    assert peer.post(api(household) + "/suggestions", json={"goal": "x"}).status_code == 403
    outsider = sign_in(make_client(), household.people["outsider"])
    assert outsider.post(api(household) + "/suggestions", json={"goal": "x"}).status_code == 404
    assert goals_of(household).data["goals"][0]["goal"] == "Family dinner"

"""Building the plan: structured sections, version checks, conflicts, history, completeness."""
from __future__ import annotations

import pytest
from flask import Flask

from harm.extensions import db
from harm.plans.models import PlanSection, SectionRevision
from harm.plans.sections import SECTION_KEYS
from tests.conftest import sign_in, table_counts

HOUSEHOLD_FORM = {
    "version": "0",
    "members-0-name": "Riley", "members-0-age_range": "adult",
    "members-1-name": "Kit", "members-1-age_range": "6-12",
    "backup_caregivers-0-name": "Aunt June", "backup_caregivers-0-phone": "(555) 010-0142",
    "backup_caregivers-0-agreed": "yes",
    "our_words": "Kit's school is close by.",
}


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def section(family, key):
    return db.session.execute(
        db.select(PlanSection).where(PlanSection.family_id == family.id, PlanSection.key == key)
    ).scalar_one()


@pytest.fixture
def parent(client, household):
    return sign_in(client, household.people["parent"])


def test_every_family_starts_with_six_empty_sections(household):
    rows = db.session.execute(db.select(PlanSection).where(PlanSection.family_id == household.family.id)).scalars()
    assert sorted(r.key for r in rows) == sorted(SECTION_KEYS)


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_each_section_page_has_structured_fields(parent, household, key):
    page = parent.get(f"/f/{household.id}/plan/{key}")
    assert page.status_code == 200
    assert page.text.count("<input") + page.text.count("<select") >= 3
    assert 'name="version" value="0"' in page.text


def test_parent_saves_household_through_the_form(parent, household):
    response = parent.post(f"/f/{household.id}/plan/household", data=HOUSEHOLD_FORM)
    assert response.status_code == 302
    saved = section(household.family, "household")
    assert saved.version == 1
    assert saved.data["members"] == [{"name": "Riley", "age_range": "adult"}, {"name": "Kit", "age_range": "6-12"}]
    assert saved.data["backup_caregivers"][0] == {"name": "Aunt June", "phone": "(555) 010-0142", "agreed": True}
    overview = parent.get(f"/f/{household.id}")
    assert "Aunt June" in overview.text and 'href="tel:5550100142"' in overview.text


def test_supports_phone_numbers_dial_in_one_tap(parent, household):
    parent.post(f"/f/{household.id}/plan/supports", data={
        "version": "0", "people-0-name": "Peer line", "people-0-kind": "peer", "people-0-phone": "+1 (555) 010-0199"})
    overview = parent.get(f"/f/{household.id}")
    assert 'href="tel:+15550100199"' in overview.text
    for number in ("tel:911", "tel:988", "tel:18002221222", "tel:18006624357", "tel:18004843731"):
        assert number in overview.text


def test_empty_rows_are_dropped_and_remove_ticks_delete(parent, household):
    form = dict(HOUSEHOLD_FORM, **{"members-1-remove": "yes", "members-2-name": "", "members-2-age_range": ""})
    parent.post(f"/f/{household.id}/plan/household", data=form)
    assert [m["name"] for m in section(household.family, "household").data["members"]] == ["Riley"]


def test_invalid_input_shows_messages_and_changes_nothing(parent, household):
    form = dict(HOUSEHOLD_FORM, **{"backup_caregivers-0-phone": "call me maybe", "members-0-age_range": "ancient"})
    response = parent.post(f"/f/{household.id}/plan/household", data=form)
    assert response.status_code == 422
    assert "Please give a phone number with digits" in response.text
    assert "Please pick one of the choices." in response.text
    assert 'value="call me maybe"' in response.text  # what they typed is kept
    assert section(household.family, "household").version == 0


def test_a_very_long_note_is_refused_clearly(parent, household):
    response = parent.post(f"/f/{household.id}/plan/household", data=dict(HOUSEHOLD_FORM, our_words="x" * 5000))
    assert response.status_code == 422
    assert "Please keep this under 2000 letters." in response.text
    assert section(household.family, "household").version == 0


def test_a_ten_megabyte_body_is_refused(parent, household):
    huge = dict(HOUSEHOLD_FORM, our_words="x" * 10_000_000)
    response = parent.post(f"/f/{household.id}/plan/household", data=huge)
    assert response.status_code == 413
    assert "too much text" in response.text
    assert section(household.family, "household").version == 0


def test_unknown_section_is_404(parent, household):
    assert parent.get(f"/f/{household.id}/plan/secrets").status_code == 404
    assert parent.post(f"/f/{household.id}/plan/secrets", data={"version": "0"}).status_code == 404
    api = parent.put(f"/api/v1/families/{household.id}/plan/secrets", json={"version": 0, "data": {}})
    assert api.status_code == 404


def test_stale_html_save_keeps_both_texts(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    caregiver = sign_in(make_client(), household.people["caregiver"])
    url = f"/f/{household.id}/plan/goals"
    caregiver.post(url, data={"version": "0", "goals-0-goal": "Find a Saturday playgroup", "goals-0-kind": "family"})
    mine = {"version": "0", "goals-0-goal": "Keep naloxone in my bag", "goals-0-kind": "safer"}
    response = parent.post(url, data=mine)
    assert response.status_code == 409
    assert "Someone else saved this part while you were writing" in response.text
    assert 'value="Keep naloxone in my bag"' in response.text  # their own words, still in the form
    assert "Find a Saturday playgroup" in response.text  # the newer words beside them
    assert 'name="version" value="1"' in response.text
    stored = section(household.family, "goals")
    assert stored.version == 1 and stored.data["goals"][0]["goal"] == "Find a Saturday playgroup"
    # Saving again from the conflict screen is a deliberate choice and works.
    again = parent.post(url, data={"version": "1", "goals-0-goal": "Keep naloxone in my bag", "goals-0-kind": "safer",
                                   "goals-1-goal": "Find a Saturday playgroup", "goals-1-kind": "family"})
    assert again.status_code == 302
    assert len(section(household.family, "goals").data["goals"]) == 2


def test_stale_api_save_is_409_with_the_current_version(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    worker = sign_in(make_client(), household.people["caseworker"])
    url = f"/api/v1/families/{household.id}/plan/naloxone"
    kits = [{"location": "Hall closet", "expires": "2027-05-01"}]
    first = worker.put(url, json={"version": 0, "data": {"kits": kits}})
    assert first.status_code == 200 and first.get_json()["version"] == 1
    stale = parent.put(url, json={"version": 0, "data": {"trained": "Riley"}})
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["code"] == 409 and body["current"]["version"] == 1
    assert body["current"]["data"]["kits"][0]["location"] == "Hall closet"
    assert section(household.family, "naloxone").data["trained"] == ""


def test_api_save_validates_and_refuses_unknown_fields(parent, household):
    url = f"/api/v1/families/{household.id}/plan/storage"
    unknown = parent.put(url, json={"version": 0, "data": {"substances_used": "anything"}})
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"]["data"]["substances_used"] == ["There is no such field here."]
    wrong_type = parent.put(url, json={"version": 0, "data": {"has_lockbox": "perhaps"}})
    assert wrong_type.status_code == 422
    no_version = parent.put(url, json={"data": {}})
    assert no_version.status_code == 422
    not_json = parent.put(url, data="version=0", content_type="text/plain")
    assert not_json.status_code in (415, 422)
    assert section(household.family, "storage").version == 0


def test_revision_history_records_who_when_and_what(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    parent.post(f"/f/{household.id}/plan/household", data=HOUSEHOLD_FORM)
    parent.post(f"/f/{household.id}/plan/household", data=dict(HOUSEHOLD_FORM, version="1", our_words="New words"))
    revisions = parent.get(f"/api/v1/families/{household.id}/plan/household/revisions").get_json()
    assert [r["version"] for r in revisions] == [2, 1]
    assert revisions[0]["changed"] == ["our_words"] and revisions[0]["by"] == "Riley Parent"
    page = parent.get(f"/f/{household.id}/plan/household/history")
    assert "Riley Parent" in page.text and "In our own words" in page.text
    peer = sign_in(make_client(), household.people["peer"])
    assert peer.get(f"/f/{household.id}/plan/household/history").status_code == 200


def test_saving_unchanged_data_makes_no_revision(parent, household):
    parent.post(f"/f/{household.id}/plan/household", data=HOUSEHOLD_FORM)
    parent.post(f"/f/{household.id}/plan/household", data=dict(HOUSEHOLD_FORM, version="1"))
    assert db.session.execute(db.select(db.func.count()).select_from(SectionRevision)).scalar_one() == 1


def test_completeness_rises_as_sections_are_done(parent, household):
    url = f"/api/v1/families/{household.id}/plan"
    assert parent.get(url).get_json()["completeness"] == 0
    parent.post(f"/f/{household.id}/plan/household", data=HOUSEHOLD_FORM)
    parent.put(f"{url}/goals", json={"version": 0, "data": {"goals": [{"goal": "Walk the kids to school"}]}})
    plan = parent.get(url).get_json()
    assert plan["completeness"] == 33
    assert {s["key"]: s["done"] for s in plan["sections"]}["household"] is True
    assert 'value="2"' in parent.get(f"/f/{household.id}").text  # the meter


def test_peer_reads_only_shared_sections(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    peer_member = next(m for m in household.family.memberships if m.role == "peer")
    saved = parent.post(f"/f/{household.id}/members/{peer_member.public_id}/peer-parts",
                        data={"peer_parts": ["overdose", "supports"]})
    assert saved.status_code == 302
    peer = sign_in(make_client(), household.people["peer"])
    plan = peer.get(f"/api/v1/families/{household.id}/plan").get_json()
    assert [s["key"] for s in plan["sections"]] == ["overdose", "supports"]
    assert peer.get(f"/f/{household.id}/plan/household").status_code == 404
    assert "Our household" not in peer.get(f"/f/{household.id}").text
    page = peer.get(f"/f/{household.id}/plan/overdose")
    assert page.status_code == 200 and "<form method=\"post\" class=\"plan-form\"" not in page.text


def test_refused_save_leaves_every_table_unchanged(parent, household):
    before = table_counts()
    parent.post(f"/f/{household.id}/plan/household", data=dict(HOUSEHOLD_FORM, **{"members-0-age_range": "x"}))
    assert table_counts() == before

"""What peers see: the parent's choice covers check-ins, joint reviews and outcomes as well as plan sections."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.errors import message_for
from harm.extensions import db
from harm.families import roles
from harm.families.access import NOT_SHARED_WITH_PEERS
from harm.families.capabilities import PEER_SHARED_PARTS
from harm.families.models import Membership
from harm.families.views import PEER_PART_NAMES
from harm.plans.sections import SECTION_KEYS
from harm.reviews.models import JointReview
from tests.conftest import Household, sign_in

NOT_SHARED = str(NOT_SHARED_WITH_PEERS)


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def signed_in(make_client: Any, household: Household, role: str) -> FlaskClient:
    return sign_in(make_client(), household.people[role])


def peer_member(household: Household) -> str:
    return next(m.public_id for m in household.family.memberships if m.role == roles.PEER)


def share(parent: FlaskClient, household: Household, parts: list[str]) -> None:
    """The parent ticks these boxes under "What Avery Peer can see" and saves."""
    saved = parent.post(f"/f/{household.id}/members/{peer_member(household)}/peer-parts", data={"peer_parts": parts})
    assert saved.status_code == 302, saved.text
    assert "Saved. Avery Peer now sees only the parts you ticked." in parent.get(saved.location).text


def peer_pages(family_id: str, review_id: str) -> dict[str, list[str]]:
    return {
        "checkins": [f"/f/{family_id}/checkins", f"/api/v1/families/{family_id}/checkins"],
        "reviews": [f"/f/{family_id}/reviews", f"/f/{family_id}/reviews/{review_id}"],
        "outcomes": [f"/f/{family_id}/outcomes"],
    }


def a_review(household: Household) -> str:
    review = JointReview(family_id=household.family.id, held_on=date.today(), children_safety="Safe at home.")
    db.session.add(review)
    db.session.commit()
    return review.public_id


def test_a_peer_sees_check_ins_reviews_and_outcomes_only_when_the_parent_shares_them(
        make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    peer = signed_in(make_client, household, roles.PEER)
    pages = peer_pages(household.id, a_review(household))
    share(parent, household, ["household", "supports"])
    for urls in pages.values():
        for url in urls:
            refused = peer.get(url)
            assert refused.status_code == 403, url
            if url.startswith("/api/"):
                assert refused.get_json()["message"] == NOT_SHARED
            else:
                assert NOT_SHARED in refused.text
    overview = peer.get(f"/f/{household.id}").text
    assert f"/f/{household.id}/checkins" not in overview and f"/f/{household.id}/reviews" not in overview

    share(parent, household, ["household", "supports", "reviews"])
    for part, urls in pages.items():
        for url in urls:
            assert peer.get(url).status_code == (200 if part == "reviews" else 403), url
    assert f"/f/{household.id}/reviews" in peer.get(f"/f/{household.id}").text
    for url in (u for urls in pages.values() for u in urls):  # the parent's own view never changes
        assert parent.get(url).status_code == 200, url


def test_a_peer_records_a_check_in_only_while_check_ins_are_shared(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    peer = signed_in(make_client, household, roles.PEER)
    share(parent, household, [])
    api = f"/api/v1/families/{household.id}/checkins"
    assert peer.post(api, json={"how_it_went": "We talked."}).status_code == 403
    assert peer.post(f"/f/{household.id}/checkins", data={"how_it_went": "We talked."}).status_code == 403
    share(parent, household, ["checkins"])
    assert peer.post(api, json={"how_it_went": "We talked."}).status_code == 201
    assert [c["how_it_went"] for c in parent.get(api).get_json()] == ["We talked."]


def test_the_completeness_a_peer_sees_counts_only_the_sections_shared_with_peers(
        make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    peer = signed_in(make_client, household, roles.PEER)
    api = f"/api/v1/families/{household.id}/plan"
    for key, data in (("supports", {"people": [{"name": "Sam", "phone": "555-0100"}]}),
                      ("goals", {"goals": [{"goal": "Private goal words"}]})):
        assert parent.put(f"{api}/{key}", json={"version": 0, "data": data}).status_code == 200
    share(parent, household, ["household", "supports"])
    assert parent.get(api).get_json()["completeness"] == round(100 * 2 / len(SECTION_KEYS))
    assert peer.get(api).get_json()["completeness"] == 50
    assert "1 of 2 parts done" in peer.get(f"/f/{household.id}").text
    assert f"2 of {len(SECTION_KEYS)} parts done" in parent.get(f"/f/{household.id}").text


def test_only_the_parent_chooses_and_the_choice_lists_every_part(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    people = parent.get(f"/f/{household.id}/people").text
    for key, name in PEER_PART_NAMES.items():
        assert f'name="peer_parts" value="{key}"' in people and str(name) in people
    assert set(PEER_PART_NAMES) == set(PEER_SHARED_PARTS)
    api = f"/api/v1/families/{household.id}/members/{peer_member(household)}/peer-parts"
    for role in (roles.CAREGIVER, roles.CASEWORKER, roles.PEER):
        other = signed_in(make_client, household, role)
        assert 'name="peer_parts"' not in other.get(f"/f/{household.id}/people").text, role
        refused = other.put(api, json={"parts": ["reviews"]})
        assert refused.status_code == 403 and refused.get_json()["message"] == message_for(403), role
    shared = parent.put(api, json={"parts": ["outcomes", "goals"]})
    assert shared.status_code == 200 and shared.get_json()["peer_parts"] == ["goals", "outcomes"]
    unknown = parent.put(api, json={"parts": ["use_details"]})
    assert unknown.status_code == 422
    peer = db.session.get(Membership, next(m.id for m in household.family.memberships if m.role == roles.PEER))
    assert peer is not None and peer.peer_parts == ["goals", "outcomes"]

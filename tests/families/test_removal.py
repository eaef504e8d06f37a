"""Removing someone asks once, can be undone for a short time by the one who removed them, and tells them."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select, update

from harm.extensions import db
from harm.families import roles, service
from harm.families.models import EndedAccess, Invitation, Membership
from harm.models_base import utcnow
from tests.accounts.test_worker_recovery import parent_phone, worker_code  # noqa: F401 - parent_phone is a fixture
from tests.conftest import Household, sign_in

ENDED = "Riley Parent ended your access to the family plan “Test household” on"
PLAN_WORDS = "Kite day at the park"


def member_id(household: Household, role: str) -> str:
    return next(m.public_id for m in household.family.memberships if m.role == role)


def signed_in(make_client: Any, household: Household, role: str) -> FlaskClient:
    return sign_in(make_client(), household.people[role])


def remove(parent: FlaskClient, household: Household, role: str) -> Any:
    """The parent taps "Remove", reads the page that asks, and says yes."""
    url = f"/f/{household.id}/members/{member_id(household, role)}/remove"
    asked = parent.get(url)
    assert asked.status_code == 200 and "Yes, remove" in asked.text
    return parent.post(url, data={"confirmed": "yes"})


def undo_id(household: Household) -> str:
    return db.session.execute(select(EndedAccess.public_id).where(EndedAccess.family_id == household.family.id)
                              ).scalar_one()


def is_member(household: Household, role: str) -> bool:
    return db.session.execute(select(Membership.id).where(
        Membership.family_id == household.family.id, Membership.account_id == household.people[role].id)
    ).scalar_one_or_none() is not None


def test_removing_someone_asks_once_and_one_tap_removes_nobody(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    url = f"/f/{household.id}/members/{member_id(household, roles.CASEWORKER)}/remove"
    people = parent.get(f"/f/{household.id}/people").text
    assert f'href="{url}"' in people and f'action="{url}"' not in people  # a link to the question, not a form
    asked = parent.get(url)
    assert asked.status_code == 200
    for words in ("Remove Morgan Caseworker?", "Morgan Caseworker will no longer see this plan, from now on.",
                  "They will see a message that you ended their access.",
                  "You can undo this for 10 minutes, on the people page.", "No, go back"):
        assert words in asked.text, words
    one_tap = parent.post(url)  # the old button's request, without the answer
    assert one_tap.status_code == 200 and "Yes, remove Morgan Caseworker" in one_tap.text
    assert is_member(household, roles.CASEWORKER)


def test_the_removed_person_sees_nothing_at_once_and_is_told_without_plan_content(
        make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    worker = signed_in(make_client, household, roles.CASEWORKER)
    assert parent.post(f"/f/{household.id}/plan/household",
                       data={"version": "0", "our_words": PLAN_WORDS}).status_code == 302
    removed = remove(parent, household, roles.CASEWORKER)
    assert removed.status_code == 302
    people = parent.get(removed.location).text
    until = (utcnow() + service.UNDO_TIME).strftime("%-I:%M")
    assert "Morgan Caseworker was removed and can no longer see this plan. You can undo this until" in people
    assert f"You can undo this until {until}" in people
    assert "Undo: let Morgan Caseworker see the plan again" in people
    # During the undo time, nothing: pages, the API, the plan list.
    for url in (f"/f/{household.id}", f"/f/{household.id}/plan/household", f"/f/{household.id}/people",
                f"/api/v1/families/{household.id}/plan", f"/api/v1/families/{household.id}"):
        assert worker.get(url).status_code == 404, url
    assert household.id not in str(worker.get("/api/v1/families").get_json())
    for page in (worker.get("/").text, worker.get("/caseload").text):
        assert ENDED in page
        assert PLAN_WORDS not in page and f"/f/{household.id}" not in page
    assert ENDED not in parent.get("/").text
    assert ENDED not in signed_in(make_client, household, roles.PEER).get("/").text


def test_undo_puts_them_back_as_they_were_and_the_notice_goes(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    worker = signed_in(make_client, household, roles.CASEWORKER)
    before = member_id(household, roles.CASEWORKER)
    remove(parent, household, roles.CASEWORKER)
    undone = parent.post(f"/f/{household.id}/removals/{undo_id(household)}/undo")
    assert undone.status_code == 302
    assert "Undone. Morgan Caseworker can see this plan again." in parent.get(undone.location).text
    assert worker.get(f"/f/{household.id}").status_code == 200
    assert member_id(household, roles.CASEWORKER) == before
    assert ENDED not in worker.get("/").text
    assert db.session.execute(select(EndedAccess)).first() is None


def test_only_the_one_who_removed_or_a_parent_can_undo(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    remove(parent, household, roles.CASEWORKER)
    url = f"/f/{household.id}/removals/{undo_id(household)}/undo"
    for role in (roles.CAREGIVER, roles.PEER):
        other = signed_in(make_client, household, role)
        refused = other.post(url)
        assert refused.status_code == 302
        assert "Only the person who removed them, or the parent, can undo this." in other.get(refused.location).text
        assert "Undo: let" not in other.get(f"/f/{household.id}/people").text
    assert signed_in(make_client, household, "outsider").post(url).status_code == 404
    removed = signed_in(make_client, household, roles.CASEWORKER)
    assert removed.post(url).status_code == 404  # the removed worker cannot put themself back
    other_family = household.other_family.public_id
    assert signed_in(make_client, household, "outsider").post(
        f"/f/{other_family}/removals/{undo_id(household)}/undo").status_code == 302  # not in their family
    assert not is_member(household, roles.CASEWORKER)


def test_a_removed_worker_cannot_come_back_with_a_code_they_made(make_client: Any, household: Household) -> None:
    worker_member = next(m for m in household.family.memberships if m.role == roles.CASEWORKER)
    _invitation, code = service._new_invitation(household.family, roles.PEER, "", worker_member.account)
    db.session.commit()
    parent = signed_in(make_client, household, roles.PARENT)
    remove(parent, household, roles.CASEWORKER)
    assert db.session.execute(select(Invitation.revoked_at).where(Invitation.created_by_id == worker_member.account_id)
                              ).scalar_one() is not None
    worker = signed_in(make_client, household, roles.CASEWORKER)
    tried = worker.post("/join", data={"code": code})
    assert tried.status_code == 422
    assert worker.post("/api/v1/invitations/accept", json={"code": code}).status_code == 422
    assert not is_member(household, roles.CASEWORKER)


def test_the_undo_expires(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    remove(parent, household, roles.CASEWORKER)
    ended = undo_id(household)
    db.session.execute(update(EndedAccess).values(ended_at=utcnow() - service.UNDO_TIME - timedelta(seconds=1)))
    db.session.commit()
    assert "Undo: let" not in parent.get(f"/f/{household.id}/people").text
    late = parent.post(f"/f/{household.id}/removals/{ended}/undo")
    assert "It is too late to undo this. You can invite them again." in parent.get(late.location).text
    assert not is_member(household, roles.CASEWORKER)
    assert ENDED in signed_in(make_client, household, roles.CASEWORKER).get("/").text  # still told


def test_removing_through_the_api_is_kept_for_undo_and_told_too(make_client: Any, household: Household) -> None:
    parent = signed_in(make_client, household, roles.PARENT)
    gone = parent.delete(f"/api/v1/families/{household.id}/members/{member_id(household, roles.PEER)}")
    assert gone.status_code == 204
    assert ENDED in signed_in(make_client, household, roles.PEER).get("/").text
    assert "Undo: let Avery Peer see the plan again" in parent.get(f"/f/{household.id}/people").text
    # Invited again and back on the plan: the old notice is no longer shown.
    parent_member = next(m for m in household.family.memberships if m.role == roles.PARENT)
    _invitation, code = service.invite(parent_member, roles.PEER, "Avery", ["supports"])
    peer = signed_in(make_client, household, roles.PEER)
    assert peer.get(peer.post("/join", data={"code": code}).location).status_code == 302
    assert is_member(household, roles.PEER)
    assert ENDED not in peer.get("/").text


def test_leaving_asks_first_and_leaves_no_undo_or_notice(make_client: Any, household: Household) -> None:
    peer = signed_in(make_client, household, roles.PEER)
    url = f"/f/{household.id}/members/{member_id(household, roles.PEER)}/remove"
    assert "Leave this plan?" in peer.get(url).text
    assert peer.post(url, data={"confirmed": "yes"}).location == "/"
    assert "ended your access" not in peer.get("/").text
    assert db.session.execute(select(EndedAccess)).first() is None


def test_someone_signed_in_as_the_parent_with_a_workers_code_cannot_undo_a_removal(
        make_client: Any, household: Household, parent_phone: tuple[FlaskClient, Any]) -> None:  # noqa: F811
    parent, _ = parent_phone
    remove(parent, household, roles.CAREGIVER)
    thief = make_client()
    assert thief.post("/signin/code", data={"code": worker_code(make_client, household)}).status_code == 302
    assert thief.post(f"/f/{household.id}/removals/{undo_id(household)}/undo").status_code == 403
    assert not is_member(household, roles.CAREGIVER)

"""A new peer sees nothing until the parent picks; the invitation asks which parts, and its choice applies."""
from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient

from harm.extensions import db
from harm.families import roles, service
from harm.families.models import Membership
from tests.conftest import Household, make_account, sign_in

SHARED_ONLY_WITH_CHOICE = ("household", "supports", "checkins", "reviews")


def invite_peer(parent: FlaskClient, household: Household, parts: list[str]) -> str:
    """The parent fills in the invitation form on the people page, as a peer; the code shown once."""
    made = parent.post(f"/f/{household.id}/invitations", data={"role": "peer", "label": "Pat", "peer_parts": parts})
    assert made.status_code == 200, made.text
    code = re.search(r"data-code[^>]*>\s*([A-Z0-9-]+)", made.text)
    assert code, "no code on the page"
    return code.group(1)


def join_as_new_peer(make_client: Any, code: str, name: str = "Pat Peer") -> FlaskClient:
    peer = sign_in(make_client(), make_account(name))
    asked = peer.post("/join", data={"code": code})
    assert asked.status_code == 302, asked.text
    joined = peer.get(asked.location)
    assert joined.status_code == 302, joined.text
    return peer


def what_the_peer_can_open(peer: FlaskClient, family_id: str) -> dict[str, int]:
    return {
        "household": peer.get(f"/f/{family_id}/plan/household").status_code,
        "supports": peer.get(f"/api/v1/families/{family_id}/plan/supports").status_code,
        "checkins": peer.get(f"/f/{family_id}/checkins").status_code,
        "reviews": peer.get(f"/f/{family_id}/reviews").status_code,
    }


def test_the_invitation_asks_what_a_peer_may_see_with_nothing_ticked(make_client: Any, household: Household) -> None:
    parent = sign_in(make_client(), household.people[roles.PARENT])
    page = parent.get(f"/f/{household.id}/people").text
    invite_form = page[page.index(f'action="/f/{household.id}/invitations"'):page.index("Make an invitation code")]
    boxes = re.findall(r'<input type="checkbox" name="peer_parts" value="(\w+)"([^>]*)>', invite_form)
    assert {key for key, _ in boxes} >= set(SHARED_ONLY_WITH_CHOICE)
    assert all("checked" not in rest for _, rest in boxes)
    assert "If you invite a peer specialist: what they can see" in page


def test_a_new_peer_who_joins_with_nothing_ticked_sees_nothing(make_client: Any, household: Household) -> None:
    parent = sign_in(make_client(), household.people[roles.PARENT])
    peer = join_as_new_peer(make_client, invite_peer(parent, household, []))
    assert set(what_the_peer_can_open(peer, household.id).values()) <= {403, 404}
    overview = peer.get(f"/f/{household.id}").text
    assert f"/f/{household.id}/plan/household" not in overview and f"/f/{household.id}/checkins" not in overview
    assert peer.get(f"/api/v1/families/{household.id}/plan").get_json()["sections"] == []
    people = parent.get(f"/f/{household.id}/people").text
    assert "What <bdi>Pat Peer</bdi> can see" in people and "Nothing yet. They see only the parts you tick." in people


def test_the_parts_ticked_on_the_invitation_are_what_the_peer_sees(make_client: Any, household: Household) -> None:
    parent = sign_in(make_client(), household.people[roles.PARENT])
    peer = join_as_new_peer(make_client, invite_peer(parent, household, ["supports", "reviews"]))
    opened = what_the_peer_can_open(peer, household.id)
    assert opened == {"household": 404, "supports": 200, "checkins": 403, "reviews": 200}
    # Another peer, invited later with other parts, does not change what the first one sees.
    other = join_as_new_peer(make_client, invite_peer(parent, household, ["household"]), name="Sol Peer")
    assert what_the_peer_can_open(other, household.id) == {"household": 200, "supports": 404, "checkins": 403,
                                                            "reviews": 403}
    assert what_the_peer_can_open(peer, household.id) == opened


def test_a_peer_joining_with_a_code_made_without_choices_sees_nothing_until_the_parent_picks(
        make_client: Any, household: Household) -> None:
    parent_member = next(m for m in household.family.memberships if m.role == roles.PARENT)
    # A code made the way every code was made before the invitation asked (no parts recorded).
    _invitation, code = service._new_invitation(household.family, roles.PEER, "Old code", parent_member.account)
    db.session.commit()
    peer = join_as_new_peer(make_client, code)
    assert set(what_the_peer_can_open(peer, household.id).values()) <= {403, 404}
    parent = sign_in(make_client(), household.people[roles.PARENT])
    member_id = db.session.execute(
        db.select(Membership.public_id).where(Membership.family_id == household.family.id,
                                              Membership.account_id != parent_member.account_id,
                                              Membership.role == roles.PEER)
        .order_by(Membership.id.desc())).scalars().first()
    saved = parent.post(f"/f/{household.id}/members/{member_id}/peer-parts", data={"peer_parts": ["checkins"]})
    assert saved.status_code == 302
    assert what_the_peer_can_open(peer, household.id)["checkins"] == 200


def test_bad_parts_on_an_invitation_are_refused_and_make_no_code(make_client: Any, household: Household) -> None:
    parent = sign_in(make_client(), household.people[roles.PARENT])
    before = db.session.execute(db.select(db.func.count()).select_from(service.Invitation)).scalar_one()
    refused = parent.post(f"/f/{household.id}/invitations", data={"role": "peer", "peer_parts": ["use_details"]})
    assert refused.status_code == 302
    assert "That part of the plan does not exist." in parent.get(refused.location).text
    assert db.session.execute(db.select(db.func.count()).select_from(service.Invitation)).scalar_one() == before
    api = parent.post(f"/api/v1/families/{household.id}/invitations",
                      json={"role": "peer", "label": "Pat", "peer_parts": ["checkins", "goals"]})
    assert api.status_code == 201 and api.get_json()["peer_parts"] == ["goals", "checkins"]

"""Who a referral is for: a member who may not see the household reads a neutral word, never the child's name."""
from __future__ import annotations

import json

from sqlalchemy import select

from harm.extensions import db
from harm.families.models import Membership
from tests.conftest import sign_in
from tests.referrals.helpers import api, propose


def _peer_sees(client, household, parts):
    parent = sign_in(client, household.people["parent"])
    peer_member = db.session.execute(select(Membership.public_id).where(
        Membership.family_id == household.family.id, Membership.role == "peer")).scalar_one()
    saved = parent.post(f"/f/{household.id}/members/{peer_member}/peer-parts", data={"peer_parts": parts})
    assert saved.status_code == 302


def _everywhere(peer, household, referral_ids):
    """Every page and API answer where a referral, its steps or its milestones show."""
    fid = household.id
    shown = {"list": peer.get(f"/f/{fid}/referrals"), "plan": peer.get(f"/f/{fid}"),
             "milestones": peer.get(f"/f/{fid}/milestones"), "api list": peer.get(api(household)),
             "api milestones": peer.get(f"/api/v1/families/{fid}/milestones")}
    for referral_id in referral_ids:
        shown[f"page {referral_id}"] = peer.get(f"/f/{fid}/referrals/{referral_id}")
        shown[f"api {referral_id}"] = peer.get(api(household, f"/{referral_id}"))
    assert {where: response.status_code for where, response in shown.items()} == dict.fromkeys(shown, 200)
    return {where: response.text for where, response in shown.items()}


def test_a_peer_without_the_household_part_never_sees_a_childs_name_on_a_referral(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    saved = parent.put(f"/api/v1/families/{household.id}/plan/household",
                       json={"version": 0, "data": {"members": [{"name": "Sky", "age_range": "0-5"}]}})
    assert saved.status_code == 200
    caseworker = sign_in(make_client(), household.people["caseworker"])
    for_sky = propose(caseworker, household, person="Sky", service="early_intervention")
    for_parent = propose(caseworker, household, service="housing")
    assert parent.post(api(household, f"/{for_sky['id']}/answer"), json={"answer": "agree"}).status_code == 200
    assert caseworker.post(api(household, f"/{for_sky['id']}/stage"), json={"stage": "sent"}).status_code == 200

    _peer_sees(make_client(), household, ["naloxone", "checkins", "reviews", "referrals"])  # but the household
    peer = sign_in(make_client(), household.people["peer"])
    texts = _everywhere(peer, household, [for_sky["id"], for_parent["id"]])
    assert {where for where, text in texts.items() if "Sky" in text} == set()
    assert "Someone in the home" in texts[f"page {for_sky['id']}"]
    assert "The parent" in texts[f"page {for_parent['id']}"]
    people = {item["id"]: item["person"] for item in json.loads(texts["api list"])}
    assert people == {for_sky["id"]: None, for_parent["id"]: ""}  # one neutral value, never the name
    assert json.loads(texts[f"api {for_sky['id']}"])["person"] is None

    # The parent shares the household: now the peer sees whom it is for.
    _peer_sees(make_client(), household, ["household", "naloxone", "checkins", "reviews", "referrals"])
    assert "Sky" in peer.get(f"/f/{household.id}/referrals/{for_sky['id']}").text
    assert peer.get(api(household, f"/{for_sky['id']}")).get_json()["person"] == "Sky"
    assert caseworker.get(api(household, f"/{for_sky['id']}")).get_json()["person"] == "Sky"
    assert "Sky" in parent.get(f"/f/{household.id}/referrals/{for_sky['id']}").text


def test_a_peer_sees_referrals_only_while_the_parent_shares_them(make_client, household):
    caseworker = sign_in(make_client(), household.people["caseworker"])
    referral = propose(caseworker, household, service="housing", provider_name="Harbor Housing Help")
    _peer_sees(make_client(), household, ["naloxone", "checkins"])  # not the referrals
    peer = sign_in(make_client(), household.people["peer"])
    fid = household.id
    refused = {where: peer.get(url) for where, url in (
        ("list", f"/f/{fid}/referrals"), ("page", f"/f/{fid}/referrals/{referral['id']}"), ("api list", api(household)),
        ("api", api(household, f"/{referral['id']}")))}
    assert {where: r.status_code for where, r in refused.items()} == dict.fromkeys(refused, 403)
    assert all("Harbor Housing Help" not in r.text for r in refused.values())
    assert "Harbor Housing Help" not in peer.get(f"/f/{fid}").text
    assert peer.post(api(household), json={"service": "housing", "provider_name": "X", "provider_phone": "555-010-0100",
                                          "reason": "A place to live."}).status_code == 403

    _peer_sees(make_client(), household, ["naloxone", "checkins", "referrals"])
    assert "Harbor Housing Help" in peer.get(f"/f/{fid}/referrals/{referral['id']}").text

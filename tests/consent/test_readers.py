"""The parent's "Who can see this plan" page says, per kind of use detail, who can see it now."""
from __future__ import annotations

import re

import pytest
from flask import Flask

from harm.agencies.models import AgencyWorker
from harm.extensions import db
from harm.families import roles
from harm.families.models import Membership
from harm.use_details import CATEGORIES
from tests.agencies.helpers import agency_with
from tests.conftest import Household, sign_in
from tests.vault.helpers import give_consent

pytestmark = pytest.mark.db


def _readers(html: str) -> dict[str, str]:
    """Category label -> what the page says about who can see it."""
    part = html.split('id="use-details-readers"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", part, re.S)
    return {label: " ".join(re.sub(r"<[^>]+>", " ", text).split()) for label, text in pairs}


def test_with_no_consent_each_kind_says_only_you(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    readers = _readers(parent.get(f"/f/{household.id}/people").text)
    assert readers == {str(label): "Only you" for label in CATEGORIES.values()}


def test_named_workers_and_agencies_of_consents_in_force_are_listed_until_their_last_day(
        app: Flask, household: Household) -> None:
    agency, _admin = agency_with(peer=household.people[roles.PEER])
    active = give_consent(household, "active", ["moud"], [roles.CASEWORKER], agencies=(agency,))
    give_consent(household, "revoked", ["substances"], [roles.CASEWORKER])
    give_consent(household, "expired", ["treatment"], [], agencies=(agency,))
    assert active is not None
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    readers = _readers(parent.get(f"/f/{household.id}/people").text)
    moud = readers.pop(str(CATEGORIES["moud"]))
    assert "Morgan Caseworker (Caseworker), until" in moud and "Riverside Family Services (Agency), until" in moud
    assert set(readers.values()) == {"Only you"}
    # The caseworker leaves the plan: they drop off the list at once; the agency stays.
    db.session.execute(db.delete(Membership).where(Membership.account_id == household.people[roles.CASEWORKER].id))
    db.session.commit()
    moud = _readers(parent.get(f"/f/{household.id}/people").text)[str(CATEGORIES["moud"])]
    assert "Morgan Caseworker" not in moud and "Riverside Family Services (Agency)" in moud
    # The agency's only worker on the plan is turned off: nobody else can see it now.
    db.session.execute(db.update(AgencyWorker).where(AgencyWorker.account_id == household.people[roles.PEER].id)
                       .values(active=False))
    db.session.commit()
    assert _readers(parent.get(f"/f/{household.id}/people").text)[str(CATEGORIES["moud"])] == "Only you"


def test_only_the_parent_sees_the_list(app: Flask, household: Household) -> None:
    give_consent(household, "active", ["moud"], [roles.CASEWORKER])
    for who in (roles.CAREGIVER, roles.CASEWORKER, roles.PEER):
        page = sign_in(app.test_client(), household.people[who]).get(f"/f/{household.id}/people")
        assert page.status_code == 200 and "use-details-readers" not in page.text, who

"""A consent that names an agency: its active caseworkers and peers on this plan see exactly what was consented."""
from __future__ import annotations

import pytest
from flask import Flask

from harm.agencies.models import Agency, AgencyWorker
from harm.consent.access import visible_categories
from harm.extensions import db
from harm.families import roles
from harm.families.models import Membership
from harm.models_base import utcnow
from harm.use_details import CATEGORIES, PART2_NOTICE
from tests.agencies.helpers import agency_with
from tests.authenticator import Authenticator
from tests.conftest import Household, add_member, make_account, sign_in
from tests.consent.test_matrix import _sees
from tests.vault.helpers import (
    STATES,
    add_parent_passkey,
    consent_form,
    give_consent,
    plant_every_category,
    planted,
    sign_consent,
)

pytestmark = pytest.mark.db

NOTICE = str(PART2_NOTICE)


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def _agency_of_everyone(household: Household) -> Agency:
    """Riverside employs the family's caseworker, peer and (in their other job) the caregiver."""
    agency, _admin = agency_with(caseworker=household.people[roles.CASEWORKER], peer=household.people[roles.PEER],
                                 caseworker_2=household.people[roles.CAREGIVER])
    return agency


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("category", list(CATEGORIES))
@pytest.mark.parametrize("who", (roles.CAREGIVER, roles.CASEWORKER, roles.PEER))
def test_an_agency_recipient_lets_its_workers_on_the_plan_see_exactly_the_consented_category(
        app: Flask, household: Household, who: str, category: str, state: str) -> None:
    agency = _agency_of_everyone(household)
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, state, [category], [], agencies=(agency,))
    api_seen, page_seen, text, status = _sees(app, household, who)
    # A caregiver is family, not the agency's worker on this plan, even if the agency employs them.
    expected = {category} if state == "active" and who != roles.CAREGIVER else set()
    assert api_seen == page_seen == expected
    if expected:
        assert status == 200 and NOTICE in text and "only-for-me-note" not in text
    else:
        assert status == 404 and NOTICE not in text


@pytest.mark.parametrize("state", STATES)
def test_a_worker_of_another_agency_sees_nothing(app: Flask, household: Household, state: str) -> None:
    agency = _agency_of_everyone(household)
    stranger = make_account("Jordan Otherworker")
    add_member(household.family, stranger, roles.CASEWORKER)
    agency_with("Casey Admin", caseworker=stranger)
    household.people["other_agency"] = stranger
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, state, list(CATEGORIES), [], agencies=(agency,))
    assert _sees(app, household, "other_agency")[:2] == (set(), set())
    assert _sees(app, household, "outsider")[:2] == (set(), set())


def test_a_worker_turned_off_or_gone_from_the_family_loses_it_on_the_next_request(
        app: Flask, household: Household) -> None:
    agency = _agency_of_everyone(household)
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, "active", ["moud"], [], agencies=(agency,))
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    peer = sign_in(app.test_client(), household.people[roles.PEER])
    url = f"/api/v1/families/{household.id}/use-details"
    assert caseworker.get(url).status_code == peer.get(url).status_code == 200
    worker = db.session.execute(db.select(AgencyWorker).where(
        AgencyWorker.account_id == household.people[roles.CASEWORKER].id)).scalar_one()
    worker.active = False  # set straight in the database: sign-in checks and the decision itself both refuse
    db.session.commit()
    assert caseworker.get(url).status_code in (401, 404)
    assert planted("moud") not in caseworker.get(f"/f/{household.id}/use-details").text
    assert visible_categories(household.people[roles.CASEWORKER], household.family, utcnow()) == set()
    db.session.execute(db.delete(Membership).where(Membership.account_id == household.people[roles.PEER].id,
                                                   Membership.family_id == household.family.id))
    db.session.commit()
    assert peer.get(url).status_code == 404


def test_the_parent_names_an_agency_in_the_form_and_the_document_names_it(
        app: Flask, household: Household, authenticator: Authenticator) -> None:
    agency = _agency_of_everyone(household)
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    add_parent_passkey(parent, authenticator)
    plant_every_category(parent, household.id)
    form = parent.get(f"/f/{household.id}/consents/new")
    assert f'value="{agency.public_id}"' in form.text and agency.name in form.text
    drafted = parent.post(f"/f/{household.id}/consents",
                          data=consent_form(household, recipients=[], agencies=[agency.public_id]))
    assert drafted.status_code == 302, drafted.text
    consent_id = drafted.location.rstrip("/").rsplit("/", 1)[-1]
    assert sign_consent(parent, authenticator, household.id, consent_id).status_code == 200
    document = parent.get(drafted.location)
    assert "Riverside Family Services (Agency)" in document.text
    download = parent.get(f"/f/{household.id}/consents/{consent_id}/download")
    assert "Riverside Family Services (Agency)" in download.text
    api = parent.get(f"/api/v1/families/{household.id}/consents/{consent_id}").get_json()
    assert api["recipients"] == [{"name": "Riverside Family Services", "role": "agency"}]
    peer = sign_in(app.test_client(), household.people[roles.PEER])
    seen = peer.get(f"/f/{household.id}/use-details").text
    assert planted("moud") in seen and planted("treatment") in seen and planted("substances") not in seen


def test_only_an_agency_with_a_worker_on_this_plan_can_be_named(app: Flask, household: Household) -> None:
    _agency_of_everyone(household)
    unrelated, _admin = agency_with("Casey Admin")
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    url = f"/api/v1/families/{household.id}/consents"
    refused = parent.post(url, json=consent_form(household, recipients=[], agencies=[unrelated.public_id]))
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["json"]["recipients"] == ["Please pick people from this family's list."]
    nobody = parent.post(url, json=consent_form(household, recipients=[], agencies=[]))
    assert nobody.status_code == 422
    assert nobody.get_json()["errors"]["json"]["recipients"] == ["Please tick at least one person who may see it."]
    assert unrelated.public_id not in parent.get(f"/f/{household.id}/consents/new").text

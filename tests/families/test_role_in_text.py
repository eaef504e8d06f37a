"""A role named inside a sentence reads as each language writes it there: "join as caseworker", not "as Caseworker"."""
from __future__ import annotations

import html

import pytest
from flask import Flask

from harm.families import roles
from tests.conftest import make_account, sign_in


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def invitation_page(client, family_id: str, role: str) -> str:
    response = client.post(f"/f/{family_id}/invitations", data={"role": role, "label": "Ms. Example"})
    assert response.status_code == 200, response.text
    return html.unescape(response.text)


@pytest.mark.parametrize(("role", "in_text"), [
    (roles.CASEWORKER, "caseworker"), (roles.PEER, "peer recovery specialist"), (roles.CAREGIVER, "caregiver"),
])
def test_the_invitation_names_the_role_in_lower_case(make_client, household, role, in_text):
    page = invitation_page(sign_in(make_client(), household.people["parent"]), household.id, role)
    assert f"who will join Test household as {in_text}." in page
    assert str(roles.ROLE_NAMES[role]) not in page.split("<h1>", 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(("language", "sentence"), [
    ("es", "Dé este código a la persona que se unirá a Test household como trabajador social."),
    ("ar", "أعطِ هذا الرمز للشخص الذي سينضم إلى Test household بصفة أخصائي اجتماعي."),
    ("vi", "Đưa mã này cho người sẽ tham gia Test household với vai trò nhân viên xã hội."),
])
def test_each_language_writes_the_role_as_it_does_inside_a_sentence(make_client, household, language, sentence):
    parent = sign_in(make_client(), household.people["parent"])
    parent.get(f"/language?to={language}&next=/")
    assert sentence in invitation_page(parent, household.id, roles.CASEWORKER)


def test_the_welcome_and_the_plan_page_say_the_role_in_lower_case(make_client, household):
    parent = sign_in(make_client(), household.people["parent"])
    page = invitation_page(parent, household.id, roles.PEER)
    code = page.split("<code data-code>", 1)[1].split("<", 1)[0]
    newcomer = sign_in(make_client(), make_account("Lee Peer"))
    newcomer.post("/join", data={"code": code})
    welcomed = newcomer.get("/join/accept", follow_redirects=True)
    text = html.unescape(welcomed.text)
    assert "You are now on the plan “Test household” as peer recovery specialist." in text
    assert "You are on this plan as peer recovery specialist." in text
    worker = sign_in(make_client(), household.people["caseworker"])
    assert "You are on this plan as caseworker." in html.unescape(worker.get(f"/f/{household.id}").text)

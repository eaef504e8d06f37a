"""Where the app once said "do not write about drug use", it now says what goes where: never what was used, how much
or when in text everyone on the plan reads; that goes on the parent's Use details page, only if the parent chooses."""
from __future__ import annotations

import html

import pytest

from harm.families import roles
from tests.conftest import sign_in

NOT_HERE = "Do not write here what was used, how much or when."
FOR_THE_PARENT = "That goes on your Use details page, only if you choose."
FOR_EVERYONE_ELSE = "Only the parent keeps that, on their Use details page."


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.text)


@pytest.mark.parametrize(("role", "where"), [
    (roles.PARENT, "/plan/household"), (roles.PARENT, "/plan/storage"), (roles.PARENT, "/plan/goals"),
    (roles.PARENT, "/milestones"), (roles.CAREGIVER, "/plan/goals"), (roles.CAREGIVER, "/milestones"),
    (roles.CASEWORKER, "/plan/overdose"), (roles.CASEWORKER, "/checkins"), (roles.CASEWORKER, "/reviews/new"),
    (roles.PEER, "/checkins"), (roles.PEER, "/milestones"),
])
def test_the_hint_says_where_use_details_go(make_client, household, role, where):
    page = page_text(sign_in(make_client(), household.people[role]), f"/f/{household.id}{where}")
    assert "drug use" not in page
    assert NOT_HERE in page
    if role == roles.PARENT:
        assert FOR_THE_PARENT in page and FOR_EVERYONE_ELSE not in page
    else:
        assert FOR_EVERYONE_ELSE in page and FOR_THE_PARENT not in page


def test_a_reminder_asks_for_no_names_and_no_use_details(make_client, household):
    page = page_text(sign_in(make_client(), household.people[roles.PARENT]), "/reminders")
    assert "drug use" not in page
    assert "Please do not write names here, or what was used, how much or when." in page


def test_the_hint_is_translated(make_client, household):
    client = sign_in(make_client(), household.people[roles.PARENT])
    client.get("/language?to=es&next=/")
    page = page_text(client, f"/f/{household.id}/plan/household")
    assert "No escriba aquí qué se consumió, cuánto ni cuándo." in page
    assert "Eso va en su página Detalles sobre el consumo, solo si usted quiere." in page

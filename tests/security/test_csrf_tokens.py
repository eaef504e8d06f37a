"""Flask-WTF's CSRF token guards every form: one session's token works, another's is refused."""
from __future__ import annotations

import re

from flask.testing import FlaskClient

from harm.families import roles
from tests.conftest import Household, sign_in


def page_token(client: FlaskClient, path: str = "/help/overdose") -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get(path).text)
    assert found, path
    return found.group(1)


def choose_name(client: FlaskClient, token: str) -> int:
    answer = client.post("/device/name", data={"choice": "notes"}, headers={"X-CSRFToken": token})
    return int(answer.status_code)


def test_a_pages_token_is_accepted_on_every_page_of_its_session(make_client):
    visitor = make_client()
    for path in ("/help/overdose", "/", "/help/naloxone", "/device/name"):
        assert choose_name(visitor, page_token(visitor, path)) == 302


def test_each_session_has_its_own_token_and_another_ones_is_refused(make_client):
    one, two = make_client(), make_client()
    token_one, token_two = page_token(one), page_token(two)
    assert token_one != token_two
    refused = two.post("/device/name", data={"choice": "notes"}, headers={"X-CSRFToken": token_one})
    assert refused.status_code == 400
    assert "This page was open too long" in refused.text
    assert "fp_discreet" not in refused.headers.get("Set-Cookie", "")
    assert choose_name(two, token_two) == 302


def test_signing_in_and_out_keeps_forms_working(make_client, household: Household):
    parent = sign_in(make_client(), household.people[roles.PARENT])
    assert choose_name(parent, page_token(parent, f"/f/{household.id}")) == 302
    assert parent.post("/signout", headers={"X-CSRFToken": page_token(parent)}).status_code == 302
    assert choose_name(parent, page_token(parent)) == 302

"""The CSRF token is signed once a session token (harm/csrf_tokens.py), and still guards every form."""
from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from harm import csrf_tokens
from harm.families import roles
from tests.conftest import Household, sign_in


def page_token(client: FlaskClient, path: str = "/help/overdose") -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get(path).text)
    assert found, path
    return found.group(1)


def choose_name(client: FlaskClient, token: str) -> int:
    answer = client.post("/device/name", data={"choice": "notes"}, headers={"X-CSRFToken": token})
    return int(answer.status_code)


@pytest.fixture()
def signings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time Flask-WTF signs a token for a page."""
    made: list[str] = []
    sign = csrf_tokens.generate_csrf

    def counted() -> str:
        made.append(sign())
        return made[-1]

    monkeypatch.setattr(csrf_tokens, "generate_csrf", counted)
    return made


def test_a_session_signs_its_token_once_and_the_token_is_accepted(make_client, signings):
    visitor = make_client()
    tokens = {page_token(visitor, path) for path in ("/help/overdose", "/", "/help/naloxone", "/device/name")}
    assert len(tokens) == 1 and len(signings) == 1
    assert choose_name(visitor, tokens.pop()) == 302


def test_each_session_has_its_own_token_and_another_ones_is_refused(make_client, signings):
    one, two = make_client(), make_client()
    token_one, token_two = page_token(one), page_token(two)
    assert token_one != token_two and len(signings) == 2
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

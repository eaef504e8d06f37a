"""Every route that takes a `next` follows only a path on this site, whatever an attacker puts in the link."""
from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from sqlalchemy import select

from harm.accounts.models import Account, AccountSession
from harm.accounts.service import issue_signin_code
from harm.extensions import db
from harm.redirects import same_site_path
from tests.authenticator import Authenticator
from tests.conftest import make_account, register_with_passkey, sign_in
from tests.lock.test_lock import go_idle

# As they arrive in a query string. Browsers drop tabs and newlines, so the first two become //evil.
VECTORS = ["/%09/evil.example", "/%0a/evil", "/%5C%5Cevil", "/%5Cevil", "//evil", "https://evil",
           "/%0d%0aSet-Cookie:x", "/%00/evil", "/%7F/evil", "/%C2%85/evil", "%09//evil", "/%09%0d%0a/evil",
           "javascript:alert(1)", "http:/evil", "///evil", "evil", ""]
GOOD = "/help/?a=1"
DATA_URL = re.compile(r'data-verify-url="([^"]*)"')


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def passkey_account(client, authenticator: Authenticator) -> Account:
    assert register_with_passkey(client, authenticator, "Lee").status_code == 200
    return db.session.execute(select(AccountSession)).scalar_one().account


def refused_at_the_edge(answer, vector: str) -> bool:
    """A request whose query holds a NUL is refused before its view runs (tests/security/test_bad_input.py)."""
    if "%00" not in vector:
        return False
    assert answer.status_code == 422, answer.text
    return True


def stays_here(location: str, default: str) -> None:
    assert location == default, location
    assert "evil" not in location and "\n" not in location and "\r" not in location


@pytest.mark.parametrize("vector", VECTORS)
def test_signin_page_while_signed_in_goes_home(client, vector: str) -> None:
    sign_in(client, make_account())
    answer = client.get(f"/signin?next={vector}")
    if refused_at_the_edge(answer, vector):
        return
    assert answer.status_code == 302
    stays_here(answer.location, "/")


@pytest.mark.parametrize("vector", VECTORS)
def test_signin_page_does_not_hand_a_foreign_next_to_its_script(client, vector: str) -> None:
    page = client.get(f"/signin?next={vector}")
    if refused_at_the_edge(page, vector):
        return
    assert page.status_code == 200
    assert DATA_URL.search(page.text).group(1) == "/api/v1/auth/signin/verify"


@pytest.mark.parametrize("vector", VECTORS)
def test_code_sign_in_goes_home(client, make_client, authenticator: Authenticator, vector: str) -> None:
    account = passkey_account(make_client(), authenticator)
    answer = client.post(f"/signin/code?next={vector}", data={"code": issue_signin_code(account)})
    if refused_at_the_edge(answer, vector):
        return
    assert answer.status_code == 302
    stays_here(answer.location, "/")


@pytest.mark.parametrize("vector", VECTORS)
def test_passkey_sign_in_api_returns_home(client, authenticator: Authenticator, vector: str) -> None:
    passkey_account(client, authenticator)
    client.post("/signout")
    options = client.post("/api/v1/auth/signin/options").get_json()
    answer = client.post(f"/api/v1/auth/signin/verify?next={vector}", json={"credential": authenticator.get(options)})
    if refused_at_the_edge(answer, vector):
        return
    assert answer.status_code == 200, answer.text
    stays_here(answer.get_json()["next"], "/")


@pytest.mark.parametrize("vector", VECTORS)
def test_welcome_skip_link_goes_home(client, vector: str) -> None:
    sign_in(client, make_account())
    page = client.get(f"/welcome?next={vector}")
    if refused_at_the_edge(page, vector):
        return
    assert page.status_code == 200
    assert unescape(re.search(r'<a class="lone-link" href="([^"]*)">Skip for now</a>', page.text).group(1)) == "/"


@pytest.mark.parametrize("vector", VECTORS)
def test_recovery_codes_page_link_stays_here(client, vector: str) -> None:
    sign_in(client, make_account())
    page = client.post(f"/account/recovery-codes?next={vector}")
    if refused_at_the_edge(page, vector):
        return
    assert page.status_code == 200
    link = re.search(r'<a class="button" href="([^"]*)">Go on</a>', page.text).group(1)
    assert unescape(link) == "/account"


@pytest.mark.parametrize("vector", VECTORS)
def test_recovery_codes_question_links_stay_here(client, vector: str) -> None:
    sign_in(client, make_account())
    page = client.get(f"/account/recovery-codes?next={vector}")
    if refused_at_the_edge(page, vector):
        return
    assert page.status_code == 200
    assert unescape(re.search(r'<a class="lone-link" href="([^"]*)">Not now</a>', page.text).group(1)) == "/account"
    assert unescape(re.search(r'<form method="post" action="([^"]*)"', page.text.split("<main", 1)[1]).group(1)) == (
        "/account/recovery-codes")


@pytest.mark.parametrize("vector", VECTORS)
def test_unlock_page_while_unlocked_or_signed_out_stays_here(client, make_client, vector: str) -> None:
    answer = make_client().get(f"/unlock?next={vector}")
    if refused_at_the_edge(answer, vector):
        return
    assert answer.status_code == 302
    stays_here(answer.location, "/signin?next=")
    sign_in(client, make_account())
    answer = client.get(f"/unlock?next={vector}")
    assert answer.status_code == 302
    stays_here(answer.location, "/")


@pytest.mark.parametrize("vector", VECTORS)
def test_unlock_while_locked_returns_home(client, authenticator: Authenticator, vector: str) -> None:
    passkey_account(client, authenticator)
    go_idle(60 * 24)
    page = client.get(f"/unlock?next={vector}")
    if refused_at_the_edge(page, vector):
        return
    assert page.status_code == 200
    assert DATA_URL.search(page.text).group(1) == "/unlock/verify"
    options = client.post("/unlock/options").get_json()
    answer = client.post(f"/unlock/verify?next={vector}", json={"credential": authenticator.get(options)})
    if refused_at_the_edge(answer, vector):
        return
    assert answer.status_code == 200, answer.text
    stays_here(answer.get_json()["next"], "/")


@pytest.mark.parametrize("vector", VECTORS)
def test_language_switcher_goes_home(client, vector: str) -> None:
    answer = client.get(f"/language?to=es&next={vector}")
    if refused_at_the_edge(answer, vector):
        return
    assert answer.status_code == 302
    stays_here(answer.location, "/")


def test_a_path_on_this_site_is_still_followed(client, make_client, authenticator: Authenticator) -> None:
    assert client.get(f"/language?to=en&next={GOOD}").location == GOOD
    account = passkey_account(make_client(), authenticator)
    answer = client.post(f"/signin/code?next={GOOD}", data={"code": issue_signin_code(account)})
    assert answer.location == GOOD
    assert client.get("/signin?next=/f/abc").location == "/f/abc"


@pytest.mark.parametrize("raw", ["/\t/evil", " //evil", "/\x85/evil", "/\x9f/evil", "/\x7f", "/a" * 2001, None])
def test_same_site_path_refuses_control_characters_and_huge_values(raw: str | None) -> None:
    assert same_site_path(raw, "/home") == "/home"

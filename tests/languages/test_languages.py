"""Choosing the language: account, switcher cookie, Accept-Language, English; bad input falls back."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.accounts.models import Account, Passkey
from harm.extensions import db
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db
SHIPPED = ["es", "zh_Hans", "vi", "ko", "fil", "ar"]


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def html_lang(client: FlaskClient, url: str = "/help/", **kwargs: object) -> str:
    text = client.get(url, **kwargs).text  # type: ignore[arg-type]
    return text.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("to", ["xx", "", "../../etc", "es_ES'><script>", "e" * 500, "zz-Latn-AB"])
def test_an_unknown_or_malformed_locale_falls_back_to_english(client: FlaskClient, to: str) -> None:
    response = client.get("/language", query_string={"to": to, "next": "/help/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/help/"
    assert html_lang(client) == "en"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\t/evil.example", "/\\evil", "help"])
def test_the_switcher_only_goes_back_to_a_local_path(client: FlaskClient, target: str) -> None:
    response = client.get("/language", query_string={"to": "en", "next": target})
    assert response.headers["Location"] == "/"


def test_english_without_any_choice(client: FlaskClient) -> None:
    assert html_lang(client) == "en"
    assert html_lang(client, headers={"Accept-Language": "xx-YY, qq;q=0.5"}) == "en"


@pytest.mark.parametrize(("header", "lang"), [
    ("es-MX,es;q=0.9", "es"), ("zh-CN,zh;q=0.9", "zh-Hans"), ("zh-Hans", "zh-Hans"), ("zh", "zh-Hans"),
    ("zh-TW", "zh-Hans"),
    ("tl-PH", "fil"), ("fil", "fil"), ("ar-EG", "ar"), ("vi", "vi"), ("ko-KR", "ko"), ("de, es;q=0.5", "es"),
])
def test_the_browser_language_is_used(app: Flask, client: FlaskClient, header: str, lang: str) -> None:
    assert html_lang(client, headers={"Accept-Language": header}) == lang


def test_arabic_pages_are_right_to_left(client: FlaskClient) -> None:
    text = client.get("/help/overdose", headers={"Accept-Language": "ar"}).text
    assert '<html lang="ar" dir="rtl">' in text
    assert '<html lang="es" dir="ltr">' in client.get("/", headers={"Accept-Language": "es"}).text


def test_the_switcher_cookie_beats_the_browser(client: FlaskClient) -> None:
    client.get("/language", query_string={"to": "vi", "next": "/"})
    assert html_lang(client, headers={"Accept-Language": "ko"}) == "vi"


def test_the_switcher_is_on_every_page_and_works_without_javascript(client: FlaskClient) -> None:
    for url in ("/", "/help/", "/help/naloxone", "/signup", "/signin"):
        text = client.get(url).text
        assert 'href="/language?to=ar&amp;next=' in text, url
        assert 'lang="ar"' in text


def test_a_signed_in_choice_is_saved_on_the_account(client: FlaskClient, household: Household) -> None:
    parent = household.people["parent"]
    sign_in(client, parent)
    client.get("/language", query_string={"to": "ko", "next": "/account"})
    assert db.session.get(Account, parent.id).language == "ko"
    client.delete_cookie("lang")
    assert html_lang(client, "/account", headers={"Accept-Language": "es"}) == "ko"


def test_the_account_page_sets_the_language(client: FlaskClient, household: Household) -> None:
    parent = household.people["parent"]
    sign_in(client, parent)
    response = client.post("/account/language", data={"language": "es"})
    assert response.status_code == 302
    assert db.session.get(Account, parent.id).language == "es"
    assert html_lang(client, "/account") == "es"


def test_the_account_page_refuses_an_unknown_language_and_keeps_the_old_one(
    client: FlaskClient, household: Household
) -> None:
    parent = household.people["parent"]
    sign_in(client, parent)
    client.post("/account/language", data={"language": "vi"})
    response = client.post("/account/language", data={"language": "klingon"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    db.session.expire_all()
    assert db.session.get(Account, parent.id).language == "vi"


def test_every_shipped_language_is_offered(app: Flask) -> None:
    assert app.config["LOCALES"] == ["en", *sorted(SHIPPED)]


def test_dates_follow_the_reader_locale(client: FlaskClient, household: Household) -> None:
    parent = household.people["parent"]
    db.session.add(Passkey(account_id=parent.id, credential_id=b"c" * 16, public_key=b"k" * 16, name="Phone"))
    db.session.commit()
    sign_in(client, parent)
    client.post("/account/language", data={"language": "es"})
    text = client.get("/account").text
    month = datetime.now(UTC).month
    spanish = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"][month - 1]
    assert f" {spanish}" in text

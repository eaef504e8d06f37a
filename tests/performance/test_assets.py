"""Hashed static names with a year of caching, the plain names still served; answers compressed, pages never."""
from __future__ import annotations

import gzip
import re

import brotli
import pytest
from flask import Flask

from harm.assets import IMMUTABLE, hashed_filename, hashed_static_urls
from tests.conftest import sign_in

HASHED_CSS = re.compile(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"')


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def test_pages_link_the_stylesheet_by_its_content_hash(client):
    page = client.get("/")
    match = HASHED_CSS.search(page.text)
    assert match, page.text[:400]
    css = client.get(match.group(1))
    assert css.status_code == 200
    assert css.headers["Cache-Control"] == IMMUTABLE
    assert css.mimetype == "text/css"
    with client.get("/static/css/app.css") as plain:
        assert css.data == plain.data


def test_the_plain_static_name_still_works_without_long_caching(client):
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert "immutable" not in response.headers.get("Cache-Control", "")


def test_a_wrong_or_made_up_hash_is_not_found(client):
    assert client.get("/static/css/app.000000000000.css").status_code == 404
    assert client.get("/static/css/nothing.css").status_code == 404


@pytest.mark.parametrize("name", ["css/app.css", "js/passkey.js", "img/steps/1-check.svg"])
def test_hashed_static_files_come_compressed_and_cached_for_a_year(client, app, name):
    stem, suffix = name.rsplit(".", 1)
    hashed = next(u for u in hashed_static_urls(app) if re.fullmatch(rf"/static/{stem}\.[0-9a-f]{{12}}\.{suffix}", u))
    with client.get(f"/static/{name}") as plain:
        body = plain.data
    compressed = client.get(hashed, headers={"Accept-Encoding": "br"})
    assert compressed.headers["Content-Encoding"] == "br"
    assert compressed.headers["Cache-Control"] == IMMUTABLE
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert brotli.decompress(compressed.data) == body
    assert len(compressed.data) < len(body)


def test_hashed_urls_cover_every_static_file(app):
    urls = hashed_static_urls(app)
    assert any(re.fullmatch(r"/static/js/passkey\.[0-9a-f]{12}\.js", u) for u in urls)
    assert any(re.fullmatch(r"/static/img/steps/1-check\.[0-9a-f]{12}\.svg", u) for u in urls)


def test_hashed_filename_keeps_the_extension_last():
    assert hashed_filename("css/app.css", "abc") == "css/app.abc.css"
    assert hashed_filename("LICENSE", "abc") == "LICENSE.abc"


def test_api_answers_are_gzipped_and_still_never_cached(client, household):
    sign_in(client, household.people["parent"])
    response = client.get(f"/api/v1/families/{household.id}/plan", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.data)


@pytest.mark.parametrize("url", ["/signin/code?next=/help/", "/help/overdose?q=csrf", "/f/{family}",
                                 "/f/{family}/consents/new"])
def test_a_page_with_the_csrf_token_and_reflected_input_is_never_compressed(client, household, url):
    """BREACH: the token beside what the request put on the page must not be compressed together."""
    sign_in(client, household.people["parent"])
    page = client.get(url.format(family=household.id), headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert page.status_code == 200
    assert 'name="csrf-token" content="' in page.text
    assert "Content-Encoding" not in page.headers


def test_answers_are_plain_for_a_browser_that_does_not_accept_gzip(client):
    response = client.get("/help/overdose", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert "naloxone" in response.text.lower()


def test_small_answers_are_not_compressed(client):
    response = client.post("/api/v1/auth/code", json={"code": "AAAAA-BBBBB"}, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 401
    assert len(response.data) < 512
    assert "Content-Encoding" not in response.headers


def test_favicon_ico_is_answered_from_memory(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.mimetype == "image/png"
    assert icon.data.startswith(b"\x89PNG")
    assert "no-store" not in icon.headers["Cache-Control"]
    again = client.get("/favicon.ico", headers={"If-None-Match": icon.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_every_page_links_a_hashed_icon_that_follows_discreet_mode(client):
    link = re.compile(r'<link rel="icon" type="image/svg\+xml" '
                      r'href="(/static/icons/discreet/(\w+)/icon\.[0-9a-f]{12}\.svg)"')
    found = link.search(client.get("/").text)
    assert found and found.group(2) == "default"
    assert client.get(found.group(1)).status_code == 200
    client.set_cookie("fp_discreet", "weather")
    found = link.search(client.get("/help/overdose").text)
    assert found and found.group(2) == "weather"
    with client.get("/static/icons/discreet/weather/icon-192.png") as weather:
        assert client.get("/favicon.ico").data == weather.data

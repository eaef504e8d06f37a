"""Quick exit on every page; a neutral name and icon per device, in titles and for the manifest."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from harm import create_app
from harm.config import ConfigError
from harm.discreet.choices import COOKIE, OPTIONS, current_choice
from tests.conftest import Household, app_environ, sign_in

pytestmark = pytest.mark.db
STATIC = Path(__file__).resolve().parents[2] / "harm" / "static"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def test_every_main_page_has_the_quick_exit_link(client, household: Household) -> None:
    pages = ["/", "/emergency", "/help/overdose", "/signin", "/device/name"]
    for path in pages:
        text = client.get(path).text
        exit_link = '<a class="quick-exit" id="quick-exit" href="/leave" data-neutral-url="https://www.weather.gov/"'
        assert exit_link in text, path
    sign_in(client, household.people["parent"])
    for path in ("/", f"/f/{household.id}", f"/f/{household.id}/plan/naloxone", f"/f/{household.id}/fridge",
                 f"/f/{household.id}/share", "/account"):
        assert 'id="quick-exit"' in client.get(path).text, path


def test_the_quick_exit_address_is_configurable(database_url: str) -> None:
    app = create_app({**app_environ(database_url), "QUICK_EXIT_URL": "https://example.org/news"})
    client = app.test_client()
    assert 'data-neutral-url="https://example.org/news"' in client.get("/help/overdose").text
    assert client.get("/leave").location == "https://example.org/news"
    with pytest.raises(ConfigError):
        create_app({**app_environ(database_url), "QUICK_EXIT_URL": "javascript:alert(1)"})


def test_a_chosen_name_replaces_every_page_title(client, household: Household) -> None:
    assert "Family Plan" in TITLE.search(client.get("/help/overdose").text).group(1)
    response = client.post("/device/name", data={"choice": "calendar"})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert f"{COOKIE}=calendar" in cookie and "HttpOnly" in cookie and "Max-Age=" in cookie
    sign_in(client, household.people["parent"])
    for path in ("/help/overdose", "/emergency/2", f"/f/{household.id}"):
        assert TITLE.search(client.get(path).text).group(1).strip() == "Calendar", path


def test_a_bad_choice_is_refused_and_changes_nothing(client) -> None:
    client.post("/device/name", data={"choice": "notes"})
    response = client.post("/device/name", data={"choice": "casino"})
    assert response.status_code == 422 and 'class="error"' in response.text
    assert TITLE.search(client.get("/").text).group(1).strip() == "Notes"


def test_the_manifest_fields_follow_the_choice(app) -> None:
    with app.test_request_context(headers={"Cookie": f"{COOKIE}=weather"}):
        fields = current_choice().manifest_fields()
    assert fields["name"] == "Weather" and fields["short_name"] == "Weather"
    assert {(i["sizes"], i["purpose"]) for i in fields["icons"]} >= {("192x192", "any"), ("512x512", "any"),
                                                                       ("512x512", "maskable")}
    assert all("/weather/" in i["src"] for i in fields["icons"])
    with app.test_request_context():
        assert current_choice().manifest_fields()["name"] == "Family Plan"


def test_every_icon_file_exists_with_its_size(app) -> None:
    from PIL import Image

    for key in OPTIONS:
        with app.test_request_context(headers={"Cookie": f"{COOKIE}={key}"}):
            icons = current_choice().icons
        for icon in icons:
            path = STATIC / icon.src.removeprefix("/static/")
            assert path.is_file(), path
            if icon.type == "image/png":
                width, _height = icon.sizes.split("x")
                with Image.open(path) as image:
                    assert image.size == (int(width), int(width))


def test_before_installing_a_visitor_picks_the_name_the_manifest_serves(client) -> None:
    """Signed out, from any page's footer: pick a name, and the manifest this device receives carries it."""
    assert 'href="/device/name"' in client.get("/").text
    assert client.get("/device/name").status_code == 200
    assert client.post("/device/name", data={"choice": "calendar"}).status_code == 302
    served = client.get("/manifest.webmanifest")
    assert served.mimetype == "application/manifest+json" and "Cookie" in served.headers["Vary"]
    assert served.json["name"] == "Calendar" and served.json["short_name"] == "Calendar"
    assert served.json["icons"] and all(i["src"].startswith("/static/icons/discreet/calendar/")
                                        for i in served.json["icons"])
    assert client.post("/device/name", data={"choice": "default"}).status_code == 302
    assert client.get("/manifest.webmanifest").json["name"] == "Family Plan"


def test_the_manifest_address_carries_the_choice_so_no_cookie_is_needed(client) -> None:
    """Browsers fetch the manifest without cookies: each page links the one for its device's choice by name."""
    assert client.post("/device/name", data={"choice": "weather"}).status_code == 302
    link = re.search(r'<link rel="manifest" href="([^"]+)"', client.get("/").text).group(1)  # type: ignore[union-attr]
    assert link == "/manifest.webmanifest?choice=weather"
    client.delete_cookie(COOKIE)  # as the browser fetches it: no cookies at all
    served = client.get(link)
    assert served.json["name"] == served.json["short_name"] == served.json["description"] == "Weather"
    assert all(i["src"].startswith("/static/icons/discreet/weather/") for i in served.json["icons"])
    assert "Family Plan" not in served.text
    assert client.get("/manifest.webmanifest?choice=casino").status_code == 404
    assert client.get("/manifest.webmanifest").json["name"] == "Family Plan"

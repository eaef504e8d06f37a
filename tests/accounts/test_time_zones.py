"""Each account's time zone: from the browser until picked, picked on My account, every shown time names it."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.accounts.models import Account
from harm.extensions import db
from harm.families import roles
from tests.authenticator import Authenticator
from tests.clock import freeze
from tests.conftest import Household, make_account, sign_in
from tests.vault.helpers import add_parent_passkey, consent_form, sign_consent

pytestmark = pytest.mark.db

# A time as the English pages print it ("12:00 PM"), and what must come right after it.
A_TIME = re.compile(r"\b\d{1,2}:\d{2}\s?[AP]M\b(.{0,30})", re.S)
LOS_ANGELES = " (Pacific Standard Time)"


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    return shared_app


def zone_of(account: Account) -> str | None:
    db.session.expire_all()
    return db.session.get(Account, account.id).time_zone  # type: ignore[union-attr]


def zones_listed(page: str) -> list[str]:
    """The zones the picker offers, in order."""
    picker = re.search(r'<select id="time_zone".*?</select>', page, re.S)
    assert picker is not None
    return re.findall(r'<option value="([^"]+)"', picker.group(0))


def register(client: FlaskClient, authenticator: Authenticator, zone: str) -> Any:
    """Sign up through the passkey API as the sign-up page's script does, with the browser's zone."""
    options = client.post("/api/v1/auth/register/options", json={"display_name": "Sam"}).get_json()
    return client.post("/api/v1/auth/register/verify",
                       json={"credential": authenticator.create(options), "time_zone": zone})


def test_sign_up_keeps_the_browsers_zone_and_a_sign_in_never_overrides_a_zone(
        app: Flask, authenticator: Authenticator) -> None:
    client = app.test_client()
    assert register(client, authenticator, "America/Los_Angeles").status_code == 200
    assert client.get("/api/v1/me").get_json()["time_zone"] == "America/Los_Angeles"
    assert 'value="America/Los_Angeles" selected' in client.get("/account").text
    client.post("/api/v1/auth/signout")
    options = client.post("/api/v1/auth/signin/options").get_json()
    signed_in = client.post("/api/v1/auth/signin/verify",
                            json={"credential": authenticator.get(options), "time_zone": "Asia/Manila"})
    assert signed_in.status_code == 200, signed_in.text
    assert client.get("/api/v1/me").get_json()["time_zone"] == "America/Los_Angeles"


def test_an_unknown_browser_zone_is_ignored_and_the_account_shows_utc(app: Flask, authenticator: Authenticator) -> None:
    client = app.test_client()
    assert register(client, authenticator, "Mars/Olympus_Mons").status_code == 200
    assert client.get("/api/v1/me").get_json()["time_zone"] == "UTC"
    assert 'value="UTC" selected' in client.get("/account").text


def test_a_first_sign_in_with_a_code_takes_the_browsers_zone_once(app: Flask) -> None:
    """An account a worker or an agency made has no zone until its first sign-in (the code page's hidden field)."""
    from harm.accounts.service import issue_signin_code

    account = make_account("Casey Worker")
    client = app.test_client()
    signed = client.post("/signin/code", data={"code": issue_signin_code(account), "time_zone": "America/Chicago"})
    assert signed.status_code == 302
    assert zone_of(account) == "America/Chicago"
    again = app.test_client().post("/signin/code", data={"code": issue_signin_code(account),
                                                         "time_zone": "America/New_York"})
    assert again.status_code == 302
    assert zone_of(account) == "America/Chicago"


def test_without_javascript_the_zone_stays_utc_and_can_be_picked(app: Flask) -> None:
    account = make_account("No Script")
    client = sign_in(app.test_client(), account)  # the code form posted with its hidden field left empty
    assert zone_of(account) is None
    page = client.get("/account").text
    assert 'value="UTC" selected' in page and "(Coordinated Universal Time)" in page
    saved = client.post("/account/time-zone", data={"time_zone": "America/Denver"})
    assert saved.status_code == 302
    assert "Your time zone is saved." in client.get(saved.location).text
    assert zone_of(account) == "America/Denver"


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "", "localtime", "../../../etc/passwd", " America/Chicago",
                                 "america/chicago", "America/Chicago\n", "x" * 300, "US/Pacific\x00"])
def test_a_bad_zone_is_refused_and_changes_nothing(app: Flask, household: Household, bad: str) -> None:
    parent = household.people[roles.PARENT]
    client = sign_in(app.test_client(), parent)
    assert client.post("/account/time-zone", data={"time_zone": "America/Chicago"}).status_code == 302
    refused = client.post("/account/time-zone", data={"time_zone": bad})
    assert refused.status_code in (400, 422)
    if "\x00" not in bad:  # a NUL is refused before any view, with its own words
        assert "We do not know that time zone. Please pick one from the list." in refused.text
        assert 'aria-describedby="time-zone-hint time-zone-error"' in refused.text
    assert zone_of(parent) == "America/Chicago"


def test_a_bad_zone_is_refused_in_the_persons_language(app: Flask, household: Household) -> None:
    client = sign_in(app.test_client(), household.people[roles.PARENT])
    client.get("/language", query_string={"to": "es", "next": "/"})
    refused = client.post("/account/time-zone", data={"time_zone": "Mars/Olympus_Mons"})
    assert refused.status_code == 422
    assert '<html lang="es"' in refused.text and 'id="time-zone-error"' in refused.text


def test_reminders_refuse_the_zones_accounts_refuse(app: Flask, household: Household) -> None:
    """One check for every zone a person gives: a reminder in "localtime" (a file, not a place) is refused too."""
    client = sign_in(app.test_client(), household.people[roles.PARENT])
    refused = client.post("/api/v1/reminders", json={"kind": "own", "title": "Call", "on_date": "2099-01-01",
                                                      "at_time": "09:00", "timezone": "localtime"})
    assert refused.status_code == 422 and "timezone" in refused.get_json()["errors"]["json"]


def test_a_worker_cannot_change_a_parents_zone(app: Flask, household: Household) -> None:
    parent, worker = household.people[roles.PARENT], household.people[roles.CASEWORKER]
    sign_in(app.test_client(), parent).post("/account/time-zone", data={"time_zone": "America/Phoenix"})
    client = sign_in(app.test_client(), worker)
    for data in ({"time_zone": "Asia/Seoul", "account": parent.public_id},
                 {"time_zone": "Asia/Seoul", "account_id": str(parent.id)}):
        client.post("/account/time-zone", data=data)
        client.post(f"/account/time-zone?account={parent.public_id}", data=data)
    assert client.patch("/api/v1/me", json={"time_zone": "Asia/Seoul"}).status_code in (404, 405)
    assert zone_of(parent) == "America/Phoenix"
    assert zone_of(worker) == "Asia/Seoul"  # only their own


def test_every_time_shown_is_in_the_persons_zone_and_names_it(
        app: Flask, household: Household, authenticator: Authenticator, monkeypatch: pytest.MonkeyPatch) -> None:
    freeze(monkeypatch, datetime(2025, 12, 1, 20, 0, tzinfo=UTC))  # 12:00 PM in Los Angeles
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    parent.post("/account/time-zone", data={"time_zone": "America/Los_Angeles"})
    add_parent_passkey(parent, authenticator)
    consent_id = parent.post(f"/api/v1/families/{household.id}/consents", json=consent_form(household)).get_json()["id"]
    assert sign_consent(parent, authenticator, household.id, consent_id).status_code == 200
    assert parent.post(f"/f/{household.id}/invitations", data={"role": "peer", "label": "Pat"}).status_code == 200
    assert parent.post(f"/f/{household.id}/share", data={"parts": ["overdose"], "lifetime": "week",
                                                        "label": "Gran"}).status_code == 200
    assert parent.post("/api/v1/reminders", json={"kind": "own", "title": "Call", "on_date": "2025-12-03",
                                                  "at_time": "09:00", "timezone": "America/Los_Angeles"}
                       ).status_code == 201
    pages = {url: parent.get(url) for url in (
        "/account", f"/f/{household.id}/consents/{consent_id}", f"/f/{household.id}/consents/{consent_id}/download",
        f"/f/{household.id}/access-log", f"/f/{household.id}/people", f"/f/{household.id}/share", "/reminders")}
    for url, page in pages.items():
        assert page.status_code == 200, url
        times = A_TIME.findall(page.text)
        assert times, f"no time on {url}"
        assert all(after.startswith(LOS_ANGELES) for after in times), (url, times)
    assert "December 1, 2025, 12:00\u202fPM (Pacific Standard Time)" in pages[f"/f/{household.id}/access-log"].text
    signed = "Dec 1, 2025, 12:00\u202fPM (Pacific Standard Time)"
    assert signed in pages[f"/f/{household.id}/consents/{consent_id}"].text
    assert "Dec 3, 2025, 9:00\u202fAM (Pacific Standard Time)" in pages["/reminders"].text


def test_the_picker_lists_a_short_list_and_every_zone_is_one_link_away(app: Flask) -> None:
    """My account stays light (the person's own zone, the common ones, their country's); any zone can still be
    picked with no JavaScript, from the whole list behind a plain link."""
    account = make_account("Far Away")
    client = sign_in(app.test_client(), account)
    client.post("/account/time-zone", data={"time_zone": "Europe/Berlin"})
    page = client.get("/account").text
    options = zones_listed(page)
    assert options[0] == "Europe/Berlin" and 'value="Europe/Berlin" selected' in page
    assert "Europe/Busingen" in options  # Germany's other zone
    assert {"America/Los_Angeles", "America/Chicago", "Asia/Manila", "UTC"} <= set(options)
    assert "Asia/Kathmandu" not in options and len(options) < 60
    link = re.search(r'<a class="lone-link" href="([^"]+)"[^>]*>Show all time zones</a>', page)
    assert link is not None and link.group(1) == "/account?zones=all#time-zone"
    every = client.get(link.group(1).split("#")[0]).text
    options = zones_listed(every)
    assert "Asia/Kathmandu" in options and len(options) > 300 and len(options) == len(set(options))
    assert "Show all time zones" not in every and 'value="Europe/Berlin" selected' in every
    assert client.post("/account/time-zone", data={"time_zone": "Asia/Kathmandu"}).status_code == 302
    assert zone_of(account) == "Asia/Kathmandu"
    assert 'value="Asia/Kathmandu" selected' in client.get("/account").text


def test_the_short_list_has_the_persons_country(app: Flask) -> None:
    account = make_account("Boise Parent")
    client = sign_in(app.test_client(), account)
    client.post("/account/time-zone", data={"time_zone": "America/Boise"})
    options = zones_listed(client.get("/account").text)
    assert options[0] == "America/Boise"
    assert {"America/Indiana/Indianapolis", "America/Juneau", "Pacific/Honolulu"} <= set(options)


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_my_account_stays_light(app: Flask, language: str) -> None:
    """HTML goes out uncompressed (harm/assets.py), so the page's own bytes are what a phone pays for."""
    client = sign_in(app.test_client(), make_account("Light Page"))
    client.get("/language", query_string={"to": language, "next": "/"})
    page = client.get("/account")
    assert f'<html lang="{language}"' in page.text
    assert len(page.data) < 30_000, len(page.data)


def test_every_zone_comes_as_a_list_the_browser_keeps(app: Flask) -> None:
    """What the picker's script adds when asked: every place once, in the reader's language, answered 304 once kept."""
    client = app.test_client()
    listed = client.get("/api/v1/time-zones", headers={"Accept-Language": "es"})
    assert listed.status_code == 200 and listed.headers["Cache-Control"] == "private, no-cache"
    zones = {zone["name"]: zone["label"] for zone in listed.get_json()["zones"]}
    assert len(zones) > 300 and "Asia/Kathmandu" in zones and "localtime" not in zones
    assert zones["America/Los_Angeles"] == "Los Ángeles · hora del Pacífico"
    labels = list(zones.values())
    assert len(labels) == len(set(labels))  # an alias (America/Atka) is not listed beside its zone
    again = client.get("/api/v1/time-zones", headers={"Accept-Language": "es", "If-None-Match": listed.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    assert client.get("/api/v1/time-zones", headers={"Accept-Language": "en", "If-None-Match": listed.headers["ETag"]}
                      ).status_code == 200

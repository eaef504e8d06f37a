"""Exports share one limit (harm.limits.exports): ten an hour for each account, whoever shares its address."""
from __future__ import annotations

import time
from collections.abc import Iterator

import limits.storage.memory
import pytest
from flask import Flask

import harm.limits
from harm.extensions import db, limiter
from harm.families import roles
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db

WAIT_40 = "Too many downloads for now. Please try again in about 40 minutes."


class Clock:
    """The limit store's and the app's idea of now, moved by the test."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    moved = Clock()
    monkeypatch.setattr(limits.storage.memory, "time", moved)
    monkeypatch.setattr(harm.limits, "time", moved)
    limiter.reset()
    yield moved
    limiter.reset()


def export_urls(household: Household, family: str | None = None) -> list[str]:
    family = family or household.id
    return [f"/f/{family}/your-data/export.json", f"/f/{family}/your-data/print",
            f"/api/v1/families/{family}/export"]


def ten_exports(client, urls: list[str]) -> list[int]:
    return [client.get(urls[i % len(urls)]).status_code for i in range(10)]


def test_the_eleventh_export_names_the_real_wait(app: Flask, household: Household, clock: Clock) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    urls = export_urls(household)
    assert ten_exports(parent, urls) == [200] * 10
    clock.now += 20 * 60
    page = parent.get(urls[0])
    assert page.status_code == 429 and WAIT_40 in page.text
    assert 40 * 60 <= int(page.headers["Retry-After"]) <= 40 * 60 + 1
    assert "no-store" in page.headers["Cache-Control"]  # the app's own headers, as on every answer
    api = parent.get(urls[2])
    assert api.status_code == 429 and 40 * 60 <= int(api.headers["Retry-After"]) <= 40 * 60 + 1
    assert api.get_json() == {"code": 429, "status": "Too Many Requests", "message": WAIT_40, "errors": {}}
    family = f"/f/{household.id}"
    assert parent.get(f"{family}/fridge.pdf").status_code == 429
    assert parent.get(f"{family}/consents/any/download").status_code == 429  # refused before anything is looked up
    assert parent.get(f"{family}/your-data").status_code == 200  # only exports count, not the page about them
    clock.now += 40 * 60 + 2
    assert parent.get(urls[0]).status_code == 200  # the hour is over


def test_a_minute_left_says_one_minute(app: Flask, household: Household, clock: Clock) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    assert ten_exports(parent, export_urls(household)) == [200] * 10
    clock.now += 59 * 60 + 20
    answer = parent.get(export_urls(household)[2])
    assert answer.get_json()["message"] == "Too many downloads for now. Please try again in about 1 minute."


def test_two_accounts_behind_one_address_each_get_their_own_ten(app: Flask, household: Household,
                                                                 clock: Clock) -> None:
    first = sign_in(app.test_client(), household.people[roles.PARENT])
    second = sign_in(app.test_client(), household.people["outsider"])  # the parent of another family
    assert ten_exports(first, export_urls(household)) == [200] * 10
    assert first.get(export_urls(household)[0]).status_code == 429
    own = export_urls(household, household.other_family.public_id)
    assert ten_exports(second, own) == [200] * 10
    assert second.get(own[1]).status_code == 429


def test_strangers_and_other_members_do_not_use_up_the_parents_exports(app: Flask, household: Household,
                                                                      clock: Clock) -> None:
    stranger = sign_in(app.test_client(), household.people["outsider"])
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    for person, refused in ((stranger, 404), (caseworker, 403)):
        assert {person.get(url).status_code for url in export_urls(household) * 10} == {refused}
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    assert ten_exports(parent, export_urls(household)) == [200] * 10


def test_the_limit_is_keyed_to_the_account_even_before_the_sign_in_check(app: Flask, household: Household) -> None:
    """Flask-Limiter may look before the app's own check has read the session: the key reads it then."""
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    cookie = parent.get_cookie("fp_session")
    assert cookie is not None
    parent_id = household.people[roles.PARENT].public_id
    db.session.commit()  # end the test's own transaction: on SQLite it holds the one write lock
    # A fresh app context each time: the test's own one keeps g between requests.
    with app.app_context(), app.test_request_context("/", headers={"Cookie": f"fp_session={cookie.value}"}):
        assert harm.limits.signed_in_account_key() == f"account:{parent_id}"
    with app.app_context(), app.test_request_context("/", environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        assert harm.limits.signed_in_account_key() == "address:203.0.113.9"

"""Every export shares one rate limit (harm.limits.exports): after ten in an hour the next one waits."""
from __future__ import annotations

import pytest
from flask import Flask

from harm.extensions import db, limiter
from harm.families import roles
from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db

SPANISH_WAIT = "Demasiados intentos. Espere un minuto e inténtelo otra vez."


def test_exports_are_refused_with_a_translated_message_after_the_limit(app: Flask, household: Household) -> None:
    limiter.reset()
    household.people[roles.PARENT].language = "es"  # the parent chose Spanish
    db.session.commit()
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    family = f"/f/{household.id}"
    urls = [f"{family}/your-data/export.json", f"{family}/your-data/print", f"/api/v1/families/{household.id}/export"]
    answers = [parent.get(urls[i % len(urls)]).status_code for i in range(10)]
    assert answers == [200] * 10
    page = parent.get(f"{family}/your-data/export.json")
    assert page.status_code == 429 and SPANISH_WAIT in page.text
    api = parent.get(f"/api/v1/families/{household.id}/export")
    assert api.status_code == 429 and api.get_json()["code"] == 429 and api.get_json()["message"] == SPANISH_WAIT
    assert parent.get(f"{family}/fridge.pdf").status_code == 429
    assert parent.get(f"{family}/consents/any/download").status_code == 429  # refused before anything is looked up
    assert parent.get(f"{family}/your-data").status_code == 200  # only exports count, not the page about them
    limiter.reset()

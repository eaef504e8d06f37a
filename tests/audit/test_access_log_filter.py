"""The access log page: "Other people only" shows a worker's view without the parent's own lines."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.families import roles
from tests.conftest import Household, sign_in
from tests.vault.helpers import give_consent, plant_every_category

pytestmark = pytest.mark.db


def _logged(app: Flask, household: Household) -> FlaskClient:
    """The parent keeps use details (their own lines), then the caseworker looks at them once (one line)."""
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    give_consent(household, "active", ["moud"], [roles.CASEWORKER])
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    assert caseworker.get(f"/f/{household.id}/use-details").status_code == 200
    return parent


def _lines(page: str) -> list[str]:
    return re.findall(r'<li class="log-line[^"]*">(.*?)</li>', page, flags=re.S)


def test_other_people_only_shows_the_workers_view_and_hides_the_parents_own_lines(
        app: Flask, household: Household) -> None:
    parent = _logged(app, household)
    everything = parent.get(f"/f/{household.id}/access-log")
    assert everything.status_code == 200
    assert len(_lines(everything.text)) >= 8  # the parent's own lines, and the caseworker's one
    assert "Riley Parent" in everything.text
    assert f'href="/f/{household.id}/access-log?who=others"' in everything.text

    others = parent.get(f"/f/{household.id}/access-log?who=others")
    assert others.status_code == 200
    lines = _lines(others.text)
    assert len(lines) == 1
    assert "<bdi>Morgan Caseworker</bdi> (Caseworker)" in lines[0] and "Medicine for opioid use disorder" in lines[0]
    assert "Riley Parent" not in "".join(lines)
    assert f'href="/f/{household.id}/access-log"' in others.text  # back to everything


def test_in_the_whole_log_other_peoples_lines_are_marked_and_counted(app: Flask, household: Household) -> None:
    parent = _logged(app, household)
    page = parent.get(f"/f/{household.id}/access-log").text
    marked = re.findall(r'<li class="log-line other">(.*?)</li>', page, flags=re.S)
    assert len(marked) == 1 and "Morgan Caseworker" in marked[0]
    assert "1 line is by someone else." in page


@pytest.mark.parametrize("value", ["", "everyone", "OTHERS", "others'--", "x" * 500, "\u202e", "%00"])
def test_a_bad_filter_value_gets_the_whole_log(app: Flask, household: Household, value: str) -> None:
    parent = _logged(app, household)
    whole = parent.get(f"/f/{household.id}/access-log").text
    answer = parent.get(f"/f/{household.id}/access-log", query_string={"who": value})
    assert answer.status_code == 200
    assert len(_lines(answer.text)) == len(_lines(whole)) > 1


def test_nobody_else_yet_says_so(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    plant_every_category(parent, household.id)
    page = parent.get(f"/f/{household.id}/access-log?who=others").text
    assert _lines(page) == []
    assert "Nobody else has looked at or changed your use details." in page

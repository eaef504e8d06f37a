"""Share links: only the chosen parts, read-only, 404 after expiry or revocation, openings counted, rate-limited."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from harm.extensions import db
from harm.models_base import utcnow
from harm.sharing.models import ShareLink, ShareOpening
from harm.sharing.service import TOKEN_BYTES, hash_token
from tests.conftest import Household, sign_in, table_counts
from tests.plan_data import CAREGIVER_PHONE, NALOXONE_PLACE, PLANTED, SUPPORT_PHONE, fill_plan

pytestmark = pytest.mark.db
LINK = re.compile(r"http://localhost/s/([A-Za-z0-9_-]+)")


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def make_link(client, household: Household, parts: list[str], lifetime: str = "week") -> str:
    response = client.post(f"/f/{household.id}/share", data={"parts": parts, "lifetime": lifetime, "label": "Gran"})
    assert response.status_code == 200, response.text
    match = LINK.search(response.text)
    assert match, "the new link is shown once"
    return match.group(1)


@pytest.fixture
def parent(client, household: Household):
    fill_plan(household.family)
    return sign_in(client, household.people["parent"])


def test_a_link_shows_only_the_chosen_parts(parent, make_client, household: Household) -> None:
    token = make_link(parent, household, ["supports"])
    visitor = make_client()
    response = visitor.get(f"/s/{token}")
    assert response.status_code == 200
    assert SUPPORT_PHONE in response.text
    for hidden in (NALOXONE_PLACE, CAREGIVER_PHONE, *PLANTED):
        assert hidden not in response.text
    assert response.headers["X-Robots-Tag"].startswith("noindex")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "<form" not in response.text.split("<main", 1)[1]  # read-only: nothing to submit
    assert 'id="quick-exit"' in response.text  # the person reading it can leave at once too


def test_the_overdose_part_and_caregivers(parent, make_client, household: Household) -> None:
    token = make_link(parent, household, ["overdose", "caregivers"])
    text = make_client().get(f"/s/{token}").text
    assert NALOXONE_PLACE in text and CAREGIVER_PHONE in text and "Run to Sam next door" in text
    assert SUPPORT_PHONE not in text
    for planted in PLANTED:
        assert planted not in text


def test_the_token_is_long_and_stored_only_as_a_hash(parent, household: Household) -> None:
    token = make_link(parent, household, ["supports"])
    assert len(token) >= 43 and TOKEN_BYTES * 8 >= 128
    link = db.session.execute(select(ShareLink)).scalar_one()
    assert link.token_hash == hash_token(token) and token not in link.token_hash


def test_openings_are_counted_on_the_share_page(parent, make_client, household: Household) -> None:
    token = make_link(parent, household, ["supports"])
    visitor = make_client()
    for _ in range(3):
        assert visitor.get(f"/s/{token}").status_code == 200
    assert db.session.execute(select(ShareOpening)).scalars().all().__len__() == 3
    page = parent.get(f"/f/{household.id}/share").text
    assert "Opened 3 times" in page
    assert token not in page  # shown only once, when it was made
    log = parent.get(f"/f/{household.id}/access-log").text
    assert log.count("Opened with a share link") == 3 and "Someone with a share link" in log
    assert make_client().get(f"/f/{household.id}/access-log").status_code == 302  # the log is the parent's alone


def test_revoked_links_answer_404_at_once(parent, make_client, household: Household) -> None:
    token = make_link(parent, household, ["supports"])
    link = db.session.execute(select(ShareLink)).scalar_one()
    response = parent.post(f"/f/{household.id}/share/{link.public_id}/revoke")
    assert response.status_code == 302
    assert make_client().get(f"/s/{token}").status_code == 404
    assert "Turned off" in parent.get(f"/f/{household.id}/share").text


@pytest.mark.parametrize("lifetime, days", [("day", 1), ("week", 7), ("month", 30)])
def test_links_expire(parent, make_client, household: Household, lifetime: str, days: int) -> None:
    token = make_link(parent, household, ["supports"], lifetime)
    link = db.session.execute(select(ShareLink)).scalar_one()
    assert abs(link.expires_at - (utcnow() + timedelta(days=days))) < timedelta(minutes=5)
    link.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert make_client().get(f"/s/{token}").status_code == 404


def test_bad_choices_change_nothing(parent, household: Household) -> None:
    before = table_counts()
    for data in ({"lifetime": "week"}, {"parts": ["supports"], "lifetime": "forever"},
                 {"parts": ["goals"], "lifetime": "week"},
                 {"parts": ["supports"], "lifetime": "day", "label": "x" * 61}):
        response = parent.post(f"/f/{household.id}/share", data=data)
        assert response.status_code == 422
        assert 'class="error"' in response.text
    assert table_counts() == before


def test_only_the_parent_shares(client, household: Household) -> None:
    sign_in(client, household.people["caregiver"])
    assert client.get(f"/f/{household.id}/share").status_code == 403
    assert client.post(f"/f/{household.id}/share", data={"parts": ["supports"], "lifetime": "day"}).status_code == 403


def test_guessing_is_rate_limited(make_client) -> None:
    guesser = make_client()
    answers = [guesser.get(f"/s/guess{n}").status_code for n in range(25)]
    assert set(answers[:20]) == {404}
    assert answers[-1] == 429


def test_deleting_the_family_removes_its_links(parent, make_client, household: Household) -> None:
    token = make_link(parent, household, ["supports"])
    make_client().get(f"/s/{token}")
    db.session.delete(household.family)
    db.session.commit()
    assert table_counts()["share_link"] == 0 and table_counts()["share_opening"] == 0

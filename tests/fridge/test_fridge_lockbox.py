"""The lockbox lines on the fridge copy: left out unless the parent chooses to print them; only the parent chooses."""
from __future__ import annotations

import io

import pytest
from flask import Flask
from pypdf import PdfReader

from harm.extensions import db
from harm.families.models import Family
from tests.conftest import Household, sign_in
from tests.plan_data import LOCKBOX_PLACE, fill_plan

pytestmark = pytest.mark.db

KEY_HOLDER = "Grandma Lee"  # the plan's key holder (tests/plan_data.py); no other part of the plan names her


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def pdf_text(body: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).split())


def copies(client, family_id: str) -> tuple[str, str]:
    """The fridge page and its PDF's text, as this client gets them."""
    page = client.get(f"/f/{family_id}/fridge")
    pdf = client.get(f"/f/{family_id}/fridge.pdf")
    assert page.status_code == 200 and pdf.status_code == 200
    return page.text, pdf_text(pdf.data)


def shows_lockbox(family_id: int) -> bool:
    db.session.expire_all()
    return bool(db.session.get(Family, family_id).fridge_shows_lockbox)  # type: ignore[union-attr]


@pytest.mark.parametrize("reader", ["parent", "caseworker", "caregiver"])
def test_by_default_the_copy_does_not_say_where_the_lockbox_is_or_who_has_the_key(
        client, household: Household, reader: str) -> None:
    fill_plan(household.family)
    sign_in(client, household.people[reader])
    for text in copies(client, household.id):
        assert LOCKBOX_PLACE not in text and KEY_HOLDER not in text
        assert "Who has the key" not in text


def test_after_the_parent_opts_in_the_page_and_the_pdf_print_the_lockbox_lines(client, household: Household) -> None:
    fill_plan(household.family)
    sign_in(client, household.people["parent"])
    page = client.get(f"/f/{household.id}/fridge").text
    assert "Print where the lockbox is and who has the key?" in page
    assert 'name="lockbox" value="hide" checked' in page
    answer = client.post(f"/f/{household.id}/fridge/lockbox", data={"lockbox": "show"})
    assert answer.status_code == 302
    assert shows_lockbox(household.family.id)
    for text in copies(client, household.id):
        assert LOCKBOX_PLACE in text and KEY_HOLDER in text
    # Every reader now gets the lines; the parent can take them off again.
    sign_in(client, household.people["caseworker"])
    assert LOCKBOX_PLACE in copies(client, household.id)[0]
    sign_in(client, household.people["parent"])
    assert client.post(f"/f/{household.id}/fridge/lockbox", data={"lockbox": "hide"}).status_code == 302
    assert not shows_lockbox(household.family.id)
    assert all(LOCKBOX_PLACE not in text for text in copies(client, household.id))


@pytest.mark.parametrize("member", ["caseworker", "caregiver", "peer"])
def test_only_the_parent_may_change_the_choice(client, household: Household, member: str) -> None:
    fill_plan(household.family)
    sign_in(client, household.people[member])
    assert "Print where the lockbox is" not in client.get(f"/f/{household.id}/fridge").text
    answer = client.post(f"/f/{household.id}/fridge/lockbox", data={"lockbox": "show"})
    assert answer.status_code == 403
    assert not shows_lockbox(household.family.id)
    assert LOCKBOX_PLACE not in copies(client, household.id)[0]


@pytest.mark.parametrize("form", [{}, {"lockbox": "yes please"}, {"lockbox": "SHOW"}])
def test_a_bad_answer_says_so_and_changes_nothing(client, household: Household, form: dict[str, str]) -> None:
    sign_in(client, household.people["parent"])
    answer = client.post(f"/f/{household.id}/fridge/lockbox", data=form)
    assert answer.status_code == 422
    assert "Please choose yes or no." in answer.text
    assert not shows_lockbox(household.family.id)

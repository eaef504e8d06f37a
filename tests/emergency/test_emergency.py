"""The emergency flow: the same for everyone signed out; a family's own naloxone and contacts when signed in."""
from __future__ import annotations

import re

import pytest
from flask import Flask

from harm.emergency.steps import STEPS
from harm.extensions import db
from harm.families import roles
from harm.families.service import start_family
from tests.conftest import Household, make_account, sign_in
from tests.plan_data import CAREGIVER_PHONE, NALOXONE_PLACE, PLANTED, SUPPORT_PHONE, fill_plan

pytestmark = pytest.mark.db


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def test_the_home_page_leads_with_the_emergency_button(client, household: Household) -> None:
    for who in (None, household.people["parent"]):
        if who:
            sign_in(client, who)
        main = client.get("/").text.split('<main id="main">', 1)[1]
        assert main.lstrip().startswith('<a class="emergency" href="/emergency">Someone may be overdosing</a>') or \
            main.split("<a", 1)[1].startswith(' class="emergency" href="/emergency"')


def test_every_step_has_911_its_picture_and_alt_text(client) -> None:
    for step in STEPS:
        text = client.get(f"/emergency/{step.number}", follow_redirects=True).text
        assert 'href="tel:911"' in text
        picture = step.picture.removesuffix(".svg")
        if step.branch:  # the question "Are they breathing?" shows no picture of one of its answers
            assert "/static/img/steps/" not in text
        else:
            assert re.search(rf'src="/static/img/steps/{picture}\.[0-9a-f]+\.svg" alt="{re.escape(str(step.alt))}"',
                             text)
        assert f"Step {step.number} of {len(STEPS)}" in text
        if step.number < len(STEPS):
            assert f'href="/emergency/{step.number + 1}"' in text
    assert client.get("/emergency/0").status_code == 404
    assert client.get("/emergency/8").status_code == 404


def test_without_javascript_the_timer_says_to_wait(client) -> None:
    text = client.get("/emergency/3").text
    assert "2 to 3 minutes after the first dose, give the second dose." in text and "js/dose-timer." in text


def test_signed_out_pages_do_not_vary(client, make_client, household: Household) -> None:
    fill_plan(household.family)
    anonymous = [make_client().get(f"/emergency/{n}").text for n in (3, 7)]
    for text in anonymous:
        assert NALOXONE_PLACE not in text and SUPPORT_PHONE not in text
    sign_in(client, household.people["parent"])
    client.post("/signout")
    client.get("/help/who-can-see")  # shows the "signed out" message, once
    # The csrf token differs per visitor; everything else is the same page.
    strip = lambda text: text.split("</head>", 1)[1]  # noqa: E731
    assert strip(client.get("/emergency/3").text) == strip(anonymous[0])


def test_a_family_member_sees_their_naloxone_and_whom_to_call(client, household: Household) -> None:
    fill_plan(household.family)
    sign_in(client, household.people["caregiver"])
    naloxone = client.get("/emergency/3").text
    assert NALOXONE_PLACE in naloxone and "Glove box of the car" in naloxone
    last = client.get("/emergency/7").text
    assert CAREGIVER_PHONE in last and SUPPORT_PHONE in last and 'href="tel:5550107788"' in last
    assert "Sam next door" in last
    for planted in PLANTED:
        assert planted not in naloxone + last


def test_a_peer_sees_only_what_the_parent_shares(client, household: Household) -> None:
    fill_plan(household.family)
    next(m for m in household.family.memberships if m.role == "peer").peer_parts = ["supports"]
    db.session.commit()
    sign_in(client, household.people["peer"])
    assert NALOXONE_PLACE not in client.get("/emergency/3").text
    last = client.get("/emergency/7").text
    assert SUPPORT_PHONE in last and CAREGIVER_PHONE not in last


def test_with_several_families_the_person_picks_one(client, household: Household) -> None:
    fill_plan(household.family)
    parent = household.people["parent"]
    second, _ = start_family(parent, "Second home", roles.PARENT)
    sign_in(client, parent)
    first = client.get("/emergency/3").text
    assert NALOXONE_PLACE in first and 'name="family"' in first
    other = client.get(f"/emergency/3?family={second.public_id}").text
    assert NALOXONE_PLACE not in other and "does not say where your naloxone is" in other
    assert f"/emergency/4?family={second.public_id}" in other
    # Someone else's family id shows nothing of it.
    sign_in(client, make_account("Nosy"))
    assert NALOXONE_PLACE not in client.get(f"/emergency/3?family={household.id}").text


def test_every_step_in_every_shipped_language(app, make_client) -> None:
    """Each shipped language shows every step translated, with its 911 link, its picture's words and the page's
    language."""
    from flask_babel import force_locale
    from markupsafe import escape

    from harm.i18n import available_locales

    with app.test_request_context():
        locales = [code for code in available_locales() if code != "en"]
    assert {"es", "ar"} <= set(locales), "the catalogues are compiled (make translations)"
    for code in locales:
        visitor = make_client()
        visitor.get(f"/language?to={code}&next=/")
        for step in STEPS:
            text = visitor.get(f"/emergency/{step.number}", follow_redirects=True).text
            with app.test_request_context(), force_locale(code):
                title, alt = str(escape(step.title)), str(escape(step.alt))
            with app.test_request_context(), force_locale("en"):
                english = str(escape(step.title))
            assert title != english, (code, step.number)  # translated, not English
            assert f'lang="{code.replace("_", "-")}"' in text and 'href="tel:911"' in text, (code, step.number)
            assert f"<h1>{title}</h1>" in text, (code, step.number)
            assert (f'alt="{alt}"' in text) == (step.branch is None), (code, step.number)

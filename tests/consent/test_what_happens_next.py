"""Each consent says in plain words what the people it names may do with what they see, above the legal notice;
the agency's own statement, written by its admin, shows word for word in a box of its own."""
from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from harm.agencies.models import Agency
from harm.extensions import db
from harm.families import roles
from harm.use_details import PART2_NOTICE
from tests.agencies.helpers import agency_with
from tests.conftest import Household, sign_in
from tests.content.test_plain_language import MAX_GRADE, grade, visible_text
from tests.vault.helpers import consent_form

pytestmark = pytest.mark.db

NOTICE = str(PART2_NOTICE)
STATEMENT = "Riverside may use it to plan services with you.\nWe will not give it to a court <b>without</b> an order."


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def _draft(parent: FlaskClient, household: Household, **changes: object) -> str:
    """The parent fills in the consent form; returns the address of the document to read and sign."""
    drafted = parent.post(f"/f/{household.id}/consents", data=consent_form(household, **changes))
    assert drafted.status_code == 302, drafted.text
    return str(drafted.location)


def _plain_words(html: str) -> str:
    match = re.search(r'<section class="plain-words".*?</section>', html, flags=re.DOTALL)
    assert match, "no plain-words section on the consent"
    return match.group(0)


def _statement_boxes(html: str) -> list[str]:
    return re.findall(r'<section class="agency-says".*?</section>', html, flags=re.DOTALL)


def test_the_consent_says_what_they_may_use_it_for_and_not_pass_on_above_the_legal_notice(
        app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    document = parent.get(_draft(parent, household, purpose="To plan treatment with my caseworker."))
    assert document.status_code == 200
    words = visible_text("<main>" + _plain_words(document.text) + "</main>")
    assert "Morgan Caseworker" in words
    assert "To plan treatment with my caseworker." in words  # what they may use it for: the parent's reason
    for said in ("may not pass it on", "child protective services", "court", "new consent",
                 "cannot undo what they already saw"):
        assert said in words, said
    assert document.text.index('class="plain-words"') < document.text.index(NOTICE)

    download = parent.get(document.request.path + "/download")
    assert download.status_code == 200
    assert "may not pass it on" in download.text and "child protective services" in download.text
    assert download.text.index("may not pass it on") < download.text.index(NOTICE)


def test_the_plain_words_read_at_grade_6_or_below(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    document = parent.get(_draft(parent, household, purpose="So my caseworker knows I go."),
                          headers={"Accept-Language": "en"})
    words = visible_text("<main>" + _plain_words(document.text) + "</main>")
    assert len(words.split()) > 40, words
    assert grade(words) <= MAX_GRADE, f"grade {grade(words)}: {words}"


def test_the_form_tells_the_parent_before_they_fill_it_in(app: Flask, household: Household) -> None:
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    form = parent.get(f"/f/{household.id}/consents/new")
    assert form.status_code == 200
    text = visible_text(form.text)
    assert "may not pass it on" in text and "cannot undo what they already saw" in text


def _admin_writes(app: Flask, admin_account: object, text: str) -> object:
    admin = sign_in(app.test_client(), admin_account)  # type: ignore[arg-type]
    return admin.post("/agency/consent-statement", data={"consent_statement": text})


def test_the_agency_admin_writes_a_statement_shown_word_for_word_and_escaped_on_a_consent_naming_it(
        app: Flask, household: Household) -> None:
    agency, admin_account = agency_with(caseworker=household.people[roles.CASEWORKER])
    saved = _admin_writes(app, admin_account, STATEMENT)
    assert saved.status_code == 302
    admin_page = sign_in(app.test_client(), admin_account).get("/agency")
    assert "Riverside may use it to plan services with you." in admin_page.text

    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    # Naming the agency's caseworker as a person brings the agency's statement too.
    document = parent.get(_draft(parent, household))
    boxes = _statement_boxes(document.text)
    assert len(boxes) == 1
    assert "What Riverside Family Services says" in boxes[0]
    assert "We will not give it to a court &lt;b&gt;without&lt;/b&gt; an order." in boxes[0]
    assert "<b>without</b>" not in document.text
    assert document.text.index('class="plain-words"') < document.text.index('class="agency-says"')
    assert document.text.index('class="agency-says"') < document.text.index(NOTICE)
    download = parent.get(document.request.path + "/download")
    assert STATEMENT in download.text  # the plain-text copy keeps it as written


def test_a_consent_naming_nobody_from_an_agency_has_no_statement_box(app: Flask, household: Household) -> None:
    _agency, admin_account = agency_with(peer=household.people[roles.PEER])
    assert _admin_writes(app, admin_account, STATEMENT).status_code == 302  # type: ignore[attr-defined]
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    document = parent.get(_draft(parent, household))  # names only the caseworker, who works for no agency
    assert _statement_boxes(document.text) == []
    assert "Riverside may use it" not in document.text


def test_the_statement_on_a_consent_stays_the_one_the_parent_read(app: Flask, household: Household) -> None:
    _agency, admin_account = agency_with(caseworker=household.people[roles.CASEWORKER])
    _admin_writes(app, admin_account, "First words from counsel.")
    parent = sign_in(app.test_client(), household.people[roles.PARENT])
    address = _draft(parent, household)
    _admin_writes(app, admin_account, "Second words from counsel.")
    document = parent.get(address)
    assert "First words from counsel." in document.text and "Second words from counsel." not in document.text


@pytest.mark.parametrize("bad", ["x" * 2001, "bad \x1b[31m escape"])
def test_a_statement_too_long_or_with_control_characters_is_refused_and_changes_nothing(
        app: Flask, household: Household, bad: str) -> None:
    agency, admin_account = agency_with()
    assert _admin_writes(app, admin_account, "Words that stay.").status_code == 302  # type: ignore[attr-defined]
    refused = _admin_writes(app, admin_account, bad)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "Please" in refused.text  # type: ignore[attr-defined]
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).consent_statement == "Words that stay."


def test_only_the_agency_admin_may_write_the_statement(app: Flask, household: Household) -> None:
    agency, _admin = agency_with(caseworker=household.people[roles.CASEWORKER])
    for who in (roles.CASEWORKER, roles.PARENT, "outsider"):
        answer = _admin_writes(app, household.people[who], "Not theirs to write.")
        assert answer.status_code == 404, who  # type: ignore[attr-defined]
    stranger = app.test_client().post("/agency/consent-statement", data={"consent_statement": "x"})
    assert stranger.status_code == 302 and "/signin" in stranger.location
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).consent_statement == ""

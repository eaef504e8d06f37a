"""The printable export is a document a parent can read: headings, labels and dates in their language.

Never the JSON's key names, ISO timestamps or True/False; what a person typed is there, and escaped.
"""
from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, format_date

from harm.extensions import limiter
from harm.families import roles
from harm.plans.sections import FIT_CHOICES, GOAL_KINDS, HOUSEHOLD, NALOXONE
from harm.reports.outcomes import OUTCOMES
from harm.use_details import CATEGORIES
from tests.authenticator import Authenticator
from tests.conftest import Household, sign_in
from tests.export.test_export_everything import _fill_every_table
from tests.vault.helpers import planted

pytestmark = pytest.mark.db

TYPED = ("Kite day.", "Top shelf.", "Pat from group", "Walked the dog.", "Bus pass.",
         "For Grandma Lu", "Sky feels safe.", "Thank you, it helped.", "Sky laughs more.", "Home all year.",
         planted("moud"), "Lake house, blue bag", "Monthly home visits.", "A lockbox", "Walk the kids to school",
         "Buy a bell")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}")


class VisibleText(HTMLParser):
    """The text a person sees in <main>: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.depth = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main" or self.depth:
            self.depth += 1
        if tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    reader = VisibleText()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


def keys_in(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in keys_in(item)}
    if isinstance(value, list):
        return {k for item in value for k in keys_in(item)}
    return set()


def printable_in(parent: FlaskClient, family_id: str, language: str) -> str:
    parent.get(f"/language?to={language}&next=/")
    page = parent.get(f"/f/{family_id}/your-data/print")
    assert page.status_code == 200
    return page.text


@pytest.fixture
def filled(app: Flask, household: Household, authenticator: Authenticator) -> FlaskClient:
    limiter.reset()
    parent = _fill_every_table(app, household, authenticator)
    fid = household.id
    # A kit with a date, a yes/no and a typed text with markup in it.
    saved = parent.put(f"/api/v1/families/{fid}/plan/naloxone", json={"version": 0, "data": {
        "kits": [{"location": "Lake house, blue bag", "expires": "2031-05-04"}], "trained": "Jordan",
        "get_more": "", "our_words": "<b>bold</b> & <script>alert(1)</script>"}})
    assert saved.status_code == 200, saved.text
    # The goals in two voices: each part stamped with who wrote it.
    caseworker = sign_in(app.test_client(), household.people[roles.CASEWORKER])
    saved = caseworker.put(f"/api/v1/families/{fid}/plan/goals", json={"version": 0, "data": {
        "agency_expects": "Monthly home visits.", "alignment": [{"expects": "A lockbox", "worker_fit": "talk"}]}})
    assert saved.status_code == 200, saved.text
    saved = parent.put(f"/api/v1/families/{fid}/plan/goals", json={"version": 1, "data": {
        "goals": [{"goal": "Walk the kids to school", "kind": "family", "next_step": "Buy a bell"}]}})
    assert saved.status_code == 200, saved.text
    return parent


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_printable_export_reads_as_a_document_in_the_parents_language(
        filled: FlaskClient, household: Household, language: str) -> None:
    page = printable_in(filled, household.id, language)
    text = visible(page)
    with force_locale(language):
        words = [str(HOUSEHOLD.title), str(NALOXONE.title), str(NALOXONE.fields[0].label),
                 str(NALOXONE.fields[0].items[1].label), str(CATEGORIES["moud"]), str(OUTCOMES["at_home"]),
                 str(roles.ROLE_NAMES[roles.CASEWORKER])]
    with force_locale("en"):
        english = [str(HOUSEHOLD.title), str(NALOXONE.title), str(NALOXONE.fields[0].label)]
    assert set(words).isdisjoint(english), "the catalogue has these words in this language"
    for word in words:
        assert word in text, word
    assert re.search(r"<h2[^>]*>\s*" + re.escape(words[0]) + r"\s*</h2>", page), "a heading for each section"
    for typed in TYPED:
        assert typed in text, typed
    with force_locale(language):
        assert str(FIT_CHOICES[2][1]) in text and str(GOAL_KINDS[3][1]) in text  # choices by their names


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_no_key_names_iso_timestamps_or_true_false(filled: FlaskClient, household: Household, language: str,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    keys = keys_in(json.loads(filled.get(f"/f/{household.id}/your-data/export.json").text))
    assert {"our_words", "happened_on", "peer_parts", "how_it_went", "expires_at"} <= keys
    page = printable_in(filled, household.id, language)
    text = visible(page)
    assert not ISO_DAY.search(text), ISO_DAY.search(text)
    assert not re.search(r"\b(True|False|None|null)\b", text)
    assert not {key for key in keys if "_" in key and re.search(rf"(?<![\w-]){key}(?![\w-])", text)}
    labels = set(re.findall(r"<(?:dt|h2|h3|h4|summary)[^>]*>\s*([^<]*?)\s*</", page))
    assert labels & keys == set(), labels & keys
    assert "export label missing" not in caplog.text


def test_typed_text_is_escaped(filled: FlaskClient, household: Household) -> None:
    page = printable_in(filled, household.id, "en")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "<script>alert(1)" not in page


def test_names_people_typed_are_isolated(filled: FlaskClient, household: Household) -> None:
    page = printable_in(filled, household.id, "ar")
    assert '<bdi class="text">Riley Parent</bdi>' in page  # a member's name
    assert re.search(r"<bdi>Morgan Caseworker</bdi>[,،] [^<]+[,،] ", page)  # who wrote the agency's part, and when
    assert "<h1>" in page and "<bdi>Test household</bdi>" in page


def test_dates_are_written_out_in_the_language(filled: FlaskClient, household: Household) -> None:
    with force_locale("es"):
        day = str(format_date(date(2031, 5, 4), "long"))
    text = visible(printable_in(filled, household.id, "es"))
    assert "mayo de 2031" in day and day in text

"""One list of overdose steps with the breathing question: the flow, the guide, the fridge copy and the PDF."""
from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from pypdf import PdfReader

from tests.conftest import Household, sign_in

pytestmark = pytest.mark.db

QUESTION = "Are they breathing?"
YES = "Yes: put them on their side (the recovery position) and stay with them."
NO = "No: keep giving breaths, one every 5 seconds, until they breathe or help arrives."
WAIT = "If they do not wake up 2 to 3 minutes after the first dose, give the second dose."
SOURCE = "SAMHSA Opioid Overdose Prevention Toolkit, 2018. Substance Abuse and Mental Health Services Administration"


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def words(html: str) -> str:
    """What a reader sees: the text without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())


def in_order(text: str, *parts: str) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
    return True


def flow_text(client) -> str:
    return " ".join(words(client.get(f"/emergency/{n}", follow_redirects=True).text) for n in range(1, 8))


def test_the_flow_asks_whether_they_breathe_before_anyone_is_put_on_their_side(client) -> None:
    assert in_order(flow_text(client), "Call 911", "Give naloxone", "one breath every 5 seconds", QUESTION, NO, YES)
    for number in range(1, 8):
        page = words(client.get(f"/emergency/{number}", follow_redirects=True).text)
        # "On their side" is only ever the answer to "yes, they are breathing", on the same screen.
        if "on their side" in page.lower():
            assert in_order(page, QUESTION, NO, YES), number


def test_the_guide_has_the_same_steps_and_branch_and_names_its_source(client) -> None:
    guide = words(client.get("/help/overdose").text)
    assert in_order(guide, "Call 911", "Give naloxone", "one breath every 5 seconds", QUESTION, NO, YES)
    assert "If they do not wake up 2 to 3 minutes after the first dose" in guide
    assert SOURCE in guide


def test_the_fridge_copy_and_its_pdf_have_the_branch(client, household: Household) -> None:
    sign_in(client, household.people["parent"])
    page = words(client.get(f"/f/{household.id}/fridge").text)
    assert in_order(page, "Give naloxone", "one breath every 5 seconds", QUESTION, NO, YES)
    pdf = client.get(f"/f/{household.id}/fridge.pdf")
    reader = PdfReader(io.BytesIO(pdf.data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) == 1
    assert in_order(text, QUESTION, NO, YES), text


def test_every_step_from_naloxone_on_says_the_wait_in_words(client) -> None:
    for number in range(1, 8):
        page = words(client.get(f"/emergency/{number}", follow_redirects=True).text)
        assert (WAIT in page) == (number >= 3), number

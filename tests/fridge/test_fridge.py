"""The fridge copy: one page, the family's naloxone places and numbers, nothing else from the plan."""
from __future__ import annotations

import io

import pytest
from flask import Flask
from pypdf import PdfReader

from tests.conftest import Household, make_account, sign_in
from tests.plan_data import CAREGIVER_PHONE, NALOXONE_PLACE, PLAN, PLANTED, SUPPORT_PHONE, fill_plan

pytestmark = pytest.mark.db


@pytest.fixture
def app(shared_app: Flask) -> Flask:
    """The module's one app (tests/conftest.py): these tests change data, never the app."""
    return shared_app


def pdf_text(body: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(body))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_page_shows_the_overdose_plan_and_nothing_else(client, household: Household) -> None:
    fill_plan(household.family)
    sign_in(client, household.people["parent"])
    response = client.get(f"/f/{household.id}/fridge")
    assert response.status_code == 200
    for wanted in (NALOXONE_PLACE, SUPPORT_PHONE, CAREGIVER_PHONE, "Run to Sam next door", "1-800-484-3731",
                   "7-second-dose.svg"):
        assert wanted in response.text
    for planted in PLANTED:
        assert planted not in response.text
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("paper, width", [("letter", 612), ("a4", 595)])
def test_the_pdf_is_one_page_with_the_facts_and_no_planted_text(client, household: Household, paper: str,
                                                                width: int) -> None:
    fill_plan(household.family)
    sign_in(client, household.people["caseworker"])
    response = client.get(f"/f/{household.id}/fridge.pdf?paper={paper}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pages, text = pdf_text(response.data)
    assert pages == 1
    assert round(float(PdfReader(io.BytesIO(response.data)).pages[0].mediabox.width)) == width
    text = flat(text)
    for wanted in (NALOXONE_PLACE, SUPPORT_PHONE, CAREGIVER_PHONE, "1-800-222-1222"):
        assert wanted in text
    for planted in PLANTED:
        assert planted not in text


def test_a_full_plan_still_fits_one_page(client, household: Household) -> None:
    from harm.families.models import Membership
    from harm.plans import service

    parent = Membership.query.filter_by(family_id=household.family.id, role="parent").one()
    people = [{"name": f"Support person {n}", "kind": "family", "phone": f"(555) 010-{1000 + n}"} for n in range(15)]
    kits = [{"location": f"Kit place number {n} in the house", "expires": "2030-01-31"} for n in range(8)]
    children = [{"name": f"Kid {n}", "knows": "Go get a trusted grown-up next door and call 911 with them"}
                for n in range(8)]
    caregivers = [{"name": f"Caregiver {n}", "phone": f"(555) 010-20{n}0", "agreed": True} for n in range(6)]
    for key, data in (("supports", {"people": people}), ("naloxone", {"kits": kits}),
                      ("overdose", {**PLAN["overdose"], "children_know": children}),
                      ("household", {"backup_caregivers": caregivers})):
        service.save_section(parent, key, data, service.load_section(parent, key).version)
    sign_in(client, household.people["parent"])
    pages, text = pdf_text(client.get(f"/f/{household.id}/fridge.pdf").data)
    assert pages == 1
    assert "Support person 14" in flat(text) and "Kid 7" in flat(text)


def test_a_peer_sees_only_the_parts_shared_with_peers(client, household: Household) -> None:
    fill_plan(household.family)
    next(m for m in household.family.memberships if m.role == "peer").peer_parts = ["supports"]
    from harm.extensions import db

    db.session.commit()
    sign_in(client, household.people["peer"])
    response = client.get(f"/f/{household.id}/fridge")
    assert response.status_code == 200
    assert SUPPORT_PHONE in response.text
    assert NALOXONE_PLACE not in response.text and CAREGIVER_PHONE not in response.text


def test_outsiders_get_404(client, household: Household) -> None:
    sign_in(client, make_account("Stranger"))
    assert client.get(f"/f/{household.id}/fridge").status_code == 404
    assert client.get(f"/f/{household.id}/fridge.pdf").status_code == 404


def test_the_copy_is_in_the_familys_language_and_the_reader_can_pick_another(client, household: Household) -> None:
    from harm.extensions import db

    fill_plan(household.family)
    household.people["parent"].language = "es"  # the parent reads the app in Spanish
    db.session.commit()
    sign_in(client, household.people["caseworker"])  # the caseworker reads it in English

    page = client.get(f"/f/{household.id}/fridge")
    assert page.status_code == 200
    assert '<div lang="es" dir="ltr">' in page.text and "Nuestro plan para una sobredosis" in page.text
    assert "Language of the fridge copy" in page.text  # the page around the copy stays in the reader's language
    assert f"/f/{household.id}/fridge.pdf?paper=letter&amp;lang=es" in page.text
    _, text = pdf_text(client.get(f"/f/{household.id}/fridge.pdf?paper=letter&lang=es").data)
    assert "Nuestro plan para una sobredosis" in flat(text) and NALOXONE_PLACE in flat(text)

    english = client.get(f"/f/{household.id}/fridge?lang=en").text
    assert '<div lang="en" dir="ltr">' in english and "Our overdose plan" in english
    pages, text = pdf_text(client.get(f"/f/{household.id}/fridge.pdf?lang=ar").data)
    assert pages == 1 and NALOXONE_PLACE in flat(text)
    # An unknown language falls back to the family's, and changes nothing else.
    assert '<div lang="es" dir="ltr">' in client.get(f"/f/{household.id}/fridge?lang=xx-nope").text



@pytest.mark.parametrize(("language", "font"), [("zh_Hans", "WenQuanYi"), ("ko", "WenQuanYi"), ("ar", "DejaVu"),
                                                ("vi", "DejaVu")])
def test_every_script_is_drawn_with_a_font_that_has_it(client, household: Household, language: str,
                                                        font: str) -> None:
    """A server without the script's font would print empty boxes on the fridge; the PDF names the fonts it used."""
    sign_in(client, household.people["parent"])
    page = PdfReader(io.BytesIO(client.get(f"/f/{household.id}/fridge.pdf?lang={language}").data)).pages[0]
    used = " ".join(str(entry.get_object()["/BaseFont"]) for entry in page["/Resources"]["/Font"].values())
    assert font in used, used
    if language != "ar":  # Arabic comes out of the PDF in presentation forms
        assert {"zh_Hans": "计划", "ko": "계획", "vi": "hoạch"}[language] in flat(page.extract_text())

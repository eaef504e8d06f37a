"""Consent in a real browser: the parent keeps a use detail, names the caseworker in a consent,
signs it with the phone's passkey, the caseworker sees it, and one tap on Stop sharing ends it."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser

NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."
DETAIL = "Went to my clinic visit on Monday."


def invite_and_join(parent: Person, caseworker: Person, family: str) -> None:
    page = parent.page
    parent.open(f"{family}/people")
    page.get_by_label("Their part in the plan").select_option(label="Caseworker")
    page.get_by_label("Their name (only for you to remember who the code is for)").fill("Mr. Okafor")
    page.get_by_role("button", name="Make an invitation code").click()
    code = page.locator("[data-code]").inner_text().strip()
    cw = caseworker.page
    caseworker.open("/join")
    cw.get_by_label("Code").fill(code)
    cw.get_by_role("button", name="Join").click()
    cw.wait_for_url("**/signup")
    sign_up(caseworker)
    cw.get_by_role("link", name="Skip for now").click()
    cw.wait_for_url(f"**{family}")


def test_parent_signs_a_consent_with_a_passkey_and_revokes_it_with_one_tap(
    person: Callable[[str], Person], artifacts: Path
) -> None:
    parent = person("Lee")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = person("Mr. Okafor")
    invite_and_join(parent, caseworker, family)

    # The parent keeps a treatment note: private until a consent names someone.
    page = parent.page
    parent.open(family)
    page.get_by_role("link", name="Use details", exact=True).click()
    page.wait_for_url(f"**{family}/use-details")
    expect(page.get_by_text(NOTICE)).to_be_visible()
    page.get_by_role("radio", name="Treatment visits").check()
    page.get_by_label("What do you want to keep?").fill(DETAIL)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(DETAIL)).to_be_visible()
    check_accessibility(parent, "use details")
    assert caseworker.open(f"{family}/use-details").status == 404

    # The consent form, then the passkey signature.
    page.get_by_role("link", name="Your consents").click()
    page.get_by_role("link", name="Make a new consent").click()
    page.get_by_role("checkbox", name="Treatment visits").check()
    page.get_by_label("Mr. Okafor (Caseworker)").check()
    page.get_by_label("5. Why you are sharing").fill("So my caseworker knows I go to treatment.")
    page.get_by_label("7. Last day it works").fill((date.today() + timedelta(days=60)).isoformat())
    check_accessibility(parent, "consent form")
    snap(parent, artifacts, "consent-form.png")
    page.get_by_role("button", name="Next: read and sign").click()
    expect(page.get_by_role("heading", name="Consent to share use details")).to_be_visible()
    expect(page.get_by_text("Not signed yet (not in force)")).to_be_visible()
    page.get_by_role("button", name="Sign with my passkey").click()
    expect(page.locator("dl.consent-document dd").first).to_have_text(re.compile(r"^In force"))
    expect(page.get_by_text(re.compile("Signed by Lee with their passkey"))).to_be_visible()
    check_accessibility(parent, "consent document")
    snap(parent, artifacts, "consent-document.png")

    # The caseworker now sees the treatment note, with the notice.
    caseworker.open(f"{family}/use-details")
    expect(caseworker.page.get_by_text(DETAIL)).to_be_visible()
    expect(caseworker.page.get_by_text(NOTICE)).to_be_visible()

    # One tap stops it; the caseworker's very next request is refused.
    page.get_by_role("button", name="Stop sharing").click()
    expect(page.get_by_text("Sharing stopped.", exact=False)).to_be_visible()
    expect(page.get_by_text("Stopped by you")).to_be_visible()
    assert caseworker.open(f"{family}/use-details").status == 404

    # The access log shows who looked.
    parent.open(f"{family}/access-log")
    expect(page.locator(".log-line.other").filter(has_text="Mr. Okafor (Caseworker)").first).to_be_visible()
    check_accessibility(parent, "access log")

"""On a small phone, the parent opens "What will they see?" before signing: the caseworker's own page, only the
ticked kinds of detail, clearly a preview; then signs. The consent, the preview and "Who can see what" in three
languages fit 360 px and pass axe."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_consent import invite_and_join
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
SHARED = "Went to my clinic visit on Monday."
NOT_SHARED = "A note about what I used."


def keep(page: object, kind: str, text: str) -> None:
    page.get_by_role("radio", name=kind).check()  # type: ignore[attr-defined]
    page.get_by_label("What do you want to keep?").fill(text)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save", exact=True).click()  # type: ignore[attr-defined]
    expect(page.get_by_text(text)).to_be_visible()  # type: ignore[attr-defined]


def fits(someone: Person) -> None:
    assert someone.page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], someone.page.url


def test_the_parent_previews_what_the_caseworker_will_see_before_signing(
    person: Callable[[str], Person], artifacts: Path
) -> None:
    parent = person("Lee")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = person("Mr. Okafor")
    invite_and_join(parent, caseworker, family)
    page = parent.page
    page.set_viewport_size(SMALL_PHONE)

    parent.open(f"{family}/use-details")
    keep(page, "Treatment visits", SHARED)
    keep(page, "Substances", NOT_SHARED)

    page.get_by_role("link", name="Your consents").click()
    page.get_by_role("link", name="Make a new consent").click()
    page.get_by_role("checkbox", name="Treatment visits").check()
    page.get_by_label("Mr. Okafor (Caseworker)").check()
    page.get_by_label("5. Why you are sharing").fill("So my caseworker knows I go to treatment.")
    page.get_by_label("7. Last day it works").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Next: read and sign").click()
    expect(page.get_by_role("heading", name="What they may do with it")).to_be_visible()
    expect(page.get_by_text("They may not pass it on.", exact=False)).to_be_visible()
    document = parent.path()
    fits(parent)
    check_accessibility(parent, "consent to sign")

    # Before signing: the preview is the caseworker's page, only what was ticked, and says it is a preview.
    page.get_by_role("link", name="What will they see? Open a preview").click()
    page.wait_for_url("**/preview")
    expect(page.get_by_role("heading", name="Preview: what they see")).to_be_visible()
    expect(page.get_by_text("Not signed yet: they see this only after you sign it.")).to_be_visible()
    expect(page.get_by_text(SHARED)).to_be_visible()
    expect(page.get_by_text(NOT_SHARED)).to_have_count(0)
    expect(page.get_by_role("button", name="Delete this entry")).to_have_count(0)
    fits(parent)
    check_accessibility(parent, "preview")
    snap(parent, artifacts, "consent-preview-en-360.png")

    page.get_by_role("link", name="Back to the consent").click()
    page.wait_for_url(f"**{document}")
    page.get_by_role("button", name="Sign with my passkey").click()
    expect(page.get_by_text("Signed by Lee with their passkey", exact=False)).to_be_visible()
    snap(parent, artifacts, "consent-document-en-360.png")

    # The caseworker sees what the preview showed; the parent's look at the preview is not in the access log.
    caseworker.open(f"{family}/use-details")
    expect(caseworker.page.get_by_text(SHARED)).to_be_visible()
    expect(caseworker.page.get_by_text(NOT_SHARED)).to_have_count(0)

    for language in ("es", "ar"):
        parent.open(f"/language?to={language}&next={document}")
        page.wait_for_url(f"**{document}")
        fits(parent)
        snap(parent, artifacts, f"consent-document-{language}-360.png")
        parent.open(f"{document}/preview")
        fits(parent)
        snap(parent, artifacts, f"consent-preview-{language}-360.png")
    for language in ("en", "es", "ar"):
        parent.open(f"/language?to={language}&next=/help/who-can-see")
        page.wait_for_url("**/help/who-can-see")
        fits(parent)
        check_accessibility(parent, f"who can see what ({language})")
        snap(parent, artifacts, f"who-can-see-{language}-360.png")

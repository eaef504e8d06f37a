"""A referral on a phone at 360x640: a caseworker proposes it, the parent says yes."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family
from tests.browser.test_team import invite, join

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}


def fits(someone: Person, what: str) -> None:
    width = someone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"{what} scrolls sideways at 360 px ({width} px wide)"


def test_a_caseworker_proposes_a_referral_and_the_parent_agrees(person: Callable[[str], Person],
                                                                artifacts: Path) -> None:
    parent = person("Jordan")
    parent.page.set_viewport_size(SMALL_PHONE)
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = person("Casey Worker")
    caseworker.page.set_viewport_size(SMALL_PHONE)
    join(caseworker, invite(parent, family, "Caseworker"), family)

    # The caseworker opens referrals from the plan and proposes one; the hint says what not to write.
    cw = caseworker.page
    caseworker.open(family)
    cw.get_by_role("link", name="Referrals").click()
    expect(cw.get_by_role("heading", name="Suggest a referral")).to_be_visible()
    expect(cw.get_by_text("Do not write use details here")).to_be_visible()
    cw.get_by_label("Kind of service").select_option(label="Parenting support")
    cw.get_by_label("Name of the program").fill("Hope Parenting Group")
    cw.get_by_label("Its phone number").fill("555-010-0144")
    cw.get_by_label("Why, in plain words").fill("Ideas for calm bedtimes with the kids.")
    fits(caseworker, "the referral form")
    check_accessibility(caseworker, "referrals")
    snap(caseworker, artifacts, "referral-form-en.png")
    cw.get_by_role("button", name="Save the referral").click()
    expect(cw.get_by_text("Referral saved. It waits for the parent's answer.")).to_be_visible()
    expect(cw.locator("#referral-stage")).to_contain_text("Waiting for the parent's answer")
    expect(cw.get_by_role("button", name="Yes, send it")).to_have_count(0)  # only the parent answers

    # The parent sees it on the plan, opens it and says yes; the step shows who and when.
    page = parent.page
    parent.open(family)
    referrals = page.locator("#plan-referrals")
    expect(referrals).to_contain_text("Waiting for the parent's answer")
    referrals.get_by_role("link", name="Parenting support").click()
    expect(page.get_by_role("link", name="555-010-0144")).to_have_attribute("href", "tel:5550100144")
    fits(parent, "the referral page")
    check_accessibility(parent, "a referral")
    snap(parent, artifacts, "referral-answer-en.png")
    page.get_by_role("button", name="Yes, send it").click()
    expect(page.get_by_text("Your answer is saved.")).to_be_visible()
    expect(page.locator("#referral-stage")).to_contain_text("The parent said yes")
    expect(page.locator("#referral-steps")).to_contain_text("Jordan")
    referral = page.url.removeprefix(parent.base_url)

    # The caseworker sends it: the next step, on the same page.
    caseworker.open(referral)
    cw.get_by_label("Next step", exact=True).select_option(label="Sent to the program")
    cw.get_by_role("button", name="Save the step").click()
    expect(cw.locator("#referral-stage")).to_contain_text("Sent to the program")
    expect(cw.locator("#referral-steps")).to_contain_text("Casey Worker")

    # The same pages in Spanish and Arabic fit the phone too (new words show in English until translated).
    for language in ("es", "ar"):
        parent.open(f"/language?to={language}&next={referral}")
        fits(parent, f"the referral page in {language}")
        snap(parent, artifacts, f"referral-{language}.png")
        parent.open(f"/language?to={language}&next={family}/referrals")
        fits(parent, f"the referral list in {language}")
        snap(parent, artifacts, f"referral-form-{language}.png")
    check_accessibility(parent, "referrals in Arabic")
    parent.open(f"/language?to=en&next={family}")

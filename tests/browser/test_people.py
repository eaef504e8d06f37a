"""The people page at 360 x 640: a peer invited with the parts to share; removing asks, can be undone, and is told.

Screenshots go to tests/artifacts/: the question before removing, the people page with its undo, and the
removed person's notice, in English, Spanish and Arabic.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_consent import invite_and_join
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}


def fits(someone: Person) -> None:
    assert someone.page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], someone.page.url


def join_with_code(someone: Person, code: str, family: str) -> None:
    page = someone.page
    someone.open("/join")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Join").click()
    page.wait_for_url("**/signup")
    sign_up(someone)
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url(f"**{family}")


def test_a_peer_invited_with_one_part_ticked_sees_only_that_part(person: Callable[[str], Person]) -> None:
    parent = person("Lee")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    page = parent.page
    page.set_viewport_size(SMALL_PHONE)
    parent.open(f"{family}/people")
    page.get_by_label("Their part in the plan").select_option(label="Peer recovery specialist")
    page.get_by_label("Their name (only for you to remember who the code is for)").fill("Jo")
    asked = page.get_by_role("group", name="If you invite a peer specialist: what they can see")
    boxes = asked.get_by_role("checkbox")
    assert boxes.count() >= 9
    for n in range(boxes.count()):
        expect(boxes.nth(n)).not_to_be_checked()
    asked.get_by_label("Supports").check()
    fits(parent)
    page.get_by_role("button", name="Make an invitation code").click()
    code = page.locator("[data-code]").inner_text().strip()

    peer = person("Jo")
    peer.page.set_viewport_size(SMALL_PHONE)
    join_with_code(peer, code, family)
    links = peer.page.locator("main").inner_text()
    assert "Supports" in links and "Our household" not in links and "Goals" not in links
    assert peer.open(f"{family}/plan/household").status == 404
    assert peer.open(f"{family}/plan/supports").status == 200

    parent.open(f"{family}/people")
    expect(page.get_by_role("group", name="What Jo can see").get_by_label("Supports")).to_be_checked()
    expect(page.get_by_role("group", name="What Jo can see").get_by_label("Goals")).not_to_be_checked()


def test_removing_the_caseworker_asks_can_be_undone_and_tells_them(
        person: Callable[[str], Person], artifacts: Path) -> None:
    parent = person("Lee")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = person("Mr. Okafor")
    invite_and_join(parent, caseworker, family)
    page, cw = parent.page, caseworker.page
    page.set_viewport_size(SMALL_PHONE)
    cw.set_viewport_size(SMALL_PHONE)

    # English, with the checks; then the same screens in Spanish and Arabic for the screenshots.
    for language in ("en", "es", "ar"):
        parent.open(f"/language?to={language}&next={family}/people")
        caseworker.open(f"/language?to={language}&next=/")
        page.wait_for_url(f"**{family}/people")
        page.locator('a[href$="/remove"]').filter(has_text="Okafor").click()
        page.wait_for_url("**/remove")
        if language == "en":
            expect(page.get_by_role("heading", name="Remove Mr. Okafor?")).to_be_visible()
            expect(page.get_by_text("You can undo this for 10 minutes, on the people page.")).to_be_visible()
            check_accessibility(parent, "the question before removing")
        fits(parent)
        snap(parent, artifacts, f"people-remove-confirm-{language}-360.png")
        page.locator("form button.danger").click()
        page.wait_for_url(f"**{family}/people*")
        undo = page.locator("#undo ~ ul button")
        expect(undo).to_be_visible()
        if language == "en":
            expect(page.get_by_role("status").first).to_contain_text("Mr. Okafor was removed")
            expect(undo).to_have_text("Undo: let Mr. Okafor see the plan again")
            check_accessibility(parent, "the people page with an undo")
        fits(parent)
        snap(parent, artifacts, f"people-undo-{language}-360.png")

        assert caseworker.open(family).status == 404
        caseworker.open("/")
        notice = cw.locator("main .flash").filter(has_text="Lake family")
        expect(notice).to_be_visible()
        if language == "en":
            expect(notice).to_contain_text("Lee ended your access to the family plan “The Lake family” on")
            check_accessibility(caseworker, "the removed person's notice")
        fits(caseworker)
        snap(caseworker, artifacts, f"removed-notice-{language}-360.png")

        undo.click()
        page.wait_for_url(f"**{family}/people")
        expect(page.locator("#undo")).to_have_count(0)
        assert caseworker.open(family).status == 200

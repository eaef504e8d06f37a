"""The team around the family in a real browser on a phone: a peer's check-in, the caseload, a printed review."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser


def invite(parent: Person, family: str, role: str, parts: tuple[str, ...] = ()) -> str:
    """The parent makes a code; for a peer, ticking the parts of the plan the peer will see."""
    page = parent.page
    parent.open(f"{family}/people")
    page.get_by_label("Their part in the plan").select_option(label=role)
    asked = page.get_by_role("group", name="If you invite a peer specialist: what they can see")
    for part in parts:
        asked.get_by_label(part, exact=True).check()
    page.get_by_role("button", name="Make an invitation code").click()
    return page.locator("[data-code]").inner_text().strip()


def join(someone: Person, code: str, family: str) -> None:
    page = someone.page
    someone.open("/join")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Join").click()
    page.wait_for_url("**/signup")
    sign_up(someone)
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url(f"**{family}")


def test_peer_check_in_caseload_and_printed_review(person: Callable[[str], Person], artifacts: Path) -> None:
    parent = person("Jordan")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    peer, caseworker = person("Pat Peer"), person("Casey Worker")
    join(peer, invite(parent, family, "Peer recovery specialist", ("Check-ins", "Case reviews")), family)
    join(caseworker, invite(parent, family, "Caseworker"), family)

    # A peer records a check-in with a milestone; the parent reads it.
    page = peer.page
    page.get_by_role("link", name="Check-ins").click()
    page.get_by_label("How it went, in the parent's words").fill("Jordan said the week went well.")
    page.get_by_label("What they need (optional)").fill("A second naloxone kit")
    page.get_by_label("A milestone to add (optional)").select_option(label="Lockbox in place")
    snap(peer, artifacts, "checkin-form.png")
    check_accessibility(peer, "check-ins")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    parent.open(f"{family}/checkins")
    expect(parent.page.locator("ol.timeline")).to_contain_text("Jordan said the week went well.")
    expect(parent.page.locator("ol.timeline")).to_contain_text("Lockbox in place")

    # The caseworker's caseload at phone width: searchable, with the newest milestone.
    cw = caseworker.page
    caseworker.open("/caseload")
    expect(cw.get_by_role("heading", name="My families")).to_be_visible()
    expect(cw.locator("ul.caseload")).to_contain_text("The Lake family")
    expect(cw.locator("ul.caseload")).to_contain_text("Lockbox in place")
    assert cw.evaluate("document.documentElement.scrollWidth") <= 390, "the caseload scrolls sideways on a phone"
    snap(caseworker, artifacts, "caseload-phone.png")
    check_accessibility(caseworker, "caseload")
    expect(cw.get_by_label("Search by family name")).to_have_count(0)  # one family: no search before it
    caseworker.open("/caseload?q=Lake")
    cw.get_by_label("Search by family name").fill("nobody")
    cw.get_by_role("button", name="Show").click()
    expect(cw.get_by_text("No family name matches that search.")).to_be_visible()

    # A joint review, saved and printed: the menus and forms drop out of the printout.
    caseworker.open(f"{family}/reviews/new")
    cw.get_by_label("Are the children safe?").fill("The children are safe at home.")
    cw.get_by_label("What is working for the parent").fill("Jordan keeps every visit.")
    cw.get_by_role("button", name="Save the review").click()
    cw.wait_for_url(re.compile(rf"{family}/reviews/[0-9a-f]+$"))
    check_accessibility(caseworker, "review")
    cw.emulate_media(media="print")
    expect(cw.locator("header.top")).to_be_hidden()
    expect(cw.get_by_role("button", name="Add comment")).to_be_hidden()
    expect(cw.get_by_text("The children are safe at home.")).to_be_visible()
    snap(caseworker, artifacts, "review-print.png")
    cw.emulate_media(media="screen")

    # The parent adds a comment to the review.
    parent.open(caseworker.path())
    parent.page.get_by_label("Add your comment").fill("Thank you. I want evening groups.")
    parent.page.get_by_role("button", name="Add comment").click()
    expect(parent.page.locator(".comment")).to_contain_text("Thank you. I want evening groups.")

    # The parent stops sharing check-ins with the peer: the peer's link goes, and the page is refused.
    parent.open(f"{family}/people")
    parent.page.get_by_role("group", name="What Pat Peer can see").get_by_label("Check-ins").uncheck()
    parent.page.get_by_role("button", name="Save what Pat Peer sees").click()
    expect(parent.page.get_by_text("Saved. Pat Peer now sees only the parts you ticked.")).to_be_visible()
    peer.open(family)
    expect(peer.page.get_by_role("link", name="Case reviews")).to_be_visible()
    expect(peer.page.get_by_role("link", name="Check-ins")).to_have_count(0)
    refused = peer.open(f"{family}/checkins")
    assert refused is not None and refused.status == 403
    expect(peer.page.get_by_text("The parent has not shared this part of the plan with peer")).to_be_visible()
    expect(peer.page.get_by_role("link", name="Back to the plan")).to_be_visible()

"""The app's frame on a 360x640 phone: a navigation bar per role, one short top row with the quick exit and the
language, where each person lands, and a plan overview that is a summary, not a long document.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harm.plans.sections import RESPONSE_STEPS
from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family
from tests.browser.test_offline_and_push import api
from tests.browser.test_team import invite, join
from tests.plan_data import PLAN

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
TOP_MOST = 96  # 15% of a 640 px screen, header and quick exit together
THREE_SCREENS = 3 * PHONE["height"]
TARGET = 48
LANGUAGES = ("en", "es", "ar")

# The page's cumulative layout shift, and what moved.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  const moved = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) { continue; }
      total += entry.value;
      for (const source of entry.sources) {
        const node = source.node;
        moved.push((node && (node.id || node.className || node.nodeName)) + " " + JSON.stringify(source.previousRect)
                   + " -> " + JSON.stringify(source.currentRect));
      }
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve([total, moved]), 1500);
})"""


def on_a_phone(person: Callable[[str], Person], name: str) -> Person:
    someone = person(name)
    someone.page.set_viewport_size(PHONE)
    return someone


def in_language(someone: Person, lang: str, path: str) -> None:
    someone.open(f"/language?to={lang}&next={path}")
    expect(someone.page.locator("html")).to_have_attribute("lang", lang)


def top_row_height(page: Any) -> float:
    """How far down the header and the quick exit reach."""
    return float(page.evaluate("""() => Math.max(...['header.top', '#quick-exit'].map(
        (s) => document.querySelector(s).getBoundingClientRect().bottom))"""))


def the_bar(someone: Person, labels: list[str], current: str | None) -> list[dict[str, float]]:
    """The bar shows these places in this order, each a thumb's size, the page on screen marked; returns their boxes."""
    page = someone.page
    links = page.locator("nav.bar a")
    expect(links).to_have_count(len(labels))
    boxes = []
    for i in range(len(labels)):
        link = links.nth(i)
        box = link.bounding_box()
        assert box is not None and box["width"] >= TARGET and box["height"] >= TARGET, (labels[i], box)
        assert box["y"] + box["height"] <= PHONE["height"] + 1, "the bar is off the screen"
        boxes.append(box)
    marked = page.locator('nav.bar a[aria-current="page"]')
    if current is None:
        expect(marked).to_have_count(0)
    else:
        expect(marked).to_have_count(1)
        expect(marked).to_have_text(current)
    expect(links).to_have_text(labels)
    return boxes


def mirrored(someone: Person, path: str) -> None:
    """In Arabic the bar runs right to left: its first place is at the right-hand end."""
    in_language(someone, "ar", path)
    boxes = [someone.page.locator("nav.bar a").nth(i).bounding_box() for i in (0, -1)]
    assert boxes[0] and boxes[-1] and boxes[0]["x"] > boxes[-1]["x"], boxes
    assert someone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def complete_plan(someone: Person, family: str) -> None:
    """Every part filled in and done, through the same API the pages use."""
    family_id = family.removeprefix("/f/")
    plan = copy.deepcopy(PLAN)
    plan["overdose"]["steps_known"] = [key for key, _label in RESPONSE_STEPS]
    plan["goals"].pop("agency_expects")  # the caseworker's to write
    someone.open(family)
    for key, data in plan.items():
        version = api(someone, "GET", f"/api/v1/families/{family_id}/plan/{key}")["body"]["version"]
        saved = api(someone, "PUT", f"/api/v1/families/{family_id}/plan/{key}", {"version": version, "data": data})
        assert saved["status"] == 200, saved


def sign_in_again(someone: Person) -> None:
    page = someone.page
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    someone.open("/signin")
    page.get_by_role("button", name="Sign in with my passkey").click()
    page.wait_for_load_state()


def test_a_parents_bar_fits_a_thumb_marks_the_page_and_mirrors_in_arabic(
    person: Callable[[str], Person], artifacts: Path,
) -> None:
    parent = on_a_phone(person, "Ana")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Ruiz family")
    the_bar(parent, ["Plan", "Help now", "People", "More"], "Plan")
    parent.page.locator("nav.bar").get_by_role("link", name="More").click()
    parent.page.wait_for_url("**/more")
    the_bar(parent, ["Plan", "Help now", "People", "More"], "More")
    for name in ("Milestones", "Check-ins", "Case reviews", "Your consents", "Who looked at your use details",
                 "Name and icon on this phone", "My account"):
        expect(parent.page.locator("main").get_by_role("link", name=name, exact=True)).to_be_visible()
    check_accessibility(parent, "more")
    for lang in LANGUAGES:
        in_language(parent, lang, "/more")
        snap(parent, artifacts, f"shell-more-{lang}.png")
    in_language(parent, "en", family)
    parent.open(f"{family}/people")
    the_bar(parent, ["Plan", "Help now", "People", "More"], "People")
    mirrored(parent, family)
    check_accessibility(parent, "plan overview in Arabic")
    snap(parent, artifacts, "shell-bar-ar.png")


def test_a_caseworker_lands_on_the_caseload_and_a_peer_on_their_families(
    person: Callable[[str], Person], artifacts: Path,
) -> None:
    parent = on_a_phone(person, "Jordan")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker, peer = on_a_phone(person, "Casey Worker"), on_a_phone(person, "Pat Peer")
    join(caseworker, invite(parent, family, "Caseworker"), family)
    join(peer, invite(parent, family, "Peer recovery specialist", ("Check-ins",)), family)

    sign_in_again(caseworker)
    caseworker.page.wait_for_url("**/caseload")
    today = caseworker.page.locator("#today-visits")
    expect(today).to_contain_text("Today's visits")
    expect(today.get_by_text("No visits today.")).to_be_in_viewport()
    the_bar(caseworker, ["Families", "Today", "Help now", "More"], "Families")
    check_accessibility(caseworker, "caseload as the landing page")
    for lang in LANGUAGES:
        in_language(caseworker, lang, "/caseload")
        snap(caseworker, artifacts, f"shell-caseworker-landing-{lang}.png")
    mirrored(caseworker, "/caseload")

    sign_in_again(peer)
    page = peer.page
    page.wait_for_url(peer.base_url + "/")
    card = page.locator("a.card", has_text="The Lake family")
    expect(card).to_contain_text("No check-in set")
    box = card.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], "the families are not on the first screen"
    expect(page.locator("main a.button:not(.secondary)", has_text="Start a family plan")).to_have_count(0)
    the_bar(peer, ["Families", "Check-ins", "Help now", "More"], "Families")
    page.locator("nav.bar").get_by_role("link", name="Check-ins").click()
    page.wait_for_url(f"**{family}/checkins")
    the_bar(peer, ["Families", "Check-ins", "Help now", "More"], "Check-ins")
    check_accessibility(peer, "peer check-ins")
    for lang in LANGUAGES:
        in_language(peer, lang, "/")
        snap(peer, artifacts, f"shell-peer-landing-{lang}.png")
    mirrored(peer, "/")


def test_the_top_row_is_short_and_the_language_control_on_the_first_screen_everywhere(
    person: Callable[[str], Person], artifacts: Path,
) -> None:
    parent = on_a_phone(person, "Lina")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Haddad family")
    # Every page of tests/browser/test_layout_sweep.py has the same checks there, for each role and language.
    signed_in = ["/more", "/help/overdose", "/reminders"]
    heights = []
    page = parent.page
    for lang in ("en", "es"):
        in_language(parent, lang, "/")
        for path in signed_in:
            parent.open(path)
            heights.append(top_row_height(page))
            assert heights[-1] <= TOP_MOST, (lang, path, heights[-1])
            control = page.locator("header.top .lang-menu summary")
            box = control.bounding_box()
            assert box is not None and box["y"] + box["height"] <= PHONE["height"], (lang, path)
            assert box["width"] >= 44 and box["height"] >= 44, (lang, path, box)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (lang, path)
    print(f"top row at most {max(heights):.0f} px")  # noqa: T201 - a figure for the closing note
    # One tap opens it, and the languages are right there.
    in_language(parent, "en", family)
    page.locator("header.top .lang-menu summary").click()
    spanish = page.locator("header.top").get_by_role("link", name="Español")
    expect(spanish).to_be_in_viewport()
    snap(parent, artifacts, "shell-language-open.png")
    spanish.click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url.endswith(family)


def test_a_complete_plan_is_a_summary_of_at_most_three_screens_that_does_not_move(
    person: Callable[[str], Person], artifacts: Path,
) -> None:
    parent = on_a_phone(person, "Mara")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Okafor family")
    page = parent.page
    expect(page.locator(".next-step")).to_be_in_viewport()  # an empty plan: the next thing to do, on the first screen
    snap(parent, artifacts, "shell-overview-empty-en.png")
    complete_plan(parent, family)
    for lang in LANGUAGES:
        in_language(parent, lang, family)
        page.locator("#keep-offline:not([hidden])").wait_for()
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"complete plan overview in {lang}: {height} px")  # noqa: T201 - a figure for the closing note
        snap(parent, artifacts, f"shell-overview-complete-{lang}.png")
        assert height <= THREE_SCREENS, (lang, height)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], lang
        who_checks = page.locator("#overdose .lines li").first
        assert who_checks.evaluate("(line) => line.scrollHeight <= line.clientHeight + 1"), lang  # the name shows
    in_language(parent, "en", family)
    expect(page.get_by_role("heading", name="Your plan is complete.")).to_be_in_viewport()
    cards = page.locator(".plan-card")
    expect(cards).to_have_count(len(PLAN))
    expect(page.locator(".plan-card.is-done")).to_have_count(len(PLAN))
    expect(page.locator("#naloxone")).to_contain_text("Kitchen drawer by the stove")
    page.locator("#storage").click()  # the whole card opens its part
    page.wait_for_url(f"**{family}/plan/storage")
    parent.open(family)
    page.locator("#keep-offline:not([hidden])").wait_for()
    shift, moved = page.evaluate(LAYOUT_SHIFT)
    assert shift == 0, f"the plan page moved as it loaded (cumulative layout shift {shift}): {moved}"
    check_accessibility(parent, "complete plan overview")

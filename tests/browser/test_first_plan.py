"""A parent builds a first plan on a 360x640 phone, and every tap is counted.

The same plan each time: three people in the home, a backup caregiver who said yes, a lockbox, a
naloxone kit, the overdose plan, a support with a phone number, and a goal with its next step.
Counting: a tap on a control is 1, focusing a field and typing into it 1, a select 2, a date
picker 3, the passkey prompt 1; scrolling is free. Page loads are the documents the phone loaded.
Before the guided plan (recovery codes first, each part opened from the overview, selects) the same
plan took 55 taps and 21 page loads counted this way.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import SIGN_UP_WAIT, check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
FAMILY_URL = re.compile(r"/f/([A-Za-z0-9_-]+)")


@dataclass
class Taps:
    """Does what a person does on the page, and counts it as the issue counts it."""

    page: Any
    count: int = 0
    loads: int = 0
    steps: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("load", lambda _page: self._loaded())

    def _loaded(self) -> None:
        self.loads += 1

    def _add(self, taps: int, what: str) -> None:
        self.count += taps
        self.steps.append(f"{taps} {what}")

    def tap(self, target: Any, what: str) -> None:
        target.click()
        self._add(1, f"tap {what}")

    def type(self, target: Any, text: str) -> None:
        target.fill(text)
        self._add(1, f"type {text!r}")

    def select(self, target: Any, value: str) -> None:
        target.select_option(value)
        self._add(2, f"select {value}")

    def date(self, target: Any, value: str) -> None:
        target.fill(value)
        self._add(3, f"date {value}")

    def passkey_prompt(self) -> None:
        self._add(1, "passkey prompt")


def on_small_phone(someone: Person) -> Person:
    someone.page.set_viewport_size(SMALL_PHONE)
    return someone


def scrolled(page: Any) -> float:
    return float(page.evaluate("window.scrollY"))


def focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def expect_saved_in_view(page: Any) -> None:
    """"Saved" is announced (role=status), has the focus, and is on the screen the person sees."""
    saved = page.locator(".saved[role=status]")
    expect(saved).to_be_visible()
    expect(saved).to_be_in_viewport()


def expect_part(page: Any, number: int, title: str) -> None:
    expect(page.get_by_text(f"Part {number} of 6")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def next_part(taps: Taps, name: str = "Next part") -> None:
    taps.tap(taps.page.get_by_role("button", name=name, exact=True), name)


def test_a_first_plan_takes_40_taps_or_fewer(person: Callable[[str], Person], artifacts: Path) -> None:
    parent = on_small_phone(person("Dana"))
    page = parent.page
    taps = Taps(page)
    parent.open("/")

    # Sign-up goes straight to starting the plan; its name is suggested.
    taps.tap(page.get_by_role("link", name="Make my plan"), "Make my plan")
    taps.type(page.get_by_label("What should we call you?"), "Dana")
    taps.tap(page.get_by_role("button", name="Make my passkey"), "Make my passkey")
    taps.passkey_prompt()
    page.wait_for_url("**/families/new?first=1", timeout=SIGN_UP_WAIT)
    expect(page.get_by_label("Name for this plan")).to_have_value("Dana's family")
    taps.tap(page.get_by_role("button", name="Start my plan"), "Start my plan")

    # Part 1: three people, added in place: no reload, no jump to the top.
    page.wait_for_url(re.compile(r"/plan/household\?guided=1$"))
    expect_part(page, 1, "Our household")
    people = (("Dana", "Adult (18 or older)"), ("Robin", "Child (6 to 12)"), ("Sky", "Baby or young child (0 to 5)"))
    for i, (name, age) in enumerate(people):
        taps.type(page.locator(f"#members-{i}-name"), name)
        taps.tap(page.locator(f"#members-{i}-age_range").get_by_label(age), age)
        if i < 2:
            loads, before = taps.loads, scrolled(page)
            assert before > 0
            taps.tap(page.locator("#members").get_by_role("button", name="Add another"), "Add another")
            expect(page.locator(f"#members-{i + 1}-name")).to_be_focused()
            assert taps.loads == loads, "adding a person must not load a page"
            assert scrolled(page) >= before, "adding a person must not jump to the top"
    taps.type(page.locator("#backup_caregivers-0-name"), "Aunt Jo")
    taps.type(page.locator("#backup_caregivers-0-phone"), "(555) 010-4477")
    taps.tap(page.get_by_label("They said yes"), "They said yes")
    next_part(taps)

    # After the first saved part, and only then: recovery codes, whole, to download or print.
    page.wait_for_url("**/account/recovery-codes?**")
    expect_saved_in_view(page)
    assert focused_id(page) == "saved"
    taps.tap(page.get_by_role("button", name="Make my recovery codes"), "Make my recovery codes")
    codes = page.locator("ul.codes code")
    expect(codes).to_have_count(8)
    for code in codes.all():
        assert code.evaluate("c => c.getClientRects().length") == 1, "a code broke across lines"
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    with page.expect_download() as download:
        taps.tap(page.get_by_role("link", name="Download"), "Download")
    written = Path(download.value.path()).read_text()
    assert all(code in written for code in codes.all_inner_texts())
    taps.tap(page.get_by_role("link", name="Go on"), "Go on")

    expect_part(page, 2, "Safe storage")
    expect_saved_in_view(page)
    assert focused_id(page) == "saved"
    taps.tap(page.get_by_label("We have a lockbox"), "We have a lockbox")
    taps.type(page.get_by_label("Where the lockbox is"), "Top shelf, hall closet")
    taps.tap(page.get_by_label("It is out of children's reach"), "out of reach")
    next_part(taps)

    expect_part(page, 3, "Naloxone")
    expect_saved_in_view(page)
    taps.type(page.get_by_label("Where it is kept"), "Kitchen drawer")
    taps.date(page.get_by_label("Expiry date"), "2028-05-31")
    taps.type(page.get_by_label("Who in the home knows how to use it"), "Dana and Aunt Jo")
    next_part(taps)

    expect_part(page, 4, "Overdose response plan")
    taps.tap(page.get_by_label("All of these"), "All of these")
    for box in page.locator("input[name=steps_known]").all():
        expect(box).to_be_checked()
    taps.type(page.get_by_label("Who checks on me"), "Aunt Jo")
    next_part(taps)

    expect_part(page, 5, "Supports")
    taps.type(page.get_by_label("Name or place"), "Harbor Peer Center")
    taps.tap(page.get_by_label("Peer support"), "Peer support")
    taps.type(page.get_by_label("Phone"), "555 010 9000")
    next_part(taps)

    expect_part(page, 6, "Goals")
    taps.type(page.get_by_label("Goal", exact=True), "Lockbox up high by Friday")
    taps.type(page.get_by_label("Next step", exact=True), "Buy the lockbox")
    next_part(taps, "Finish")

    expect(page.locator("#completeness")).to_have_attribute("value", "6")
    household = page.locator("#household")
    for name in ("Dana", "Robin", "Sky", "Aunt Jo"):
        expect(household).to_contain_text(name)
    print(f"\nthe guided first plan: {taps.count} taps, {taps.loads} page loads\n" + "\n".join(taps.steps))
    assert taps.count <= 40, taps.steps


def no_sideways_scrolling(page: Any, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"{where} is {width} px wide at {SMALL_PHONE['width']} px"


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_each_guided_screen_fits_a_small_phone(person: Callable[[str], Person], artifacts: Path, lang: str) -> None:
    """Every screen of the guided plan, photographed in tests/artifacts/, checked by axe, never wider than 360 px."""
    parent = on_small_phone(person("Dana"))
    page = parent.page
    step = iter(range(1, 100))

    def look(what: str) -> None:
        no_sideways_scrolling(page, what)
        check_accessibility(parent, f"{what} ({lang})")
        snap(parent, artifacts, f"guided-{lang}-{next(step):02d}-{what}.png")

    def submit() -> None:
        page.locator("main form:not([hidden]) .form-end button[type=submit]").click()

    parent.open(f"/language?to={lang}&next=/signup")
    page.locator("#display_name").fill("Dana")
    page.locator("#passkey-form button[type=submit]").click()
    page.wait_for_url("**/families/new?first=1", timeout=SIGN_UP_WAIT)
    look("start")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plan/household\?guided=1$"))
    look("household")
    page.locator("#members-0-name").fill("Robin")
    page.locator("#members-0-age_range input[type=radio]").nth(1).check()
    page.locator("#members [data-add-row]").click()
    expect(page.locator("#members-1-name")).to_be_focused()
    page.locator("#members-1-name").fill("Sky")
    page.locator("#backup_caregivers-0-name").fill("Jo")
    page.locator("#backup_caregivers-0-phone").fill("555 010 4477")
    page.locator("#backup_caregivers-0-agreed").check()
    look("household-filled")
    submit()
    page.wait_for_url("**/account/recovery-codes?**")
    look("recovery-ask")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("ul.codes code")).to_have_count(8)
    look("recovery-codes")
    page.locator("main a.button:not([download])").click()
    for key in ("storage", "naloxone", "overdose", "supports", "goals"):
        page.wait_for_url(re.compile(rf"/plan/{key}\?guided=1$"))
        expect(page.locator(".saved[role=status]")).to_be_in_viewport()
        look(key)
        submit()
    page.wait_for_url(re.compile(r"/f/[A-Za-z0-9_-]+$"))
    look("plan")


def test_without_javascript_add_another_comes_back_to_the_new_row_not_the_top(
        person: Callable[[str], Person], chromium: Any, live_server: Any) -> None:
    parent = on_small_phone(person("Dana"))
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Rivers family")
    plain = chromium.new_context(viewport=SMALL_PHONE, base_url=live_server.url, java_script_enabled=False,
                                 storage_state=parent.context.storage_state())
    try:
        page = plain.new_page()
        page.goto(f"{family}/plan/household?guided=1")
        page.locator("#members-0-name").fill("Robin")
        page.locator("#members [data-add-row]").click()
        page.wait_for_load_state()
        new_row = page.locator("#members-1-name")
        expect(new_row).to_be_focused()
        expect(new_row).to_be_in_viewport()
        assert scrolled(page) > 0, "the page came back at the top"
        expect(page.locator("#members .saved[role=status]")).to_be_in_viewport()
        expect(page.locator("#members-0-name")).to_have_value("Robin")
        expect(page.get_by_text("Part 1 of 6")).to_be_visible()
    finally:
        plain.close()

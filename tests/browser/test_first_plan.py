"""A parent builds a first plan on a 360x640 phone, and every tap is counted.

The same plan each time: three people in the home, a backup caregiver who said yes, a lockbox, a
naloxone kit, the overdose plan, a support with a phone number, and a goal with its next step.
Counting: a tap on a control is 1, focusing a field and typing into it 1, a select 2, a date
picker 3, the passkey prompt 1; scrolling is free. Page loads are the documents the phone loaded.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import expect

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


def test_today_first_plan_is_counted(person: Callable[[str], Person]) -> None:
    """The flow before the guided plan: recovery codes first, then each part from the overview."""
    parent = on_small_phone(person("Dana"))
    page = parent.page
    taps = Taps(page)
    parent.open("/")

    taps.tap(page.get_by_role("link", name="Make my plan"), "Make my plan")
    taps.type(page.get_by_label("What should we call you?"), "Dana")
    taps.tap(page.get_by_role("button", name="Make my passkey"), "Make my passkey")
    taps.passkey_prompt()
    page.wait_for_url("**/welcome")
    taps.tap(page.get_by_role("button", name="Make my recovery codes"), "Make my recovery codes")
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    taps.tap(page.get_by_role("link", name="I wrote them down"), "I wrote them down")
    taps.tap(page.get_by_role("link", name="Start a family plan"), "Start a family plan")
    taps.type(page.get_by_label("Name for this plan"), "The Rivers family")
    taps.tap(page.get_by_role("button", name="Start the plan"), "Start the plan")
    page.wait_for_url(FAMILY_URL)
    family = parent.path()

    def edit(title: str) -> None:
        taps.tap(page.get_by_role("link", name=f"Edit {title}"), f"Edit {title}")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)

    def save() -> None:
        taps.tap(page.get_by_role("button", name="Save", exact=True), "Save")
        page.wait_for_url(re.compile(rf"{family}#"))

    edit("Our household")
    for i, (name, age) in enumerate((("Dana", "adult"), ("Robin", "6-12"), ("Sky", "0-5"))):
        taps.type(page.locator(f"#members-{i}-name"), name)
        taps.select(page.locator(f"#members-{i}-age_range"), age)
        if i < 2:
            taps.tap(page.locator("button[value=members]"), "Save and add another")
            expect(page.locator(f"#members-{i + 1}-name")).to_be_visible()
    taps.type(page.locator("#backup_caregivers-0-name"), "Aunt Jo")
    taps.type(page.locator("#backup_caregivers-0-phone"), "(555) 010-4477")
    taps.tap(page.get_by_label("They said yes"), "They said yes")
    save()

    edit("Safe storage")
    taps.tap(page.get_by_label("We have a lockbox"), "We have a lockbox")
    taps.type(page.get_by_label("Where the lockbox is"), "Top shelf, hall closet")
    taps.tap(page.get_by_label("It is out of children's reach"), "out of reach")
    save()

    edit("Naloxone")
    taps.type(page.get_by_label("Where it is kept"), "Kitchen drawer")
    taps.date(page.get_by_label("Expiry date"), "2028-05-31")
    taps.type(page.get_by_label("Who in the home knows how to use it"), "Dana and Aunt Jo")
    save()

    edit("Overdose response plan")
    for box in page.locator("input[name=steps_known]").all():
        taps.tap(box, "a step")
    taps.type(page.get_by_label("Who checks on me"), "Aunt Jo")
    save()

    edit("Supports")
    taps.type(page.get_by_label("Name or place"), "Harbor Peer Center")
    taps.select(page.get_by_label("Kind of support"), "peer")
    taps.type(page.get_by_label("Phone"), "555 010 9000")
    save()

    edit("Goals")
    taps.type(page.get_by_label("Goal", exact=True), "Lockbox up high by Friday")
    taps.type(page.get_by_label("Next step", exact=True), "Buy the lockbox")
    save()

    expect(page.locator("#completeness")).to_have_attribute("value", "6")
    print(f"\ntoday's first plan: {taps.count} taps, {taps.loads} page loads\n" + "\n".join(taps.steps))

"""The second-dose timer in a real Chromium at 360 x 640: near the top of every step from naloxone on, counting across
steps and reloads, started once (only "Start over" starts it again), and at 2 and 3 minutes a beep, a vibration and
"Give the second dose". Time is moved with Playwright's clock, never waited for.

Screenshots go to tests/artifacts/: the steps with the timer and the breathing question, and the fridge copy, in
English, Spanish and Arabic.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
FROM_NALOXONE_ON = range(3, 8)
SECOND_DOSE = "Give the second dose"
# Records what the page asks of the phone: each vibration, and each tone it starts.
RECORD_ALARMS = """
window.__vibrations = [];
window.__tones = 0;
Object.defineProperty(Navigator.prototype, "vibrate", {configurable: true, value: function (pattern) {
  window.__vibrations.push(pattern); return true;
}});
if (window.AudioContext) {
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__tones += 1; return createOscillator.call(this);
  };
}
"""


def on_phone(person: Callable[[str], Person], name: str = "Helper") -> Person:
    """Someone at 360 x 640 whose clock the test moves, and whose vibrations and tones are recorded."""
    someone = person(name)
    someone.page.set_viewport_size(SMALL_PHONE)
    someone.context.add_init_script(RECORD_ALARMS)
    someone.page.clock.install(time=datetime(2026, 12, 7, 3, 0, 0))
    return someone


def shown_time(page: Any) -> int:
    """The seconds the timer shows since the first dose."""
    status = page.locator(".timer-status")
    expect(status).to_be_visible()
    found = re.search(r"(\d+):(\d\d)", status.inner_text())
    assert found, status.inner_text()
    return int(found.group(1)) * 60 + int(found.group(2))


def in_first_screen(page: Any, selector: str) -> None:
    """Visible without scrolling: the whole box inside the 360 x 640 screen, with the page at its top."""
    assert page.evaluate("window.scrollY") == 0
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["y"] >= 0 and box["y"] + box["height"] <= SMALL_PHONE["height"], (page.url, selector, box)


def start_timer(someone: Person) -> None:
    someone.open("/emergency/3")
    someone.page.get_by_role("button", name="I gave the first dose: start the timer").click()


def test_the_timer_is_in_the_first_screen_of_every_step_from_naloxone_on(person: Callable[[str], Person]) -> None:
    someone = on_phone(person)
    page = someone.page
    for number in (1, 2):
        someone.open(f"/emergency/{number}")
        expect(page.locator(".dose-timer")).to_have_count(0)
    for number in FROM_NALOXONE_ON:
        someone.open(f"/emergency/{number}")
        in_first_screen(page, ".timer-start")  # not started yet: the start button is on top
    # Not started, the timer is small enough that both answers to "Are they breathing?" are in the first screen.
    someone.open("/emergency/5")
    in_first_screen(page, ".branch")
    expect(page.locator(".step-picture")).to_have_count(0)  # no picture of one answer as the answer
    start_timer(someone)
    page.clock.run_for(60_000)
    # While it counts, the breathing question's two answers are in the first screen too.
    someone.open("/emergency/5")
    in_first_screen(page, ".timer-status")
    in_first_screen(page, ".branch")
    page.clock.run_for(70_000)
    for number in FROM_NALOXONE_ON:
        someone.open(f"/emergency/{number}")
        in_first_screen(page, ".timer-status")
        in_first_screen(page, ".timer-alert")
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    check_accessibility(someone, "a step with the timer's call to action")


def test_the_timer_keeps_counting_across_steps_and_reloads(person: Callable[[str], Person]) -> None:
    someone = on_phone(person)
    page = someone.page
    start_timer(someone)
    page.clock.run_for(30_000)
    assert 30 <= shown_time(page) <= 31
    page.get_by_role("link", name="Next", exact=True).click()
    page.wait_for_url("**/emergency/4")
    page.clock.run_for(15_000)
    assert 45 <= shown_time(page) <= 47
    page.reload()
    page.clock.run_for(10_000)
    assert 55 <= shown_time(page) <= 58
    expect(page.get_by_role("button", name="I gave the first dose: start the timer")).to_be_hidden()


def test_a_second_tap_does_not_restart_it_and_start_over_does(person: Callable[[str], Person]) -> None:
    someone = on_phone(person)
    page = someone.page
    start_timer(someone)
    page.clock.run_for(40_000)
    # The start button is gone once it runs; even a tap on it (a double tap, a stale page) changes nothing.
    page.locator(".timer-start").dispatch_event("click")
    page.clock.run_for(2_000)
    assert shown_time(page) >= 42
    # One stray tap on "Start over" asks again and changes nothing; a second tap starts it over.
    page.get_by_role("button", name="Start over").click()
    page.clock.run_for(1_000)
    assert shown_time(page) >= 43
    page.get_by_role("button", name="Tap again to start over").click()
    page.clock.run_for(1_000)
    assert shown_time(page) <= 2
    page.clock.run_for(5_000)
    expect(page.get_by_role("button", name="Start over")).to_be_visible()


def test_at_2_and_3_minutes_it_beeps_vibrates_and_says_give_the_second_dose(person: Callable[[str], Person]) -> None:
    someone = on_phone(person)
    page = someone.page
    start_timer(someone)
    page.get_by_role("link", name="Next", exact=True).click()
    page.wait_for_url("**/emergency/4")
    page.clock.run_for(100_000)
    expect(page.get_by_role("link", name=SECOND_DOSE)).to_be_hidden()
    assert page.evaluate("window.__vibrations.length") == 0
    page.clock.run_for(21_000)  # 2 minutes and a bit
    call = page.get_by_role("link", name=SECOND_DOSE)
    expect(call).to_be_visible()
    expect(call).to_be_in_viewport()
    assert page.evaluate("window.__vibrations.length") == 1
    assert page.evaluate("window.__tones") > 0
    page.clock.run_for(60_000)  # 3 minutes
    expect(page.locator(".timer-alert-text")).to_contain_text("3 minutes have passed")
    assert page.evaluate("window.__vibrations.length") == 2
    # A reload does not sound an alarm that already sounded.
    page.reload()
    page.clock.run_for(2_000)
    expect(page.get_by_role("link", name=SECOND_DOSE)).to_be_visible()
    assert page.evaluate("window.__vibrations.length") == 0
    call.click()
    page.wait_for_url("**/emergency/6")
    expect(page.get_by_role("heading", level=1)).to_have_text("Give a second dose if needed")


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_screenshots_of_the_steps_and_the_fridge_copy(person: Callable[[str], Person], artifacts: Path,
                                                      lang: str) -> None:
    parent = on_phone(person, "Morgan")
    page = parent.page
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Morgan family")
    parent.open(f"/language?to={lang}&next=/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    parent.open("/emergency/3")
    snap(parent, artifacts, f"dose-timer-{lang}-3-before.png")
    page.locator(".timer-start").click()
    for number in FROM_NALOXONE_ON:
        parent.open(f"/emergency/{number}")
        page.clock.run_for(30_000)
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
        snap(parent, artifacts, f"dose-timer-{lang}-{number}.png")
    parent.open(f"{family}/fridge")
    expect(page.locator(".fridge")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    snap(parent, artifacts, f"fridge-{lang}.png")
    check_accessibility(parent, f"fridge copy ({lang})")

"""Sign-up takes the browser's own time zone; the picker on My account changes it, at phone width."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, sign_up

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}


def no_sideways_scrolling(someone: Person) -> None:
    width = someone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360"


def test_sign_up_picks_the_browsers_zone_and_the_picker_changes_it(
    person: Callable[..., Person], artifacts: Path
) -> None:
    parent = person("Lee", timezone_id="America/Los_Angeles")
    page = parent.page
    page.set_viewport_size(SMALL_PHONE)
    parent.open("/signup")
    assert page.locator("input[name=time_zone]").input_value() == "America/Los_Angeles"
    sign_up(parent)
    parent.open("/account")
    picker = page.get_by_label("My time zone")
    expect(picker).to_have_value("America/Los_Angeles")
    expect(page.locator("#time-zone-hint")).to_contain_text("Pacific Standard Time")
    check_accessibility(parent, "My account with the time-zone picker")
    no_sideways_scrolling(parent)

    for language in ("en", "es", "ar"):
        parent.open(f"/language?to={language}&next=/account")
        page.wait_for_url("**/account")
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.locator("#time-zone").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"time-zone-picker-{language}.png"))
        no_sideways_scrolling(parent)

    parent.open("/language?to=en&next=/account")
    page.wait_for_url("**/account")
    picker.select_option("America/Chicago")
    page.get_by_role("button", name="Save time zone").click()
    expect(page.get_by_text("Your time zone is saved.")).to_be_visible()
    expect(picker).to_have_value("America/Chicago")
    expect(page.locator("#time-zone-hint")).to_contain_text("Central Standard Time")


def test_a_browser_in_utc_signs_up_in_utc(person: Callable[..., Person]) -> None:
    parent = person("Kim", timezone_id="UTC")
    parent.open("/signup")
    sign_up(parent)
    parent.open("/account")
    expect(parent.page.get_by_label("My time zone")).to_have_value("UTC")


def test_any_zone_can_be_picked_from_the_short_picker_with_or_without_javascript(
    person: Callable[..., Person],
) -> None:
    parent = person("Ram", timezone_id="America/Chicago")
    page = parent.page
    page.set_viewport_size(SMALL_PHONE)
    parent.open("/signup")
    sign_up(parent)
    parent.open("/account")
    picker = page.get_by_label("My time zone")
    expect(picker).to_have_value("America/Chicago")
    expect(picker.locator("option[value='Asia/Kathmandu']")).to_have_count(0)
    show_all = page.get_by_role("link", name="Show all time zones")
    box = show_all.bounding_box()
    assert box is not None and box["height"] >= 44, box
    show_all.click()  # the rest of the list comes in place: no new page
    expect(picker.locator("option[value='Asia/Kathmandu']")).to_have_count(1)
    expect(show_all).to_be_hidden()
    expect(picker).to_be_focused()
    assert page.url.endswith("/account")
    values = picker.locator("option").evaluate_all("options => options.map(option => option.value)")
    assert len(values) == len(set(values)) and len(values) > 300
    picker.select_option("Asia/Kathmandu")
    page.get_by_role("button", name="Save time zone").click()
    expect(page.get_by_text("Your time zone is saved.")).to_be_visible()
    expect(picker).to_have_value("Asia/Kathmandu")
    no_sideways_scrolling(parent)

    no_script = person("Ram, no script", java_script_enabled=False, storage_state=parent.context.storage_state())
    page = no_script.page
    page.set_viewport_size(SMALL_PHONE)
    no_script.open("/account")
    picker = page.get_by_label("My time zone")
    expect(picker).to_have_value("Asia/Kathmandu")  # the person's own zone is always listed
    page.get_by_role("link", name="Show all time zones").click()
    page.wait_for_url("**/account?zones=all#time-zone")
    picker.select_option("Pacific/Chatham")
    page.get_by_role("button", name="Save time zone").click()
    expect(page.get_by_text("Your time zone is saved.")).to_be_visible()
    expect(picker).to_have_value("Pacific/Chatham")

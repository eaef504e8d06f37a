"""The plan page in Arabic (right to left) and Vietnamese at phone width, in a real Chromium."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import expect, sign_up, start_family

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}


def test_the_plan_page_in_arabic_and_vietnamese_at_phone_width(
    person: Callable[[str], Person], artifacts: Path
) -> None:
    parent = person("Noor")
    page = parent.page
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Haddad family")
    page.set_viewport_size(SMALL_PHONE)

    parent.open(f"/language?to=ar&next={family}")
    page.wait_for_url(f"**{family}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("link", name="أدلة المساعدة")).to_be_visible()
    # Mirrored: the app's name sits at the right-hand edge, and nothing spills off the side.
    brand = page.locator(".brand").bounding_box()
    assert brand is not None and brand["x"] + brand["width"] > SMALL_PHONE["width"] / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    page.screenshot(path=str(artifacts / "plan-ar-360.png"), full_page=True)

    parent.open(f"/language?to=vi&next={family}")
    page.wait_for_url(f"**{family}")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("link", name="Hướng dẫn trợ giúp")).to_be_visible()
    brand = page.locator(".brand").bounding_box()
    assert brand is not None and brand["x"] < SMALL_PHONE["width"] / 2
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    page.screenshot(path=str(artifacts / "plan-vi-360.png"), full_page=True)

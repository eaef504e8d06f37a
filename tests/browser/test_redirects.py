"""A sign-in link whose `next` a browser would turn into another site ends on this site, in a real Chromium."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import expect, sign_up

pytestmark = pytest.mark.browser

# Chromium drops the tab, so a check that lets this through sends the person to //evil.example.
TAB_TRICK = "/%09/evil.example"


def test_passkey_sign_in_with_a_tab_trick_next_stays_on_this_site(person: Callable[[str], Person]) -> None:
    sam = person("Sam")
    page = sam.page
    sam.open("/signup")
    sign_up(sam)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    sam.open(f"/signin?next={TAB_TRICK}")
    page.get_by_role("button", name="Sign in with my passkey").click()
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    assert page.url.startswith(sam.base_url + "/"), page.url
    assert "evil" not in page.url

    # The same link, followed while signed in, and the welcome page's "Skip for now".
    sam.open(f"/signin?next={TAB_TRICK}")
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    assert page.url == sam.base_url + "/", page.url
    sam.open(f"/welcome?next={TAB_TRICK}")
    page.get_by_role("link", name="Skip for now").click()
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    assert page.url == sam.base_url + "/", page.url

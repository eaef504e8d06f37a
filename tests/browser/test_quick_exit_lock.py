"""Quick exit in a real browser at 360x640: after "Leave now", Back, a reload or the app's icon show only the lock
screen, with JavaScript (the beacon, Shift x3), without it (the app's /leave route), and with the back-forward cache on.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, LiveServer, Person
from tests.browser.test_family_hands import EXIT_URL, SMALL_PHONE, neutral_site
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family
from tests.browser.test_offline_and_push import wait_for_worker

pytestmark = pytest.mark.browser

FAMILY_NAME = "The Noor family"


def shows_only_the_lock_screen(page: Any, where: str) -> None:
    page.wait_for_url("**/unlock**")
    expect(page.locator("#passkey-form")).to_be_visible()
    assert FAMILY_NAME not in page.content(), f"the plan shows after quick exit ({where})"


def parent_with_a_plan(person: Callable[[str], Person]) -> tuple[Person, str]:
    parent = person("Noor")
    parent.page.set_viewport_size(SMALL_PHONE)
    neutral_site(parent.context)
    parent.open("/signup")
    sign_up(parent)
    return parent, start_family(parent, FAMILY_NAME)


def test_after_leave_now_back_reload_and_the_app_icon_show_only_the_lock_screen(
    person: Callable[[str], Person], artifacts: Path,
) -> None:
    parent, family = parent_with_a_plan(person)
    page = parent.page
    parent.open(family)
    parent.open(f"{family}/plan/naloxone")
    page.get_by_role("link", name="Leave now").click()
    page.wait_for_url(EXIT_URL)
    page.go_back()  # the page before the plan section: the plan overview
    shows_only_the_lock_screen(page, "Back")
    page.reload()
    shows_only_the_lock_screen(page, "reload")
    parent.open("/?source=home-screen")  # the installed app's icon
    shows_only_the_lock_screen(page, "the app's icon")
    check_accessibility(parent, "lock screen after quick exit")


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_shift_three_times_locks_in_each_language(person: Callable[[str], Person], artifacts: Path, lang: str) -> None:
    parent, family = parent_with_a_plan(person)
    page = parent.page
    parent.open(f"/language?to={lang}&next={family}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    parent.open(f"{family}/plan/household")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    shows_only_the_lock_screen(page, f"Back, {lang}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    snap(parent, artifacts, f"quick-exit-lock-{lang}.png")


def test_without_javascript_the_leave_link_locks_through_the_app(
    person: Callable[[str], Person], chromium: Any, live_server: LiveServer,
) -> None:
    parent, family = parent_with_a_plan(person)
    signed_in = parent.context.storage_state()
    context = chromium.new_context(viewport=SMALL_PHONE, java_script_enabled=False, storage_state=signed_in)
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto(live_server.url + family)
        expect(page.get_by_role("heading", level=1)).to_have_text(FAMILY_NAME)
        page.goto(live_server.url + f"{family}/plan/naloxone")
        page.get_by_role("link", name="Leave now").click()
        page.wait_for_url(EXIT_URL)
        page.go_back()
        shows_only_the_lock_screen(page, "Back, no JavaScript")
        page.goto(live_server.url + family)
        shows_only_the_lock_screen(page, "opening the plan, no JavaScript")
    finally:
        context.close()


def test_back_from_the_neutral_site_never_shows_a_page_kept_in_the_back_forward_cache(
    person: Callable[[str], Person], chromium: Any, live_server: LiveServer,
) -> None:
    """Playwright turns Chromium's back-forward cache off; a phone has it on. Here it is on."""
    parent, family = parent_with_a_plan(person)
    signed_in = parent.context.storage_state()
    browser = chromium.browser_type.launch(
        executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    try:
        context = browser.new_context(viewport=SMALL_PHONE, storage_state=signed_in)
        neutral_site(context)
        page = context.new_page()
        page.goto(live_server.url + family)
        expect(page.get_by_role("heading", level=1)).to_have_text(FAMILY_NAME)
        page.goto(live_server.url + f"{family}/plan/naloxone")
        page.get_by_role("link", name="Leave now").click()
        page.wait_for_url(EXIT_URL)
        page.go_back()
        shows_only_the_lock_screen(page, "Back with the back-forward cache on")
    finally:
        browser.close()



def test_back_after_quick_exit_with_no_signal_does_not_open_the_kept_plan(person: Callable[[str], Person]) -> None:
    """The beacon cannot reach the server with no signal, and the worker holds a kept copy: the page locks itself."""
    parent, family = parent_with_a_plan(person)
    page = parent.page
    wait_for_worker(parent)
    parent.open(family)
    page.get_by_role("button", name="Keep my plan on this phone").click()
    expect(page.locator("#keep-offline")).to_contain_text("This plan is kept on this phone.")
    parent.open(f"{family}/milestones")
    parent.context.set_offline(True)
    try:
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(lambda url: "/milestones" not in url)
        page.go_back(wait_until="commit")  # the kept overview, from the worker's copy
        # It replaces itself with the lock screen, which needs the server: the browser's "no internet" page.
        expect(page).not_to_have_url(re.compile(re.escape(family) + "$"))
        expect(page.locator("body")).not_to_contain_text(FAMILY_NAME)
    finally:
        parent.context.set_offline(False)
    parent.open(family)
    shows_only_the_lock_screen(page, "back online")

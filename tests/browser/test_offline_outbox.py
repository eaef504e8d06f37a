"""Offline edits with a kept plan, at 360x640: one outbox for all the app's pages, a kept copy that follows each sent
edit, and "kept" only when every page of the plan was stored.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import Person
from tests.browser.test_family_hands import SMALL_PHONE
from tests.browser.test_journey import expect, save_button, sign_up, start_family
from tests.browser.test_offline_and_push import SEND_WAIT_MS, api, wait_for_worker

pytestmark = pytest.mark.browser

SAVED = "The changes you made offline are saved."
CONFLICT = "Someone else saved a part while you were offline."
EMPTY_OUTBOX = """async () => (await window.fpOutbox.all()).length"""


def parent_with_a_kept_plan(person: Callable[[str], Person], name: str) -> tuple[Person, str]:
    parent = person(name)
    page = parent.page
    page.set_viewport_size(SMALL_PHONE)
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, f"The {name} family")
    wait_for_worker(parent)
    parent.open(family)
    page.get_by_role("button", name="Keep my plan on this phone").click()
    expect(page.locator("#keep-offline")).to_contain_text("This plan is kept on this phone.")
    return parent, family


def write_offline(page: Any, words: str) -> None:
    page.get_by_label("In our own words").fill(words)
    save_button(page).click()
    expect(page.locator("#outbox")).to_contain_text("Waiting to send: 1 change(s).")


def test_with_two_pages_open_a_queued_edit_is_sent_once(person: Callable[[str], Person]) -> None:
    parent, family = parent_with_a_kept_plan(person, "Ari")
    family_id = family.rsplit("/", 1)[-1]
    first = parent.page
    parent.open(f"{family}/plan/household")
    second = parent.context.new_page()
    second.set_viewport_size(SMALL_PHONE)
    second.goto(parent.base_url + f"{family}/milestones")
    expect(second.get_by_role("heading", level=1)).to_be_visible()
    version = api(parent, "GET", f"/api/v1/families/{family_id}/plan/household")["body"]["version"]
    sent: list[str] = []
    parent.context.on("request", lambda request: sent.append(request.url)
                      if request.method == "POST" and request.url.endswith("/plan/household") else None)

    parent.context.set_offline(True)
    write_offline(first, "Written once, with two pages open.")
    parent.context.set_offline(False)  # both pages see the network come back at the same moment
    expect(first.locator("#outbox")).to_contain_text(SAVED, timeout=SEND_WAIT_MS)
    second.evaluate("window.fpOutbox.flush()")  # the other page's own round, after the edit went
    assert second.evaluate(EMPTY_OUTBOX) == 0 and first.evaluate(EMPTY_OUTBOX) == 0
    for page in (first, second):
        expect(page.locator("#outbox")).not_to_contain_text(CONFLICT)
    assert len(sent) == 1, sent
    section = api(parent, "GET", f"/api/v1/families/{family_id}/plan/household")["body"]
    assert section["data"]["our_words"] == "Written once, with two pages open."
    assert section["version"] == version + 1
    second.close()


def test_an_offline_edit_after_one_was_sent_is_not_a_conflict(person: Callable[[str], Person]) -> None:
    parent, family = parent_with_a_kept_plan(person, "Bea")
    family_id = family.rsplit("/", 1)[-1]
    page = parent.page
    parent.open(f"{family}/plan/household")
    parent.context.set_offline(True)
    write_offline(page, "The first words, with no signal.")
    parent.context.set_offline(False)
    expect(page.locator("#outbox")).to_contain_text(SAVED, timeout=SEND_WAIT_MS)

    # No signal again before the page was ever opened online: the kept copy is what opens.
    parent.context.set_offline(True)
    parent.open(f"{family}/plan/household")
    expect(page.get_by_label("In our own words")).to_have_value("The first words, with no signal.")
    write_offline(page, "The second words, still with no signal.")
    parent.context.set_offline(False)
    expect(page.locator("#outbox")).to_contain_text(SAVED, timeout=SEND_WAIT_MS)
    expect(page.locator("#outbox")).not_to_contain_text(CONFLICT)
    section = api(parent, "GET", f"/api/v1/families/{family_id}/plan/household")["body"]
    assert section["data"]["our_words"] == "The second words, still with no signal."


def test_a_keep_that_fails_partway_is_never_shown_as_kept(person: Callable[[str], Person]) -> None:
    parent = person("Cy")
    page = parent.page
    page.set_viewport_size(SMALL_PHONE)
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Cy family")
    wait_for_worker(parent)
    parent.open(family)
    box = page.locator("#keep-offline")
    expect(box).to_contain_text("This plan is not kept on this phone.")

    # The signal drops while the worker stores the pages: one page (the milestones) never arrives.
    def drop(route: Any) -> None:
        route.abort("internetdisconnected")

    parent.context.route(f"**{family}/milestones", drop)
    page.get_by_role("button", name="Keep my plan on this phone").click()
    expect(box).to_contain_text("We could not keep the plan on this phone.")
    parent.context.unroute(f"**{family}/milestones", drop)

    parent.open(family)
    expect(box).to_contain_text("This plan is not kept on this phone.")
    expect(page.get_by_role("button", name="Keep my plan on this phone")).to_be_visible()
    # And it is true: with no signal, the plan is not there.
    parent.context.set_offline(True)
    try:
        with pytest.raises(Exception, match="net::ERR_"):
            parent.open(family)
    finally:
        parent.context.set_offline(False)

    # A keep that stores every page is shown as kept, and opens offline.
    parent.open(family)
    page.get_by_role("button", name="Keep my plan on this phone").click()
    expect(box).to_contain_text("This plan is kept on this phone.")
    parent.open(family)
    expect(box).to_contain_text("This plan is kept on this phone.")
    parent.context.set_offline(True)
    try:
        parent.open(f"{family}/milestones")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    finally:
        parent.context.set_offline(False)

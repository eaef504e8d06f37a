"""A caseworker's sign-in code for the parent, in a real Chromium: the parent's phone is signed out, is told at its
next passkey sign-in, and undoes it; the person who used the code is signed out and their passkey is gone."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_consent import invite_and_join
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family

pytestmark = pytest.mark.browser


def test_the_parent_is_told_of_a_workers_code_and_undoes_it(person: Callable[[str], Person], artifacts: Path) -> None:
    parent = person("Rosa")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = person("Mr. Ode")
    invite_and_join(parent, caseworker, family)

    # The caseworker makes a sign-in code for the parent and uses it on a third phone.
    cw = caseworker.page
    caseworker.open(f"{family}/people")
    cw.get_by_role("button", name="Lost their phone? Give a new sign-in code").click()
    expect(cw.get_by_role("heading", name="New sign-in code")).to_be_visible()
    cw.set_viewport_size({"width": 360, "height": 640})  # the sign-in address wraps on the smallest phones
    assert cw.evaluate("document.documentElement.scrollWidth") <= 360
    code = re.search(r"[A-Z0-9]{5}-[A-Z0-9]{5}", cw.locator("p.bigcode").inner_text()).group(0)  # type: ignore[union-attr]
    other_phone = person("Someone")
    other_phone.open("/signin/code")
    other_phone.page.get_by_label("Code").fill(code)
    other_phone.page.get_by_role("button", name="Sign in").click()
    other_phone.page.wait_for_url("**/account/worker-code")
    expect(other_phone.page.get_by_role("heading", name="A worker's sign-in code was used")).to_be_visible()
    other_phone.open(f"{family}/use-details")
    expect(other_phone.page.get_by_text("stay closed until")).to_be_visible()

    # The parent's phone was signed out; their passkey signs them in and they see what happened at once.
    parent.open(family)
    parent.page.wait_for_url("**/signin**")
    parent.page.get_by_role("button", name="Sign in with my passkey").click()
    parent.page.wait_for_url("**/account/worker-code")
    expect(parent.page.get_by_text("Mr. Ode")).to_be_visible()
    snap(parent, artifacts, "worker-code-notice.png")
    check_accessibility(parent, "worker code notice")
    parent.page.get_by_role("button", name="No, it was not me").click()
    parent.page.wait_for_url("**/account")
    expect(parent.page.get_by_text("workers can no longer give you sign-in codes")).to_be_visible()

    other_phone.open(family)
    other_phone.page.wait_for_url("**/signin**")
    parent.open(f"{family}/use-details")
    expect(parent.page.get_by_role("heading", level=1)).to_be_visible()
    assert "stay closed" not in parent.page.content()

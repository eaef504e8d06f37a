"""The caseload holds still as it loads at phone size: what a script shows late has its room from the start."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser.conftest import Person
from tests.browser.test_app_shell import LANGUAGES, LAYOUT_SHIFT, PHONE, in_language, on_a_phone
from tests.browser.test_journey import expect, sign_up, snap
from tests.browser.test_offline_and_push import api, wait_for_worker

pytestmark = pytest.mark.browser
NOTICEABLE = 0.1  # "good" cumulative layout shift, by the Web Vitals' own line


def start_as_caseworker(casey: Person, name: str) -> str:
    """A family the caseworker starts with the parent; its id."""
    page = casey.page
    casey.open("/families/new")
    page.get_by_label("Name for this plan").fill(name)
    page.get_by_label("I am a caseworker starting a plan with a family. I will give the parent a code.").check()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation code")
    casey.open("/caseload")
    path = page.get_by_role("link", name=name).first.get_attribute("href") or ""
    assert re.fullmatch(r"/f/[0-9a-f]{32}", path), path
    return path.rsplit("/", 1)[-1]


def test_the_caseload_does_not_move_as_it_loads(person: Callable[[str], Person], artifacts: Path) -> None:
    casey = on_a_phone(person, "Casey Worker")
    page = casey.page
    casey.open("/signup")
    sign_up(casey)
    today = date.today()
    for name, next_visit in (("The Willow family", today), ("The Birch family", today + timedelta(days=3)),
                             ("The Aspen family", None)):
        family = start_as_caseworker(casey, name)
        if next_visit:
            visit = api(casey, "POST", f"/api/v1/families/{family}/checkins",
                        {"how_it_went": "A good talk.", "happened_on": (today - timedelta(days=7)).isoformat(),
                         "next_on": next_visit.isoformat()})
            assert visit["status"] == 201, visit

    casey.open("/caseload")
    shift, moved = page.evaluate(LAYOUT_SHIFT)
    assert shift < NOTICEABLE, f"the caseload moved as it loaded (cumulative layout shift {shift}): {moved}"
    box = page.locator("#keep-today")
    expect(box).to_contain_text("Today's families are not kept on this phone.")
    expect(box.get_by_role("button", name="Keep for offline")).to_be_visible()
    expect(page.locator("#today-visits").get_by_role("link", name="The Willow family")).to_be_in_viewport()
    for lang in LANGUAGES:
        in_language(casey, lang, "/caseload")
        shift, moved = page.evaluate(LAYOUT_SHIFT)
        assert shift < NOTICEABLE, (lang, shift, moved)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], lang
        snap(casey, artifacts, f"caseload-still-{lang}.png")
    in_language(casey, "en", "/caseload")
    # Once kept, the script swaps in a longer sentence (about 0.02 at 360 px): still well under the line.
    wait_for_worker(casey)
    box.get_by_role("button", name="Keep for offline").click()
    expect(box).to_contain_text("Today's families are kept on this phone.")
    casey.open("/caseload")
    shift, moved = page.evaluate(LAYOUT_SHIFT)
    assert shift < NOTICEABLE, f"the caseload moved once today's families were kept ({shift}): {moved}"
    expect(box.get_by_role("button", name="Clear it from this phone")).to_be_visible()

    # Keeping needs the service worker: with no script the box is not there to tap, and nothing is left blank.
    no_script = person("Casey, no script", java_script_enabled=False, storage_state=casey.context.storage_state())
    no_script.page.set_viewport_size(PHONE)
    no_script.open("/caseload")
    expect(no_script.page.locator("#today-visits").get_by_role("link", name="The Willow family")).to_be_visible()
    expect(no_script.page.locator("#keep-today")).to_be_hidden()

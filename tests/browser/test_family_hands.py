"""The plan in the family's hands, in a real Chromium at phone width: the emergency flow, quick exit, the idle lock.

Screenshots go to tests/artifacts/: the emergency flow at 360 x 640 in English, Spanish and Arabic (right to left).
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveServer, Person
from tests.browser.test_journey import check_accessibility, expect, saved, sign_up, snap, start_family

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
EXIT_URL = "https://www.weather.gov/"
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><p>Forecast</p>"
NALOXONE_PLACE = "Blue box on the fridge"


def neutral_site(context: Any) -> None:
    """The quick-exit site, answered locally (this machine has no internet)."""
    context.route(f"{EXIT_URL}**", lambda route: route.fulfill(status=200, body=NEUTRAL_PAGE,
                                                               content_type="text/html"))


def write_naloxone_place(someone: Person, family: str) -> None:
    page = someone.page
    someone.open(f"{family}/plan/naloxone")
    page.get_by_label("Where it is kept").fill(NALOXONE_PLACE)
    page.get_by_role("button", name="Save", exact=True).click()
    saved(page)


@dataclass(frozen=True)
class Words:
    """What the emergency flow says in one shipped language (from its catalogue)."""

    lang: str
    direction: str
    button: str
    step: str  # "Step {n} of 7"
    first_heading: str
    call: str
    next: str
    call_next: str


WORDS = {
    "en": Words("en", "ltr", "Someone may be overdosing", "Step {n} of 7", "Check if they wake up", "Call 911", "Next",
                "Who to call next"),
    "es": Words("es", "ltr", "Alguien puede tener una sobredosis", "Paso {n} de 7", "Vea si despierta",
                "Llame al 911", "Siguiente", "A quién llamar después"),
    "ar": Words("ar", "rtl", "ربما يتعرض شخص لجرعة زائدة", "الخطوة {n} من 7", "تحقق إن كان يستيقظ",
                "اتصل بالرقم 911", "التالي", "بمن تتصل بعد ذلك"),
}


KEPT_IN_LANGUAGE = """async ([lang]) => {
  for (let i = 0; i < 100; i++) {
    const names = (await caches.keys()).filter((name) => name.startsWith("fp-public-"));
    for (const name of names) {
      const marker = await caches.match("/sw-public-pages-language", { cacheName: name });  // written last
      if (marker && (await marker.text()) === lang) { return true; }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


def speak(someone: Person, lang: str) -> Words:
    """Pick the language with the switcher's plain link (it works signed out too) at phone width."""
    someone.page.set_viewport_size(SMALL_PHONE)
    someone.open(f"/language?to={lang}&next=/")
    expect(someone.page.locator("html")).to_have_attribute("lang", lang)
    return WORDS[lang]


def walk_the_steps(someone: Person, artifacts: Path, words: Words, who: str) -> None:
    page = someone.page
    someone.open("/")
    page.get_by_role("link", name=words.button).click()
    page.wait_for_url("**/emergency")
    expect(page.locator("html")).to_have_attribute("dir", words.direction)
    expect(page.get_by_role("heading", level=1)).to_have_text(words.first_heading)
    for number in range(1, 8):
        expect(page.get_by_text(words.step.format(n=number))).to_be_visible()
        call = page.get_by_role("link", name=words.call)
        expect(call).to_have_attribute("href", "tel:911")
        expect(call).to_be_in_viewport()  # at phone width, without scrolling
        if number == 5:  # "Are they breathing?": its answers are words only, no picture of one answer
            expect(page.locator("img.step-picture")).to_have_count(0)
        else:
            expect(page.locator("img.step-picture")).to_have_attribute("alt", re.compile(r"\S\S"))
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
        snap(someone, artifacts, f"emergency-{who}-{words.lang}-{number}.png")
        if number < 7:
            page.get_by_role("link", name=words.next, exact=True).click()
            page.wait_for_url(f"**/emergency/{number + 1}")
    check_accessibility(someone, f"emergency step 7 ({who}, {words.lang})")


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_emergency_flow_signed_out(person: Callable[[str], Person], artifacts: Path, lang: str) -> None:
    someone = person("Visitor")
    words = speak(someone, lang)
    walk_the_steps(someone, artifacts, words, "signed-out")
    page = someone.page
    expect(page.get_by_text(words.call_next)).to_have_count(0)

    # The timer: starts on tap and keeps counting on the next steps (tests/browser/test_dose_timer.py has the rest).
    someone.open("/emergency/3")
    page.locator(".timer-start").click()
    expect(page.locator(".timer-status")).to_have_text(re.compile(r"0:0\d"))
    page.get_by_role("link", name=words.next, exact=True).click()
    page.get_by_role("link", name=words.next, exact=True).click()
    expect(page.locator(".timer-status")).to_have_text(re.compile(r"0:\d\d"))
    # Two minutes later (moved back in time, not waited for) it says to give the second dose.
    page.evaluate("sessionStorage.setItem('fp-dose-given-at', String(Date.now() - 125000))")
    page.reload()
    expect(page.locator(".timer-alert")).to_be_visible()
    snap(someone, artifacts, f"emergency-timer-{lang}.png")
    check_accessibility(someone, f"emergency timer ({lang})")
    open_from_the_home_screen_offline(someone, words)


def open_from_the_home_screen_offline(someone: Person, words: Words) -> None:
    """Once visited, with no network: the home screen's icon, the big button, the steps in the person's language
    (the worker fetched its copies again in the language shown). The family's own facts need the network."""
    page = someone.page
    assert page.evaluate(KEPT_IN_LANGUAGE, [words.lang]), "the offline copies stayed in another language"
    someone.context.set_offline(True)
    try:
        someone.open("/?source=home-screen")
        page.get_by_role("link", name=words.button).click()
        page.wait_for_url("**/emergency")
        expect(page.locator("html")).to_have_attribute("lang", words.lang)
        expect(page.get_by_role("heading", level=1)).to_have_text(words.first_heading)
        someone.open("/emergency/2")
        expect(page.get_by_role("link", name=words.call)).to_have_attribute("href", "tel:911")
    finally:
        someone.context.set_offline(False)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_emergency_flow_signed_in_shows_our_naloxone(person: Callable[[str], Person], artifacts: Path,
                                                     lang: str) -> None:
    parent = person("Morgan")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Morgan family")
    write_naloxone_place(parent, family)
    words = speak(parent, lang)
    walk_the_steps(parent, artifacts, words, "signed-in")
    expect(parent.page.get_by_role("heading", name=words.call_next)).to_be_visible()
    parent.open("/emergency/3")
    expect(parent.page.locator(".our-facts")).to_contain_text(NALOXONE_PLACE)

    open_from_the_home_screen_offline(parent, words)


def exit_is_visible_and_uncovered(page: Any) -> None:
    box = page.locator("#quick-exit").bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["x"] >= 0
    assert box["y"] + box["height"] <= SMALL_PHONE["height"] and box["x"] + box["width"] <= SMALL_PHONE["width"]
    on_top = page.evaluate(
        "([x, y]) => { const el = document.elementFromPoint(x, y); return !!el && !!el.closest('#quick-exit'); }",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top, f"something covers the quick exit on {page.url}"


def test_quick_exit_on_the_pages_the_sweep_does_not_visit_and_it_leaves(person: Callable[[str], Person],
                                                                       artifacts: Path) -> None:
    parent = person("Rae")
    parent.page.set_viewport_size(SMALL_PHONE)
    neutral_site(parent.context)
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Rae family")
    # Every page of tests/browser/test_layout_sweep.py has the same check there, for each role and language.
    pages = ["/emergency", "/emergency/7", "/help/overdose", "/help/who-can-see", "/device/name", "/account/lock",
             f"{family}/fridge", "/reminders", "/help"]
    for path in pages:
        parent.open(path)
        exit_is_visible_and_uncovered(parent.page)
        parent.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # still there at the bottom
        exit_is_visible_and_uncovered(parent.page)
    snap(parent, artifacts, "quick-exit-360.png")

    # With JavaScript: the app's page is replaced, so Back does not return to it.
    page = parent.page
    parent.open("/help/who-can-see")
    parent.open(f"{family}/plan/naloxone")
    page.get_by_role("link", name="Leave now").click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    page.wait_for_url("**/help/who-can-see")

    # Shift three times leaves; typing capitals does not. (Quick exit locked the app: the passkey opens it.)
    parent.open(f"{family}/plan/household")
    page.get_by_role("button", name="Open with my passkey").click()
    page.wait_for_url(f"**{family}/plan/household")
    page.get_by_label("Name or nickname").type("Ana Lee")
    page.keyboard.press("Shift")
    page.keyboard.press("A")
    page.keyboard.press("Shift")
    assert "/plan/household" in page.url
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def test_quick_exit_works_without_javascript(chromium: Any, live_server: LiveServer) -> None:
    context = chromium.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    try:
        neutral_site(context)
        page = context.new_page()
        page.goto(live_server.url + "/emergency/2")
        exit_is_visible_and_uncovered(page)
        page.get_by_role("link", name="Leave now").click()
        page.wait_for_url(EXIT_URL)
        expect(page.get_by_text("Forecast")).to_be_visible()
    finally:
        context.close()


def move_clock_back(live_server: LiveServer, minutes: int) -> None:
    """As if the phone sat unused: move every session's last use back in the app's database."""
    with sqlite3.connect(live_server.log.parent / "app.sqlite") as db:
        rows = db.execute("SELECT id, active_at, last_seen_at FROM account_session").fetchall()
        for row_id, *stamps in rows:
            moved = [(datetime.fromisoformat(s) - timedelta(minutes=minutes)).isoformat(sep=" ") if s else None
                     for s in stamps]
            db.execute("UPDATE account_session SET active_at = ?, last_seen_at = ? WHERE id = ?", (*moved, row_id))


def test_after_the_idle_time_the_plan_needs_the_passkey(person: Callable[[str], Person], live_server: LiveServer,
                                                        artifacts: Path) -> None:
    parent = person("Kai")
    page = parent.page
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Kai family")
    write_naloxone_place(parent, family)
    parent.open("/account/lock")
    page.get_by_label("5 minutes", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("5 minutes", exact=True)).to_be_checked()

    move_clock_back(live_server, 6)
    parent.open(f"{family}/plan/naloxone")
    page.wait_for_url(re.compile(r"/unlock\?next="))
    expect(page.get_by_role("heading", name="The app is locked")).to_be_visible()
    assert NALOXONE_PLACE not in page.content() and "The Kai family" not in page.content()
    api = page.request.get(live_server.url + f"/api/v1/families/{family.removeprefix('/f/')}/plan")
    assert api.status == 401 and NALOXONE_PLACE not in api.text()
    snap(parent, artifacts, "locked.png")
    check_accessibility(parent, "lock screen")

    page.get_by_role("button", name="Open with my passkey").click()
    page.wait_for_url(f"**{family}/plan/naloxone")
    expect(page.locator("#kits-0-location")).to_have_value(NALOXONE_PLACE)

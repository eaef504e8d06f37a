"""Tables become cards at 360 x 640: the access log (with "Other people only"), the outcomes, the agency's
outcome report, the goals side by side and the printable export fit the phone in all seven languages.

Screenshots in English, Spanish and Arabic go to tests/artifacts/ (cards-*.png); the export's height in
screens is written to tests/artifacts/cards-export-height.txt.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveServer, Person
from tests.browser.test_journey import check_accessibility, expect, save_button, sign_up, snap, start_family
from tests.browser.test_journey import saved as shows_saved
from tests.browser.test_offline_and_push import api
from tests.browser.test_team import invite, join

pytestmark = pytest.mark.browser
SMALL_PHONE = {"width": 360, "height": 640}
LANGUAGES = ("en", "es", "ar", "zh_Hans", "vi", "fil", "ko")
PICTURED = ("en", "es", "ar")
# Long words on purpose: a typed text must wrap, never widen the page.
LONG = "Supercalifragilisticexpialidocious-visits-every-Tuesday-and-Thursday-at-the-family-resource-centre"

# Every element whose box reaches past the viewport's edge (either edge, for right-to-left pages).
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    // Moved wholly off screen on purpose (the skip link until focused); scrollWidth still catches real overflow.
    if (box.right <= 0 || box.left >= width) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      found.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, found: found.slice(0, 8)};
}"""


def on_a_small_phone(person: Callable[[str], Person], name: str) -> Person:
    someone = person(name)
    someone.page.set_viewport_size(SMALL_PHONE)
    return someone


def fits(someone: Person, what: str) -> None:
    seen = someone.page.evaluate(TOO_WIDE)
    assert seen["scroll"] <= SMALL_PHONE["width"] and not seen["found"], f"{what} is wider than the phone: {seen}"


def in_language(someone: Person, language: str, path: str) -> None:
    answer = someone.open(f"/language?to={language}&next={path}")
    someone.page.wait_for_url(f"**{path}")
    assert answer.status == 200, f"{path} in {language}: {answer.status}"


def tappable(locator: Any) -> None:
    for index in range(locator.count()):
        box = locator.nth(index).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, box


def screens(someone: Person) -> float:
    return round(someone.page.evaluate("document.documentElement.scrollHeight") / SMALL_PHONE["height"], 1)


def team_with_an_agency(person: Callable[[str], Person]) -> tuple[Person, Person, Person, str]:
    """An agency admin and their caseworker, on the plan of a parent who keeps use details."""
    admin = on_a_small_phone(person, "Dana Admin")
    admin.open("/signup")
    sign_up(admin)
    admin.open("/agency")
    admin.page.get_by_label("Agency name").fill("Lakeside Family Services")
    admin.page.get_by_role("button", name="Start the agency").click()
    admin.page.get_by_role("button", name="Make a code").click()
    worker_code = admin.page.locator("[data-code]").inner_text().strip()

    parent = on_a_small_phone(person, "Jordan")
    parent.open("/signup")
    sign_up(parent)
    family = start_family(parent, "The Lake family")
    caseworker = on_a_small_phone(person, "Casey Worker")
    join(caseworker, invite(parent, family, "Caseworker"), family)
    caseworker.open("/agency")
    caseworker.page.get_by_label("Worker code from your agency admin").fill(worker_code)
    caseworker.page.get_by_role("button", name="Join").click()
    expect(caseworker.page.get_by_role("link", name="My families")).to_be_visible()
    return admin, parent, caseworker, family


def test_logs_outcomes_goals_report_and_export_fit_a_small_phone_in_every_language(
        person: Callable[[str], Person], live_server: LiveServer, chromium: Any, artifacts: Path) -> None:
    admin, parent, caseworker, family = team_with_an_agency(person)
    family_id = family.removeprefix("/f/")

    # The caseworker writes the agency's part and answers it, and records outcomes for the agency.
    cw = caseworker.page
    caseworker.open(f"{family}/plan/goals")
    cw.get_by_label("What the agency expects").fill(f"Monthly home visits. {LONG}")
    cw.get_by_label("The agency expects", exact=True).fill(f"A lockbox in the home {LONG}")
    worker_answer = cw.get_by_role("group", name="The caseworker's answer: do we agree?")
    worker_answer.get_by_label("We need to talk about it").check()
    save_button(cw).click()
    shows_saved(cw)
    caseworker.open(f"{family}/outcomes")
    cw.locator('input[name="at_home"][value="yes"]').check()
    cw.get_by_role("button", name="Save outcomes").click()
    expect(cw.get_by_text("Lakeside Family Services:").first).to_be_visible()

    # The parent: their goals, use details (their own lines in the log), a share link someone opens (not theirs).
    page = parent.page
    parent.open(f"{family}/plan/goals")
    page.get_by_label("Goal", exact=True).first.fill(f"Walk the kids to school {LONG}")
    page.get_by_label("How it fits my goals").fill(LONG)
    page.get_by_role("group", name="My answer: do we agree?").get_by_label("We see it differently").check()
    save_button(page).click()
    shows_saved(page)
    parent.open(f"{family}/use-details")
    for category, text in (("treatment", "Tuesday group"), ("moud", "Daily dose at the clinic")):
        saved = api(parent, "POST", f"/api/v1/families/{family_id}/use-details", {"category": category, "text": text})
        assert saved["status"] == 201, saved
    parent.open(f"{family}/use-details")
    parent.open(f"{family}/share")
    page.locator("input[name=parts][value=supports]").check()
    page.locator("input#label").fill("Gran")
    page.locator('form[action$="/share"] button[type=submit]').click()
    link = page.locator("#new-link").inner_text().strip()
    grandma = chromium.new_context()
    try:
        assert grandma.new_page().goto(link).status == 200
    finally:
        grandma.close()

    # "Other people only", without JavaScript's help: a plain link, and only the share link's opening is left.
    parent.open(f"{family}/access-log")
    everyone = page.locator(".log-line")
    assert everyone.count() >= 3
    expect(page.locator(".log-line.other")).to_have_count(1)
    tappable(page.locator(".log-filter a"))
    page.get_by_role("link", name="Other people only").click()
    page.wait_for_url(f"**{family}/access-log?who=others")
    expect(page.locator(".log-line")).to_have_count(1)
    expect(page.locator(".log-line")).to_contain_text("Someone with a share link")
    expect(page.locator(".log-line")).not_to_contain_text("Jordan")
    expect(page.get_by_role("link", name="Other people only")).to_have_attribute("aria-current", "page")
    check_accessibility(parent, "access log, other people only")

    pages = {
        "access-log": (parent, f"{family}/access-log"),
        "access-log-others": (parent, f"{family}/access-log?who=others"),
        "outcomes": (parent, f"{family}/outcomes"),
        "goals": (parent, f"{family}/plan/goals"),
        "overview": (parent, family),
        "report": (admin, "/agency/report"),
        "export": (parent, f"{family}/your-data/print"),
    }
    heights = {}
    for language in LANGUAGES:
        for name, (someone, path) in pages.items():
            in_language(someone, language, path)
            if name == "overview":  # the overview is not this test's; the goals side by side on it are
                seen = someone.page.evaluate(TOO_WIDE.replace("'body *'", "'.alignment, .alignment *'"))
                assert not seen["found"], f"the goals on the overview in {language}: {seen}"
            else:
                fits(someone, f"{name} in {language}")
            if name == "export":
                heights[language] = screens(someone)
                tappable(someone.page.locator(".contents summary, .record summary"))
            if language in PICTURED:
                snap(someone, artifacts, f"cards-{name}-{language}-360.png")
            if language in ("en", "ar") and name in ("access-log", "outcomes", "report", "export"):
                check_accessibility(someone, f"{name} ({language})")
    (artifacts / "cards-export-height.txt").write_text(
        "printable export at 360x640, screens: " + ", ".join(f"{k} {v}" for k, v in heights.items()) + "\n")
    in_language(parent, "en", family)

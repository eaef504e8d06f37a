"""What people really do, in a real Chromium on a phone-sized screen, against the app run as a server.

A parent makes an account with a passkey and starts a plan; a caseworker joins with a code; both
edit the same part and the later save gets the conflict screen; a milestone goes on the timeline;
signing out and back in works, and a failed passkey does not sign anyone in. Every main page is
checked with axe-core and photographed into tests/artifacts/.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AXE_URL_PATH, Person

pytestmark = pytest.mark.browser

PART_ONE_URL = re.compile(r"(/f/[A-Za-z0-9_-]+)/plan/household\?guided=1$")


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def axe_violations(page: Any) -> list[tuple[str, str]]:
    """axe-core on the page as it is now: (rule, its impact, help and where) for each violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL_PATH)
    # Only the violations come back in full: the passed and inapplicable checks are what makes axe slow.
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], f"({v['impact']}): {v['help']} -> {[node['target'] for node in v['nodes']]}")
            for v in results["violations"]]


def check_accessibility(someone: Person, page_name: str) -> None:
    """Run axe-core on the page as it is now; any violation fails the test, with its details."""
    details = [f"{rule} {detail}" for rule, detail in axe_violations(someone.page)]
    assert not details, f"axe-core found problems on {page_name} ({someone.page.url}):\n" + "\n".join(details)


def snap(someone: Person, artifacts: Path, name: str) -> None:
    someone.page.screenshot(path=str(artifacts / name), full_page=True)


def meter_value(someone: Person) -> float:
    return float(someone.page.locator("#completeness").get_attribute("value") or 0)


# Making a passkey signs a challenge and verifies it on the server: on a loaded 2-core machine it can take longer
# than the 10 s every other wait gets.
SIGN_UP_WAIT = 30_000

def sign_up(someone: Person, artifacts: Path | None = None) -> None:
    """From the signup page: a name, then a passkey; ends on the welcome page, or on starting a plan."""
    page = someone.page
    expect(page.get_by_role("heading", name="Make your account")).to_be_visible()
    page.get_by_label("What should we call you?").fill(someone.name)
    if artifacts:
        snap(someone, artifacts, "signup.png")
        check_accessibility(someone, "sign-up")
    page.get_by_role("button", name="Make my passkey").click()
    page.wait_for_url(re.compile(r"/(welcome|families/new\?first=1)$"), timeout=SIGN_UP_WAIT)
    expect(page.get_by_role("heading", name="Your account is ready")).to_be_visible()
    assert len(someone.passkeys()) == 1, "the passkey should live on this person's authenticator"


def start_family(someone: Person, name: str) -> str:
    """Start a plan as its parent (it opens on its first part), then open its overview; returns /f/<id>."""
    page = someone.page
    someone.open("/families/new")
    expect(page.get_by_role("heading", name="Start a family plan")).to_be_visible()
    page.get_by_label("Name for this plan").fill(name)
    page.get_by_label("This is my family. I am the parent.").check()
    page.get_by_role("button", name="Start the plan").click()
    page.wait_for_url(PART_ONE_URL)
    family = PART_ONE_URL.search(page.url).group(1)  # type: ignore[union-attr]
    someone.open(family)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return family


def save_button(page: Any) -> Any:
    return page.get_by_role("button", name="Save", exact=True)


def saved(page: Any) -> None:
    """A save is done: "Saved" is announced where the person looks (by the button, or on the page that follows)."""
    expect(page.locator(".saved[role=status]")).to_be_visible()


def test_parent_and_caseworker_build_a_plan_together(
    person: Callable[[str], Person], artifacts: Path
) -> None:
    # a. The parent makes an account with a passkey and starts a plan.
    parent = person("Dana")
    page = parent.page
    parent.open("/")
    expect(page.get_by_role("heading", name="A safety plan for your family")).to_be_visible()
    snap(parent, artifacts, "home.png")
    check_accessibility(parent, "home")
    page.get_by_role("link", name="Make my plan").click()
    page.wait_for_url("**/signup")
    sign_up(parent, artifacts)
    snap(parent, artifacts, "start-plan.png")
    check_accessibility(parent, "start a plan")

    family = start_family(parent, "The Rivers family")
    assert meter_value(parent) == 0
    snap(parent, artifacts, "plan-overview.png")
    check_accessibility(parent, "plan overview")

    # b. Household: a child and a backup caregiver who said yes; the meter rises.
    page.get_by_role("link", name="Edit Our household").click()
    page.wait_for_url(f"**{family}/plan/household")
    expect(page.get_by_role("heading", level=1)).to_have_text("Our household")
    page.get_by_label("Name or nickname").fill("Robin")
    page.locator("#members-0-age_range").get_by_label("Child (6 to 12)").check()
    page.get_by_label("Name", exact=True).fill("Aunt Jo")
    page.get_by_label("Phone").fill("(555) 010-4477")
    page.get_by_label("They said yes").check()
    snap(parent, artifacts, "section-household.png")
    check_accessibility(parent, "household section")
    save_button(page).click()
    # The first saved part asks for recovery codes, then comes back to the part, "Saved" by its button.
    expect(page.get_by_role("heading", name="Keep a way back in")).to_be_visible()
    page.get_by_role("button", name="Make my recovery codes").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) == 8 and len(set(codes)) == 8, codes
    page.get_by_role("link", name="Go on").click()
    page.wait_for_url(f"**{family}/plan/household")
    saved(page)
    parent.open(family)
    household = page.locator("#household")
    expect(household).to_contain_text("Robin")
    expect(household).to_contain_text("Aunt Jo")
    expect(household.locator('a[href="tel:5550104477"]')).to_be_visible()
    after_household = meter_value(parent)
    assert after_household > 0

    # Supports: a phone number becomes a tap-to-call link on the overview.
    page.get_by_role("link", name="Edit Supports").click()
    page.get_by_label("Name or place").fill("Harbor Peer Center")
    page.get_by_label("Peer support").check()
    page.get_by_label("Phone").fill("+1 555 010 9000")
    save_button(page).click()
    saved(page)
    parent.open(family)
    supports = page.locator("#supports")
    expect(supports).to_contain_text("Harbor Peer Center")
    expect(supports.locator('a[href="tel:+15550109000"]')).to_have_text("+1 555 010 9000")
    assert meter_value(parent) > after_household

    # c. The parent makes an invitation code for a caseworker.
    page.locator("nav.bar").get_by_role("link", name="People").click()
    page.wait_for_url(f"**{family}/people")
    expect(page.get_by_role("heading", name="Who can see this plan")).to_be_visible()
    page.get_by_label("Their part in the plan").select_option(label="Caseworker")
    page.get_by_label("Their name (only for you to remember who the code is for)").fill("Ms. Patel")
    snap(parent, artifacts, "people.png")
    check_accessibility(parent, "people")
    page.get_by_role("button", name="Make an invitation code").click()
    expect(page.get_by_role("heading", name="Invitation code")).to_be_visible()
    code = page.locator("[data-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code), code
    link = page.locator("code.link-text").inner_text().strip()
    assert link.endswith(f"/join#{code}")
    snap(parent, artifacts, "invitation-code.png")
    check_accessibility(parent, "invitation code")

    # d. The caseworker, on their own phone, joins with the code and makes an account.
    caseworker = person("Ms. Patel")
    cw = caseworker.page
    cw.goto(link)  # the link fills the code in, and drops it from the address bar
    expect(cw.get_by_label("Code")).to_have_value(code)
    assert "#" not in cw.url
    caseworker.open("/join")
    expect(cw.get_by_role("heading", name="Join a family plan")).to_be_visible()
    snap(caseworker, artifacts, "join.png")
    check_accessibility(caseworker, "join")
    cw.get_by_label("Code").fill(code)
    cw.get_by_role("button", name="Join").click()
    cw.wait_for_url("**/signup")
    expect(cw.get_by_text("Your code worked.")).to_be_visible()
    sign_up(caseworker)
    skip = cw.get_by_role("link", name="Skip for now")
    expect(skip).to_have_attribute("href", "/join/accept")
    skip.click()
    cw.wait_for_url(f"**{family}")
    expect(cw.get_by_text("You are now on the plan “The Rivers family” as caseworker")).to_be_visible()
    expect(cw.get_by_text("You are on this plan as caseworker.")).to_be_visible()
    expect(cw.locator("#household")).to_contain_text("Robin")
    expect(cw.locator("#household")).to_contain_text("Aunt Jo")

    # e. Both open Goals; the caseworker saves first; the parent's later save is stale.
    for someone in (parent, caseworker):
        someone.open(f"{family}/plan/goals")
        expect(someone.page.get_by_role("heading", level=1)).to_have_text("Goals")
    cw.get_by_label("What the agency expects", exact=True).fill("Weekly check-in on Tuesdays")
    save_button(cw).click()
    saved(cw)
    caseworker.open(family)
    expect(cw.locator("#goals")).to_contain_text("Weekly check-in on Tuesdays")

    page.get_by_label("Goal", exact=True).fill("Lockbox up high by Friday")
    save_button(page).click()
    expect(page.get_by_text("Someone else saved this part while you were writing")).to_be_visible()
    # Their row is still there (a fresh empty row follows it).
    expect(page.get_by_label("Goal", exact=True).first).to_have_value("Lockbox up high by Friday")
    newer = page.locator(".newer")
    expect(newer).to_contain_text("Weekly check-in on Tuesdays")
    expect(newer).to_contain_text("Saved by Ms. Patel")
    snap(parent, artifacts, "conflict.png")
    check_accessibility(parent, "conflict")
    page.get_by_label("Next step", exact=True).first.fill("Also: weekly check-in on Tuesdays")
    save_button(page).click()
    saved(page)
    parent.open(family)
    goals = page.locator("#goals")
    expect(goals).to_contain_text("Lockbox up high by Friday")
    expect(goals).to_contain_text("Also: weekly check-in on Tuesdays")

    # 7. A milestone goes on the timeline.
    page.get_by_role("link", name="Add a milestone or see them all").click()
    page.wait_for_url(f"**{family}/milestones")
    page.get_by_label("Lockbox in place").check()
    page.get_by_label("Note (optional)").fill("On the top shelf of the hall closet.")
    page.get_by_role("button", name="Add milestone").click()
    expect(page.get_by_text("Milestone added.")).to_be_visible()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Lockbox in place")
    expect(timeline).to_contain_text("On the top shelf of the hall closet.")
    snap(parent, artifacts, "milestones.png")
    check_accessibility(parent, "milestones")
    parent.open(family)
    expect(page.locator("ol.timeline")).to_contain_text("Lockbox in place")

    # The help pages and the account page, signed in.
    page.locator("nav.bar").get_by_role("link", name="Help now").click()
    expect(page.get_by_role("heading", name="If someone may be overdosing")).to_be_visible()
    expect(page.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    check_accessibility(parent, "overdose guide")
    page.get_by_role("link", name="Who can see what").click()
    expect(page.get_by_role("heading", name="Who can see what")).to_be_visible()
    check_accessibility(parent, "who can see what")
    page.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    check_accessibility(parent, "account")


def signed_in(someone: Person) -> bool:
    """Asks the server, not the page: /api/v1/me answers 401 to anyone signed out."""
    answer = someone.context.request.get(someone.base_url + "/api/v1/me", fail_on_status_code=False)
    return bool(answer.status == 200)


def test_a_tap_before_the_passkey_script_runs_sends_nothing(person: Callable[[str], Person]) -> None:
    """On a slow line the button is there before its script: a tap then must not send the form as a plain GET,
    which reloads the page with the typed name in its address (and, in a test, never reaches the passkey)."""
    kim = person("Kim")
    page = kim.page
    passkey_script = re.compile(r"/js/passkey[^/]*\.js")
    page.route(passkey_script, lambda route: route.abort())
    kim.open("/signup")
    page.get_by_label("What should we call you?").fill("Kim")
    button = page.get_by_role("button", name="Make my passkey")
    expect(button).to_be_disabled()
    # A form is sent with a submit event, fired while the tap is handled: none by the time the tap returns.
    page.evaluate("window.__sent = 0; document.addEventListener('submit', () => { window.__sent += 1; }, true)")
    button.click(force=True)
    assert page.evaluate("window.__sent") == 0, "the tap sent the form"
    assert page.url.endswith("/signup"), page.url

    page.unroute(passkey_script)
    kim.open("/signup")
    sign_up(kim)


def test_passkey_sign_in_works_and_a_failed_one_signs_no_one_in(
    person: Callable[[str], Person], artifacts: Path
) -> None:
    sam = person("Sam")
    page = sam.page
    sam.open("/signup")
    sign_up(sam)
    assert signed_in(sam)

    # f. Sign out, then back in with the passkey.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert not signed_in(sam)
    page.get_by_role("link", name="Sign in", exact=True).first.click()
    page.wait_for_url("**/signin")
    snap(sam, artifacts, "signin.png")
    check_accessibility(sam, "sign-in")
    page.get_by_role("button", name="Sign in with my passkey").click()
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    assert signed_in(sam)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()

    # g. The screen lock is not passed: no sign-in, and the page says so.
    sam.set_user_verified(False)
    sam.open("/signin")
    page.get_by_role("button", name="Sign in with my passkey").click()
    error = page.locator("[data-passkey-error]")
    expect(error).to_be_visible()
    expect(error).to_have_text("We could not sign you in with that passkey.")
    expect(page.get_by_role("button", name="Sign in with my passkey")).to_be_enabled()
    assert page.url.endswith("/signin")
    assert not signed_in(sam)

    # The passkey is gone from the phone: no sign-in either.
    sam.set_user_verified(True)
    sam.clear_passkeys()
    sam.open("/signin")
    page.get_by_role("button", name="Sign in with my passkey").click()
    expect(error).to_be_visible()
    assert not signed_in(sam)
    sam.open("/account")
    page.wait_for_url("**/signin**")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

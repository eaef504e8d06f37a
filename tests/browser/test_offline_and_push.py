"""The installed app in a real browser: the worker installs and controls the page, public help and a kept plan
open offline, offline edits are sent later (or show the conflict), and a push shows the neutral notification.

The notification click cannot be driven through CDP, so the test calls the worker's own click handler
(`self.fpOpenFromNotification`, what `notificationclick` runs) inside the worker, and checks where the page goes.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from tests.browser.conftest import Person
from tests.browser.test_journey import check_accessibility, expect, save_button, sign_up, start_family

pytestmark = pytest.mark.browser
# The page retries waiting edits every few seconds; this is a ceiling, not a measured time.
SEND_WAIT_MS = 15_000
BRAND_COLOUR = "rgb(29, 79, 145)"  # --brand in static/css/app.css, the top bar's background

# Every wait inside the page ends: after WAIT_MS it fails with what the worker was doing, never hangs the run.
WAIT_MS = 15_000
BRAND_COLOUR = "rgb(29, 79, 145)"  # --brand in static/css/app.css, the top bar's background

WORKER_READY = """async (waitMs) => {
  const state = async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const worker = (key) => registration && registration[key] ? registration[key].state : "none";
    return `installing ${worker("installing")}, waiting ${worker("waiting")}, active ${worker("active")}, ` +
      `controlled ${Boolean(navigator.serviceWorker.controller)}`;
  };
  const controlled = (async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    }
    return registration.active.scriptURL;
  })();
  const late = new Promise((resolve) => setTimeout(resolve, waitMs)).then(async () => {
    throw new Error(`the service worker did not control the page in ${waitMs} ms: ${await state()}`);
  });
  return Promise.race([controlled, late]);
}"""

API_CALL = """async ([method, url, body]) => {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const answer = await fetch(url, {method, credentials: "same-origin",
    body: body === null ? undefined : JSON.stringify(body),
    headers: {"Content-Type": "application/json", "X-CSRFToken": token}});
  return {status: answer.status, body: await answer.json()};
}"""


def wait_for_worker(someone: Person) -> None:
    assert someone.page.evaluate(WORKER_READY, WAIT_MS).endswith("/sw.js")


def api(someone: Person, method: str, url: str, body: Any = None) -> dict[str, Any]:
    return dict(someone.page.evaluate(API_CALL, [method, url, body]))


def test_the_app_installs_and_the_overdose_guide_opens_offline(person: Callable[[str], Person]) -> None:
    visitor = person("Visitor")
    page = visitor.page
    visitor.open("/help/overdose")
    wait_for_worker(visitor)
    # Installability, as the browser sees it: a manifest link, its fields and icons, a controlling worker.
    manifest = page.evaluate("""async () => {
      const link = document.querySelector('link[rel="manifest"]');
      const answer = await fetch(link.href);
      return {type: answer.headers.get("content-type"), body: await answer.json()};
    }""")
    assert manifest["type"].startswith("application/manifest+json")
    assert manifest["body"]["display"] == "standalone"
    assert any(icon["purpose"] == "maskable" for icon in manifest["body"]["icons"])
    # Only the worker's caches may answer now: not the browser's own store of files.
    visitor.cdp.send("Network.clearBrowserCache")
    visitor.context.set_offline(True)
    try:
        visitor.open("/help/overdose")
        expect(page.get_by_role("heading", level=1)).to_have_text("If someone may be overdosing")
        expect(page.get_by_role("link", name="911").first).to_be_visible()
        pictures = page.evaluate("""() => Array.from(document.images).filter((img) => img.src.includes("/steps/"))
          .map((img) => img.complete && img.naturalWidth > 0)""")
        assert len(pictures) >= 3 and all(pictures), pictures
        visitor.open("/help/who-can-see")  # never opened before: precached at install, styled by app.css
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.top')).backgroundColor") == BRAND_COLOUR
        visitor.open("/emergency/3")  # the emergency steps, with their 911 link
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator('a[href="tel:911"]').first).to_be_visible()
    finally:
        visitor.context.set_offline(False)


def test_a_kept_plan_opens_offline_and_offline_edits_are_sent_or_shown_beside_the_newer_text(
    person: Callable[[str], Person],
) -> None:
    parent = person("Robin")
    page = parent.page
    parent.open("/signup")
    sign_up(parent)
    family_path = start_family(parent, "Robin's household")
    family_id = family_path.rsplit("/", 1)[-1]
    wait_for_worker(parent)
    parent.open(family_path)
    keep = page.locator("#keep-offline")
    expect(keep).to_contain_text("This plan is not kept on this phone.")
    page.get_by_role("button", name="Keep my plan on this phone").click()
    expect(keep).to_contain_text("This plan is kept on this phone.")
    check_accessibility(parent, "plan overview, kept offline")
    # The page itself says who is signed in: no extra request to the server on each page.
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/api/v1/me" in request.url else None)
    parent.open(family_path + "/milestones")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    parent.open(family_path)
    expect(keep).to_contain_text("This plan is kept on this phone.")
    assert asked == []

    # 1. With no network the plan opens, and an edit waits on the phone until the network is back.
    parent.context.set_offline(True)
    parent.open(family_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Robin's household")
    parent.open(family_path + "/plan/household")
    page.get_by_label("In our own words").fill("Written at the kitchen table with no signal.")
    save_button(page).click()
    expect(page.locator("#outbox")).to_contain_text("Waiting to send: 1 change(s).")
    parent.context.set_offline(False)
    expect(page.locator("#outbox")).to_contain_text("The changes you made offline are saved.", timeout=SEND_WAIT_MS)
    section = api(parent, "GET", f"/api/v1/families/{family_id}/plan/household")["body"]
    assert section["data"]["our_words"] == "Written at the kitchen table with no signal."
    version = section["version"]

    # 2. Keep the page as it is now, then someone saves a newer version before the offline edit is sent.
    parent.open(family_path + "/plan/household")
    newer = api(parent, "PUT", f"/api/v1/families/{family_id}/plan/household",
                {"version": version, "data": {"our_words": "The caseworker's newer words."}})
    assert newer["status"] == 200, newer
    parent.context.set_offline(True)
    parent.open(family_path + "/plan/household")  # the kept copy, one version behind
    page.get_by_label("In our own words").fill("My offline words.")
    save_button(page).click()
    expect(page.locator("#outbox")).to_contain_text("Waiting to send: 1 change(s).")
    parent.context.set_offline(False)
    outbox = page.locator("#outbox")
    expect(outbox).to_contain_text("Someone else saved a part while you were offline.", timeout=SEND_WAIT_MS)
    outbox.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Someone else saved this part while you were writing")).to_be_visible()
    expect(page.locator("#conflict")).to_contain_text("The caseworker's newer words.")
    check_accessibility(parent, "offline edit conflict")
    expect(page.get_by_label("In our own words")).to_have_value("My offline words.")
    saved = api(parent, "GET", f"/api/v1/families/{family_id}/plan/household")["body"]
    assert saved["data"]["our_words"] == "The caseworker's newer words."  # nothing overwritten silently

    # 3. Signing out clears the kept copy.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    kept = page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('fp-family-'))")
    assert kept == []


def test_a_push_shows_the_neutral_notification_and_opening_it_goes_to_the_reminder(
    person: Callable[[str], Person],
) -> None:
    sam = person("Sam")
    page = sam.page
    sam.context.grant_permissions(["notifications"])
    sam.open("/signup")
    sign_up(sam)
    made = api(sam, "POST", "/api/v1/reminders", {"kind": "own", "title": "Refill the kit", "on_date": "2031-01-06",
                                                  "at_time": "09:00", "timezone": "America/Chicago"})
    assert made["status"] == 201, made
    reminder_id = made["body"]["id"]
    sam.open("/reminders")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders")
    check_accessibility(sam, "reminders")
    wait_for_worker(sam)

    registrations: list[dict[str, Any]] = []
    sam.cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
    sam.cdp.send("ServiceWorker.enable")
    page.wait_for_function("() => true")  # let the registration event arrive
    registration = next(r for r in registrations if r["scopeURL"] == sam.base_url + "/")
    # What `flask reminders send-due` sends when the person did not choose details (see tests/reminders).
    payload = {"title": "Family Plan", "body": "You have a reminder.", "url": f"/reminders/{reminder_id}",
               "tag": reminder_id}
    sam.cdp.send("ServiceWorker.deliverPushMessage", {"origin": sam.base_url,
                 "registrationId": registration["registrationId"], "data": json.dumps(payload)})
    shown = page.evaluate("""async () => {
      const registration = await navigator.serviceWorker.ready;
      for (let i = 0; i < 50; i++) {
        const found = await registration.getNotifications();
        if (found.length) { return found.map((n) => ({title: n.title, body: n.body, data: n.data})); }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    }""")
    assert shown == [{"title": "Family Plan", "body": "You have a reminder.",
                      "data": {"url": f"/reminders/{reminder_id}"}}]

    [worker] = [w for w in sam.context.service_workers if w.url.endswith("/sw.js")]
    worker.evaluate("""async (waitMs) => {
      const [notification] = await self.registration.getNotifications();
      const late = new Promise((resolve, reject) =>
        setTimeout(() => reject(new Error(`opening the notification took over ${waitMs} ms`)), waitMs));
      await Promise.race([self.fpOpenFromNotification(notification), late]);
    }""", WAIT_MS)
    page.wait_for_url(re.compile(f"/reminders/{reminder_id}$"))
    expect(page.get_by_text("Refill the kit")).to_be_visible()
    # A payload cannot send the person to another site.
    assert worker.evaluate("() => [self.fpSafeUrl('https://evil.example/'), self.fpSafeUrl('//evil.example')]") == [
        "/reminders", "/reminders"]


def test_a_caseworker_keeps_todays_visits_for_offline_and_clears_them(person: Callable[[str], Person]) -> None:
    casey = person("Casey")
    page = casey.page
    casey.open("/signup")
    sign_up(casey)
    casey.open("/families/new")
    page.get_by_label("Name for this plan").fill("The Willow family")
    page.get_by_label("I am a caseworker starting a plan with a family. I will give the parent a code.").check()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitation code")  # for the parent, later
    casey.open("/caseload")
    family_path = page.get_by_role("link", name="The Willow family").get_attribute("href") or ""
    assert re.fullmatch(r"/f/[0-9a-f]{32}", family_path), family_path
    today = date.today()
    visit = api(casey, "POST", f"/api/v1/families/{family_path.rsplit('/', 1)[-1]}/checkins",
                {"how_it_went": "A good talk.", "happened_on": (today - timedelta(days=7)).isoformat(),
                 "next_on": today.isoformat()})
    assert visit["status"] == 201, visit
    wait_for_worker(casey)

    casey.open("/caseload")
    box = page.locator("#keep-today")
    expect(page.get_by_role("heading", name="Today's visits")).to_be_visible()
    expect(box).to_contain_text("Today's families are not kept on this phone.")
    box.get_by_role("button", name="Keep for offline").click()
    expect(box).to_contain_text("Today's families are kept on this phone.")
    check_accessibility(casey, "caseload, today's visits kept")

    casey.cdp.send("Network.clearBrowserCache")
    casey.context.set_offline(True)
    try:
        casey.open(family_path)
        expect(page.get_by_role("heading", level=1)).to_have_text("The Willow family")
        casey.open(family_path + "/plan/naloxone")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    finally:
        casey.context.set_offline(False)

    casey.open("/caseload")
    box.get_by_role("button", name="Clear it from this phone").click()
    expect(box).to_contain_text("Today's families are not kept on this phone.")
    kept = page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('fp-family-'))")
    assert kept == []

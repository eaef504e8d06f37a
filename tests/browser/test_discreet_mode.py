"""Discreet mode as Chromium sees it: the manifest it parses, the icons it fetches, and the pages a parent reads."""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harm.reminders.sender import PUSH_PAYLOAD_BYTES, padded
from tests.browser.conftest import REPO_ROOT, LiveServer, Person
from tests.browser.test_journey import check_accessibility, expect, sign_up, snap, start_family
from tests.browser.test_offline_and_push import WAIT_MS, wait_for_worker

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
STATIC = REPO_ROOT / "harm" / "static"
CALENDAR_ICONS = "/static/icons/discreet/calendar/"
GIVEAWAYS = ("Family Plan", "Overdose")
# The neutral name as the shipped catalogues translate it.
CALENDAR = {"en": "Calendar", "es": "Calendario", "ar": "التقويم"}


def choose_name(someone: Person, label: str) -> None:
    someone.open("/device/name")
    someone.page.get_by_label(label, exact=True).check()
    someone.page.get_by_role("button", name="Save for this phone").click()
    expect(someone.page.locator(".flash")).to_contain_text(label)


def parsed_manifest(someone: Person) -> dict[str, Any]:
    """What Chromium itself fetched and parsed from the page's manifest link: what an install would use.

    Its parsed form has no short name: that comes from the text Chromium fetched (with its cookies, or none).
    """
    answer = someone.cdp.send("Page.getAppManifest")
    assert answer["errors"] == [], answer["errors"]
    return {**answer["manifest"], "shortName": json.loads(answer["data"])["short_name"]}


def fetched(someone: Person, url: str) -> bytes:
    response = someone.context.request.get(url)
    assert response.ok, url
    return bytes(response.body())


def static_file(url_path: str) -> bytes:
    return (STATIC / url_path.removeprefix("/static/")).read_bytes()


def assert_installs_as_calendar(someone: Person) -> None:
    manifest = parsed_manifest(someone)
    assert (manifest["name"], manifest["shortName"]) == ("Calendar", "Calendar")
    assert "Family Plan" not in json.dumps(manifest)
    icons = [icon["url"].removeprefix(someone.base_url) for icon in manifest["icons"]]
    assert icons and all(icon.startswith(CALENDAR_ICONS) for icon in icons), icons
    for icon in icons:
        body = fetched(someone, someone.base_url + icon)
        assert body == static_file(icon)
        assert body != static_file(icon.replace("/calendar/", "/default/"))
    # Safari's home-screen icon and the tab's icon follow the choice too.
    page = someone.page
    for selector in ('link[rel="apple-touch-icon"]', 'link[rel="icon"]'):
        href = page.locator(selector).get_attribute("href") or ""
        assert href.startswith(CALENDAR_ICONS), (selector, href)
        fetched(someone, someone.base_url + href)
    assert page.locator('meta[name="apple-mobile-web-app-title"]').get_attribute("content") == "Calendar"


def assert_reads_as_calendar(someone: Person, whole_page: bool = True) -> None:
    """The title, header and footer never give the app away; on home and lock screens, nothing on the page does.

    Inside a plan, the plan's own words (a section's title) are the parent's to read and stay.
    """
    page = someone.page
    assert page.title() == "Calendar"
    expect(page.locator("header.top .brand")).to_have_text("Calendar")
    parts = ["body"] if whole_page else ["header.top", "footer", ".quick-exit-bar"]
    text = "\n".join(page.locator(part).inner_text() for part in parts)
    for word in GIVEAWAYS:
        assert word not in text, (someone.path(), word)
    assert page.locator(".emergency").count() == 0  # no big red banner
    # Help with an overdose stays one tap away, behind a plain label.
    expect(page.get_by_role("link", name="Help now")).to_have_attribute("href", "/help/overdose")


def go_idle(server: LiveServer) -> None:
    """Move every session's last use far back, as if the phone sat unused: the next page is the lock screen."""
    with sqlite3.connect(Path(server.log).parent / "app.sqlite") as database:
        database.execute("UPDATE account_session SET active_at = '2000-01-01 00:00:00.000000'")


def test_the_installed_app_takes_the_neutral_name_and_icon_even_signed_out(
    person: Callable[[str], Person], live_server: LiveServer
) -> None:
    plain = person("Plain")
    plain.page.set_viewport_size(SMALL_PHONE)
    plain.open("/")
    assert parsed_manifest(plain)["name"] == "Family Plan"  # the app's own name where nothing was chosen

    dana = person("Dana")
    page = dana.page
    page.set_viewport_size(SMALL_PHONE)
    choose_name(dana, "Calendar")
    dana.open("/")
    assert_installs_as_calendar(dana)
    assert_reads_as_calendar(dana)

    dana.open("/signup")
    sign_up(dana)
    family = start_family(dana, "Dana's family")
    for path in ("/", family, f"{family}/plan/naloxone"):
        dana.open(path)
        assert_installs_as_calendar(dana)
        assert_reads_as_calendar(dana, whole_page=path == "/")
    page.get_by_role("link", name="Help now").click()
    page.wait_for_url("**/help/overdose")
    expect(page.get_by_role("link", name="Call 911")).to_be_visible()

    go_idle(live_server)
    dana.open(family)
    page.wait_for_url(re.compile(r"/unlock"))
    assert_installs_as_calendar(dana)
    assert_reads_as_calendar(dana)

    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_load_state()
    dana.open("/")
    assert_installs_as_calendar(dana)  # a shared phone: nobody signed in, still the neutral app
    assert_reads_as_calendar(dana)


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_screens_in_discreet_mode(person: Callable[[str], Person], live_server: LiveServer, artifacts: Path,
                                  lang: str) -> None:
    dana = person("Dana")
    page = dana.page
    page.set_viewport_size(SMALL_PHONE)
    choose_name(dana, "Calendar")
    dana.open("/signup")
    sign_up(dana)
    family = start_family(dana, "Dana's family")
    dana.open(f"/language?to={lang}&next=/")
    wait_for_worker(dana)
    for name, path in (("home", "/"), ("plan", f"{family}/plan/naloxone"), ("device-name", "/device/name")):
        dana.open(path)
        assert page.title() == CALENDAR[lang]
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], name
        check_accessibility(dana, f"discreet {name}")
        snap(dana, artifacts, f"discreet-{name}-{lang}.png")
    go_idle(live_server)
    dana.open(family)
    page.wait_for_url(re.compile(r"/unlock"))
    assert page.title() == CALENDAR[lang] and page.locator(".emergency").count() == 0
    check_accessibility(dana, "discreet lock screen")
    snap(dana, artifacts, f"discreet-lock-{lang}.png")


def test_a_padded_push_shows_only_the_neutral_notification(person: Callable[[str], Person]) -> None:
    dana = person("Dana")
    dana.context.grant_permissions(["notifications"])
    choose_name(dana, "Notes")
    dana.open("/signup")
    sign_up(dana)
    dana.open("/reminders")
    wait_for_worker(dana)
    registrations: list[dict[str, Any]] = []
    dana.cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
    dana.cdp.send("ServiceWorker.enable")
    dana.page.wait_for_function("() => true")  # let the registration event arrive
    registration = next(r for r in registrations if r["scopeURL"] == dana.base_url + "/")
    # What `flask reminders send-due` sends a device named Notes: padded with spaces to the one fixed size.
    icon = "/static/icons/discreet/notes/icon-192.png"
    payload = padded({"title": "Notes", "body": "You have a reminder.", "url": "/reminders", "tag": "r1",
                      "icon": icon, "badge": icon})
    assert len(payload.encode()) == PUSH_PAYLOAD_BYTES
    dana.cdp.send("ServiceWorker.deliverPushMessage", {"origin": dana.base_url,
                  "registrationId": registration["registrationId"], "data": payload})
    shown = dana.page.evaluate("""async (waitMs) => {
      const registration = await navigator.serviceWorker.ready;
      for (let waited = 0; waited < waitMs; waited += 100) {
        const found = await registration.getNotifications();
        if (found.length) { return found.map((n) => ({title: n.title, body: n.body, icon: n.icon, badge: n.badge})); }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    }""", WAIT_MS)
    assert shown == [{"title": "Notes", "body": "You have a reminder.", "icon": dana.base_url + icon,
                      "badge": dana.base_url + icon}]

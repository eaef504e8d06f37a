"""After one visit to any page, every emergency address, and every page the steps link to, opens with no network."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from harm.emergency.steps import STEP_COUNT
from tests.browser.conftest import Person
from tests.browser.test_family_hands import SMALL_PHONE
from tests.browser.test_journey import expect
from tests.browser.test_offline_and_push import wait_for_worker

pytestmark = pytest.mark.browser

# Links that need the server by their nature (a language cookie, signing in, the neutral site).
NEEDS_THE_SERVER = re.compile(r"^/(language|leave|signin|signup|device|account|manifest\.webmanifest|static/)")
LINKS = """() => Array.from(document.querySelectorAll("main a[href], header a[href]"))
  .map((a) => a.getAttribute("href")).filter((href) => href.startsWith("/"))"""
PUBLIC_PAGES_IN = """async (lang) => {
  for (let i = 0; i < 100; i++) {
    const names = await caches.keys();
    for (const name of names.filter((n) => n.startsWith("fp-public-"))) {
      const marker = await (await caches.open(name)).match("/sw-public-pages-language");
      if (marker && (await marker.text()) === lang) { return true; }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


def open_offline(page: Any, base_url: str, path: str) -> None:
    answer = page.goto(base_url + path)
    assert answer is not None and answer.ok, f"{path} did not open offline"
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_emergency_address_opens_offline_after_one_visit(person: Callable[[str], Person], lang: str) -> None:
    visitor = person("Visitor")
    page = visitor.page
    page.set_viewport_size(SMALL_PHONE)
    visitor.open(f"/language?to={lang}&next=/signin")  # one page, not itself an emergency page
    expect(page.locator("html")).to_have_attribute("lang", lang)
    wait_for_worker(visitor)
    assert page.evaluate(PUBLIC_PAGES_IN, lang), f"the offline pages were not kept in {lang}"
    visitor.cdp.send("Network.clearBrowserCache")  # only the worker may answer
    visitor.context.set_offline(True)
    try:
        to_open = ["/emergency", *(f"/emergency/{number}" for number in range(1, STEP_COUNT + 1))]
        opened: set[str] = set()
        while to_open:
            path = to_open.pop()
            if path in opened:
                continue
            open_offline(page, visitor.base_url, path)
            opened.add(path)
            assert page.evaluate("document.documentElement.lang") == lang, path
            if path.startswith("/emergency"):
                expect(page.locator('a[href="tel:911"]').first).to_be_visible()
                links = [href.split("#")[0] for href in page.evaluate(LINKS)]
                to_open.extend(href for href in links if href and not NEEDS_THE_SERVER.match(href.split("?")[0]))
        assert "/help/overdose" in opened and f"/emergency/{STEP_COUNT}" in opened
    finally:
        visitor.context.set_offline(False)
